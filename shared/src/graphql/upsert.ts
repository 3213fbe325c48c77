import type { DataSource } from 'typeorm';
import type { AgencyCode } from '../agencies';
import { assertMay } from '../access/permissions';
import { type RecordKind, upsertRecords } from '../db/upsert';
import { errorCodes } from '../errors';
import type { SubgraphContext } from './subgraphService';

/** Largest batch one upsert call accepts. @default 1000 */
export const MAX_UPSERT_BATCH = 1000;

/** Only the holding agency's own integration accounts and data stewards write its records
 *  (PERMISSIONS.WRITE_RECORDS). */
export function assertWriter(ctx: SubgraphContext<unknown>, holder: AgencyCode): void {
  assertMay(ctx.viewer, 'WRITE_RECORDS', { holder });
}

/** Batch upsert: accepted rows are stored, rejected rows listed with their field errors. */
export async function batchUpsert(
  ctx: SubgraphContext<unknown>,
  ds: DataSource,
  holder: AgencyCode,
  kind: RecordKind,
  rows: Array<Record<string, unknown>>,
) {
  assertWriter(ctx, holder);
  if (rows.length > MAX_UPSERT_BATCH) {
    throw errorCodes.BAD_USER_INPUT.err(`A batch holds at most ${MAX_UPSERT_BATCH} rows`, {
      errors: [
        { field: 'records', code: 'OUT_OF_RANGE', reason: `at most ${MAX_UPSERT_BATCH} rows per call` },
      ],
    });
  }
  const results = await upsertRecords(
    ds,
    kind,
    rows.map((r) => ({ ...r })),
  );
  const accepted = results.filter((r) => r.errors.length === 0).length;
  return { accepted, rejected: results.length - accepted, rows: results };
}

/** Single upsert: returns the stored record's id, or a BAD_USER_INPUT error listing every field
 *  problem (and nothing written). */
export async function singleUpsert(
  ctx: SubgraphContext<unknown>,
  ds: DataSource,
  holder: AgencyCode,
  kind: RecordKind,
  row: Record<string, unknown>,
) {
  assertWriter(ctx, holder);
  const [result] = await upsertRecords(ds, kind, [{ ...row }]);
  if (!result || result.errors.length) {
    const errors = result?.errors ?? [];
    const first = errors[0];
    throw errorCodes.BAD_USER_INPUT.err(
      `Invalid ${kind.name}: ${errors.map((e) => `${e.field} ${e.reason}`).join('; ')}`,
      {
        field: first?.field,
        reason: first?.reason,
        errors,
      },
    );
  }
  return { id: result.id!, created: result.created! };
}
