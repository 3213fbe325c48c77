import type { AgencyCode } from '../agencies';
import { hasRole, ROLES, type PurposeOfUse, type Role, type ViewerClaims } from '../auth/claims';
import { errorCodes } from '../errors';

/**
 * Who may ask for what: every operation the platform offers, in ONE table, decided by ONE function.
 * This table says who may ask at all; for an agency's section and its consents, the agency's
 * consent policy (`access/policy.ts`) still decides which categories of data come back.
 */
export const OPERATIONS = [
  'READ_CHILD_INDEX',
  'READ_SECTION',
  'READ_CONSENTS',
  'LEND_FACT',
  'WRITE_RECORDS',
  'READ_PERSON_FEED',
  'RECORD_CONSENT',
  'READ_AUDIT_TRAIL',
  'STEWARD_INDEX',
  'REVIEW_MATCHES',
  'DECLARE_DISTINCT',
  'READ_FEED_STATUS',
  'RUN_FEED_SYNC',
  'READ_AGGREGATES',
  'CONTRIBUTE_AGGREGATES',
  'MANAGE_TEAM',
  'READ_TEAMS',
  'LEND_TEAM_MEMBERSHIP',
  'ACCOUNT_DISCLOSURES',
  'RECORD_FAMILY_LANGUAGE',
  'MANAGE_SUBSCRIPTIONS',
  'READ_WEBHOOK_DELIVERIES',
  'DISPATCH_NOTIFICATIONS',
  'MAKE_REFERRAL',
  'RECEIVE_REFERRAL',
  'ANSWER_REFERRAL',
  'READ_REFERRAL_STATUS',
  'READ_DIRECTORY',
  'MANAGE_DIRECTORY',
] as const;
export type Operation = (typeof OPERATIONS)[number];

/**
 * Whose token a grant accepts:
 * - `OWN_AGENCY`: the token's agency is the holder of the records (a missing holder refuses);
 * - `ANY_AGENCY`: any verified token, the platform's own included;
 * - `SERVICE`: the platform's child index (a `CHILD_INDEX` token), never an agency;
 * - `NOTIFIER`: an agency's notification dispatcher (a SERVICE token of that agency, under its own
 *   notifier key). Such a token is in this scope and no other: it may dispatch, nothing else.
 */
export type Scope = 'OWN_AGENCY' | 'ANY_AGENCY' | 'SERVICE' | 'NOTIFIER';

/** One way to be allowed: any of these roles, from a token in this scope. */
export interface Grant {
  roles: readonly Role[];
  scope: Scope;
}

export interface Permission {
  /** One line: why these roles, and no others. */
  why: string;
  /** Any one grant allows (after the narrowing rule and the purpose). */
  grants: readonly Grant[];
  /** The purposes of use it may be asked for. */
  purposes: readonly PurposeOfUse[] | 'ANY';
  /** Touches a named child's records: never for analytics (purpose ANALYTICS or role ANALYST),
   *  whatever else the token carries. */
  childLevel: boolean;
  /** What a refused caller reads: who may, never what is there (`holder` as asked, else
   *  'the holding agency'). */
  refusal: (holder: string) => string;
}

/** Every role but the platform's own machine account and the analysts (who narrow anyway). */
const STAFF: readonly Role[] = ROLES.filter((r) => r !== 'SERVICE' && r !== 'ANALYST');

/** Roles that may record, amend and revoke the holder's consents: the staff who meet the family,
 *  and those who keep the records. Not the court, minors' counsel or the liaison (they ask; the
 *  holder records), not analysts. */
export const CONSENT_KEEPERS: readonly Role[] = [
  'CASEWORKER',
  'SUPERVISOR',
  'CLINICIAN',
  'PROBATION_OFFICER',
  'EDUCATOR',
  'HOUSING_NAVIGATOR',
  'PRIVACY_OFFICER',
  'DATA_STEWARD',
  'INTEGRATION',
];

/** Roles that convene and run a Child and Family Team (ICPM): the convening agency's caseworkers,
 *  probation officers and their supervisors. */
export const TEAM_CONVENERS_ROLES: readonly Role[] = ['CASEWORKER', 'SUPERVISOR', 'PROBATION_OFFICER'];
/** Who produces a family's accounting of disclosures and records the family's language: the staff
 *  who meet the family, and the privacy officers who answer the family's requests. Not supervisors
 *  (they ask a worker), the court, counsel or the liaison, data stewards, integration accounts or
 *  analysts. */
