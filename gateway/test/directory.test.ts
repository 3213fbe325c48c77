import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PurposeOfUse, Role } from '@wholechild/shared';
import { runServicesImport, SAMPLE_DIRECTORY, seedDirectory } from '../../scripts/servicesImport';
import { startTestPlatform, type TestPlatform } from './helpers';
import { CASEY, seedFixture, SRC } from './consentFixture';

/*
 * The county's service directory (Open Referral HSDS 3.0) through the gateway: the sample package
 * imported (and again, idempotently; a package with bad rows reports them and stores nothing of
 * them), searched by need, age, language and locality with paging, kept by the maintaining agency
 * only, and named by a referral.
 */
const SAMPLE = SAMPLE_DIRECTORY;
const caseworker = { roles: ['CASEWORKER' as Role], purposeOfUse: 'CARE_COORDINATION' as PurposeOfUse };
const steward = { roles: ['DATA_STEWARD' as Role], purposeOfUse: 'OPERATIONS' as PurposeOfUse };
const TEEN_COUNSELING = '5e000000-0000-4000-8000-000000000001';
const AYCC = '0a000000-0000-4000-8000-000000000001';
const SEARCH = `query($need: String, $age: Int, $language: String, $locality: String, $first: Int, $after: String) {
  directoryServices(need: $need, age: $age, language: $language, locality: $locality, first: $first, after: $after) {
    edges { cursor node { id name minimumAge maximumAge applicationProcess feesDescription
      organization { name maintainer } languages { code } needs { code }
      locations { address { city postalCode region } } } }
    pageInfo { hasNextPage endCursor } } }`;

