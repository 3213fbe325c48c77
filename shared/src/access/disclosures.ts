import type { DataSource, ObjectLiteral } from 'typeorm';
import type { AgencyCode } from '../agencies';
import type { AgencyPolicy } from './policy';

/**
 * The accounting of disclosures (45 CFR 164.528; 42 CFR 2.24 for Part 2 records): what each agency
 * answers from its own audit trail about one child's records, for the family. A disclosure is a
 * PERMIT row of another agency's viewer that opened at least one category: the holder's own staff
 * reading its own records are uses, not disclosures (164.528 counts disclosures outside the covered
 * entity), and a DENY row disclosed nothing. Break-glass rows are disclosures, flagged as
 * emergencies. The accounting requests themselves (rule DISCLOSURE_ACCOUNTING) are left out.
 */

/** The audit rule of an accounting request, in every trail it reads. */
export const DISCLOSURE_ACCOUNTING_RULE = 'DISCLOSURE_ACCOUNTING';

/** How far back an accounting reaches: 45 CFR 164.528(a)(3), six years before the request. */
export const ACCOUNTING_YEARS = 6;

/** Most rows one agency contributes to one report (newest kept). @default 2000 */
export const MAX_ACCOUNTING_ROWS = 2000;

/** One disclosure of the holder's records, as the holder answers it (as JSON, `Child.<key>Disclosures`). */
export interface AgencyDisclosure {
  agency: AgencyCode;
  at: string;
  actorAgency: string;
  actorRoles: string[];
  purposeOfUse: string;
  categories: string[];
  rule: string;
  /** The policy's plain-words citation of a statutory rule (English; the report's messages file
   *  words it in the family's language when it knows the rule). */
  basis: string | null;
  consentId: string | null;
  consent: {
    grantorType: string;
    categories: string[];
    recipientAgencies: string[];
    purposes: string[];
    periodStart: string;
    periodEnd: string | null;
  } | null;
  breakGlass: boolean;
  /** 42 CFR 2.32: Part 2 records were among them (the recipient was told not to re-disclose). */
  noRedisclosure: boolean;
}

const isoDate = (v: unknown) =>
  v instanceof Date ? v.toISOString().slice(0, 10) : v == null ? null : String(v).slice(0, 10);

/** The outside disclosures of these person records in the last six years, oldest first. */
export async function disclosuresOfRecords(
  ds: DataSource,
  policy: AgencyPolicy,
  recordIds: string[],
  opts: {
    /** Categories the requester may know of (others are cut from each row, and a row left with
     *  none is dropped): a denial must not reveal them, nor may an accounting. */
    knowable: (category: string) => boolean;
  },
): Promise<AgencyDisclosure[]> {
  if (!recordIds.length) return [];
  const rows: ObjectLiteral[] = await ds.query(
    `SELECT * FROM (
       SELECT e.id, e.at, e.actor_agency, e.actor_roles, e.purpose_of_use, e.categories, e.rule, e.consent_id,
              e.break_glass, c.grantor_type, c.categories AS consent_categories, c.recipient_agencies,
              c.purposes, c.period_start, c.period_end
         FROM audit_event e LEFT JOIN consent c ON c.id = e.consent_id
        WHERE e.record_ids && $1::uuid[] AND e.decision = 'PERMIT' AND e.actor_agency <> $2
          AND cardinality(e.categories) > 0 AND e.rule <> $3
          AND e.at >= now() - make_interval(years => $4)
        ORDER BY e.id DESC LIMIT $5) recent
     ORDER BY id`,
    [recordIds, policy.agency, DISCLOSURE_ACCOUNTING_RULE, ACCOUNTING_YEARS, MAX_ACCOUNTING_ROWS],
  );
  const bases = new Map(policy.categories.flatMap((c) => c.allow.map((r) => [r.rule, r.basis] as const)));
  const part2 = new Set(policy.categories.filter((c) => c.noRedisclosure).map((c) => c.category));
  const out: AgencyDisclosure[] = [];
  for (const r of rows) {
    const categories = (r.categories as string[]).filter(opts.knowable);
    if (!categories.length) continue;
    out.push({
      agency: policy.agency,
      at: (r.at as Date).toISOString(),
      actorAgency: r.actor_agency as string,
      actorRoles: r.actor_roles as string[],
      purposeOfUse: r.purpose_of_use as string,
      categories,
      rule: r.rule as string,
      basis: bases.get(r.rule as string) ?? null,
      consentId: (r.consent_id as string | null) ?? null,
      consent: r.grantor_type
        ? {
            grantorType: r.grantor_type as string,
            categories: (r.consent_categories as string[]).filter(opts.knowable),
            recipientAgencies: r.recipient_agencies as string[],
            purposes: r.purposes as string[],
            periodStart: isoDate(r.period_start)!,
            periodEnd: isoDate(r.period_end),
          }
        : null,
      breakGlass: r.break_glass as boolean,
      noRedisclosure: categories.some((c) => part2.has(c)),
    });
  }
  return out;
}
