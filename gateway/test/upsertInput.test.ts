import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { BATCH_UPSERT_TAB } from '../src/graphiql';
import { startTestPlatform, type TestPlatform } from './helpers';

/** What CSV exports send: blank optional fields, `f`/`male`, lower-case codes, dates in other
 *  forms. One agency's batch upsert through the gateway; the rule is the shared upsert's. */
describe('upserts read blanks and common spellings', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform();
  });
  afterAll(async () => p?.dispose());

  const asIntegration = { roles: ['INTEGRATION' as const], purposeOfUse: 'OPERATIONS' as const };
  const batch = `mutation($rs: [HousingClientInput!]!) {
    upsertHousingClients(records: $rs) { accepted rejected rows { index id errors { field code reason } } }
  }`;
  const clients = async (ids: string[]) =>
    p.agencies.HOUSING!.db.dataSource.query(
      `SELECT external_id, middle_name, birth_date::text AS birth_date, sex, race, ethnicity, household_id
         FROM client WHERE external_id = ANY($1) ORDER BY external_id`,
      [ids],
    );

  it('a blank optional field is absent, a malformed one refuses its row only, naming row and field', async () => {
    const base = { sourceSystem: 'HMIS', givenName: 'Ana', familyName: 'Diaz' };
    const res = await p.gql(
      'HOUSING',
      batch,
      {
        rs: [
          {
            ...base,
            externalId: 'C-1',
            middleName: '',
            birthDate: '',
            sex: ' ',
            race: '',
            householdExternalId: '',
          },
          { ...base, externalId: 'C-2', birthDate: '2020-13-45' },
          { ...base, externalId: 'C-3', birthDate: '2014-03-02', sex: 'female', ethnicity: 'not hispanic' },
          { ...base, externalId: 'C-4', sex: 'm', race: 'White' },
          { ...base, externalId: 'C-5', birthDate: '03/02/2014' },
          { ...base, externalId: 'C-6', sex: 'woman' },
        ],
      },
      asIntegration,
    );
    expect(res.body.errors).toBeUndefined();
    const out = res.body.data.upsertHousingClients;
    expect([out.accepted, out.rejected]).toEqual([3, 3]);
    const refused = out.rows
      .filter((r: { errors: unknown[] }) => r.errors.length)
      .map((r: { index: number; errors: Array<{ field: string; code: string }> }) => [
        r.index,
        r.errors.map((e) => `${e.field} ${e.code}`),
      ]);
    expect(refused).toEqual([
      [1, ['birthDate INVALID_DATE']],
      [4, ['birthDate INVALID_DATE']],
      [5, ['sex TOO_LONG', 'sex INVALID_ENUM']],
    ]);
    // the reason says which form dates take, and which spellings a code takes
    expect(out.rows[1].errors[0].reason).toMatch(/ISO 8601 form YYYY-MM-DD .*MM\/DD\/YYYY are not accepted/);
    expect(out.rows[5].errors[1].reason).toBe(
      'sex must be one of F, M, X, U (any letter case; also female, male, unknown)',
    );
    expect(await clients(['C-1', 'C-2', 'C-3', 'C-4', 'C-5', 'C-6'])).toEqual([
      {
        external_id: 'C-1',
        middle_name: null,
        birth_date: null,
        sex: null,
        race: null,
        ethnicity: null,
        household_id: null,
      },
      {
        external_id: 'C-3',
        middle_name: null,
        birth_date: '2014-03-02',
        sex: 'F',
        race: null,
        ethnicity: 'NOT_HISPANIC',
        household_id: null,
      },
      {
        external_id: 'C-4',
        middle_name: null,
        birth_date: null,
        sex: 'M',
        race: 'WHITE',
        ethnicity: null,
        household_id: null,
      },
    ]);
  });

  it('a blank required field is still refused, and a blank re-send clears what was stored', async () => {
    const one = `mutation($r: HousingClientInput!) { upsertHousingClient(record: $r) { id } }`;
    const blankKey = await p.gql(
      'HOUSING',
      one,
      { r: { sourceSystem: 'HMIS', externalId: '  ' } },
      asIntegration,
    );
    expect(blankKey.body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'externalId',
      errors: [expect.objectContaining({ field: 'externalId', code: 'REQUIRED' })],
    });
    const r = { sourceSystem: 'HMIS', externalId: 'C-7', middleName: 'Lee', birthDate: '2013-01-02' };
    await p.gql('HOUSING', one, { r }, asIntegration);
    expect((await clients(['C-7']))[0]).toMatchObject({ middle_name: 'Lee', birth_date: '2013-01-02' });
    const cleared = await p.gql(
      'HOUSING',
      one,
      { r: { ...r, middleName: '', birthDate: '' } },
      asIntegration,
    );
    expect(cleared.body.errors).toBeUndefined();
    expect((await clients(['C-7']))[0]).toMatchObject({ middle_name: null, birth_date: null });
  });

  describe('batches in variables, as README and GraphiQL show them', () => {
    const cwIntegration = asIntegration;
    const placement = (i: number) => ({
      sourceSystem: 'CWS-CMS',
      externalId: `PL-${i}`,
      personExternalId: 'P-1',
      providerName: 'Oak Street Resource Home',
      placementType: 'RESOURCE_FAMILY',
      startDate: '2026-03-01',
    });
    const placements = `mutation($records: [ChildWelfarePlacementInput!]!) {
      upsertChildWelfarePlacements(records: $records) { accepted rejected }
    }`;

    it("GraphiQL's batch tab runs as it opens, with an integration token", async () => {
      const page = await request(new URL(p.gatewayUrl).origin).get('/graphiql');
      expect(page.text).toContain('defaultTabs: DEFAULT_TABS');
      expect(page.text).toContain(JSON.stringify(BATCH_UPSERT_TAB.query));
      const res = await p.gql(
        'CHILD_WELFARE',
        BATCH_UPSERT_TAB.query,
        JSON.parse(BATCH_UPSERT_TAB.variables),
        cwIntegration,
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.upsertChildWelfarePersons).toMatchObject({ accepted: 2, rejected: 0 });
    });

    it("README's batch example runs as written", async () => {
      const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
      const section = readme.slice(readme.indexOf('## Writing records'));
      const query = /```graphql\n([\s\S]*?)```/.exec(section)![1]!;
      const variables = JSON.parse(/```json\n([\s\S]*?)```/.exec(section)![1]!);
      expect(query).toContain('$records');
      const res = await p.gql('CHILD_WELFARE', query, variables, cwIntegration);
      expect(res.body.errors).toBeUndefined();
      // its parents are not in this database: the row is refused by name, the call itself runs
      expect(res.body.data.upsertChildWelfarePlacements.rows[0].errors[0]).toMatchObject({
        field: 'personExternalId',
        code: 'UNKNOWN_REFERENCE',
      });
    });

    it('1,000 rows in variables are one call; 100 rows written into the query are refused', async () => {
      await p.gql(
        'CHILD_WELFARE',
        `mutation { upsertChildWelfarePerson(record: { sourceSystem: "CWS-CMS", externalId: "P-1" }) { id } }`,
        undefined,
        cwIntegration,
      );
      const rows = Array.from({ length: 1000 }, (_, i) => placement(i));
      const big = await p.gql('CHILD_WELFARE', placements, { records: rows }, cwIntegration);
      expect(big.body.errors).toBeUndefined();
      expect(big.body.data.upsertChildWelfarePlacements).toEqual({ accepted: 1000, rejected: 0 });
      const literal = (r: object) =>
        `{ ${Object.entries(r)
          .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
          .join(', ')} }`;
      const inline = (n: number) =>
        p.gql(
          'CHILD_WELFARE',
          `mutation { upsertChildWelfarePlacements(records: [${rows.slice(0, n).map(literal).join(', ')}]) { accepted } }`,
          undefined,
          cwIntegration,
        );
      expect((await inline(50)).body.data.upsertChildWelfarePlacements.accepted).toBe(50);
      const refused = await inline(100);
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'maxTokens' });
    });
  });
});
