/** Reading the running index's links back and scoring them against the truth (one phase). */
import { schemaOf } from '@wholechild/shared';
import { scoreLinkage, siblingMergePairs, type LinkageScore } from '@wholechild/linkage';
import type { Pool } from 'pg';
import type { LinkageDataset } from './data';

export interface PhaseResult extends LinkageScore {
  /** Records the index holds no AUTO/CONFIRMED link for (scored as children of their own). */
  unlinked: number;
  /** Records accepted by the agency but absent from the index. */
  notInIndex: number;
  /** Review pairs pending in the index. */
  pendingReviewPairs: number;
  /** Records the stored match model was trained on (null: the prior weights, never trained). */
  modelTrainedOn: number | null;
  /** Rows of the index's child table (children without any record included). */
  childRows: number;
  siblingMergeExamples: Array<{ a: string; b: string; cluster: string }>;
}

const INDEX = schemaOf('child-index');

/** The scores of the links the index holds now (AUTO and CONFIRMED only; a record without one
 *  is a child of its own), with the review queue, model and child-table figures beside them. */
export async function readPhase(
  pool: Pool,
  ds: LinkageDataset,
  rejected: Set<string>,
  examples: number,
): Promise<{ phase: PhaseResult; clusters: Map<string, string> }> {
  const { rows } = await pool.query<{
    agency: string;
    source_system: string;
    external_id: string;
    child_id: string | null;
    status: string;
  }>(`SELECT agency, source_system, external_id, child_id, status FROM ${INDEX}.agency_record`);
  const key = (agency: string, source: string, ext: string) => `${agency}\u0000${source}\u0000${ext}`;
  const link = new Map(rows.map((r) => [key(r.agency, r.source_system, r.external_id), r]));
  const clusters = new Map<string, string>();
  let unlinked = 0;
  let notInIndex = 0;
  for (const r of ds.records) {
    const row = link.get(key(r.agency, r.sourceSystem, r.recordId));
    if (row && row.child_id && (row.status === 'AUTO' || row.status === 'CONFIRMED')) {
      clusters.set(r.recordId, row.child_id);
      continue;
    }
    clusters.set(r.recordId, `alone:${r.recordId}`);
    if (rejected.has(r.recordId)) continue;
    if (!row) notInIndex++;
    else unlinked++;
  }
  const truth = (id: string) => {
    const p = ds.truth.get(id);
    if (p === undefined) throw new Error(`record ${id} has no truth`);
    return p;
  };
  const scored = ds.records.map((r) => ({
    id: r.recordId,
    familyName: r.familyName,
    addressLine: r.addressLine,
  }));
  const score = scoreLinkage(scored, clusters, truth);
  const [review] = (
    await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${INDEX}.review_pair WHERE status = 'PENDING'`,
    )
  ).rows;
  const [model] = (
    await pool.query<{ records: number }>(`SELECT records FROM ${INDEX}.match_model WHERE id = 1`)
  ).rows;
  const [children] = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${INDEX}.child`)).rows;
  return {
    phase: {
      ...score,
      unlinked,
      notInIndex,
      pendingReviewPairs: review?.n ?? 0,
      modelTrainedOn: model ? Number(model.records) : null,
      childRows: children?.n ?? 0,
      siblingMergeExamples: siblingMergePairs(scored, clusters, truth, examples),
    },
    clusters,
  };
}
