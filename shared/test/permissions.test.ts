import { GraphQLError } from 'graphql';
import { AGENCIES, type AgencyCode } from '../src/agencies';
import { PURPOSES, ROLES, type PurposeOfUse, type Role, type ViewerClaims } from '../src/auth/claims';
import {
  assertMay,
  may,
  OPERATIONS,
  permission,
  PERMISSIONS,
  type Operation,
} from '../src/access/permissions';

/*
 * The expectation below is written from the rules as the statutes and the role descriptions give
 * them, NOT from the table: if the table and this spec disagree, one of them is wrong.
 */

type Party = AgencyCode | 'CHILD_INDEX';
const PARTIES: Party[] = [...AGENCIES, 'CHILD_INDEX'];
const HOLDERS: Array<AgencyCode | undefined> = [undefined, ...AGENCIES];

/** Every role set a token may carry for this exhaustive run: none, each role, each pair. */
const ROLE_SETS: Role[][] = [
  [],
  ...ROLES.map((r) => [r]),
  ...ROLES.flatMap((a, i) => ROLES.slice(i + 1).map((b) => [a, b])),
];

const has = (v: ViewerClaims, ...roles: Role[]) => v.roles.some((r) => roles.includes(r));
/** Analysts work on aggregates only: the purpose or the role narrows the whole token. */
const analytics = (v: ViewerClaims) => v.purposeOfUse === 'ANALYTICS' || v.roles.includes('ANALYST');
const own = (v: ViewerClaims, holder?: AgencyCode) => holder !== undefined && v.agency === holder;
const indexService = (v: ViewerClaims) => v.agency === 'CHILD_INDEX' && v.roles.includes('SERVICE');
/** An agency's notification dispatcher: the SERVICE role under an agency's name. */
const notifier = (v: ViewerClaims) => v.agency !== 'CHILD_INDEX' && v.roles.includes('SERVICE');
/** A person (any role but the index's machine account and the analysts). */
const person = (v: ViewerClaims) => v.roles.some((r) => r !== 'SERVICE' && r !== 'ANALYST');

type Spec = (v: ViewerClaims, holder?: AgencyCode) => boolean;

