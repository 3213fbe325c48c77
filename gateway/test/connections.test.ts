import { startTestPlatform, type TestPlatform } from './helpers';

/** Relay cursor connections on the lists that grow: edges with cursors and pageInfo, beside the
 *  older nodes/endCursor/hasMore fields. */
describe('cursor connections', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform();
    for (let i = 0; i < 5; i++) {
      const res = await p.gql(
        'EDUCATION',
        'mutation($r: EducationStudentInput!) { upsertEducationStudent(record: $r) { id } }',
        {
          r: {
            sourceSystem: 'SIS',
            externalId: `relay-${i}`,
            givenName: ['Ana', 'Bo', 'Cy', 'Di', 'Ed'][i],
            familyName: 'Relayson',
            birthDate: `201${i}-0${i + 1}-1${i}`,
          },
        },
        { roles: ['INTEGRATION'], purposeOfUse: 'OPERATIONS' },
      );
      expect(res.body.errors).toBeUndefined();
    }
    await p.syncFeeds();
  });
  afterAll(async () => p?.dispose());

  const page = (after: string | null) =>
    p.gql(
      'EDUCATION',
      `query($after: String) { searchChildren(familyName: "relayson", first: 2, after: $after) {
         edges { cursor node { id } } pageInfo { hasNextPage endCursor } nodes { id } endCursor hasMore } }`,
      { after },
    );

  it('walks a search by pageInfo.endCursor, and resumes after any edge’s cursor', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const res = await page(after);
      expect(res.body.errors).toBeUndefined();
      const c = res.body.data.searchChildren;
      expect(c.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(
        c.nodes.map((n: { id: string }) => n.id),
      );
      expect(c.pageInfo).toEqual({ hasNextPage: c.hasMore, endCursor: c.hasMore ? c.endCursor : null });
      seen.push(...c.nodes.map((n: { id: string }) => n.id));
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(5);
    const first = (await page(null)).body.data.searchChildren;
    const afterFirst = (await page(first.edges[0].cursor)).body.data.searchChildren;
    expect(afterFirst.nodes[0].id).toBe(seen[1]);
  });

  it('finds a name written with accents by its plain letters, and the other way round', async () => {
    const write = await p.gql(
      'EDUCATION',
      'mutation($r: EducationStudentInput!) { upsertEducationStudent(record: $r) { id } }',
      {
        r: {
          sourceSystem: 'SIS',
          externalId: 'accent-1',
          givenName: 'Zoë',
          familyName: 'López Núñez',
          birthDate: '2013-05-06',
        },
      },
      { roles: ['INTEGRATION'], purposeOfUse: 'OPERATIONS' },
    );
    expect(write.body.errors).toBeUndefined();
    await p.syncFeeds();
    for (const familyName of ['lopez', 'López', 'LOPEZNU', 'lópez núñ']) {
      const res = await p.gql(
        'EDUCATION',
        'query($f: String) { searchChildren(familyName: $f) { nodes { givenName } } }',
        {
          f: familyName,
        },
      );
      expect({ familyName, found: res.body.data.searchChildren.nodes.length }).toEqual({
        familyName,
        found: 1,
      });
    }
  });

  it('pages an audit trail the same way', async () => {
    // two refusals: two DENY rows in education's trail
    for (let i = 0; i < 2; i++) await p.gql('EDUCATION', '{ educationAuditTrail(first: 1) { hasMore } }');
    const res = await p.gql(
      'EDUCATION',
      '{ educationAuditTrail(first: 1) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } events { id } endCursor hasMore } }',
      undefined,
      { roles: ['PRIVACY_OFFICER'], purposeOfUse: 'AUDIT' },
    );
    expect(res.body.errors).toBeUndefined();
    const t = res.body.data.educationAuditTrail;
    expect(t.edges).toHaveLength(1);
    expect(t.edges[0].node.id).toBe(t.events[0].id);
    expect(t.pageInfo.hasNextPage).toBe(true);
    expect(t.pageInfo.endCursor).toBe(t.edges[0].cursor);
    expect({ endCursor: t.endCursor, hasMore: t.hasMore }).toEqual({
      endCursor: t.edges[0].cursor,
      hasMore: true,
    });
  });
  it('pages a person feed with edges, each cursor resuming after its record', async () => {
    const feed = (after: string | null) =>
      p.gql(
        'EDUCATION',
        `query($after: String) { educationPersonFeed(first: 2, after: $after) {
           edges { cursor node { externalId } } pageInfo { hasNextPage endCursor } records { externalId } cursor hasMore } }`,
        { after },
        { roles: ['DATA_STEWARD'], purposeOfUse: 'OPERATIONS' },
      );
    const first = (await feed(null)).body.data.educationPersonFeed;
    expect(first.edges.map((e: { node: { externalId: string } }) => e.node.externalId)).toEqual(
      first.records.map((r: { externalId: string }) => r.externalId),
    );
    expect(first.pageInfo).toEqual({ hasNextPage: true, endCursor: first.cursor });
    const next = (await feed(first.edges[0].cursor)).body.data.educationPersonFeed;
    expect(next.records[0].externalId).toBe(first.records[1].externalId);
  });
  it('filters an agency trail by decision and by child on the server, with typed errors', async () => {
    const officer = { roles: ['PRIVACY_OFFICER' as const], purposeOfUse: 'AUDIT' as const };
    const found = await p.gql(
      'EDUCATION',
      '{ searchChildren(familyName: "relayson", first: 1) { nodes { id } } }',
    );
    const childId = found.body.data.searchChildren.nodes[0].id;
    await p.gql('EDUCATION', 'query($id: ID!) { child(id: $id) { education { __typename } } }', {
      id: childId,
    });
    await p.gql('EDUCATION', '{ educationAuditTrail(first: 1) { hasMore } }'); // a DENY
    const trail = (args: string) =>
      p.gql('EDUCATION', `{ educationAuditTrail(${args}) { events { decision childId } } }`, {}, officer);
    const denied = (await trail('decision: "DENY"')).body.data.educationAuditTrail.events;
    expect(denied.length).toBeGreaterThan(0);
    expect(new Set(denied.map((e: { decision: string }) => e.decision))).toEqual(new Set(['DENY']));
    const ofChild = (await trail(`childId: "${childId}"`)).body.data.educationAuditTrail.events;
    expect(ofChild.length).toBeGreaterThan(0);
    expect(new Set(ofChild.map((e: { childId: string }) => e.childId))).toEqual(new Set([childId]));
    expect((await trail('decision: "MAYBE"')).body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'decision',
    });
    expect((await trail('childId: "x"')).body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'childId',
    });
  });
});