export const FAMILY_REPRESENTATIVES: readonly Role[] = [
  'CASEWORKER',
  'CLINICIAN',
  'PROBATION_OFFICER',
  'EDUCATOR',
  'HOUSING_NAVIGATOR',
  'PRIVACY_OFFICER',
];

/** Who refers a child to another agency or a directory service, and who answers a referral: the
 *  staff who work with the child and family, and their supervisors. */
export const REFERRERS: readonly Role[] = [
  'CASEWORKER',
  'SUPERVISOR',
  'CLINICIAN',
  'PROBATION_OFFICER',
  'EDUCATOR',
  'HOUSING_NAVIGATOR',
];

/** Who keeps an agency's entries in the county's service directory up to date. */
export const DIRECTORY_KEEPERS: readonly Role[] = ['SUPERVISOR', 'DATA_STEWARD', 'INTEGRATION'];

/** Refusal for the narrowing rule; asserted on by the production tests. */
export const ANALYTICS_REFUSAL = 'Analytics never sees child-level records; use the aggregate queries';

const stewards = 'Only data stewards correct the child index';

/** Who runs the index's feed pulls (no child in them): the index service and data stewards. */
const FEED_RUNNERS: readonly Grant[] = [
  { roles: ['SERVICE'], scope: 'SERVICE' },
  { roles: ['DATA_STEWARD'], scope: 'ANY_AGENCY' },
];