/** One small rule per operation, as a reviewer would state it. */
const EXPECTED: Record<Operation, Spec> = {
  // identifying demographics of named children: anyone with a role, never analytics
  READ_CHILD_INDEX: (v) => !analytics(v) && v.roles.length > 0,
  // anyone may ask for a section; the holder's consent policy decides what comes back
  READ_SECTION: (v) => !analytics(v) && person(v),
  READ_CONSENTS: (v) => !analytics(v) && person(v),
  // facts lent to another agency's policy: the holder's own staff only
  LEND_FACT: (v, h) => !analytics(v) && own(v, h) && person(v),
  // the holder's system of record: its integration accounts and data stewards
  WRITE_RECORDS: (v, h) => !analytics(v) && own(v, h) && has(v, 'INTEGRATION', 'DATA_STEWARD'),
  // every name and birth date: the index service, or the holder's own stewards / integrations
  READ_PERSON_FEED: (v, h) =>
    !analytics(v) && (indexService(v) || (own(v, h) && has(v, 'DATA_STEWARD', 'INTEGRATION'))),
  // 45 CFR 164.508, 42 CFR 2.31: the discloser records consents; not the court, counsel, liaison
  RECORD_CONSENT: (v, h) =>
    !analytics(v) &&
    own(v, h) &&
    has(
      v,
      'CASEWORKER',
      'SUPERVISOR',
      'CLINICIAN',
      'PROBATION_OFFICER',
      'EDUCATOR',
      'HOUSING_NAVIGATOR',
      'PRIVACY_OFFICER',
      'DATA_STEWARD',
      'INTEGRATION',
    ),
  // AU-9: the holder's privacy officers
  READ_AUDIT_TRAIL: (v, h) => !analytics(v) && own(v, h) && has(v, 'PRIVACY_OFFICER'),
  STEWARD_INDEX: (v) => !analytics(v) && has(v, 'DATA_STEWARD'),
  REVIEW_MATCHES: (v) => !analytics(v) && has(v, 'DATA_STEWARD'),
  // the agency knows its own twins; a data steward may say so too
  DECLARE_DISTINCT: (v, h) => !analytics(v) && ((own(v, h) && person(v)) || has(v, 'DATA_STEWARD')),
  // operational, no child in the answer
  READ_FEED_STATUS: (v) => indexService(v) || has(v, 'DATA_STEWARD'),
  RUN_FEED_SYNC: (v) => indexService(v) || has(v, 'DATA_STEWARD'),
  READ_AGGREGATES: (v) =>
    ['ANALYTICS', 'OPERATIONS', 'AUDIT'].includes(v.purposeOfUse) &&
    has(v, 'ANALYST', 'DATA_STEWARD', 'PRIVACY_OFFICER', 'SUPERVISOR'),
  // pseudonymous per-record facts: to the index service alone, never an analyst
  CONTRIBUTE_AGGREGATES: (v) => !analytics(v) && indexService(v),
  // ICPM: the convening agency's caseworkers, probation officers and supervisors run its teams
  MANAGE_TEAM: (v, h) =>
    !analytics(v) && own(v, h) && has(v, 'CASEWORKER', 'SUPERVISOR', 'PROBATION_OFFICER'),
  // anyone may ask; a team shows only to the convener's staff and its current members
  READ_TEAMS: (v) => !analytics(v) && person(v),
  // whether the asking viewer is a member: it says nothing of anyone else
  LEND_TEAM_MEMBERSHIP: (v) => !analytics(v) && person(v),
  // 45 CFR 164.528, 42 CFR 2.24: the family's accounting, produced by staff who meet the family or
  // a privacy officer, of an agency serving the child (the holder), never in an emergency
  ACCOUNT_DISCLOSURES: (v, h) =>
    !analytics(v) &&
    own(v, h) &&
    ['CARE_COORDINATION', 'CASE_PLANNING', 'TREATMENT', 'OPERATIONS', 'AUDIT'].includes(v.purposeOfUse) &&
    has(
      v,
      'CASEWORKER',
      'CLINICIAN',
      'PROBATION_OFFICER',
      'EDUCATOR',
      'HOUSING_NAVIGATOR',
      'PRIVACY_OFFICER',
    ),
  // a referral is made and answered by the staff who work with the child, and their supervisors
  MAKE_REFERRAL: (v, h) =>
    !analytics(v) &&
    own(v, h) &&
    ['CARE_COORDINATION', 'CASE_PLANNING', 'TREATMENT'].includes(v.purposeOfUse) &&
    has(v, 'CASEWORKER', 'SUPERVISOR', 'CLINICIAN', 'PROBATION_OFFICER', 'EDUCATOR', 'HOUSING_NAVIGATOR'),
  // the hand-over carries the referring viewer's token: staff of any agency (the receiver checks
  // that the token's agency is the referrer)
  RECEIVE_REFERRAL: (v) =>
    !analytics(v) &&
    ['CARE_COORDINATION', 'CASE_PLANNING', 'TREATMENT'].includes(v.purposeOfUse) &&
    has(v, 'CASEWORKER', 'SUPERVISOR', 'CLINICIAN', 'PROBATION_OFFICER', 'EDUCATOR', 'HOUSING_NAVIGATOR'),
  ANSWER_REFERRAL: (v, h) =>
    !analytics(v) &&
    own(v, h) &&
    ['CARE_COORDINATION', 'CASE_PLANNING', 'TREATMENT', 'OPERATIONS'].includes(v.purposeOfUse) &&
    has(v, 'CASEWORKER', 'SUPERVISOR', 'CLINICIAN', 'PROBATION_OFFICER', 'EDUCATOR', 'HOUSING_NAVIGATOR'),
  // anyone may ask how a referral stands; the receiver's policy decides the answer
  READ_REFERRAL_STATUS: (v) => !analytics(v) && person(v),
  // the service directory holds no child: anyone with a role reads it
  READ_DIRECTORY: (v) => v.roles.length > 0,
  // an agency's entries: its supervisors, data stewards and integration accounts
  MANAGE_DIRECTORY: (v, h) => own(v, h) && has(v, 'SUPERVISOR', 'DATA_STEWARD', 'INTEGRATION'),
  // the family's language, told to the staff who serve the child
  RECORD_FAMILY_LANGUAGE: (v, h) =>
    !analytics(v) &&
    own(v, h) &&
    ['CARE_COORDINATION', 'CASE_PLANNING', 'TREATMENT', 'OPERATIONS'].includes(v.purposeOfUse) &&
    has(
      v,
      'CASEWORKER',
      'CLINICIAN',
      'PROBATION_OFFICER',
      'EDUCATOR',
      'HOUSING_NAVIGATOR',
      'PRIVACY_OFFICER',
    ),
  // an agency's system subscribes to another agency's events (its deliveries name children)
  MANAGE_SUBSCRIPTIONS: (v) => !analytics(v) && has(v, 'INTEGRATION', 'DATA_STEWARD'),
  // the delivery log holds no child data: the subscriber's and the source's operations people
  READ_WEBHOOK_DELIVERIES: (v) => has(v, 'INTEGRATION', 'DATA_STEWARD', 'PRIVACY_OFFICER', 'SUPERVISOR'),
  // an agency's notification dispatcher (its own service token), never a person nor the index
  DISPATCH_NOTIFICATIONS: (v) => !analytics(v) && notifier(v),
};