/** A copy of the sample package with `edit` applied to one of its files. */
function variant(file: string, edit: (text: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hsds-'));
  for (const f of fs.readdirSync(SAMPLE)) fs.copyFileSync(path.join(SAMPLE, f), path.join(dir, f));
  fs.writeFileSync(path.join(dir, file), edit(fs.readFileSync(path.join(dir, file), 'utf8')));
  return dir;
}

describe('the service directory', () => {
  let p: TestPlatform;
  const search = async (v: Record<string, unknown>, agency: 'EDUCATION' | 'HOUSING' = 'EDUCATION') => {
    const res = await p.gql(agency, SEARCH, v, caseworker);
    expect(res.body.errors).toBeUndefined();
    return res.body.data.directoryServices;
  };
  const names = async (v: Record<string, unknown>) =>
    (await search(v)).edges.map((e: { node: { name: string } }) => e.node.name);
  const counts = () =>
    p
      .owner('child-index')
      .query(
        `SELECT (SELECT count(*) FROM directory_service)::int AS services, (SELECT count(*) FROM directory_language)::int AS languages, (SELECT count(*) FROM directory_attribute)::int AS attributes`,
      );

  beforeAll(async () => {
    p = await startTestPlatform();
  }, 180_000);
  afterAll(() => p?.dispose());

  it('imports the sample HSDS package, and again without duplicating anything', async () => {
    // what npm start does on an empty directory, and only then
    expect(await seedDirectory(p.index.db.dataSource)).toBe(
      '47 rows of the sample HSDS package (maintained by HOUSING)',
    );
    expect(await seedDirectory(p.index.db.dataSource)).toBeNull();
    const first = await runServicesImport({
      folder: SAMPLE,
      agency: 'HOUSING',
      databaseUrl: p.databaseUrl,
      config: p.config,
    });
    expect(first.rejected).toEqual([]);
    expect(first).toMatchObject({ created: 0, updated: 0, unchanged: 47 });
    expect(first.byResource).toMatchObject({ organization: 3, service: 7, language: 11, attribute: 7 });
    const before = await counts();
    const again = await runServicesImport({
      folder: SAMPLE,
      agency: 'HOUSING',
      databaseUrl: p.databaseUrl,
      config: p.config,
    });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 47, rejected: [] });
    expect(await counts()).toEqual(before);
    // a changed row is an update of the same service
    const changed = variant('services.csv', (t) =>
      t.replace('Teen Counseling,', 'Teen and Young Adult Counseling,'),
    );
    const third = await runServicesImport({
      folder: changed,
      agency: 'HOUSING',
      databaseUrl: p.databaseUrl,
      config: p.config,
    });
    expect(third).toMatchObject({ created: 0, updated: 1, unchanged: 46 });
    expect(await counts()).toEqual(before);
    const trail = await p
      .owner('child-index')
      .query(`SELECT action, decision FROM index_access_event WHERE action = 'DIRECTORY_IMPORT'`);
    expect(trail).toHaveLength(4);
  });

  it('reports the bad rows of a package and stores nothing of them', async () => {
    const bad = variant('services.csv', (t) =>
      t
        .replace(',Students 6 to 14,6,14', ',Students 6 to 14,six,14')
        .replace(
          /\n$/,
          '\n5e000000-0000-4000-8000-000000000099,0a000000-0000-4000-8000-000000000999,Orphan Service,,,,,active,,,,,,\n',
        ),
    );
    const before = await counts();
    const r = await runServicesImport({
      folder: bad,
      agency: 'HOUSING',
      databaseUrl: p.databaseUrl,
      config: p.config,
    });
    expect(r.rejected).toEqual([
      {
        resource: 'service',
        row: 5,
        errors: [expect.objectContaining({ field: 'minimum_age', code: 'INVALID_TYPE' })],
      },
      {
        resource: 'service',
        row: 9,
        errors: [expect.objectContaining({ field: 'organization_id', code: 'UNKNOWN_REFERENCE' })],
      },
    ]);
    expect(await counts()).toEqual(before);
    // the good rows loaded: the sample's name is back on the counseling service
    expect(r).toMatchObject({ created: 0, updated: 1 });
    const tutoring = (await search({ need: 'EDUCATION_SUPPORT' })).edges[0].node;
    expect(tutoring).toMatchObject({ name: 'After-School Tutoring', minimumAge: 6 });
    // a package whose file lacks a column its schema requires is refused whole
    const noColumn = variant('services.csv', (t) => t.replace(/^id,/, 'ident,'));
    await expect(
      runServicesImport({
        folder: noColumn,
        agency: 'HOUSING',
        databaseUrl: p.databaseUrl,
        config: p.config,
      }),
    ).rejects.toThrow(/columns not in its schema: ident/);
  });

  it('finds services by need, age, language and locality, a page at a time', async () => {
    expect(await names({ need: 'MENTAL_HEALTH' })).toEqual(['Teen Counseling']);
    expect(await names({ need: 'mentoring' })).toEqual(['Youth Mentoring']); // inactive camp left out
    expect(await names({ age: 7 })).toEqual(['After-School Tutoring', 'Family Food Boxes']);
    expect(await names({ age: 16, language: 'es' })).toEqual([
      'Family Food Boxes',
      'Teen Counseling',
      'Youth Mentoring',
    ]);
    expect(await names({ language: 'Vietnamese' })).toEqual(['Parent Education Classes']);
    expect(await names({ locality: 'South County' })).toEqual([
      'After-School Tutoring',
      'Parent Education Classes',
      'Youth Mentoring',
    ]);
    expect(await names({ locality: '95501', age: 15, need: 'SUBSTANCE_USE', language: 'en' })).toEqual([
      'Youth Outpatient Substance Use Program',
    ]);
    expect(await names({ locality: 'Cedar Grove', age: 30, need: 'MENTAL_HEALTH' })).toEqual([]);
    const teen = (await search({ need: 'MENTAL_HEALTH' })).edges[0].node;
    expect(teen).toMatchObject({
      id: TEEN_COUNSELING,
      minimumAge: 12,
      maximumAge: 21,
      feesDescription: 'Free for Medi-Cal members; sliding scale otherwise',
      organization: { name: 'Alder Youth Counseling Center', maintainer: 'HOUSING' },
      languages: [{ code: 'en' }, { code: 'es' }],
      locations: [{ address: { city: 'Maple Falls', postalCode: '95501', region: 'North County' } }],
    });
    // paging: every active service once, in name order, two at a time
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: {
        edges: Array<{ node: { name: string } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      } = await search({ first: 2, after });
      seen.push(...page.edges.map((e) => e.node.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([...(await names({ first: 100 }))]);
    expect(seen).toHaveLength(6);
    const badAge = await p.gql('EDUCATION', SEARCH, { age: -1 }, caseworker);
    expect(badAge.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'age' });
    const badCursor = await p.gql('EDUCATION', SEARCH, { after: 'nope' }, caseworker);
    expect(badCursor.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect((await p.gql(null, SEARCH, {})).status).toBe(401);
  });

  it('is kept by the maintaining agency only; every write is in the index’s trail', async () => {
    const upsert = (agency: 'HOUSING' | 'EDUCATION', service: Record<string, unknown>, who = steward) =>
      p.gql(
        agency,
        `mutation($s: DirectoryServiceInput!) { upsertDirectoryService(service: $s) { id name maximumAge languages { code } needs { code } organization { maintainer } } }`,
        { s: service },
        who,
      );
    const teen = {
      id: TEEN_COUNSELING,
      organizationId: AYCC,
      name: 'Teen Counseling',
      applicationProcess: 'Call or walk in; a caseworker or school counselor may refer.',
      maximumAge: 24,
      languages: [{ code: 'en' }],
      needs: ['MENTAL_HEALTH'],
      locationIds: ['10c00000-0000-4000-8000-000000000001'],
    };
    const foreign = await upsert('EDUCATION', teen);
    expect(foreign.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const own = await upsert('HOUSING', teen);
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data.upsertDirectoryService).toMatchObject({
      name: 'Teen Counseling',
      maximumAge: 24,
      languages: [{ code: 'en' }],
      needs: [{ code: 'MENTAL_HEALTH' }],
      organization: { maintainer: 'HOUSING' },
    });
    // the refused write changed nothing of the service, and a caseworker is no directory keeper
    expect(
      (await upsert('HOUSING', { ...teen, name: 'X' }, { ...caseworker })).body.errors[0].extensions.code,
    ).toBe('FORBIDDEN');
    expect((await search({ need: 'MENTAL_HEALTH' })).edges[0].node.name).toBe('Teen Counseling');
    // education may keep its own organization, and not take over housing's by its id
    const org = await p.gql(
      'EDUCATION',
      `mutation($o: DirectoryOrganizationInput!) { upsertDirectoryOrganization(organization: $o) { id maintainer } }`,
      { o: { name: 'Alder Unified Tutoring', description: 'Peer tutors (fictional).' } },
      steward,
    );
    expect(org.body.data.upsertDirectoryOrganization.maintainer).toBe('EDUCATION');
    const takeover = await p.gql(
      'EDUCATION',
      `mutation($o: DirectoryOrganizationInput!) { upsertDirectoryOrganization(organization: $o) { id } }`,
      { o: { id: AYCC, name: 'Mine now', description: 'x' } },
      steward,
    );
    expect(takeover.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const badAges = await upsert('HOUSING', { ...teen, minimumAge: 20, maximumAge: 10 });
    expect(badAges.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'maximum_age' });
    const unknownNeed = await upsert('HOUSING', { ...teen, needs: ['ASTROLOGY'] });
    expect(unknownNeed.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'needs' });
    const trail = await p
      .owner('child-index')
      .query(
        `SELECT action, decision, actor_agency FROM index_access_event WHERE action LIKE 'DIRECTORY_%' AND action <> 'DIRECTORY_IMPORT' OR (decision = 'DENY' AND actor_agency = 'EDUCATION') ORDER BY id`,
      );
    expect(trail).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'DIRECTORY_SERVICE_UPSERT',
          decision: 'PERMIT',
          actor_agency: 'HOUSING',
        }),
        expect.objectContaining({
          action: 'DIRECTORY_ORGANIZATION_UPSERT',
          decision: 'PERMIT',
          actor_agency: 'EDUCATION',
        }),
        expect.objectContaining({ decision: 'DENY', actor_agency: 'EDUCATION' }),
      ]),
    );
  });

  it('a referral names a directory service, which the gateway resolves from the directory', async () => {
    await seedFixture(p);
    const res = await p.gql(
      'CHILD_WELFARE',
      `mutation($r: ServiceReferralInput!) { referChildWelfareChild(referral: $r) { status toService { id name organization { name } applicationProcess } } }`,
      {
        r: {
          sourceSystem: SRC,
          personExternalId: CASEY.ext,
          toServiceId: TEEN_COUNSELING,
          category: 'MENTAL_HEALTH',
          need: 'Counseling after a move',
        },
      },
      caseworker,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.referChildWelfareChild).toEqual({
      status: 'SENT',
      toService: {
        id: TEEN_COUNSELING,
        name: 'Teen Counseling',
        organization: { name: 'Alder Youth Counseling Center' },
        applicationProcess: 'Call or walk in; a caseworker or school counselor may refer.',
      },
    });
  });
});