/** THE table. Read it as the platform's access documentation. */
export const PERMISSIONS: Readonly<Record<Operation, Permission>> = {
  READ_CHILD_INDEX: {
    why: 'The index holds identifying demographics only; every agency (and the index service) finds a child by them.',
    grants: [{ roles: ROLES, scope: 'ANY_AGENCY' }],
    purposes: 'ANY',
    childLevel: true,
    refusal: () => 'Only agency staff read the child index',
  },
  READ_SECTION: {
    why: "Any agency's staff may ask for a section; the holder's per-category consent policy decides what comes back.",
    grants: [{ roles: STAFF, scope: 'ANY_AGENCY' }],
    purposes: 'ANY',
    childLevel: true,
    refusal: (h) => `Only agency staff ask for ${h}’s records`,
  },
  READ_CONSENTS: {
    why: "Consents say which records exist: the holder's staff see all, others only those granting them something (policy).",
    grants: [{ roles: STAFF, scope: 'ANY_AGENCY' }],
    purposes: 'ANY',
    childLevel: true,
    refusal: (h) => `Only agency staff read ${h}’s consents`,
  },
  LEND_FACT: {
    why: "A fact (e.g. 'in foster care') is the holder's own record, lent to another policy only for the holder's staff.",
    grants: [{ roles: STAFF, scope: 'OWN_AGENCY' }],
    purposes: 'ANY',
    childLevel: true,
    refusal: (h) => `Only ${h} staff use its facts`,
  },
  WRITE_RECORDS: {
    why: "Only the holder's own feeds (integration accounts) and data stewards write its system of record.",
    grants: [{ roles: ['INTEGRATION', 'DATA_STEWARD'], scope: 'OWN_AGENCY' }],
    purposes: 'ANY',
    childLevel: true,
    refusal: (h) => `Only ${h} integration accounts and data stewards may write ${h} records`,
  },
  READ_PERSON_FEED: {
    why: "Names and birth dates of every person: the index pulls them to link; the holder's stewards check them.",
    grants: [
      { roles: ['SERVICE'], scope: 'SERVICE' },
      { roles: ['DATA_STEWARD', 'INTEGRATION'], scope: 'OWN_AGENCY' },
    ],
    purposes: 'ANY',
    childLevel: true,
    refusal: () => 'The person feed is for the child index and the agency’s own data stewards',
  },
  RECORD_CONSENT: {
    why: 'The holder is the one disclosing (45 CFR 164.508, 42 CFR 2.31): its own staff record, amend and revoke.',
    grants: [{ roles: CONSENT_KEEPERS, scope: 'OWN_AGENCY' }],
    purposes: 'ANY',
    childLevel: true,
    refusal: (h) => `Only ${h} staff record ${h} consents`,
  },
  READ_AUDIT_TRAIL: {
    why: "Who saw which child and why (NIST SP 800-53 AU-9): the holder's privacy officers only.",
    grants: [{ roles: ['PRIVACY_OFFICER'], scope: 'OWN_AGENCY' }],
    purposes: 'ANY',
    childLevel: true,
    refusal: (h) => `Only ${h} privacy officers read its audit trail`,
  },
  STEWARD_INDEX: {
    why: 'Merging or splitting children changes what every agency sees of them: data stewards only.',
    grants: [{ roles: ['DATA_STEWARD'], scope: 'ANY_AGENCY' }],
    purposes: 'ANY',
    childLevel: true,
    refusal: () => stewards,
  },
  REVIEW_MATCHES: {
    why: 'The review queue shows pairs of named children and how alike they are: data stewards only.',
    grants: [{ roles: ['DATA_STEWARD'], scope: 'ANY_AGENCY' }],
    purposes: 'ANY',
    childLevel: true,
    refusal: () => 'Only data stewards work the review queue',
  },
  DECLARE_DISTINCT: {
    why: 'An agency knows its own twins and siblings apart: its staff (or a data steward) say two records are two children.',
    grants: [
      { roles: STAFF, scope: 'OWN_AGENCY' },
      { roles: ['DATA_STEWARD'], scope: 'ANY_AGENCY' },
    ],
    purposes: 'ANY',
    childLevel: true,
    refusal: () =>
      "Only the agency's own staff or a data steward say which of its records are different children",
  },
  READ_FEED_STATUS: {
    why: 'Cursors, counts and errors of the feed pulls (no child): the index service and data stewards run them.',
    grants: FEED_RUNNERS,
    purposes: 'ANY',
    childLevel: false,
    refusal: () => 'Only data stewards may run or read the feed pulls',
  },
  RUN_FEED_SYNC: {
    why: 'Pulling the feeds now (no child comes back): the index service and data stewards.',
    grants: FEED_RUNNERS,
    purposes: 'ANY',
    childLevel: false,
    refusal: () => 'Only data stewards may run or read the feed pulls',
  },
  READ_AGGREGATES: {
    why: 'Counts over many children, never one (disclosure-controlled): analysts, supervisors, stewards, privacy officers.',
    grants: [{ roles: ['ANALYST', 'DATA_STEWARD', 'PRIVACY_OFFICER', 'SUPERVISOR'], scope: 'ANY_AGENCY' }],
    purposes: ['ANALYTICS', 'OPERATIONS', 'AUDIT'],
    childLevel: false,
    refusal: () => 'Only analysts, supervisors, data stewards and privacy officers read aggregates',
  },
  CONTRIBUTE_AGGREGATES: {
    why: "An agency's pseudonymous facts for population measures go to the child index alone, which joins and counts them.",
    grants: [{ roles: ['SERVICE'], scope: 'SERVICE' }],
    purposes: 'ANY',
    childLevel: true,
    refusal: () => 'Only the child index reads an agency’s contribution to population measures',
  },
  MANAGE_TEAM: {
    why: 'The convening agency runs the Child and Family Team (ICPM): its caseworkers, probation officers and supervisors.',
    grants: [{ roles: TEAM_CONVENERS_ROLES, scope: 'OWN_AGENCY' }],
    purposes: 'ANY',
    childLevel: true,
    refusal: (h) => `Only ${h} caseworkers, probation officers and supervisors run ${h}’s teams`,
  },
  READ_TEAMS: {
    why: "Any agency's staff may ask; a team shows only to the convener's staff and the team's current members.",
    grants: [{ roles: STAFF, scope: 'ANY_AGENCY' }],
    purposes: 'ANY',
    childLevel: true,
    refusal: (h) => `Only agency staff read ${h}’s teams`,
  },
  LEND_TEAM_MEMBERSHIP: {
    why: "Whether the asking viewer is a current team member, lent to a holder's policy: it tells the viewer only of itself.",
    grants: [{ roles: STAFF, scope: 'ANY_AGENCY' }],
    purposes: 'ANY',
    childLevel: true,
    refusal: (h) => `Only agency staff are members of ${h}’s teams`,
  },
  ACCOUNT_DISCLOSURES: {
    why: "A family's accounting of disclosures (45 CFR 164.528, 42 CFR 2.24), produced for them by staff of an agency that serves the child (holder: the requester's agency, when it holds a record of the child).",
    grants: [{ roles: FAMILY_REPRESENTATIVES, scope: 'OWN_AGENCY' }],
    purposes: ['CARE_COORDINATION', 'CASE_PLANNING', 'TREATMENT', 'OPERATIONS', 'AUDIT'],
    childLevel: true,
    refusal: () =>
      "Only caseworkers, clinicians, probation officers, educators, housing navigators and privacy officers of an agency serving the child produce the family's accounting of disclosures",
  },
  RECORD_FAMILY_LANGUAGE: {
    why: "The family's preferred language, told by the family to the staff who serve the child (holder: the requester's agency, when it holds a record of the child).",
    grants: [{ roles: FAMILY_REPRESENTATIVES, scope: 'OWN_AGENCY' }],
    purposes: ['CARE_COORDINATION', 'CASE_PLANNING', 'TREATMENT', 'OPERATIONS'],
    childLevel: true,
    refusal: () => "Only staff of an agency serving the child record the family's language",
  },
  MANAGE_SUBSCRIPTIONS: {
    why: "An agency's system subscribes to another agency's events (webhooks): its integration accounts and data stewards; what each delivery carries is still decided by the source agency's policy, for the subscriber's agency and role.",
    grants: [{ roles: ['INTEGRATION', 'DATA_STEWARD'], scope: 'ANY_AGENCY' }],
    purposes: 'ANY',
    // its deliveries name children: never an analyst's
    childLevel: true,
    refusal: () => 'Only integration accounts and data stewards manage webhook subscriptions',
  },
  READ_WEBHOOK_DELIVERIES: {
    why: "The delivery log (no child data: event ids, status codes, timings): the subscriber's own systems and stewards, and the source agency's (holder: the source agency; another agency's token sees its own subscriptions only).",
    grants: [
      { roles: ['INTEGRATION', 'DATA_STEWARD', 'PRIVACY_OFFICER', 'SUPERVISOR'], scope: 'ANY_AGENCY' },
    ],
    purposes: 'ANY',
    childLevel: false,
    refusal: () =>
      'Only integration accounts, data stewards, privacy officers and supervisors read webhook delivery logs',
  },
  DISPATCH_NOTIFICATIONS: {
    why: "An agency's notification dispatcher asks, for one event, the child index which child its record belongs to and the lenders for their facts: that agency's own notifier token only, never a person's nor the index's.",
    grants: [{ roles: ['SERVICE'], scope: 'NOTIFIER' }],
    purposes: 'ANY',
    childLevel: true,
    refusal: () => 'Only the platform’s notification dispatcher asks this',
  },
  MAKE_REFERRAL: {
    why: 'The referring agency’s staff who work with the child refer them to another agency or a directory service, and record what a provider without the platform says.',
    grants: [{ roles: REFERRERS, scope: 'OWN_AGENCY' }],
    purposes: ['CARE_COORDINATION', 'CASE_PLANNING', 'TREATMENT'],
    childLevel: true,
    refusal: (h) => `Only ${h} staff who work with the child refer them`,
  },
  RECEIVE_REFERRAL: {
    why: 'A referral is handed to the receiver with the referring viewer’s own token (the receiver checks that the token’s agency is the referrer).',
    grants: [{ roles: REFERRERS, scope: 'ANY_AGENCY' }],
    purposes: ['CARE_COORDINATION', 'CASE_PLANNING', 'TREATMENT'],
    childLevel: true,
    refusal: (h) => `Only agency staff who work with a child refer them to ${h}`,
  },
  ANSWER_REFERRAL: {
    why: 'The receiving agency’s staff accept, decline or complete the referrals it received.',
    grants: [{ roles: REFERRERS, scope: 'OWN_AGENCY' }],
    purposes: ['CARE_COORDINATION', 'CASE_PLANNING', 'TREATMENT', 'OPERATIONS'],
    childLevel: true,
    refusal: (h) => `Only ${h} staff answer the referrals ${h} received`,
  },
  READ_REFERRAL_STATUS: {
    why: 'The referrer’s staff ask the receiver how a referral stands; the receiver’s policy decides whether it says more than “sent”.',
    grants: [{ roles: STAFF, scope: 'ANY_AGENCY' }],
    purposes: 'ANY',
    childLevel: true,
    refusal: (h) => `Only agency staff ask ${h} how their referrals stand`,
  },
  READ_DIRECTORY: {
    why: 'The county’s service directory (HSDS) is public information about services: no child in it.',
    grants: [{ roles: ROLES, scope: 'ANY_AGENCY' }],
    purposes: 'ANY',
    childLevel: false,
    refusal: () => 'Only platform users search the service directory',
  },
  MANAGE_DIRECTORY: {
    why: 'Each agency keeps the directory entries it maintains: its supervisors, data stewards and integration accounts (holder: the entry’s maintaining agency).',
    grants: [{ roles: DIRECTORY_KEEPERS, scope: 'OWN_AGENCY' }],
    purposes: 'ANY',
    childLevel: false,
    refusal: (h) =>
      `Only ${h} supervisors, data stewards and integration accounts edit the directory entries ${h} maintains`,
  },
};

