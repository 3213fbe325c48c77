/** The running-index benchmark's figures as lines and JSON, checked against the households
 *  targets, and the clusterings as CSV. */
import fs from 'node:fs';
import type { PhaseResult } from './readback';
import type { IndexLinkageResult } from './run';

/** Targets of the running index on the households data, after the full re-link. */
export const INDEX_TARGETS = { precision: 0.995, f1: 0.98, siblingMerges: 0 } as const;

export interface TargetCheck {
  name: string;
  value: number;
  target: string;
  pass: boolean;
}

/** The households targets, checked on the figures after the re-link. */
export function checkTargets(r: Pick<IndexLinkageResult, 'relinked'>): TargetCheck[] {
  const s = r.relinked;
  return [
    {
      name: 'precision',
      value: s.precision,
      target: `≥ ${INDEX_TARGETS.precision}`,
      pass: s.precision >= INDEX_TARGETS.precision,
    },
    { name: 'F1', value: s.f1, target: `≥ ${INDEX_TARGETS.f1}`, pass: s.f1 >= INDEX_TARGETS.f1 },
    {
      name: 'sibling merges',
      value: s.siblingMerges,
      target: `= ${INDEX_TARGETS.siblingMerges}`,
      pass: s.siblingMerges === INDEX_TARGETS.siblingMerges,
    },
  ];
}

const trained = (p: PhaseResult) =>
  p.modelTrainedOn === null
    ? 'prior weights: no model trained yet'
    : `model trained on ${p.modelTrainedOn} records`;

/** The result as printed lines: one row per phase, then the targets when `withTargets`. */
export function formatIndexLinkage(r: IndexLinkageResult, withTargets: boolean): string[] {
  const head =
    'phase           records  precision  recall   F1      children (true)  sibling merges  largest  mixed  unlinked  review  seconds';
  const row = (label: string, s: PhaseResult, seconds: number) =>
    `${label.padEnd(15)} ${String(s.records).padStart(7)}  ${s.precision.toFixed(4).padStart(9)}  ${s.recall.toFixed(4)}  ${s.f1.toFixed(4)}  ${`${s.children} (${s.trueChildren})`.padStart(15)}  ${String(s.siblingMerges).padStart(14)}  ${String(s.largestCluster).padStart(7)}  ${String(s.mixedClusters).padStart(5)}  ${String(s.unlinked + s.notInIndex).padStart(8)}  ${String(s.pendingReviewPairs).padStart(6)}  ${seconds.toFixed(1).padStart(7)}`;
  const lines = [
    `running index, ${r.dataset}: ${r.records} records through the agencies' ${r.via === 'bulk' ? 'bulk ingest (npm run ingest)' : 'batch upserts (gateway)'}: ` +
      `${Object.entries(r.byAgency)
        .map(([a, n]) => `${a} ${n!.sent}`)
        .join(', ')}; ${r.rejected} rejected by validation`,
    head,
    row('incremental', r.incremental, r.seconds.feedPull),
    row('after re-link', r.relinked, r.seconds.relinkCommand),
    `  incremental = the feed pull linking record by record (${trained(r.incremental)}); ` +
      `after re-link = npm run link -- --all (${trained(r.relinked)}): ${r.relinkSummary}`,
  ];
  if (withTargets) {
    const checks = checkTargets(r);
    lines.push(
      `  targets after re-link: ${checks
        .map(
          (c) =>
            `${c.name} ${c.name === 'sibling merges' ? c.value : c.value.toFixed(4)} ${c.target} ${c.pass ? 'PASS' : 'FAIL'}`,
        )
        .join('; ')}`,
    );
  }
  for (const n of r.notes) lines.push(`  note: ${n}`);
  return lines;
}

/** The result as JSON (without the clusterings). */
export function resultJson(r: IndexLinkageResult, withTargets: boolean): Record<string, unknown> {
  const { clusters: _c, ...rest } = r;
  return withTargets
    ? { ...rest, targets: INDEX_TARGETS, checks: checkTargets(r), pass: checkTargets(r).every((c) => c.pass) }
    : rest;
}

/** A clustering as record_id,cluster_id CSV. */
export function writeClusters(file: string, clusters: Map<string, string>): void {
  fs.writeFileSync(
    file,
    `record_id,cluster_id\n${[...clusters].map(([id, c]) => `${id},${c}`).join('\n')}\n`,
  );
}
