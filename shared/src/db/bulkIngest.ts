import type { Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import type { DataSource, EntityMetadata } from 'typeorm';
import { stageFile } from './bulkCopy';
import { mergeKind } from './bulkMerge';
import { checkParents } from './bulkParents';
import { rejectionList, type BulkIngestReport } from './bulkReport';
import { planStaging, STAGING, writeOrder, type BulkKind } from './bulkStaging';

export { copyText, type BulkKind } from './bulkStaging';
export { MAX_REJECTED_LISTED, type BulkIngestReport, type RejectedLine } from './bulkReport';

/*
 * The bulk load in files of one job each: bulkStaging (the staging table's layout and how a row is
 * encoded into it), bulkLines and bulkCopy (reading the file and COPYing its valid lines),
 * bulkParents (the parent checks), bulkMerge (writing a kind), bulkReport (what is reported).
 */

export interface BulkIngestOptions {
  ds: DataSource;
  /** Every kind the agency accepts; written parents first whatever the order given. */
  kinds: BulkKind[];
  input: Readable;
  /** Called as lines are read (for a progress bar). */
  onProgress?: (lines: number) => void;
}

/**
 * An agency's initial history load: every line of an NDJSON file is one record
 * (`{"kind": "STUDENT", "sourceSystem": …, "externalId": …, …}`, the fields of the agency's upsert
 * input). Each line is validated as the upsert API validates it (shared/src/db/upsert.ts); valid
 * lines are COPYed, as they are read, into a temporary staging table of typed columns, then each
 * kind is merged into the agency's table, parents first: the keys not there yet with one plain
 * `INSERT … SELECT`, the keys already there with one `UPDATE … FROM` of the rows that differ (or,
 * if the file repeats a new key or another writer adds one meanwhile, one
 * `INSERT … ON CONFLICT (source_system, external_id) DO UPDATE`). Lines that fail validation or
 * name an unknown parent are reported with their line numbers and nothing of them is written.
 * One transaction: the load lands whole or not at all. Re-running the same file changes nothing.
 * Each written row gets a new change_seq (the column's default when inserted, the table's trigger
 * when changed; touchOnUpdateMigration), so the agency's person feed carries the new records to the
 * child index.
 */
export async function bulkIngest(opts: BulkIngestOptions): Promise<BulkIngestReport> {
  const t0 = performance.now();
  const kinds = writeOrder(opts.kinds);
  const metas = new Map<BulkKind, EntityMetadata>(kinds.map((k) => [k, opts.ds.getMetadata(k.entity)]));
  const { ddl, plans } = planStaging(kinds, metas);
  const rejected = rejectionList();
  const report: BulkIngestReport = {
    lines: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    byKind: {},
    ms: 0,
    phases: { copyMs: 0, checkMs: 0, mergeMs: 0 },
  };

  const runner = opts.ds.createQueryRunner();
  const client = (await runner.connect()) as PoolClient;
  try {
    await client.query('BEGIN');
    // Sorts and hashes of a whole kind stay in memory; the staging table's joins with the agency
    // tables are hash joins (the planner, misled by the agency tables' statistics from before the
    // load, sorted both sides for merge joins: 134 ms against 49 ms for the parent check of 50,000
    // lines); the staging table's statistics only need the few kinds (a smaller sample).
    await client.query(`SET LOCAL work_mem = '64MB'`);
    await client.query(`SET LOCAL enable_mergejoin = off`);
    await client.query(`SET LOCAL default_statistics_target = 10`);
    await client.query(
      `CREATE TEMP TABLE ${STAGING} (line integer NOT NULL, kind smallint NOT NULL, id uuid NOT NULL, ${ddl}) ON COMMIT DROP`,
    );
    report.lines = await stageFile(client, opts.input, plans, {
      reject: rejected.reject,
      onProgress: opts.onProgress,
    });
    // the merge's joins need to know how many lines each kind has
    await client.query(`ANALYZE ${STAGING} (kind)`);
    report.phases.copyMs = performance.now() - t0;
    for (const plan of plans) {
      if (!plan.staged) continue;
      const t1 = performance.now();
      const bad = await checkParents(client, plan);
      for (const b of bad) rejected.reject(b.line, plan.kind.kindEnum, b.errors);
      plan.staged -= bad.length;
      const t2 = performance.now();
      const merged = plan.staged ? await mergeKind(client, plan) : { created: 0, updated: 0, unchanged: 0 };
      report.phases.checkMs += t2 - t1;
      report.phases.mergeMs += performance.now() - t2;
      report.created += merged.created;
      report.updated += merged.updated;
      report.unchanged += merged.unchanged;
      if (merged.created + merged.updated + merged.unchanged)
        report.byKind[plan.kind.kindEnum] = merged.created + merged.updated + merged.unchanged;
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await runner.release();
  }
  report.rejected = rejected.finish();
  report.ms = performance.now() - t0;
  return report;
}
