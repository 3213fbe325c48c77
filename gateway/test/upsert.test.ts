import { startTestPlatform, type TestPlatform } from './helpers';

describe('idempotent upserts through the gateway', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform();
  });
  afterAll(async () => p?.dispose());

  const cw = () => p.agencies.CHILD_WELFARE!.db.dataSource;
  const count = async (table: string) =>
    (await cw().query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  const upsertPerson = `mutation($r: ChildWelfarePersonInput!) { upsertChildWelfarePerson(record: $r) { id created } }`;
  const person = {
    sourceSystem: 'CWS',
    externalId: 'P-1',
    givenName: 'Jo',
    familyName: 'Banks',
    birthDate: '2015-05-05',
    sex: 'M',
  };
  const asIntegration = { roles: ['INTEGRATION' as const], purposeOfUse: 'OPERATIONS' as const };

  it('the same record sent twice is one row', async () => {
    const first = await p.gql('CHILD_WELFARE', upsertPerson, { r: person }, asIntegration);
    const second = await p.gql(
      'CHILD_WELFARE',
      upsertPerson,
      { r: { ...person, givenName: 'Joe' } },
      asIntegration,
    );
    expect(first.body.data.upsertChildWelfarePerson.created).toBe(true);
    expect(second.body.data.upsertChildWelfarePerson).toEqual({
      id: first.body.data.upsertChildWelfarePerson.id,
      created: false,
    });
    expect(await count('person')).toBe(1);
    const [row] = await cw().query('SELECT given_name FROM person');
    expect(row.given_name).toBe('Joe');
  });

  it('re-sending an identical record does not move the change feed', async () => {
    const [before] = await cw().query('SELECT change_seq FROM person');
    await p.gql('CHILD_WELFARE', upsertPerson, { r: { ...person, givenName: 'Joe' } }, asIntegration);
    const [after] = await cw().query('SELECT change_seq FROM person');
    expect(after.change_seq).toBe(before.change_seq);
  });

  it('bad input gets a typed error listing every field and writes nothing', async () => {
    const before = await count('placement');
    const res = await p.gql(
      'CHILD_WELFARE',
      `mutation($r: ChildWelfarePlacementInput!) { upsertChildWelfarePlacement(record: $r) { id } }`,
      {
        r: {
          sourceSystem: 'CWS',
          externalId: 'PL-1',
          personExternalId: 'NOPE',
          providerName: 'x'.repeat(201),
          placementType: 'CASTLE',
          startDate: '2024-02-30',
          endDate: '2020-01-01',
        },
      },
      asIntegration,
    );
    const err = res.body.errors[0];
    expect(err.extensions.code).toBe('BAD_USER_INPUT');
    expect(err.extensions.requestId).toBeTruthy();
    const codes = Object.fromEntries(
      err.extensions.errors.map((e: { field: string; code: string }) => [e.field, e.code]),
    );
    expect(codes).toMatchObject({
      providerName: 'TOO_LONG',
      placementType: 'INVALID_ENUM',
      startDate: 'INVALID_DATE',
    });
    expect(await count('placement')).toBe(before);
    const unknownParent = await p.gql(
      'CHILD_WELFARE',
      `mutation($r: ChildWelfarePlacementInput!) { upsertChildWelfarePlacement(record: $r) { id } }`,
      {
        r: {
          sourceSystem: 'CWS',
          externalId: 'PL-1',
          personExternalId: 'NOPE',
          providerName: 'Home',
          placementType: 'RELATIVE',
          startDate: '2024-02-01',
          endDate: '2023-01-01',
        },
      },
      asIntegration,
    );
    const codes2 = unknownParent.body.errors[0].extensions.errors.map((e: { code: string }) => e.code).sort();
    expect(codes2).toEqual(['DATE_ORDER']);
    const third = await p.gql(
      'CHILD_WELFARE',
      `mutation($r: ChildWelfarePlacementInput!) { upsertChildWelfarePlacement(record: $r) { id } }`,
      {
        r: {
          sourceSystem: 'CWS',
          externalId: 'PL-1',
          personExternalId: 'NOPE',
          providerName: 'Home',
          placementType: 'RELATIVE',
          startDate: '2024-02-01',
        },
      },
      asIntegration,
    );
    expect(third.body.errors[0].extensions.errors).toEqual([
      expect.objectContaining({ field: 'personExternalId', code: 'UNKNOWN_REFERENCE' }),
    ]);
    expect(await count('placement')).toBe(before);
  });

  it('a partial batch stores the good rows and says which rows failed', async () => {
    const res = await p.gql(
      'CHILD_WELFARE',
      `mutation($rs: [ChildWelfarePersonInput!]!) { upsertChildWelfarePersons(records: $rs) { accepted rejected rows { index id created errors { field code } } } }`,
      {
        rs: [
          { sourceSystem: 'CWS', externalId: 'B-1', givenName: 'A', birthDate: '2010-01-01' },
          { sourceSystem: 'CWS', externalId: 'B-2', birthDate: '2010-02-31' },
          { sourceSystem: 'CWS', externalId: 'B-3', sex: 'Q' },
          { sourceSystem: 'CWS', externalId: 'B-1', givenName: 'A2' },
        ],
      },
      asIntegration,
    );
    const out = res.body.data.upsertChildWelfarePersons;
    expect(out.accepted).toBe(2);
    expect(out.rejected).toBe(2);
    expect(out.rows[1].errors).toEqual([{ field: 'birthDate', code: 'INVALID_DATE' }]);
    expect(out.rows[2].errors).toEqual([{ field: 'sex', code: 'INVALID_ENUM' }]);
    expect(out.rows[0].id).toBe(out.rows[3].id);
    const rows = await cw().query(
      `SELECT external_id, given_name FROM person WHERE external_id LIKE 'B-%' ORDER BY 1`,
    );
    expect(rows).toEqual([{ external_id: 'B-1', given_name: 'A2' }]);
  });

  it('only the agency’s own integration accounts may write', async () => {
    const other = await p.gql('EDUCATION', upsertPerson, { r: person }, asIntegration);
    expect(other.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const caseworker = await p.gql('CHILD_WELFARE', upsertPerson, { r: person });
    expect(caseworker.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});
