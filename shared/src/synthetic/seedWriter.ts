import type { DataSource } from 'typeorm';
import { upsertRecords, type RecordKind } from '../db/upsert';

export type SeedRow = Record<string, unknown>;

/** Kinds written side by side: none of them references another of the same stage. */
export type SeedStage = ReadonlyArray<readonly [RecordKind, SeedRow[]]>;

/** Rows per `upsertRecords` call: the batch limit of the upsert mutations. @default 1000 */
export const SEED_BATCH_ROWS = 1000;

/**
 * The one writer of every agency's synthetic records. Stages are written in order (parents
 * before the records that reference them); the kinds of a stage side by side, each kind's rows in
 * batches of SEED_BATCH_ROWS, in order. One kind's batches never overlap: its table's change
 * sequence then follows the order the seed generated, so a seed writes the same rows with the same
 * sequence numbers every time (batches of one kind in parallel would stamp them in a race).
 *
 * Rows go through the validated upsert path every agency feed uses, so a rejected row is a bug in
 * the generator: it throws, naming the row and why, once the stage's other kinds have finished
 * (nothing is still writing when it returns or throws). Returns the number of rows written.
 */
export async function writeSeed(ds: DataSource, stages: readonly SeedStage[]): Promise<number> {
  let written = 0;
  for (const stage of stages) {
    const settled = await Promise.allSettled(stage.map(([kind, rows]) => writeKind(ds, kind, rows)));
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure) throw failure.reason;
    for (const s of settled) if (s.status === 'fulfilled') written += s.value;
  }
  return written;
}

async function writeKind(ds: DataSource, kind: RecordKind, rows: SeedRow[]): Promise<number> {
  for (let start = 0; start < rows.length; start += SEED_BATCH_ROWS) {
    const batch = rows.slice(start, start + SEED_BATCH_ROWS);
    const bad = (await upsertRecords(ds, kind, batch)).find((r) => r.errors.length);
    if (bad) {
      const row = batch[bad.index]!;
      const why = bad.errors.map((e) => `${e.field} ${e.code} (${e.reason})`).join('; ');
      throw new Error(
        `seed: ${kind.name} ${String(row.sourceSystem)}/${String(row.externalId)} rejected: ${why}`,
      );
    }
  }
  return rows.length;
}
