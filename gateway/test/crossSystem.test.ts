import { AGENCIES, AGENCY_KEYS, type AgencyCode } from '@wholechild/shared';
import { seedCounty } from '../../scripts/seedCounty';
import { startTestPlatform, type TestPlatform } from './helpers';
import { fullSelection } from './selection';

/** How each agency names its person record in GraphQL. */
const PERSON: Record<AgencyCode, { mutation: string; input: string; section: string }> = {
  CHILD_WELFARE: {
    mutation: 'upsertChildWelfarePerson',
    input: 'ChildWelfarePersonInput',
    section: 'ChildWelfareSection',
  },
  BEHAVIORAL_HEALTH: {
    mutation: 'upsertBehavioralHealthClient',
    input: 'BehavioralHealthClientInput',
    section: 'BehavioralHealthSection',
  },
  PROBATION: { mutation: 'upsertProbationYouth', input: 'ProbationYouthInput', section: 'ProbationSection' },
  EDUCATION: {
    mutation: 'upsertEducationStudent',
    input: 'EducationStudentInput',
    section: 'EducationSection',
  },
  HOUSING: { mutation: 'upsertHousingClient', input: 'HousingClientInput', section: 'HousingSection' },
};

const sectionsQuery = async (p: TestPlatform) => {
  const parts = await Promise.all(
    AGENCIES.map(
      async (a) =>
        `${AGENCY_KEYS[a]} { __typename ... on ${PERSON[a].section} { ${await fullSelection(p, PERSON[a].section)} } ... on Restricted { agency category reason howToGetAccess } }`,
    ),
  );
  return `id givenName familyName birthDate links { agency recordId status matchScore } ${parts.join(' ')}`;
};

describe('cross-system case view', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    // a page of 100 children with every field of every section, lists nested three deep, costs
    // 13.4 M (cost.ts): over the default limit, which this test is not about
    p = await startTestPlatform({ env: { MAX_COST: '20000000' } });
  });
  afterAll(async () => p?.dispose());

  it('returns one child’s sections from all five agencies, each decided by its holder', async () => {
    for (const agency of AGENCIES) {
      const { mutation, input } = PERSON[agency];
      const res = await p.gql(
        agency,
        `mutation($r: ${input}!) { ${mutation}(record: $r) { id } }`,
        {
          r: {
            sourceSystem: 'X',
            externalId: `maya-${agency}`,
            givenName: agency === 'EDUCATION' ? 'MAYA' : 'Maya',
            familyName: 'Torres',
            birthDate: '2011-07-09',
            sex: 'F',
          },
        },
        { roles: ['INTEGRATION'], purposeOfUse: 'OPERATIONS' },
      );
      expect(res.body.errors).toBeUndefined();
    }
    await p.syncFeeds();
    const selection = await sectionsQuery(p);
    const found = await p.gql(
      'HOUSING',
      `{ searchChildren(givenName: "maya", familyName: "torres", birthDate: "2011-07-09") { nodes { id links { agency } } } }`,
    );
    const [child] = found.body.data.searchChildren.nodes;
    expect(child.links.map((l: { agency: string }) => l.agency).sort()).toEqual([...AGENCIES].sort());
    // Each holder sees its own section; a housing caseworker has no statutory basis and no
    // consent anywhere else, so every other agency answers Restricted (never the data).
    for (const viewer of AGENCIES) {
      const res = await p.gql(viewer, `query($id: ID!) { child(id: $id) { ${selection} } }`, {
        id: child.id,
      });
      expect(res.body.errors).toBeUndefined();
      const own = res.body.data.child[AGENCY_KEYS[viewer]];
      expect(own.__typename).toBe(PERSON[viewer].section);
      expect(own.records).toEqual([
        expect.objectContaining({ externalId: `maya-${viewer}`, familyName: 'Torres' }),
      ]);
      if (viewer !== 'HOUSING') continue;
      for (const holder of AGENCIES.filter((a) => a !== viewer)) {
        const section = res.body.data.child[AGENCY_KEYS[holder]];
        expect(section).toEqual(
          expect.objectContaining({ __typename: 'Restricted', agency: holder, category: 'SECTION' }),
        );
        expect(JSON.stringify(section)).not.toMatch(/Torres|maya-/);
      }
    }
  });

  it('a page of 100 children with every section costs a constant number of SQL statements per subgraph', async () => {
    await seedCounty(p.agencies, { size: 400, seed: 7 });
    await p.syncFeeds();
    const ids: string[] = (
      await p.index.db.dataSource.query(
        `SELECT child_id FROM agency_record GROUP BY child_id ORDER BY count(*) DESC, child_id LIMIT 100`,
      )
    ).map((r: { child_id: string }) => r.child_id);
    expect(ids).toHaveLength(100);
    const selection = await sectionsQuery(p);
    const statements = async (viewer: AgencyCode, n: number) => {
      const services = { index: p.index, holder: p.agencies[viewer]! };
      const before = {
        index: services.index.db.counter.statements,
        holder: services.holder.db.counter.statements,
      };
      const res = await p.gql(viewer, `query($ids: [ID!]!) { children(ids: $ids) { ${selection} } }`, {
        ids: ids.slice(0, n),
      });
      expect(res.body.errors).toBeUndefined();
      const sections = res.body.data.children
        .map((c: Record<string, { __typename: string } | null>) => c[AGENCY_KEYS[viewer]])
        .filter(Boolean);
      expect(sections.length).toBeGreaterThan(0);
      return {
        index: services.index.db.counter.statements - before.index,
        holder: services.holder.db.counter.statements - before.holder,
      };
    };
    for (const viewer of AGENCIES) {
      const ten = await statements(viewer, 10);
      const hundred = await statements(viewer, 100);
      // Ten times the children, the same handful of statements: one for all of a section's lists
      // (DataLoader, one UNION ALL), one per nested list and reference, plus persons, consents,
      // facts and the audit transaction (measured alone: CW 10, BH 10, probation 9, education 7,
      // housing 6, index 2, the same for 10 and 100 children; a loaded machine can split a batch
      // in two, hence the small slack).
      expect(hundred.holder).toBeLessThanOrEqual(ten.holder + 6);
      expect(hundred.holder).toBeLessThanOrEqual(16);
      expect(hundred.index).toBeLessThanOrEqual(4);
    }
  });
});
