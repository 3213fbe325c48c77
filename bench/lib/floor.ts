import { AGENCIES, AGENCY_SUBGRAPH, schemaOf, type AgencyCode } from '@wholechild/shared';
import type { Pool } from 'pg';

/** Tables a child's section reads in each agency schema: the person table (by id) and every
 *  record table pointing at it (by person_id). Audit and consent tables are not part of the view. */
export async function sectionTables(
  pool: Pool,
): Promise<Record<AgencyCode, { person: string; byPerson: string[] }>> {
  const out = {} as Record<AgencyCode, { person: string; byPerson: string[] }>;
  for (const agency of AGENCIES) {
    const schema = schemaOf(AGENCY_SUBGRAPH[agency]);
    const { rows } = await pool.query<{ table_name: string; cols: string[] }>(
      `SELECT table_name, array_agg(column_name::text) AS cols FROM information_schema.columns
        WHERE table_schema = $1 GROUP BY table_name`,
      [schema],
    );
    const isRecord = (r: { table_name: string; cols: string[] }) =>
      r.cols.includes('external_id') && !/consent|audit/.test(r.table_name);
    const person = rows.find(
      (r) => isRecord(r) && r.cols.includes('given_name') && r.cols.includes('birth_date'),
    );
    if (!person) throw new Error(`no person table in ${schema}`);
    out[agency] = {
      person: `${schema}.${person.table_name}`,
      byPerson: rows
        .filter((r) => isRecord(r) && r.cols.includes('person_id'))
        .map((r) => `${schema}.${r.table_name}`)
        .sort(),
    };
  }
  return out;
}

/** The floor of the cross-system view: the same rows read with plain SQL, no GraphQL, no policy,
 *  no audit. The index first (the child and its links), then every agency at once, as the
 *  gateway's plan does. Returns the number of rows read. */
export async function readChildDirect(
  pool: Pool,
  tables: Record<AgencyCode, { person: string; byPerson: string[] }>,
  childId: string,
): Promise<number> {
  const [child, links] = await Promise.all([
    pool.query('SELECT * FROM child_index.child WHERE id = $1', [childId]),
    pool.query(
      `SELECT agency, record_id, status, match_score FROM child_index.agency_record
        WHERE child_id = $1 AND status IN ('AUTO', 'CONFIRMED')`,
      [childId],
    ),
  ]);
  let rows = child.rowCount! + links.rowCount!;
  const counts = await Promise.all(
    AGENCIES.map(async (agency) => {
      const ids = links.rows.filter((l) => l.agency === agency).map((l) => l.record_id as string);
      if (!ids.length) return 0;
      const t = tables[agency];
      // One statement per table, all at once, like a subgraph's DataLoaders in one tick.
      const results = await Promise.all([
        pool.query(`SELECT * FROM ${t.person} WHERE id = ANY($1::uuid[])`, [ids]),
        ...t.byPerson.map((table) =>
          pool.query(`SELECT * FROM ${table} WHERE person_id = ANY($1::uuid[])`, [ids]),
        ),
      ]);
      return results.reduce((n, r) => n + r.rowCount!, 0);
    }),
  );
  rows += counts.reduce((a, b) => a + b, 0);
  return rows;
}