/** What the spec allows, a dispatcher's token aside: that token dispatches and does nothing else,
 *  whatever other role it names. */
const expected = (op: Operation, v: ViewerClaims, holder?: AgencyCode) =>
  op === 'DISPATCH_NOTIFICATIONS' ? EXPECTED[op](v, holder) : !notifier(v) && EXPECTED[op](v, holder);

/** Operations that touch a named child's records. */
const CHILD_LEVEL: Operation[] = OPERATIONS.filter(
  (op) =>
    ![
      'READ_FEED_STATUS',
      'RUN_FEED_SYNC',
      'READ_AGGREGATES',
      'READ_DIRECTORY',
      'MANAGE_DIRECTORY',
      'READ_WEBHOOK_DELIVERIES',
    ].includes(op),
);
/** Operations only the holder's own people may ask for. */
const OWN_ONLY: Operation[] = [
  'LEND_FACT',
  'WRITE_RECORDS',
  'RECORD_CONSENT',
  'READ_AUDIT_TRAIL',
  'MANAGE_TEAM',
  'ACCOUNT_DISCLOSURES',
  'RECORD_FAMILY_LANGUAGE',
  'MAKE_REFERRAL',
  'ANSWER_REFERRAL',
  'MANAGE_DIRECTORY',
];

const viewer = (agency: Party, roles: Role[], purposeOfUse: PurposeOfUse): ViewerClaims => ({
  sub: 'secret-subject-4711',
  agency,
  roles,
  purposeOfUse,
});

/** Every token of the run, with every holder asked about. */
function* everyCase(): Generator<{ v: ViewerClaims; holder: AgencyCode | undefined }> {
  for (const agency of PARTIES)
    for (const roles of ROLE_SETS)
      for (const purpose of PURPOSES)
        for (const holder of HOLDERS) yield { v: viewer(agency, roles, purpose), holder };
}

const label = (v: ViewerClaims, holder: AgencyCode | undefined) =>
  `${v.agency} [${v.roles.join('+')}] ${v.purposeOfUse} -> holder ${holder ?? '(none)'}`;

