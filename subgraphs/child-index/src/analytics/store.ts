import { AGENCIES, type AgencyCode } from '@wholechild/shared';
import type { DataSource } from 'typeorm';
import type { AgencyContribution } from './contributions';

/** One fact of a child, from one agency: an event (e = s) or a spell (e null while open). Days
 *  count from 1970-01-01. */
export interface Fact {
  agency: AgencyCode;
  code: string;
  s: number;
  e: number | null;
}

/** What breakdowns read of a child (dimensions.ts turns each into a band or a group). */
interface Demographics {
  race: string | null;
  ethnicity: string | null;
  sex: string | null;
  birthDay: number | null;
  postalCode: string | null;
  language: string | null;
}

/** One child as population measures see it: never a name, an id or a birth date leaves this
 *  object except as a band or a group (dimensions.ts). */
export interface AnalyticChild extends Demographics {
  /** The child's group: `child:<index id>`, or `record:<agency>:<pseudonym>` for a record that
   *  counts as a child of its own; its record key for the cell key method comes from it. */
  group: string;
  /** Holds a record whose existence its agency protects (counted by that agency's leave). */
  protected: boolean;
  facts: Fact[];
}

const LINKED = "status IN ('AUTO', 'CONFIRMED')";

/**
 * Joins the agencies' contributions on the index's links: a record linked (AUTO or CONFIRMED) to
 * a child counts as that child, any other record as a child of its own (a record in review, a
 * survivor's record that never left housing). The pseudonyms are matched by computing the same
 * salted hash over the record ids the index holds, in the database; nothing is stored.
 */
export async function buildChildren(
  ds: DataSource,
  contributions: readonly AgencyContribution[],
  saltOf: (agency: AgencyCode) => string,
): Promise<AnalyticChild[]> {
  const groups = new Map<string, AnalyticChild>();
  const linkedChildren = new Set<string>();
  for (const c of contributions) {
    if (!c.rows.length) continue;
    const records: Array<Record<string, unknown>> = await ds.query(
      `SELECT substr(encode(sha256(convert_to($1 || record_id::text, 'UTF8')), 'hex'), 1, 24) AS k,
              CASE WHEN ${LINKED} THEN child_id END AS child_id,
              race, ethnicity, sex, birth_date - DATE '1970-01-01' AS bd, primary_language, postal_code
         FROM agency_record WHERE agency = $2`,
      [saltOf(c.agency), c.agency],
    );
    const byKey = new Map(records.map((r) => [r.k as string, r]));
    for (const [k, p, code, s, e, by, sex, race, eth] of c.rows) {
      const record = byKey.get(k);
      const childId = (record?.child_id as string | null | undefined) ?? null;
      const group = childId ? `child:${childId}` : `record:${c.agency}:${k}`;
      let child = groups.get(group);
      if (!child) {
        child = {
          group,
          ...(record
            ? demographicsOf(record)
            : {
                // a record that never left its agency: the coarse facts it sent, nothing more
                race: race ?? null,
                ethnicity: eth ?? null,
                sex: sex ?? null,
                birthDay: by ? Date.UTC(by, 6, 1) / 86_400_000 : null,
                postalCode: null,
                language: null,
              }),
          protected: false,
          facts: [],
        };
        groups.set(group, child);
        if (childId) linkedChildren.add(childId);
      }
      if (p === 1) child.protected = true;
      child.facts.push({ agency: c.agency, code, s, e: e ?? null });
    }
  }
  await applyGoldenDemographics(ds, groups, [...linkedChildren]);
  return [...groups.values()];
}

const demographicsOf = (r: Record<string, unknown>): Demographics => ({
  race: (r.race as string | null) ?? null,
  ethnicity: (r.ethnicity as string | null) ?? null,
  sex: (r.sex as string | null) ?? null,
  birthDay: r.bd === null || r.bd === undefined ? null : Number(r.bd),
  postalCode: (r.postal_code as string | null) ?? null,
  language: (r.primary_language as string | null) ?? null,
});

/** A linked child's demographics are the golden record's; its locality the postal code of its
 *  most recently linked record that has one. */
async function applyGoldenDemographics(
  ds: DataSource,
  groups: Map<string, AnalyticChild>,
  childIds: string[],
): Promise<void> {
  if (!childIds.length) return;
  const rows: Array<Record<string, unknown>> = await ds.query(
    `SELECT c.id, c.race, c.ethnicity, c.sex, c.birth_date - DATE '1970-01-01' AS bd, c.primary_language,
            loc.postal_code
       FROM child c
       LEFT JOIN LATERAL (
         SELECT r.postal_code FROM agency_record r
          WHERE r.child_id = c.id AND r.${LINKED} AND r.postal_code IS NOT NULL
          ORDER BY r.linked_at DESC LIMIT 1) loc ON true
      WHERE c.id = ANY($1::uuid[])`,
    [childIds],
  );
  for (const r of rows) {
    const child = groups.get(`child:${r.id as string}`);
    if (child) Object.assign(child, demographicsOf(r));
  }
}

/** The agencies in AGENCIES order (for stable output). */
export const agencyOrder = (list: readonly AgencyCode[]) => AGENCIES.filter((a) => list.includes(a));
