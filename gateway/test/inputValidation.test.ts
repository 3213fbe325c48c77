import type { AgencyCode, PurposeOfUse, Role } from '@wholechild/shared';
import { startTestPlatform, type TestPlatform } from './helpers';

/** Every agency's person upsert, through the gateway, with one bad value at a time: each gets
 *  BAD_USER_INPUT naming the field and the problem, and nothing is written. */
const AGENCIES: Array<{ agency: AgencyCode; mutation: string; input: string; table: string }> = [
  {
    agency: 'CHILD_WELFARE',
    mutation: 'upsertChildWelfarePerson',
    input: 'ChildWelfarePersonInput',
    table: 'person',
  },
  {
    agency: 'BEHAVIORAL_HEALTH',
    mutation: 'upsertBehavioralHealthClient',
    input: 'BehavioralHealthClientInput',
    table: 'client',
  },
  { agency: 'PROBATION', mutation: 'upsertProbationYouth', input: 'ProbationYouthInput', table: 'youth' },
  {
    agency: 'EDUCATION',
    mutation: 'upsertEducationStudent',
    input: 'EducationStudentInput',
    table: 'student',
  },
  { agency: 'HOUSING', mutation: 'upsertHousingClient', input: 'HousingClientInput', table: 'client' },
];

const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

/** [what, the bad values, the field, the code expected] */
const BAD: Array<[string, Record<string, unknown>, string, string]> = [
  ['a name one past its 100 characters', { givenName: 'x'.repeat(101) }, 'givenName', 'TOO_LONG'],
  [
    'a source system one past its 64 characters',
    { sourceSystem: 's'.repeat(65) },
    'sourceSystem',
    'TOO_LONG',
  ],
  ['an external id one past its 128 characters', { externalId: 'e'.repeat(129) }, 'externalId', 'TOO_LONG'],
  ['a blank external id', { externalId: '  ' }, 'externalId', 'REQUIRED'],
  ['a postal code one past its 10 characters', { postalCode: '12345678901' }, 'postalCode', 'TOO_LONG'],
  ['a NUL character in a name', { familyName: 'Ab\u0000c' }, 'familyName', 'INVALID_FORMAT'],
  ['a date that does not exist', { birthDate: '2015-02-30' }, 'birthDate', 'INVALID_DATE'],
  ['a date before 1900', { birthDate: '1899-12-31' }, 'birthDate', 'INVALID_DATE'],
  ['a date written another way', { birthDate: '05/05/2015' }, 'birthDate', 'INVALID_DATE'],
  ['a birth date in the future', { birthDate: tomorrow }, 'birthDate', 'OUT_OF_RANGE'],
  ['a sex code outside the list', { sex: 'Q' }, 'sex', 'INVALID_ENUM'],
  ['a race code outside the list', { race: 'MARTIAN' }, 'race', 'INVALID_ENUM'],
];

const consent = {
  sourceSystem: 'SRC',
  personExternalId: 'V-1',
  grantorType: 'COURT_ORDER',
  grantorName: 'Judge',
  categories: ['IDENTITY'],
  purposes: ['CARE_COORDINATION'],
  periodStart: '2025-01-01',
  sourceDocumentRef: 'DOC-1',
};

const BAD_CONSENT: Array<[string, Record<string, unknown>, string, string]> = [
  ['a recipient role that does not exist', { recipientRoles: ['WIZARD'] }, 'recipientRoles', 'INVALID_ENUM'],
  ['a NUL character in the grantor name', { grantorName: 'A\u0000B' }, 'grantorName', 'INVALID_FORMAT'],
  [
    'a NUL character in the person reference',
    { personExternalId: 'V\u0000' },
    'personExternalId',
    'INVALID_FORMAT',
  ],
  ['a start date that does not exist', { periodStart: '2025-13-01' }, 'periodStart', 'INVALID_DATE'],
  ['an end before its start', { periodEnd: '2024-12-31' }, 'periodEnd', 'DATE_ORDER'],
  ['a grantor name over 200 characters', { grantorName: 'g'.repeat(201) }, 'grantorName', 'REQUIRED'],
];

