import type { Pool } from 'pg';

/** The hot statements of one cross-system view, as the subgraphs send them, for EXPLAIN. */
export function hotQueries(
  childId: string,
): Array<{ name: string; sql: string; params: (ids: Record<string, string[]>) => unknown[] }> {
  return [
    {
      name: 'index: a child’s links (child-index, per view)',
      sql: `SELECT agency, record_id, status, match_score FROM child_index.agency_record WHERE child_id = ANY($1::uuid[])`,
      params: () => [[childId]],
    },
    {
      name: 'section records by person (one branch of each agency’s one UNION ALL of its section lists: DataLoader)',
      sql: `SELECT * FROM child_welfare.placement WHERE person_id IN (SELECT unnest($1::uuid[])) ORDER BY created_at`,
      params: (ids) => [ids.CHILD_WELFARE ?? []],
    },
    {
      name: 'active consents of the linked records (every agency, per view)',
      sql: `SELECT * FROM child_welfare.consent WHERE person_id = ANY($1::uuid[]) AND status = 'ACTIVE'`,
      params: (ids) => [ids.CHILD_WELFARE ?? []],
    },
    {
      name: 'audit chain head (inside audit_append, under the chain lock)',
      sql: `SELECT hash FROM child_welfare.audit_event ORDER BY id DESC LIMIT 1`,
      params: () => [],
    },
  ];
}

/** EXPLAIN (ANALYZE, BUFFERS) of each hot statement for one child, as text. */
export async function explainHot(pool: Pool, childId: string): Promise<string> {
  const links = await pool.query<{ agency: string; record_id: string }>(
    `SELECT agency, record_id FROM child_index.agency_record WHERE child_id = $1`,
    [childId],
  );
  const ids: Record<string, string[]> = {};
  for (const l of links.rows) (ids[l.agency] ??= []).push(l.record_id);
  const out: string[] = [];
  for (const q of hotQueries(childId)) {
    const { rows } = await pool.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${q.sql}`,
      q.params(ids),
    );
    out.push(`-- ${q.name}\n${q.sql}\n${rows.map((r) => `  ${r['QUERY PLAN']}`).join('\n')}`);
  }
  return out.join('\n\n');
}
