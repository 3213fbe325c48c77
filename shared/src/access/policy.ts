import { aggregateFactCodes, type AggregateUse } from '../aggregateFacts';
import type { AgencyCode } from '../agencies';
import { hasRole, type PurposeOfUse, type Role, type ViewerClaims } from '../auth/claims';
import { isAnalytics, may, permission } from './permissions';

/** Who granted a consent (FHIR Consent.performer). */
export const GRANTOR_TYPES = ['YOUTH', 'PARENT_GUARDIAN', 'ELIGIBLE_STUDENT', 'COURT_ORDER'] as const;
export type GrantorType = (typeof GRANTOR_TYPES)[number];

/** What a policy may know beyond consents: the facts other agencies lend (LENT_FACTS, each under
 *  its one name, the lender's Child field, and only when the lender sealed it for this child and
 *  caller, through `@requires`, never from the caller), and the child's age from the holder's own
 *  records. */
export interface AccessFacts {
  /** Child welfare holds an open case for the child (FERPA / Uninterrupted Scholars Act). */
  childWelfareOpenCase?: boolean;
  /** Behavioral health has the child in an active episode of care (treating provider). */
  behavioralHealthActiveTreatment?: boolean;
  /** Education has the child currently enrolled (school stability). */
  educationEnrolled?: boolean;
  /** The child's age today, from the holder's own records. */
  ageYears?: number | null;
  /** The Child and Family Teams of this child of which the requesting viewer (token `sub` and
   *  agency) is, right now, a current professional member: lent by each convening agency for this
   *  viewer's request, sealed (TEAM_CONVENERS), never taken from the caller nor cached. */
  teamMemberships?: string[];
}

/** A consent as the engine sees it (modelled on FHIR R4 Consent). */
export interface ConsentGrant {
  id: string;
  personId: string;
  grantorType: GrantorType;
  categories: string[];
  recipientAgencies: string[];
  /** Empty: any role of a recipient agency. */
  recipientRoles: string[];
  /** Child and Family Teams (their ids) whose current professional members receive the data
   *  (rule TEAM_MEMBER). Absent or empty: no team. */
  recipientTeams?: string[];
  purposes: string[];
  periodStart: string;
  periodEnd: string | null;
  status: 'ACTIVE' | 'REVOKED';
}

/** A consent as stored or as shown (whose status may also read EXPIRED: only ACTIVE is in force). */
export type ConsentLike = Omit<ConsentGrant, 'status'> & { status: string };

/** Access the law gives without consent: who (agency, roles), why (purposes), and when (a fact). */
export interface AllowRule {
  /** Stable name, written to the audit trail (e.g. `FERPA_USA_CHILD_WELFARE`). */
  rule: string;
  /** Plain-words citation of the rule. */
  basis: string;
  agencies?: AgencyCode[];
  roles?: Role[];
  purposes?: PurposeOfUse[];
  when?: (facts: AccessFacts) => boolean;
  /** Minimum necessary: per GraphQL type, the only fields this rule discloses (others are null). */
  fields?: Record<string, string[]>;
}

/** One data category of an agency and the rules that govern it. */
export interface CategoryPolicy {
  category: string;
  description: string;
  /** Statutory access without consent (the holder's own staff always see their records). */
  allow: AllowRule[];
  /** Whether a consent can grant access, and from whom. Omitted: never (e.g. VAWA). */
  consent?: {
    grantors: GrantorType[];
    /** 42 CFR 2.31: the consent must name the recipient (agency, and role when the agency is
     *  large); a consent listing only roles cannot grant it. */
    mustNameRecipient?: boolean;
    /** Minimum necessary: per purpose, the fields a consent discloses (others are null). */
    fields?: Partial<Record<PurposeOfUse, Record<string, string[]>>>;
  };
  /** Whether a denial may reveal that records of this category exist. */
  revealExistence: boolean;
  /** Whether EMERGENCY with a break-glass reason opens it. @default true */
  breakGlass?: boolean;
  /** Only these roles may break the glass on it (42 CFR 2.51: medical personnel). @default any role */
  breakGlassRoles?: Role[];
  /** 42 CFR 2.32: the recipient may not re-disclose; the section carries the notice. */
  noRedisclosure?: boolean;
  /** What would grant access, in plain words, for the Restricted value. */
  howToGetAccess: string;
}

export interface AgencyPolicy {
  agency: AgencyCode;
  categories: CategoryPolicy[];
  /** What the agency contributes to population measures (counts over many children, never one).
   *  Absent: nothing. */
  aggregates?: AggregateUse;
}