describe('mutation input validation across agencies', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform();
  });
  afterAll(async () => p?.dispose());

  const good = {
    sourceSystem: 'SRC',
    externalId: 'V-1',
    givenName: 'Ana',
    familyName: 'Reyes',
    birthDate: '2014-03-04',
    sex: 'F',
  };
  const upsert = (a: (typeof AGENCIES)[number], record: Record<string, unknown>) =>
    p.gql(
      a.agency,
      `mutation($r: ${a.input}!) { ${a.mutation}(record: $r) { id created } }`,
      { r: record },
      {
        roles: ['INTEGRATION'],
        purposeOfUse: 'OPERATIONS',
      },
    );
  const count = async (a: (typeof AGENCIES)[number]) =>
    (await p.agencies[a.agency]!.db.dataSource.query(`SELECT count(*)::int AS n FROM ${a.table}`))[0]
      .n as number;

  describe.each(AGENCIES)('$agency', (a) => {
    it.each(BAD)('refuses %s and writes nothing', async (_what, bad, field, code) => {
      const before = await count(a);
      const res = await upsert(a, { ...good, externalId: `bad-${field}-${code}`, ...bad });
      const [err] = res.body.errors;
      expect(err.extensions.code).toBe('BAD_USER_INPUT');
      expect(err.extensions.requestId).toBeTruthy();
      expect(err.extensions.errors).toContainEqual(expect.objectContaining({ field, code }));
      expect(res.body.data?.[a.mutation] ?? null).toBeNull();
      expect(await count(a)).toBe(before);
    });

    it.each(BAD_CONSENT)('refuses a consent with %s and records nothing', async (_what, bad, field, code) => {
      const prefix = a.mutation.replace(/^upsert/, '').replace(/(Person|Client|Youth|Student)$/, '');
      const before = (
        await p.agencies[a.agency]!.db.dataSource.query('SELECT count(*)::int AS n FROM consent')
      )[0].n;
      const res = await p.gql(
        a.agency,
        `mutation($c: ConsentInput!) { record${prefix}Consent(consent: $c) { id } }`,
        {
          c: { ...consent, recipientAgencies: [a.agency === 'HOUSING' ? 'EDUCATION' : 'HOUSING'], ...bad },
        },
      );
      const [err] = res.body.errors;
      expect(err.extensions.code).toBe('BAD_USER_INPUT');
      expect(err.extensions.errors).toContainEqual(expect.objectContaining({ field, code }));
      const after = (
        await p.agencies[a.agency]!.db.dataSource.query('SELECT count(*)::int AS n FROM consent')
      )[0].n;
      expect(after).toBe(before);
    });

    it('accepts values at their limits', async () => {
      const res = await upsert(a, {
        ...good,
        sourceSystem: 's'.repeat(64),
        externalId: 'e'.repeat(128),
        givenName: 'x'.repeat(100),
        postalCode: '1234567890',
        birthDate: '1900-01-01',
      });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data[a.mutation].created).toBe(true);
    });
  });
});

type Caller = { agency: AgencyCode; roles: Role[]; purposeOfUse?: PurposeOfUse };
const PO: Caller = { agency: 'PROBATION', roles: ['PRIVACY_OFFICER'], purposeOfUse: 'OPERATIONS' };
const OFFICER: Caller = { agency: 'PROBATION', roles: ['PROBATION_OFFICER'], purposeOfUse: 'CASE_PLANNING' };
const KEEPER: Caller = { agency: 'PROBATION', roles: ['SUPERVISOR'], purposeOfUse: 'CASE_PLANNING' };
const STEWARD: Caller = { agency: 'PROBATION', roles: ['DATA_STEWARD'], purposeOfUse: 'OPERATIONS' };
const UUID = '6f1e2d3c-4b5a-4968-8776-655443322110';

/** [argument, caller, operation with the bad value, the field named, the code expected]: every id,
 *  date and cursor argument that GraphQL's types do not check, with a bad value. */