export type PermissionDecision = { allowed: true } | { allowed: false; reason: string };

export interface PermissionOptions {
  /** The agency holding the records asked for; required by `OWN_AGENCY` grants. */
  holder?: AgencyCode | string;
}

/** Roles and purposes that narrow a token: analysts work on aggregates only. */
export function isAnalytics(viewer: ViewerClaims): boolean {
  return viewer.purposeOfUse === 'ANALYTICS' || hasRole(viewer, 'ANALYST');
}

/** An agency's notification dispatcher: a SERVICE token naming an agency (the index's names
 *  CHILD_INDEX; a person's never carries SERVICE). */
export function isNotifier(viewer: ViewerClaims): boolean {
  return viewer.agency !== 'CHILD_INDEX' && viewer.roles.includes('SERVICE');
}

function inScope(viewer: ViewerClaims, scope: Scope, holder: string | undefined): boolean {
  // a dispatcher's token opens its own doors and nothing else, whatever a grant's roles say
  if (isNotifier(viewer) || scope === 'NOTIFIER') return isNotifier(viewer) && scope === 'NOTIFIER';
  if (scope === 'SERVICE') return viewer.agency === 'CHILD_INDEX';
  if (scope === 'OWN_AGENCY') return holder !== undefined && viewer.agency === holder;
  return true;
}