export type Decision =
  | {
      permit: true;
      category: string;
      rule: string;
      consentId: string | null;
      breakGlass: boolean;
      /** Per GraphQL type, the fields disclosed; absent: every field. */
      fields?: Record<string, string[]>;
      noRedisclosure: boolean;
    }
  | {
      permit: false;
      category: string;
      rule: string;
      reason: string;
      howToGetAccess: string;
      revealExistence: boolean;
    };

/** Today as YYYY-MM-DD; consents are valid through their end date. */
const todayIso = () => new Date().toISOString().slice(0, 10);

/** A consent in force today: active, begun, not ended. Revocation and expiry take effect on the
 *  very next decision: nothing caches them. */
export function consentInForce(c: ConsentLike, today = todayIso()): boolean {
  return c.status === 'ACTIVE' && c.periodStart <= today && (c.periodEnd === null || c.periodEnd >= today);
}

function consentGrants(c: ConsentLike, p: CategoryPolicy, viewer: ViewerClaims, today: string): boolean {
  if (!p.consent || !consentInForce(c, today)) return false;
  if (!p.consent.grantors.includes(c.grantorType)) return false;
  if (!c.categories.includes(p.category)) return false;
  if (!c.recipientAgencies.includes(viewer.agency)) return false;
  if (c.recipientRoles.length && !viewer.roles.some((r) => c.recipientRoles.includes(r))) return false;
  return c.purposes.includes(viewer.purposeOfUse);
}

/**
 * Whether another agency's viewer may see a consent at all. A consent says which categories of a
 * child's records exist and who granted them: shown to a recipient only while it grants that viewer
 * something (in force, naming the viewer's agency and role, covering the viewer's purpose), and
 * never when it names a category whose existence is protected (42 CFR Part 2) that it does not
 * grant this viewer. A revoked, expired or other-purpose Part 2 consent would otherwise tell its
 * reader that the child is in a substance-use program. The holder's own staff see every consent
 * (not through this function); analytics sees none.
 */
export function consentShownTo(
  policy: AgencyPolicy,
  c: ConsentLike,
  viewer: ViewerClaims,
  facts: AccessFacts = {},
  today = todayIso(),
): boolean {
  if (!may(viewer, 'READ_CONSENTS', { holder: policy.agency })) return false;
  const named = policy.categories.filter((p) => c.categories.includes(p.category));
  // a team-sharing consent is shown to the team's current professional members (TEAM_MEMBER)
  const granted = named.filter(
    (p) => consentGrants(c, p, viewer, today) || teamConsentGrants(c, p, viewer, facts, today),
  );
  if (!granted.length) return false;
  return named.every((p) => p.revealExistence || granted.includes(p));
}

/** A team-sharing consent in force for this category naming a team the viewer is, right now, a
 *  current professional member of (the convener's lent, sealed fact): access by membership, for
 *  the life of the membership. Never for a category whose consent must name the recipient (42 CFR
 *  2.31: a team, whose members change, is not a named recipient). */
function teamConsentGrants(
  c: ConsentLike,
  p: CategoryPolicy,
  viewer: ViewerClaims,
  facts: AccessFacts,
  today: string,
): boolean {
  if (!p.consent || p.consent.mustNameRecipient || !consentInForce(c, today)) return false;
  if (!p.consent.grantors.includes(c.grantorType) || !c.categories.includes(p.category)) return false;
  const teams = facts.teamMemberships ?? [];
  if (!(c.recipientTeams ?? []).some((t) => teams.includes(t))) return false;
  return c.purposes.includes(viewer.purposeOfUse);
}

function ruleMatches(rule: AllowRule, viewer: ViewerClaims, facts: AccessFacts): boolean {
  if (rule.agencies && !(rule.agencies as string[]).includes(viewer.agency)) return false;
  if (rule.roles && !hasRole(viewer, ...rule.roles)) return false;
  if (rule.purposes && !rule.purposes.includes(viewer.purposeOfUse)) return false;
  return !rule.when || rule.when(facts);
}

/** The policy engine: one agency's decision on one category of one child's records. Order:
 *  analytics never; the holder's own staff; statutory rules; a consent in force naming the
 *  viewer's agency; a team-sharing consent naming a team the viewer is a current member of
 *  (TEAM_MEMBER); break-glass; otherwise deny. */
