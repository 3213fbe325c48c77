import type { Pool } from 'pg';
import type { County } from '@wholechild/shared';

/** "Given Family" of every person record of the county (as the agencies hold them). */
export const namesOf = (county: County) =>
  Object.values(county.records).flatMap((list) =>
    list.filter((r) => r.givenName && r.familyName).map((r) => `${r.givenName} ${r.familyName}`),
  );

/** One published cell as the tests read it. */
export interface Cell {
  group: Array<string | null>;
  children: number | null;
  suppressed: 'PRIMARY' | 'COMPLEMENTARY' | null;
  total: number | null;
  ratePer1000: { value: number; low: number | null; high: number | null } | null;
}

const TABLE = `measure childrenMeans totalMeans period { from to } dimensions
  cells { group children suppressed total ratePer1000 { value low high } }
  disclosure { threshold roundingBase method }
  sources { agency contributes protectedRecordsCounted asOf available } populationSource`;

export const CROSSOVER = `query($period: AnalyticsPeriodInput!, $systems: [Agency!], $by: [AnalyticsDimension!]) {
  crossover(period: $period, systems: $systems, by: $by) { ${TABLE} } }`;

export const MEASURE = `query($measure: PopulationMeasure!, $period: AnalyticsPeriodInput!, $by: [AnalyticsDimension!],
  $systems: [Agency!], $knownTo: [Agency!], $notKnownTo: [Agency!], $interval: PeriodInterval) {
  populationMeasure(measure: $measure, period: $period, by: $by, systems: $systems, knownTo: $knownTo,
    notKnownTo: $notKnownTo, interval: $interval) { ${TABLE} } }`;

const ESTIMATE = '{ value low high }';
export const DISPROPORTIONALITY = `query($system: Agency!, $period: AnalyticsPeriodInput!, $by: AnalyticsDimension,
  $referenceGroup: String!, $knownTo: [Agency!]) {
  disproportionality(system: $system, period: $period, by: $by, referenceGroup: $referenceGroup, knownTo: $knownTo) {
    system period { from to } dimension referenceGroup knownTo
    stages { stage rows { group children suppressed population ratePer1000 ${ESTIMATE}
      ratePer100PreviousStage ${ESTIMATE} relativeRateIndex ${ESTIMATE} disparityIndex ${ESTIMATE} notes } }
    disclosure { threshold roundingBase method }
    sources { agency contributes protectedRecordsCounted asOf available } populationSource } }`;

/** Last calendar year, both days included. */
export function lastYear(): { from: string; to: string } {
  const y = new Date().getUTCFullYear() - 1;
  return { from: `${y}-01-01`, to: `${y}-12-31` };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const DATE = /\b\d{4}-\d{2}-\d{2}\b/g;
/** Fields whose text is the caller's own question or the time it was asked, not data. */
const ECHO = new Set(['period', 'asOf']);

/** Every string of `value` but the echoed question and the read times, with its path. */
function strings(value: unknown, path = '', out: Array<[string, string]> = []): Array<[string, string]> {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) if (!ECHO.has(k)) strings(v, `${path}.${k}`, out);
  return out;
}

/**
 * Asserts a response carries nothing child-level: no value equal to an id the index holds (a
 * child's, a record's), no child's name (given and family, as the agencies hold them) and no birth
 * date the index holds. `strict` (aggregates): no UUID and no date at all outside the echoed
 * period and the read times.
 */
export async function assertNoChildLevel(
  body: unknown,
  childNames: Iterable<string>,
  db: Pool,
  opts: { strict: boolean } = { strict: true },
): Promise<void> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id::text FROM child_index.child UNION ALL SELECT record_id::text FROM child_index.agency_record`,
  );
  const ids = new Set(rows.map((r) => r.id));
  const births = new Set(
    (
      await db.query<{ d: string }>(
        `SELECT DISTINCT birth_date::text AS d FROM child_index.agency_record WHERE birth_date IS NOT NULL`,
      )
    ).rows.map((r) => r.d),
  );
  const names = [...childNames].map((n) => n.toUpperCase());
  for (const [path, s] of strings(body)) {
    if (opts.strict) {
      expect({ path, s, uuid: UUID.test(s) }).toEqual({ path, s, uuid: false });
      expect({ path, s, dates: s.match(DATE) }).toEqual({ path, s, dates: null });
    }
    for (const id of s.match(new RegExp(UUID, 'gi')) ?? [])
      expect({ path, id, known: ids.has(id) }).toEqual({ path, id, known: false });
    for (const d of s.match(DATE) ?? [])
      expect({ path, d, birth: births.has(d) }).toEqual({ path, d, birth: false });
    const upper = s.toUpperCase();
    for (const name of names) if (upper.includes(name)) throw new Error(`${path} names a child: ${s}`);
  }
}