/**
 * The one decision. Rules, in order, for a token with several roles:
 * 1. Narrowing wins: on a child-level operation, purpose ANALYTICS or role ANALYST refuses, whatever
 *    other role widens (an ANALYST + DATA_STEWARD token never reads the person feed).
 * 2. The purpose must be one the operation is asked for.
 * 3. Otherwise any one of the token's roles that a grant names, in that grant's scope, allows.
 * Anything else refuses (fail closed: an unknown operation refuses too).
 */
export function permission(
  viewer: ViewerClaims,
  op: Operation,
  opts: PermissionOptions = {},
): PermissionDecision {
  const p = PERMISSIONS[op];
  if (!p) return { allowed: false, reason: 'Unknown operation' };
  if (p.childLevel && isAnalytics(viewer)) return { allowed: false, reason: ANALYTICS_REFUSAL };
  const refuse = { allowed: false, reason: p.refusal(opts.holder ?? 'the holding agency') } as const;
  if (p.purposes !== 'ANY' && !p.purposes.includes(viewer.purposeOfUse)) return refuse;
  const granted = p.grants.some((g) => hasRole(viewer, ...g.roles) && inScope(viewer, g.scope, opts.holder));
  return granted ? { allowed: true } : refuse;
}

/** Whether the viewer may ask at all (for reads that answer empty instead of refusing). */
export function may(viewer: ViewerClaims, op: Operation, opts: PermissionOptions = {}): boolean {
  return permission(viewer, op, opts).allowed;
}

/** Throws FORBIDDEN with the table's reason unless the viewer may. */
export function assertMay(viewer: ViewerClaims, op: Operation, opts: PermissionOptions = {}): void {
  const d = permission(viewer, op, opts);
  if (!d.allowed) throw errorCodes.FORBIDDEN.err(d.reason);
}
