import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import request from 'supertest';
import {
  createLogger,
  FEED_CHANGED_ROUTE,
  GATEWAY_CREDENTIAL_HEADER,
  gatewayCredential,
  serviceToken,
  type AgencyCode,
  type Role,
} from '@wholechild/shared';
import { tokenFor } from '@wholechild/shared/testing';
import { put, SRC, type Person } from './consentFixture';
import { startTestPlatform, type TestPlatform } from './helpers';

/**
 * VAWA (34 U.S.C. 12291(b)(2)): once housing flags a client as a domestic-violence survivor, the
 * record never leaves housing, and 42 CFR 2.13(c): once a client's only records are Part 2 records,
 * not even their existence shows. The index used to keep showing the link until its next feed pull;
 * now the agency's write has the index pull its feed before the mutation answers. Nothing syncs by
 * itself here (FEED_PULL_INTERVAL_MS is 0): the very next request must answer exactly as it did
 * before the agency's record existed.
 */
describe('a withdrawn record leaves the index before the write answers', () => {
  let p: TestPlatform;
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n')) if (l.trim()) logs.push(JSON.parse(l));
      done();
    },
  });
  const caseworker = { roles: ['CASEWORKER' as Role], purposeOfUse: 'CARE_COORDINATION' as const };
  const demo = (x: Person) => ({
    externalId: x.ext,
    givenName: x.givenName,
    familyName: x.familyName,
    birthDate: x.birthDate,
  });

  const childQuery = `query($id: ID!) { child(id: $id) { id givenName middleName familyName birthDate sex race
    ethnicity primaryLanguage links { agency recordId matchScore status }
    housing { __typename ... on Restricted { agency category reason } }
    behavioralHealth { __typename ... on Restricted { agency category reason } } } }`;
  const searchQuery = `query($g: String, $f: String, $b: String) { searchChildren(givenName: $g, familyName: $f, birthDate: $b) {
    nodes { id givenName familyName birthDate links { agency recordId status } } endCursor hasMore } }`;
  const byRecordQuery = `query($a: Agency!, $r: ID!) { childByAgencyRecord(agency: $a, recordId: $r) { id links { agency recordId } } }`;

  /** Everything a child welfare caseworker can ask the index about the person: the child, a
   *  search by name, and the lookup of the agency's record id. */
  const ask = async (childId: string, x: Person, agency: AgencyCode, recordId: string) => {
    const child = await p.gql('CHILD_WELFARE', childQuery, { id: childId }, caseworker);
    const search = await p.gql(
      'CHILD_WELFARE',
      searchQuery,
      { g: x.givenName, f: x.familyName, b: x.birthDate },
      caseworker,
    );
    const byRecord = await p.gql('CHILD_WELFARE', byRecordQuery, { a: agency, r: recordId }, caseworker);
    return { child: child.body, search: search.body, byRecord: byRecord.body };
  };

  const childOf = async (agency: AgencyCode, ext: string): Promise<string> => {
    const [row] = await p.index.db.dataSource.query(
      `SELECT child_id FROM agency_record WHERE agency = $1 AND external_id = $2 AND source_system = $3`,
      [agency, ext, SRC],
    );
    return row.child_id;
  };

  /** Calls the child index's feed-changed route directly, as an agency's service does
   *  (IndexNotifier): the caller's token, no gateway credential. */
  const feedChanged = (agency: AgencyCode, as: AgencyCode | 'CHILD_INDEX', roles: Role[]) => {
    const url = new URL(p.subgraphUrls['child-index']!);
    return request(url.origin)
      .post(`${FEED_CHANGED_ROUTE}?agency=${agency}`)
      .set(
        'authorization',
        `Bearer ${as === 'CHILD_INDEX' ? serviceToken(p.config.jwt) : tokenFor(as, { roles }, p.config)}`,
      );
  };

  beforeAll(async () => {
    p = await startTestPlatform({ logger: createLogger('platform', 'info', sink) });
  }, 120_000);
  afterAll(async () => p?.dispose());

  it('a housing client flagged as a survivor: the next request answers as if the record never existed', async () => {
    const riley: Person = { ext: 'riley', givenName: 'Riley', familyName: 'Marsh', birthDate: '2011-04-12' };
    await put(p, 'CHILD_WELFARE', 'ChildWelfarePerson', demo(riley));
    await p.syncFeeds();
    const child = await childOf('CHILD_WELFARE', riley.ext);
    // the platform where housing never had the record (any record id: none exists)
    const never = await ask(child, riley, 'HOUSING', randomUUID());

    const housingId = await put(p, 'HOUSING', 'HousingClient', demo(riley));
    await p.syncFeeds();
    const linked = await ask(child, riley, 'HOUSING', housingId);
    expect(linked.child.data.child.links).toContainEqual(
      expect.objectContaining({ agency: 'HOUSING', recordId: housingId }),
    );
    expect(linked.byRecord.data.childByAgencyRecord).toEqual(expect.objectContaining({ id: child }));
    expect(linked).not.toEqual(never); // the comparison could fail

    // housing flags the survivor through the gateway; no sync before the next request
    await put(p, 'HOUSING', 'HousingClient', { ...demo(riley), dvSurvivor: true });
    const after = await ask(child, riley, 'HOUSING', housingId);
    expect(after).toEqual(never);
    expect(JSON.stringify(after)).not.toContain(housingId);
  });

  it('a behavioral health client whose only records become Part 2 records: the link hides at once', async () => {
    const jordan: Person = {
      ext: 'jordan',
      givenName: 'Jordan',
      familyName: 'Pike',
      birthDate: '2010-11-30',
    };
    await put(p, 'CHILD_WELFARE', 'ChildWelfarePerson', demo(jordan));
    await p.syncFeeds();
    const child = await childOf('CHILD_WELFARE', jordan.ext);
    const never = await ask(child, jordan, 'HOUSING', randomUUID());

    const bhId = await put(p, 'BEHAVIORAL_HEALTH', 'BehavioralHealthClient', demo(jordan));
    const episode = { externalId: 'jordan-ep', personExternalId: jordan.ext, startDate: '2025-02-01' };
    await put(p, 'BEHAVIORAL_HEALTH', 'BehavioralHealthEpisode', {
      ...episode,
      program: 'OUTPATIENT_MENTAL_HEALTH',
      isSubstanceUse: false,
    });
    await p.syncFeeds();
    const linked = await ask(child, jordan, 'HOUSING', randomUUID());
    expect(linked.child.data.child.links).toContainEqual(
      expect.objectContaining({ agency: 'BEHAVIORAL_HEALTH', recordId: bhId }),
    );

    // the episode turns out to be substance-use treatment: the client's existence is now protected
    // (a write of an episode, not of the client: the trigger changes the client record)
    await put(p, 'BEHAVIORAL_HEALTH', 'BehavioralHealthEpisode', {
      ...episode,
      program: 'SUD_OUTPATIENT',
      isSubstanceUse: true,
    });
    const after = await ask(child, jordan, 'HOUSING', randomUUID());
    expect({ child: after.child, search: after.search }).toEqual({
      child: never.child,
      search: never.search,
    });
    expect(JSON.stringify(after)).not.toContain(bhId);
  });

  it('only the agency’s own writers or the platform service may have the index pull its feed', async () => {
    const refused = [
      await feedChanged('HOUSING', 'EDUCATION', ['INTEGRATION']),
      await feedChanged('HOUSING', 'CHILD_WELFARE', ['DATA_STEWARD']),
      await feedChanged('HOUSING', 'HOUSING', ['CASEWORKER']),
    ];
    for (const res of refused) {
      expect(res.status).toBe(403);
      expect(res.body.data ?? null).toBeNull();
      expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
    }
    // each refusal is a DENY row in the index's trail, under the refused caller
    const denies = await p.index.db.dataSource.query(
      `SELECT actor_agency FROM index_access_event WHERE action = 'feed-changed' AND decision = 'DENY' ORDER BY id`,
    );
    expect(denies.map((d: { actor_agency: string }) => d.actor_agency)).toEqual([
      'EDUCATION',
      'CHILD_WELFARE',
      'HOUSING',
    ]);
    // the route takes no other agency name than the platform's, and no GET
    const url = new URL(p.subgraphUrls['child-index']!);
    const bad = await request(url.origin)
      .post(`${FEED_CHANGED_ROUTE}?agency=NOPE`)
      .set('authorization', `Bearer ${tokenFor('HOUSING', { roles: ['INTEGRATION'] }, p.config)}`);
    expect([bad.status, bad.body.errors[0].extensions.code]).toEqual([400, 'BAD_USER_INPUT']);
    const anonymous = await request(url.origin).post(`${FEED_CHANGED_ROUTE}?agency=HOUSING`);
    expect(anonymous.status).toBe(401);
    // the mutation itself still answers only the gateway: an agency holds no credential of the index
    const direct = await request(url.origin)
      .post(url.pathname)
      .set('authorization', `Bearer ${tokenFor('HOUSING', { roles: ['INTEGRATION'] }, p.config)}`)
      .set(GATEWAY_CREDENTIAL_HEADER, gatewayCredential(p.config, 'housing'))
      .send({ query: `mutation { agencyFeedChanged(agency: HOUSING) }` });
    expect(direct.status).toBe(401);
    for (const [as, roles] of [
      ['HOUSING', ['INTEGRATION']],
      ['HOUSING', ['DATA_STEWARD']],
      ['CHILD_INDEX', ['SERVICE']],
    ] as const) {
      const res = await feedChanged('HOUSING', as, [...roles]);
      expect(res.body).toEqual({ data: { agencyFeedChanged: true } });
    }
  });

  it('with the index down, the survivor flag is still written, and the next pull withdraws the record', async () => {
    const avery: Person = { ext: 'avery', givenName: 'Avery', familyName: 'Stone', birthDate: '2013-01-20' };
    await put(p, 'CHILD_WELFARE', 'ChildWelfarePerson', demo(avery));
    const housingId = await put(p, 'HOUSING', 'HousingClient', demo(avery));
    await p.syncFeeds();
    const child = await childOf('HOUSING', avery.ext);

    await p.stopSubgraph('child-index');
    try {
      const res = await p.gql(
        'HOUSING',
        `mutation($r: HousingClientInput!) { upsertHousingClient(record: $r) { id created } }`,
        { r: { sourceSystem: SRC, ...demo(avery), dvSurvivor: true } },
        { roles: ['INTEGRATION'], purposeOfUse: 'OPERATIONS' },
      );
      expect(res.body).toEqual({ data: { upsertHousingClient: { id: housingId, created: false } } });
      const [row] = await p.agencies.HOUSING!.db.dataSource.query(
        'SELECT dv_survivor FROM client WHERE id = $1',
        [housingId],
      );
      expect(row.dv_survivor).toBe(true);
      expect(logs).toContainEqual(
        expect.objectContaining({
          service: 'housing',
          msg: expect.stringContaining('could not tell the child index'),
        }),
      );
    } finally {
      await p.restartSubgraph('child-index');
    }
    await p.syncFeeds();
    const links = await p.gql('CHILD_WELFARE', childQuery, { id: child }, caseworker);
    expect(links.body.data.child.links).not.toContainEqual(expect.objectContaining({ agency: 'HOUSING' }));
  });
});