describe(permission.name, () => {
  it.each([...OPERATIONS])('%s: every role (and pair) × purpose × agency × holder matches the spec', (op) => {
    const wrong: string[] = [];
    for (const { v, holder } of everyCase()) {
      const got = permission(v, op, { holder }).allowed;
      if (got !== expected(op, v, holder)) wrong.push(`${label(v, holder)}: got ${got}`);
    }
    expect(wrong.slice(0, 20)).toEqual([]);
  });

  it('names every operation in the table, and nothing else', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...OPERATIONS].sort());
    for (const op of OPERATIONS) {
      expect(PERMISSIONS[op].why.trim().length).toBeGreaterThan(20);
      expect(PERMISSIONS[op].grants.length).toBeGreaterThan(0);
    }
  });

  it('marks exactly the child-level operations as such', () => {
    expect(OPERATIONS.filter((op) => PERMISSIONS[op].childLevel)).toEqual(CHILD_LEVEL);
  });

  it('never gives analytics (purpose or role) a child-level operation, whatever else the token carries', () => {
    const leaks: string[] = [];
    for (const op of CHILD_LEVEL)
      for (const { v, holder } of everyCase())
        if ((v.purposeOfUse === 'ANALYTICS' || v.roles.includes('ANALYST')) && may(v, op, { holder }))
          leaks.push(`${op}: ${label(v, holder)}`);
    expect(leaks).toEqual([]);
  });

  it('never allows an own-agency operation to another agency, nor without a holder', () => {
    const leaks: string[] = [];
    for (const op of OWN_ONLY) {
      expect(PERMISSIONS[op].grants.every((g) => g.scope === 'OWN_AGENCY')).toBe(true);
      for (const { v, holder } of everyCase())
        if (v.agency !== holder && may(v, op, { holder })) leaks.push(`${op}: ${label(v, holder)}`);
    }
    expect(leaks).toEqual([]);
  });

  it('gives another agency the person feed only when it is the index service', () => {
    for (const { v, holder } of everyCase())
      if (v.agency !== holder && may(v, 'READ_PERSON_FEED', { holder })) expect(indexService(v)).toBe(true);
  });

  it('refuses an ANALYST + DATA_STEWARD with purpose ANALYTICS the feed, the index and the review queue', () => {
    const v = viewer('CHILD_WELFARE', ['ANALYST', 'DATA_STEWARD'], 'ANALYTICS');
    for (const op of ['READ_PERSON_FEED', 'READ_CHILD_INDEX', 'STEWARD_INDEX', 'REVIEW_MATCHES'] as const)
      expect(permission(v, op, { holder: 'CHILD_WELFARE' })).toEqual({
        allowed: false,
        reason: expect.stringMatching(/^Analytics never sees child-level records/),
      });
    // its aggregates stay open: narrowing is for child-level operations only
    expect(may(v, 'READ_AGGREGATES')).toBe(true);
  });

  it('refuses an operation it does not know (fail closed)', () => {
    const v = viewer('CHILD_INDEX', ['SERVICE', 'DATA_STEWARD'], 'OPERATIONS');
    expect(permission(v, 'DROP_EVERYTHING' as Operation).allowed).toBe(false);
  });

  it('gives every refusal a reason that says who may, and names no protected data', () => {
    const reasons = new Set<string>();
    for (const op of OPERATIONS)
      for (const { v, holder } of everyCase()) {
        const d = permission(v, op, { holder });
        if (!d.allowed) reasons.add(d.reason);
      }
    expect(reasons.size).toBeGreaterThan(5);
    for (const reason of reasons) {
      expect(reason.trim().length).toBeGreaterThan(10);
      // no subject, no identifier, no number, nothing but words: a refusal names roles and agencies
      expect(reason).not.toMatch(/secret|subject|4711|undefined|null|\d/i);
      expect(reason).toMatch(/^[A-Za-z_ ,.;'’-]+$/);
    }
  });
});

describe(assertMay.name, () => {
  it('throws FORBIDDEN with the table’s reason when refused, and nothing when allowed', () => {
    const caseworker = viewer('PROBATION', ['CASEWORKER'], 'CARE_COORDINATION');
    let thrown: unknown;
    try {
      assertMay(caseworker, 'READ_AUDIT_TRAIL', { holder: 'PROBATION' });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(GraphQLError);
    expect((thrown as GraphQLError).extensions.code).toBe('FORBIDDEN');
    expect((thrown as GraphQLError).message).toBe('Only PROBATION privacy officers read its audit trail');
    const officer = viewer('PROBATION', ['PRIVACY_OFFICER'], 'AUDIT');
    expect(() => assertMay(officer, 'READ_AUDIT_TRAIL', { holder: 'PROBATION' })).not.toThrow();
  });

  it('keeps the refusals callers already read', () => {
    const reason = (v: ViewerClaims, op: Operation, holder?: AgencyCode) => {
      const d = permission(v, op, { holder });
      return d.allowed ? null : d.reason;
    };
    const housing = viewer('HOUSING', ['HOUSING_NAVIGATOR'], 'CARE_COORDINATION');
    expect(reason(housing, 'WRITE_RECORDS', 'HOUSING')).toBe(
      'Only HOUSING integration accounts and data stewards may write HOUSING records',
    );
    expect(reason(housing, 'RECORD_CONSENT', 'EDUCATION')).toBe(
      'Only EDUCATION staff record EDUCATION consents',
    );
    expect(reason(housing, 'STEWARD_INDEX')).toBe('Only data stewards correct the child index');
    expect(reason(housing, 'REVIEW_MATCHES')).toBe('Only data stewards work the review queue');
    expect(reason(housing, 'RUN_FEED_SYNC')).toBe('Only data stewards may run or read the feed pulls');
  });
});
