import type { PoolClient } from 'pg';
import { STAGING, type KindPlan } from './bulkStaging';

/** Rows a kind's merge wrote new, changed, and found identical (left untouched). */
export interface MergeCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Writes the staged lines of a kind. The keys not in the table yet go in with one plain
 * `INSERT … SELECT` (each line carries the id it gets); then the keys that were there are updated
 * where they differ, the last line of a repeated key winning. Identical re-sends are left untouched,
 * so they keep their change_seq and the feed does not carry them again. A new key the file repeats,
 * or one another writer added meanwhile, fails that INSERT (unique key): it is undone and the kind
 * goes through one `INSERT … ON CONFLICT … DO UPDATE` of each key's last line instead.
 */
export async function mergeKind(client: PoolClient, plan: KindPlan): Promise<MergeCounts> {
  const table = plan.meta.tablePath;
  const joins = plan.parents
    .map(
      (p, i) =>
        `LEFT JOIN ${p.table} p${i} ON p${i}.source_system = s.src AND p${i}.external_id = s.${p.slot}`,
    )
    .join('\n');
  const values = [
    ...plan.columns.map((c) => `${c.expr} AS ${c.name}`),
    ...plan.parents.map((p, i) => `p${i}.id AS ${p.column}`),
  ];
  const columns = [...plan.columns.map((c) => c.name), ...plan.parents.map((p) => p.column)];
  const updates = columns.filter((c) => c !== 'source_system' && c !== 'external_id');
  const differs = (a: string, b: string) =>
    `(${updates.map((c) => `${a}.${c}`).join(', ')}) IS DISTINCT FROM (${updates.map((c) => `${b}.${c}`).join(', ')})`;

  await client.query('SAVEPOINT bulk_merge');
  let created: number;
  try {
    const res = await client.query(
      `INSERT INTO ${table} (id, ${columns.join(', ')})
       SELECT s.id, ${values.join(', ')} FROM ${STAGING} s ${joins}
        WHERE s.kind = $1
          AND NOT EXISTS (SELECT 1 FROM ${table} x WHERE x.source_system = s.src AND x.external_id = s.ext)`,
      [plan.index],
    );
    created = res.rowCount ?? 0;
    await client.query('RELEASE SAVEPOINT bulk_merge');
  } catch (e) {
    if ((e as { code?: string }).code !== '23505') throw e;
    await client.query('ROLLBACK TO SAVEPOINT bulk_merge');
    await client.query('RELEASE SAVEPOINT bulk_merge');
    return upsertKind(client, plan, table, joins, values, columns, updates, differs);
  }
  if (created === plan.staged) return { created, updated: 0, unchanged: 0 };
  // The keys that were there before (a line whose id is not the row's was not inserted above).
  const { rows } = await client.query<{ matched: number; updated: number }>(
    `WITH src AS (
       SELECT DISTINCT ON (s.src, s.ext) x.id AS row_id, ${values.join(', ')}
         FROM ${STAGING} s JOIN ${table} x ON x.source_system = s.src AND x.external_id = s.ext ${joins}
        WHERE s.kind = $1 AND x.id <> s.id
        ORDER BY s.src, s.ext, s.line DESC),
     upd AS (
       UPDATE ${table} t SET ${updates.map((c) => `${c} = src.${c}`).join(', ')}
         FROM src WHERE t.id = src.row_id AND ${differs('t', 'src')}
       RETURNING 1)
     SELECT (SELECT count(*) FROM src)::int AS matched, (SELECT count(*) FROM upd)::int AS updated`,
    [plan.index],
  );
  const { matched, updated } = rows[0]!;
  return { created, updated, unchanged: matched - updated };
}

/** The general merge: each key's last line, inserted or updated where it differs. */
async function upsertKind(
  client: PoolClient,
  plan: KindPlan,
  table: string,
  joins: string,
  values: string[],
  columns: string[],
  updates: string[],
  differs: (a: string, b: string) => string,
): Promise<MergeCounts> {
  const { rows } = await client.query<{ keys: number; created: number; written: number }>(
    `WITH last AS (
       SELECT DISTINCT ON (src, ext) * FROM ${STAGING} WHERE kind = $1 ORDER BY src, ext, line DESC),
     ins AS (
       INSERT INTO ${table} AS t (id, ${columns.join(', ')})
       SELECT s.id, ${values.join(', ')} FROM last s ${joins}
       ON CONFLICT (source_system, external_id) DO UPDATE SET ${updates.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
         WHERE ${differs('t', 'EXCLUDED')}
       RETURNING (xmax = 0) AS created)
     SELECT (SELECT count(*) FROM last)::int AS keys, (SELECT count(*) FILTER (WHERE created) FROM ins)::int AS created,
            (SELECT count(*) FROM ins)::int AS written`,
    [plan.index],
  );
  const { keys, created, written } = rows[0]!;
  return { created, updated: written - created, unchanged: keys - written };
}
