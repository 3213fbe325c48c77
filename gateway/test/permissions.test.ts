import type { AgencyCode, PurposeOfUse, Role } from '@wholechild/shared';
import { put, SRC } from './consentFixture';
import { startTestPlatform, type TestPlatform } from './helpers';

/**
 * The permissions table (shared/src/access/permissions.ts) seen through the real gateway: for each
 * operation a few tokens that agencies really issue, refused or allowed. Tokens carrying several
 * roles show the combination rule: ANALYST (or purpose ANALYTICS) narrows every child-level
 * operation, whatever other role the token carries.
 */
describe('permissions through the gateway', () => {
  let p: TestPlatform;
  const ids: Record<string, string> = {};
  const as = (roles: Role[], purposeOfUse: PurposeOfUse = 'OPERATIONS') => ({ roles, purposeOfUse });
  const codeOf = (res: { body: { errors?: Array<{ extensions: { code: string } }> } }) =>
    res.body.errors?.[0]?.extensions.code ?? 'OK';
  const childOf = async (agency: AgencyCode, ext: string): Promise<string> =>
    (
      await p.index.db.dataSource.query(
        `SELECT child_id FROM agency_record WHERE agency = $1 AND external_id = $2`,
        [agency, ext],
      )
    )[0].child_id;

  beforeAll(async () => {
    p = await startTestPlatform();
    ids.jo = await put(p, 'CHILD_WELFARE', 'ChildWelfarePerson', {
      externalId: 'perm-jo',
      givenName: 'Jolene',
      familyName: 'Permafrost',
      birthDate: '2012-03-04',
    });
    ids.jay = await put(p, 'CHILD_WELFARE', 'ChildWelfarePerson', {
      externalId: 'perm-jay',
      givenName: 'Jaycee',
      familyName: 'Permafrost',
      birthDate: '2012-03-04',
    });
    await put(p, 'PROBATION', 'ProbationYouth', {
      externalId: 'perm-jo',
      givenName: 'Jolene',
      familyName: 'Permafrost',
      birthDate: '2012-03-04',
    });
    await p.syncFeeds();
  });
  afterAll(async () => p?.dispose());

  describe('READ_PERSON_FEED', () => {
    const feed = `{ childWelfarePersonFeed(first: 50) { records { givenName familyName } } }`;

    it('refuses an ANALYST + DATA_STEWARD, with purpose ANALYTICS or not, and names nobody', async () => {
      for (const purpose of ['ANALYTICS', 'OPERATIONS'] as const) {
        const res = await p.gql('CHILD_WELFARE', feed, {}, as(['ANALYST', 'DATA_STEWARD'], purpose));
        expect(codeOf(res)).toBe('FORBIDDEN');
        expect(JSON.stringify(res.body)).not.toMatch(/Jolene|Permafrost/);
      }
    });

    it("refuses another agency's data steward and the agency's own caseworker", async () => {
      expect(codeOf(await p.gql('EDUCATION', feed, {}, as(['DATA_STEWARD'])))).toBe('FORBIDDEN');
      expect(codeOf(await p.gql('CHILD_WELFARE', feed, {}, as(['CASEWORKER'])))).toBe('FORBIDDEN');
    });

    it("gives the agency's own data steward its feed", async () => {
      const res = await p.gql('CHILD_WELFARE', feed, {}, as(['DATA_STEWARD']));
      expect(codeOf(res)).toBe('OK');
      expect(res.body.data.childWelfarePersonFeed.records).toContainEqual({
        givenName: 'Jolene',
        familyName: 'Permafrost',
      });
    });
  });

  describe('STEWARD_INDEX and REVIEW_MATCHES', () => {
    const merge = `mutation($a: ID!, $b: ID!) { mergeChildren(childId: $a, intoChildId: $b, reason: "same youth, two systems") { id } }`;

    it('refuses a probation caseworker, and a data steward who is also an analyst, the merge', async () => {
      const vars = { a: await childOf('PROBATION', 'perm-jo'), b: await childOf('CHILD_WELFARE', 'perm-jo') };
      for (const viewer of [as(['CASEWORKER'], 'CASE_PLANNING'), as(['ANALYST', 'DATA_STEWARD'])]) {
        const res = await p.gql('PROBATION', merge, vars, viewer);
        expect(codeOf(res)).toBe('FORBIDDEN');
        expect(res.body.errors[0].message).toMatch(/data stewards|Analytics never sees/);
      }
    });

    it('opens the review queue to a data steward only', async () => {
      const q = `{ reviewQueue(first: 5) { nodes { id } hasMore } }`;
      expect(codeOf(await p.gql('EDUCATION', q, {}, as(['DATA_STEWARD'])))).toBe('OK');
      const caseworker = await p.gql('EDUCATION', q, {}, as(['CASEWORKER']));
      expect(codeOf(caseworker)).toBe('FORBIDDEN');
      expect(caseworker.body.errors[0].message).toBe('Only data stewards work the review queue');
    });
  });

  describe('READ_AUDIT_TRAIL', () => {
    const trail = `{ probationAuditTrail(first: 5) { events { id } } }`;

    it("lets probation's own privacy officer read it", async () => {
      const res = await p.gql('PROBATION', trail, {}, as(['PRIVACY_OFFICER'], 'AUDIT'));
      expect(codeOf(res)).toBe('OK');
      expect(Array.isArray(res.body.data.probationAuditTrail.events)).toBe(true);
    });

    it("refuses another agency's privacy officer, a probation officer, and an analyst officer", async () => {
      for (const [agency, viewer] of [
        ['CHILD_WELFARE', as(['PRIVACY_OFFICER'], 'AUDIT')],
        ['PROBATION', as(['PROBATION_OFFICER'], 'AUDIT')],
        ['PROBATION', as(['PRIVACY_OFFICER', 'ANALYST'], 'ANALYTICS')],
      ] as const) {
        expect(codeOf(await p.gql(agency, trail, {}, viewer))).toBe('FORBIDDEN');
      }
    });
  });

  describe('WRITE_RECORDS', () => {
    const upsert = `mutation($r: ProbationYouthInput!) { upsertProbationYouth(record: $r) { id } }`;
    const record = (ext: string) => ({ r: { sourceSystem: SRC, externalId: ext, givenName: 'Kit' } });

    it("lets probation's integration account write, and refuses everyone else", async () => {
      expect(codeOf(await p.gql('PROBATION', upsert, record('perm-w1'), as(['INTEGRATION'])))).toBe('OK');
      for (const [agency, viewer] of [
        ['PROBATION', as(['PROBATION_OFFICER'])],
        ['HOUSING', as(['INTEGRATION'])],
        ['PROBATION', as(['INTEGRATION', 'ANALYST'])],
      ] as const) {
        expect(codeOf(await p.gql(agency, upsert, record('perm-w2'), viewer))).toBe('FORBIDDEN');
      }
      const [{ n }] = await p.agencies.PROBATION!.db.dataSource.query(
        `SELECT count(*)::int AS n FROM youth WHERE external_id = 'perm-w2'`,
      );
      expect(n).toBe(0);
    });
  });

  describe('RECORD_CONSENT', () => {
    const record = `mutation($c: ConsentInput!) { recordProbationConsent(consent: $c) { id } }`;
    const consent = {
      sourceSystem: SRC,
      personExternalId: 'perm-jo',
      grantorType: 'COURT_ORDER',
      grantorName: 'Juvenile Court, Dept. 4',
      categories: ['JUVENILE_CASE_FILE'],
      recipientAgencies: ['EDUCATION'],
      purposes: ['CARE_COORDINATION'],
      periodStart: '2025-01-01',
      sourceDocumentRef: 'ORDER-1',
    };

    it('lets a probation officer record it; the court and another agency ask, they do not record', async () => {
      expect(codeOf(await p.gql('PROBATION', record, { c: consent }, as(['PROBATION_OFFICER'])))).toBe('OK');
      for (const [agency, viewer] of [
        ['PROBATION', as(['COURT'], 'CASE_PLANNING')],
        ['EDUCATION', as(['EDUCATOR'])],
      ] as const) {
        const res = await p.gql(agency, record, { c: consent }, viewer);
        expect(codeOf(res)).toBe('FORBIDDEN');
        expect(res.body.errors[0].message).toBe('Only PROBATION staff record PROBATION consents');
      }
    });

    it('READ_CONSENTS: shows the recipient the consent it was granted, never to a recipient who is also an analyst', async () => {
      const lookup = `{ probationConsents(sourceSystem: "${SRC}", personExternalId: "perm-jo") { categories } }`;
      const educator = await p.gql('EDUCATION', lookup, {}, as(['EDUCATOR'], 'CARE_COORDINATION'));
      expect(educator.body.data.probationConsents).toEqual([{ categories: ['JUVENILE_CASE_FILE'] }]);
      const analyst = await p.gql('EDUCATION', lookup, {}, as(['EDUCATOR', 'ANALYST'], 'CARE_COORDINATION'));
      expect(analyst.body.data.probationConsents).toEqual([]);
    });
  });

  describe('DECLARE_DISTINCT', () => {
    const declare = `mutation($a: Agency!, $ids: [ID!]!) { declareDistinctRecords(agency: $a, recordIds: $ids, reason: "twins, one file each") { id } }`;

    it("refuses another agency's caseworker and an analytics purpose; lets the agency's own caseworker", async () => {
      const vars = { a: 'CHILD_WELFARE', ids: [ids.jo, ids.jay] };
      expect(codeOf(await p.gql('HOUSING', declare, vars, as(['CASEWORKER'])))).toBe('FORBIDDEN');
      expect(codeOf(await p.gql('CHILD_WELFARE', declare, vars, as(['CASEWORKER'], 'ANALYTICS')))).toBe(
        'FORBIDDEN',
      );
      const own = await p.gql('CHILD_WELFARE', declare, vars, as(['CASEWORKER'], 'CASE_PLANNING'));
      expect(codeOf(own)).toBe('OK');
      expect(own.body.data.declareDistinctRecords).toHaveLength(2);
    });
  });

  describe('READ_FEED_STATUS and RUN_FEED_SYNC', () => {
    it('refuses a caseworker; lets a data steward, even with purpose ANALYTICS (no child in the answer)', async () => {
      const status = `{ feedStatus { agency recordsRead } }`;
      const sync = `mutation { syncAgencyFeeds { agency } }`;
      for (const q of [status, sync]) {
        expect(codeOf(await p.gql('HOUSING', q, {}, as(['CASEWORKER'])))).toBe('FORBIDDEN');
        expect(codeOf(await p.gql('HOUSING', q, {}, as(['DATA_STEWARD'])))).toBe('OK');
        expect(codeOf(await p.gql('EDUCATION', q, {}, as(['DATA_STEWARD', 'ANALYST'], 'ANALYTICS')))).toBe(
          'OK',
        );
      }
    });
  });

  describe('READ_CHILD_INDEX', () => {
    const search = `{ searchChildren(familyName: "Permafrost") { nodes { id } } }`;

    it('finds a child for a caseworker; refuses a supervisor who is also an analyst', async () => {
      const res = await p.gql('CHILD_WELFARE', search, {}, as(['CASEWORKER'], 'CASE_PLANNING'));
      expect(codeOf(res)).toBe('OK');
      expect(res.body.data.searchChildren.nodes.length).toBeGreaterThan(0);
      const analyst = await p.gql('CHILD_WELFARE', search, {}, as(['SUPERVISOR', 'ANALYST']));
      expect(codeOf(analyst)).toBe('FORBIDDEN');
      expect(JSON.stringify(analyst.body)).not.toMatch(/Permafrost/);
    });
  });
});