export function decide(
  policy: AgencyPolicy,
  category: CategoryPolicy,
  viewer: ViewerClaims,
  consents: ConsentGrant[],
  facts: AccessFacts,
  today = todayIso(),
): Decision {
  const deny = (rule: string, reason: string): Decision => ({
    permit: false,
    category: category.category,
    rule,
    reason,
    howToGetAccess: category.howToGetAccess,
    revealExistence: category.revealExistence,
  });
  const permit = (rule: string, extra: Partial<Extract<Decision, { permit: true }>> = {}): Decision => ({
    permit: true,
    category: category.category,
    rule,
    consentId: null,
    breakGlass: false,
    noRedisclosure: Boolean(category.noRedisclosure) && viewer.agency !== policy.agency,
    ...extra,
  });
  // Who may ask at all (PERMISSIONS.READ_SECTION): analysts work on aggregates only, no
  // child-level field, whoever else they are; the index's machine account reads feeds, not records.
  const asking = permission(viewer, 'READ_SECTION', { holder: policy.agency });
  if (!asking.allowed)
    return deny(isAnalytics(viewer) ? 'ANALYTICS_NO_CHILD_LEVEL' : 'NOT_PERMITTED', asking.reason);
  if (viewer.agency === policy.agency) return permit('OWN_AGENCY');
  for (const rule of category.allow)
    if (ruleMatches(rule, viewer, facts)) return permit(rule.rule, { fields: rule.fields });
  const consent = consents.find((c) => consentGrants(c, category, viewer, today));
  if (consent)
    return permit('CONSENT', {
      consentId: consent.id,
      fields: category.consent?.fields?.[viewer.purposeOfUse],
    });
  const teamConsent = consents.find((c) => teamConsentGrants(c, category, viewer, facts, today));
  if (teamConsent)
    return permit('TEAM_MEMBER', {
      consentId: teamConsent.id,
      fields: category.consent?.fields?.[viewer.purposeOfUse],
    });
  if (viewer.purposeOfUse === 'EMERGENCY') {
    if (!viewer.breakGlassReason)
      return deny('BREAK_GLASS_WITHOUT_REASON', 'Emergency access needs a break-glass reason in the token.');
    const problem = breakGlassReasonProblem(viewer.breakGlassReason);
    if (problem) return deny('BREAK_GLASS_REASON_INVALID', problem);
    if (category.breakGlass !== false) {
      if (category.breakGlassRoles && !hasRole(viewer, ...category.breakGlassRoles))
        return deny(
          'BREAK_GLASS_ROLE',
          `Emergency access to these records is for ${category.breakGlassRoles.join(', ').toLowerCase()} roles only.`,
        );
      return permit('BREAK_GLASS', { breakGlass: true });
    }
  }
  return deny(
    'NO_CONSENT',
    `${policy.agency} shares ${category.category} records with ${viewer.agency} only as its rules allow.`,
  );
}

/** A break-glass reason is read by a privacy officer afterwards: it must say something — at least
 *  this many characters of real text. */
export const BREAK_GLASS_REASON_MIN = 12;

/** Why a break-glass reason is not one (null when it is): too short, no words, or control
 *  characters. The reason is stored as given. */
export function breakGlassReasonProblem(reason: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(reason))
    return 'A break-glass reason must be printable text (no control characters).';
  const text = reason.trim();
  if (text.length < BREAK_GLASS_REASON_MIN || (text.match(/\p{L}/gu) ?? []).length < 6)
    return `A break-glass reason must say what the emergency is: at least ${BREAK_GLASS_REASON_MIN} characters of words.`;
  return null;
}

/** Checks that a policy is well formed (at start, so a typo fails the boot, not a request). */
export function validatePolicy(policy: AgencyPolicy): void {
  const names = new Set<string>();
  for (const c of policy.categories) {
    if (names.has(c.category)) throw new Error(`${policy.agency} policy: category ${c.category} twice`);
    names.add(c.category);
  }
  if (!names.has('IDENTITY')) throw new Error(`${policy.agency} policy: an IDENTITY category is required`);
  const known = aggregateFactCodes(policy.agency);
  for (const code of policy.aggregates?.contributes ?? [])
    if (!known.includes(code))
      throw new Error(`${policy.agency} policy: aggregate fact ${code} is not one of ${known.join(', ')}`);
}

/** WIC 827(a)(1): the juvenile court and the minor's counsel may inspect a juvenile case file
 *  (child welfare's dependency file and probation's delinquency file alike). */
export const WIC827_COURT_AND_COUNSEL: AllowRule = {
  rule: 'WIC827_COURT_AND_COUNSEL',
  basis: 'WIC 827(a)(1): the court and the minor’s counsel may inspect the juvenile case file',
  roles: ['COURT', 'MINORS_COUNSEL'],
};

/** The consents of `list` (the holder's) this viewer may see: the holder's own staff every one
 *  (not its analysts, READ_CONSENTS), another agency's viewer those consentShownTo allows. */
export function visibleConsents<C extends ConsentLike>(
  policy: AgencyPolicy,
  viewer: ViewerClaims,
  list: C[],
  facts: AccessFacts = {},
): C[] {
  if (!may(viewer, 'READ_CONSENTS', { holder: policy.agency })) return [];
  if (viewer.agency === policy.agency) return list;
  return list.filter((c) => consentShownTo(policy, c, viewer, facts));
}
