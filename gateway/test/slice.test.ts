import { startTestPlatform, type TestPlatform } from './helpers';

describe('thin slice', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform();
  });
  afterAll(async () => p?.dispose());

  it('ingests a child welfare record and shows it through the gateway', async () => {
    const write = await p.gql(
      'CHILD_WELFARE',
      `mutation($p: ChildWelfarePersonInput!) { upsertChildWelfarePerson(record: $p) { id created } }`,
      {
        p: {
          sourceSystem: 'CWS',
          externalId: 'P1',
          givenName: 'Ana',
          familyName: 'Lopez',
          birthDate: '2012-03-04',
        },
      },
      { roles: ['INTEGRATION'] },
    );
    expect(write.body.errors).toBeUndefined();
    expect(write.body.data.upsertChildWelfarePerson.created).toBe(true);
    await p.syncFeeds();
    const res = await p.gql(
      'CHILD_WELFARE',
      `{ searchChildren(familyName: "lopez") { nodes { id givenName links { agency status }
      childWelfare { __typename ... on ChildWelfareSection { records { externalId } } } } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.searchChildren.nodes).toHaveLength(1);
    expect(res.body.data.searchChildren.nodes[0].childWelfare.records[0].externalId).toBe('P1');
  });
});
