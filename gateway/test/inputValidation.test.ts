import type { AgencyCode } from '@wholechild/shared';
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