const BAD_ARGS: Array<[string, Caller, string, string, string]> = [
  // the agency kit (the same for all five agencies; probation's names here)
  ['AuditTrail(from)', PO, '{ probationAuditTrail(from: "garbage") { hasMore } }', 'from', 'INVALID_DATE'],
  ['AuditTrail(to)', PO, '{ probationAuditTrail(to: "2026-13-45") { hasMore } }', 'to', 'INVALID_DATE'],
  [
    'AuditTrail(from > to)',
    PO,
    '{ probationAuditTrail(from: "2026-02-01", to: "2026-01-01") { hasMore } }',
    'to',
    'DATE_ORDER',
  ],
  ['AuditTrail(after)', PO, '{ probationAuditTrail(after: "abc") { hasMore } }', 'after', 'INVALID_FORMAT'],
  [
    'AuditTrail(recordId)',
    PO,
    '{ probationAuditTrail(recordId: "r-1") { hasMore } }',
    'recordId',
    'INVALID_FORMAT',
  ],
  [
    'AuditTrail(actor)',
    PO,
    '{ probationAuditTrail(actor: "a\\u0000b") { hasMore } }',
    'actor',
    'INVALID_FORMAT',
  ],
  [
    'BreakGlassReport(from)',
    PO,
    '{ probationBreakGlassReport(from: "yesterday") { id } }',
    'from',
    'INVALID_DATE',
  ],
  [
    'BreakGlassReport(to)',
    PO,
    '{ probationBreakGlassReport(to: "2026-13-45") { id } }',
    'to',
    'INVALID_DATE',
  ],
  [
    'BreakGlassReport(to, a time that does not exist)',
    PO,
    '{ probationBreakGlassReport(to: "2026-01-01T25:00:00Z") { id } }',
    'to',
    'INVALID_DATE',
  ],
  [
    'acknowledgePrivacyNotice(id)',
    PO,
    'mutation { acknowledgeProbationPrivacyNotice(id: "x") { id } }',
    'id',
    'INVALID_FORMAT',
  ],
  [
    'Record(id)',
    OFFICER,
    '{ probationRecord(kind: YOUTH, id: "not-a-uuid") { __typename } }',
    'id',
    'INVALID_FORMAT',
  ],
  [
    'Record(externalId)',
    OFFICER,
    '{ probationRecord(kind: YOUTH, sourceSystem: "S", externalId: "a\\u0000") { __typename } }',
    'externalId',
    'INVALID_FORMAT',
  ],
  [
    'Consents(personExternalId)',
    OFFICER,
    '{ probationConsents(sourceSystem: "S", personExternalId: "p\\u0000") { id } }',
    'personExternalId',
    'INVALID_FORMAT',
  ],
  [
    'amendConsent(id)',
    KEEPER,
    'mutation { amendProbationConsent(id: "c-1", amendment: { categories: ["IDENTITY"] }) { id } }',
    'id',
    'INVALID_FORMAT',
  ],
  [
    'revokeConsent(id)',
    KEEPER,
    'mutation { revokeProbationConsent(id: "c-1", reason: "r") { id } }',
    'id',
    'INVALID_FORMAT',
  ],
  ['PersonFeed(after)', STEWARD, '{ probationPersonFeed(after: "%%%") { cursor } }', 'after', 'INVALID_TYPE'],
  // the child index
  ['child(id)', OFFICER, '{ child(id: "not-a-uuid") { id } }', 'id', 'INVALID_FORMAT'],
  ['children(ids)', OFFICER, `{ children(ids: ["${UUID}", "nope"]) { id } }`, 'ids', 'INVALID_FORMAT'],
  [
    'childByAgencyRecord(recordId)',
    OFFICER,
    '{ childByAgencyRecord(agency: PROBATION, recordId: "r-1") { id } }',
    'recordId',
    'INVALID_FORMAT',
  ],
  [
    'searchChildren(after)',
    OFFICER,
    '{ searchChildren(familyName: "Reyes", after: "not-a-uuid") { hasMore } }',
    'after',
    'INVALID_FORMAT',
  ],
  ['reviewQueue(after)', STEWARD, '{ reviewQueue(after: "zzz") { hasMore } }', 'after', 'INVALID_FORMAT'],
  [
    'childIndexAuditTrail(childId)',
    PO,
    '{ childIndexAuditTrail(childId: "c") { hasMore } }',
    'childId',
    'INVALID_FORMAT',
  ],
  [
    'childIndexAuditTrail(after)',
    PO,
    '{ childIndexAuditTrail(after: "x1") { hasMore } }',
    'after',
    'INVALID_FORMAT',
  ],
  [
    'confirmReviewPair(id)',
    STEWARD,
    'mutation { confirmReviewPair(id: "p", reason: "same child") { id } }',
    'id',
    'INVALID_FORMAT',
  ],
  [
    'rejectReviewPair(id)',
    STEWARD,
    'mutation { rejectReviewPair(id: "p", reason: "twins") { id } }',
    'id',
    'INVALID_FORMAT',
  ],
  [
    'mergeChildren(intoChildId)',
    STEWARD,
    `mutation { mergeChildren(childId: "${UUID}", intoChildId: "x", reason: "same child") { id } }`,
    'intoChildId',
    'INVALID_FORMAT',
  ],
  [
    'splitChild(records)',
    STEWARD,
    `mutation { splitChild(childId: "${UUID}", records: [{ agency: PROBATION, recordId: "r" }], reason: "two") { id } }`,
    'records.recordId',
    'INVALID_FORMAT',
  ],
  [
    'confirmLink(record)',
    STEWARD,
    'mutation { confirmLink(record: { agency: PROBATION, recordId: "r" }, reason: "same") { id } }',
    'record',
    'INVALID_FORMAT',
  ],
  [
    'declareDistinctRecords(recordIds)',
    STEWARD,
    'mutation { declareDistinctRecords(agency: PROBATION, recordIds: ["a", "b"], reason: "twins") { id } }',
    'recordIds',
    'INVALID_FORMAT',
  ],
];

