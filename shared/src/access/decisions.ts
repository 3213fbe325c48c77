/**
 * The decisions of one request about one child's records at one agency, and what they disclose:
 * every category of the holder's policy decided (decideAll, audited before anything returns),
 * rows filtered and masked by them (filterRows), the Restricted values and notices they show.
 * The pure parts under sectionAccess.ts, which orchestrates a section or a record lookup.
 */
import type { ObjectLiteral } from 'typeorm';
import type { AgencyCode } from '../agencies';
import type { ViewerClaims } from '../auth/claims';
import type { AuditEntry, AuditWriter } from './audit';
import { decide, type AccessFacts, type AgencyPolicy, type ConsentGrant, type Decision } from './policy';

/** Where a row's access decisions travel with it (so nested lists filter by the same decisions). */
export const ACCESS = Symbol('access');

export interface SectionAccess {
  /** Decision per category of the holder's policy, for this viewer and this child. */
  decisions: Map<string, Decision>;
}

/** 42 CFR 2.32 notice carried by a section that discloses Part 2 records to another agency. */
export const PART2_NOTICE =
  '42 CFR part 2 prohibits unauthorized use or disclosure of these records. This information has been disclosed to you from records protected by federal confidentiality rules; you may not re-disclose it except as the rules permit.';

/** Decides every category of the holder's policy for one child's records, and writes the audit
 *  entries (grouped by outcome) before anything is returned: fail closed. */
export async function decideAll(
  policy: AgencyPolicy,
  viewer: ViewerClaims,
  consents: ConsentGrant[],
  facts: AccessFacts,
  audit: AuditWriter,
  subject: { childId: string | null; recordIds: string[] },
  opts: {
    neverLeaves?: boolean;
    identityFollows?: string;
    /** Called with the decisions before the audit entries are written, so that reads of what they
     *  permit can run beside the audit write. Nothing read may reach the caller before this
     *  function's promise resolves (it resolves only once the audit is written). */
    onDecided?: (decisions: Map<string, Decision>) => void;
    /** Asked once when a decision would break the glass: whether the viewer is still under its
     *  break-glass rate limit (`refusal` null) or not (the plain reason). Held (e.g. a per-viewer
     *  lock) until the audit entries are written, then released. */
    breakGlassGate?: () => Promise<BreakGlassGate>;
  } = {},
): Promise<SectionAccess> {
  const decisions = new Map<string, Decision>();
  const never = (category: string): Decision => ({
    permit: false,
    category,
    rule: 'NEVER_DISCLOSED',
    reason: 'Never disclosed outside the agency.',
    howToGetAccess: 'None.',
    revealExistence: false,
  });
  for (const c of policy.categories) {
    if (c.category === 'IDENTITY') continue;
    decisions.set(
      c.category,
      opts.neverLeaves ? never(c.category) : decide(policy, c, viewer, consents, facts),
    );
  }
  const identityPolicy = policy.categories.find((c) => c.category === 'IDENTITY')!;
  let identity = opts.neverLeaves
    ? never('IDENTITY')
    : decide(policy, identityPolicy, viewer, consents, facts);
  const glass = (d: Decision) => d.permit && d.breakGlass;
  let release: (() => void) | undefined;
  if (opts.breakGlassGate && [...decisions.values(), identity].some(glass)) {
    const gate = await opts.breakGlassGate();
    release = gate.release;
    if (gate.refusal !== null) {
      const limited = (d: Decision): Decision => {
        const c = policy.categories.find((x) => x.category === d.category)!;
        return {
          permit: false,
          category: d.category,
          rule: 'BREAK_GLASS_RATE_LIMIT',
          reason: gate.refusal!,
          howToGetAccess: c.howToGetAccess,
          revealExistence: c.revealExistence,
        };
      };
      for (const [category, d] of decisions) if (glass(d)) decisions.set(category, limited(d));
      if (glass(identity)) identity = limited(identity);
    }
  }
  try {
    return await auditDecisions(decisions, identity, subject, audit, opts);
  } finally {
    release?.();
  }
}

