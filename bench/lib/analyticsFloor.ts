import {
  AGENCIES,
  AGENCY_SUBGRAPH,
  protectionOf,
  schemaOf,
  type AgencyCode,
  type AgencySubgraphSpec,
} from '@wholechild/shared';
import { getMetadataArgsStorage } from 'typeorm';

/** An agency's SQL with its tables named by schema (the floor reads every agency in one query). */
const qualified = (sql: string, schema: string) =>
  sql.replace(/\b(FROM|JOIN)\s+([a-z_]+)\b/g, (_, kw: string, table: string) => `${kw} ${schema}.${table}`);

const tableOf = (entity: unknown) =>
  getMetadataArgsStorage().tables.find((t) => t.target === entity)?.name as string;

/**
 * The floor of the population measures: children by the combination of systems that knew them in a
 * period, in ONE SQL statement over the agencies' own tables and the index's links, with the same
 * rules as the platform (each agency's contributed facts, its protected records per its policy, a
 * record not linked AUTO or CONFIRMED a child of its own), but none of the platform's work: no
 * agency door, no pseudonyms, no disclosure control, no gateway. True counts: for tests and
 * benchmarks only, never to publish.
 */
export function crossoverFloorSql(specs: Record<AgencyCode, AgencySubgraphSpec>): string {
  const facts: string[] = [];
  for (const agency of AGENCIES) {
    const spec = specs[agency];
    const use = spec.policy?.aggregates;
    if (!use) continue;
    const schema = schemaOf(AGENCY_SUBGRAPH[agency]);
    const p = protectionOf(spec);
    const protectedSql =
      [p.existenceProtectedSql, p.leavesSql ? `NOT (${p.leavesSql})` : undefined]
        .filter(Boolean)
        .join(' OR ') || 'false';
    const person = `${schema}.${tableOf(spec.person.entity)}`;
    for (const code of use.contributes)
      facts.push(
        `SELECT '${agency}'::text AS agency, x.person_id, x.start_date AS s, x.end_date AS e
           FROM (${qualified(spec.aggregateFacts![code]!, schema)}) x
           ${use.protectedRecords.include ? '' : `JOIN ${person} p ON p.id = x.person_id WHERE NOT (${protectedSql})`}`,
      );
  }
  return `
    WITH f AS (${facts.join(' UNION ALL ')}),
    known AS (
      SELECT DISTINCT f.agency, coalesce('child:' || l.child_id::text, f.agency || ':' || f.person_id::text) AS child
        FROM f LEFT JOIN child_index.agency_record l
          ON l.agency = f.agency AND l.record_id = f.person_id AND l.status IN ('AUTO', 'CONFIRMED')
       WHERE f.s <= $2::date AND coalesce(f.e, current_date) >= $1::date)
    SELECT systems, count(*)::int AS n FROM (
      SELECT child, string_agg(agency, '+' ORDER BY array_position(ARRAY['${AGENCIES.join("','")}'], agency)) AS systems
        FROM known GROUP BY child) c
     GROUP BY systems ORDER BY systems`;
}