describe('id, date and cursor arguments', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform();
  });
  afterAll(async () => p?.dispose());

  /** Rows of every table a refused call could have touched: audits, consents, notices, links. */
  const snapshot = async () => {
    const agency = p.agencies.PROBATION!.db.dataSource;
    const index = p.index.db.dataSource;
    const n = async (ds: typeof agency, table: string) =>
      (await ds.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
    return {
      audit: await n(agency, 'audit_event'),
      consents: await n(agency, "consent WHERE status = 'ACTIVE'"),
      notices: await n(agency, 'privacy_notice WHERE acknowledged_at IS NULL'),
      indexTrail: await n(index, 'index_access_event'),
      links: await n(index, 'link_event'),
    };
  };

  it.each(BAD_ARGS)(
    '%s: BAD_USER_INPUT naming the argument, nothing changed',
    async (_what, caller, op, field, code) => {
      const before = await snapshot();
      const res = await p.gql(
        caller.agency,
        op,
        {},
        { roles: caller.roles, purposeOfUse: caller.purposeOfUse },
      );
      expect(res.body.errors).toHaveLength(1);
      const [err] = res.body.errors;
      expect(err.extensions.code).toBe('BAD_USER_INPUT');
      expect(err.extensions.errors).toContainEqual(expect.objectContaining({ field, code }));
      expect(JSON.stringify(res.body)).not.toMatch(/invalid input syntax|SELECT|uuid:|timestamptz/i);
      expect(await snapshot()).toEqual(before);
    },
  );

  it('accepts good values of the same arguments', async () => {
    for (const op of [
      '{ probationAuditTrail(from: "2026-01-01", to: "2026-12-31T23:59:59Z", recordId: "' +
        UUID +
        '", after: "9000") { hasMore } }',
      '{ probationBreakGlassReport(from: "2026-01-01T00:00:00+02:00", to: "2027-01-01") { id } }',
    ]) {
      const res = await p.gql('PROBATION', op, {}, { roles: PO.roles, purposeOfUse: PO.purposeOfUse });
      expect(res.body.errors).toBeUndefined();
    }
    const res = await p.gql('PROBATION', `{ child(id: "${UUID}") { id } }`, {}, { roles: OFFICER.roles });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.child).toBeNull();
  });
});