/** What a break-glass rate limit answers: `refusal` null while under it; `release` once audited. */
export interface BreakGlassGate {
  refusal: string | null;
  release: () => void;
}

/** Settles IDENTITY from the other decisions and writes the audit entries (grouped by outcome)
 *  before anything is returned: fail closed. */
async function auditDecisions(
  decisions: Map<string, Decision>,
  identityDecision: Decision,
  subject: { childId: string | null; recordIds: string[] },
  audit: AuditWriter,
  opts: { identityFollows?: string; onDecided?: (decisions: Map<string, Decision>) => void },
): Promise<SectionAccess> {
  let identity = identityDecision;
  const opened = [...decisions.values()].find((d) => d.permit);
  // A viewer shown any of a child's records may see whose records they are.
  if (!identity.permit && opened?.permit) identity = { ...opened, category: 'IDENTITY', fields: undefined };
  // Whose existence is protected is shown only with access to what protects it (42 CFR 2.13).
  const follows = opts.identityFollows ? decisions.get(opts.identityFollows) : undefined;
  if (follows && identity.rule !== 'OWN_AGENCY')
    identity = follows.permit
      ? { ...follows, category: 'IDENTITY', fields: undefined }
      : { ...follows, category: 'IDENTITY' };
  decisions.set('IDENTITY', identity);
  const groups = new Map<string, AuditEntry>();
  for (const d of decisions.values()) {
    const key = `${d.permit}|${d.rule}|${d.permit ? d.consentId : ''}`;
    const g = groups.get(key);
    if (g) g.categories.push(d.category);
    else
      groups.set(key, {
        ...subject,
        categories: [d.category],
        decision: d.permit ? 'PERMIT' : 'DENY',
        rule: d.rule,
        consentId: d.permit ? d.consentId : null,
      });
  }
  opts.onDecided?.(decisions);
  await Promise.all([...groups.values()].map((e) => audit(e)));
  return { decisions };
}

export function anyPermit(access: SectionAccess): boolean {
  return [...access.decisions.values()].some((d) => d.permit);
}

/** Keeps the rows whose category the viewer may see, each masked to the fields its decision
 *  discloses (minimum necessary), carrying the decisions for nested lists. */
export function filterRows(
  rows: ObjectLiteral[],
  typename: string,
  categoryOf: (row: ObjectLiteral) => string,
  access: SectionAccess,
  fieldCategories: Record<string, string> = {},
) {
  const out: ObjectLiteral[] = [];
  for (const row of rows) {
    const d = access.decisions.get(categoryOf(row));
    if (!d?.permit) continue;
    const allowed = d.fields?.[typename];
    const copy: ObjectLiteral = { ...row, __typename: typename, [ACCESS]: access };
    if (allowed)
      for (const key of Object.keys(row)) if (key !== 'id' && !allowed.includes(key)) copy[key] = null;
    for (const [field, category] of Object.entries(fieldCategories)) {
      const f = access.decisions.get(category);
      if (!f?.permit || (f.fields?.[typename] && !f.fields[typename]!.includes(field))) copy[field] = null;
    }
    out.push(copy);
  }
  return out;
}

/** The Restricted values of a section: each denied category whose existence may be revealed. */
export function restrictedOf(holder: AgencyCode, policy: AgencyPolicy, access: SectionAccess) {
  return policy.categories
    .map((c) => ({ c, d: access.decisions.get(c.category)! }))
    .filter(({ d }) => !d.permit && d.revealExistence)
    .map(({ c, d }) => ({
      __typename: 'Restricted' as const,
      agency: holder,
      category: c.category,
      reason: d.permit ? '' : d.reason,
      howToGetAccess: c.howToGetAccess,
    }));
}

export function noticesOf(access: SectionAccess): string[] {
  return [...access.decisions.values()].some((d) => d.permit && d.noRedisclosure) ? [PART2_NOTICE] : [];
}

/** Age in whole years on today from a YYYY-MM-DD birth date. */
export function ageFrom(
  birthDate: string | null | undefined,
  today = new Date().toISOString().slice(0, 10),
): number | null {
  if (!birthDate) return null;
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}
