import { AGENCIES, AGENCY_KEYS, type AgencyCode, type PurposeOfUse, type Role } from '@wholechild/shared';
import { tokenFor } from '@wholechild/shared/testing';
import { startService, type ServiceProcess } from '../../bench/lib/procs';
import { SECTION_TYPE } from '../../bench/lib/query';
import { seedCounty } from '../../scripts/seedCounty';
import { startTestPlatform, type TestPlatform } from './helpers';
import { fullSelection } from './selection';

interface Viewer {
  agency: AgencyCode;
  roles: Role[];
  purposeOfUse?: PurposeOfUse;
}
interface Answer {
  status: number;
  data: Record<string, unknown> | null;
  errors: Array<{ message: string; code: unknown }>;
}
type Sections = Record<string, { __typename: string } | null>;

/** Posts one operation; keeps what a client reads: data (absent counts as null) and each error's
 *  message and code (request ids, paths and service names differ between gateways). */
async function ask(url: string, token: string | null, query: string, variables?: object): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; extensions?: { code?: unknown } }>;
  };
  return {
    status: res.status,
    data: body.data ?? null,
    errors: (body.errors ?? []).map((e) => ({ message: e.message, code: e.extensions?.code })),
  };
}

// Who looks: each one's own section, Restricted elsewhere, and the permits that rest on a fact
// another agency lends through @requires (an open child welfare case for education; an active
// behavioral health episode or a school enrollment for child welfare).
const VIEWERS: Viewer[] = [
  { agency: 'CHILD_WELFARE', roles: ['CASEWORKER'] },
  { agency: 'BEHAVIORAL_HEALTH', roles: ['CLINICIAN'], purposeOfUse: 'TREATMENT' },
  { agency: 'EDUCATION', roles: ['FOSTER_CARE_LIAISON'] },
  { agency: 'HOUSING', roles: ['CASEWORKER'] },
];

describe('Hive Gateway over the committed supergraph', () => {
  let p: TestPlatform;
  let hive: ServiceProcess;
  let ids: string[];
  let view: string;
  /** The sections alone (no consents or links, which every agency contributes to): one agency
   *  down leaves the others' sections. */
  let sectionsView: string;
  const token = (v: Viewer) => tokenFor(v.agency, { roles: v.roles, purposeOfUse: v.purposeOfUse }, p.config);

  beforeAll(async () => {
    p = await startTestPlatform();
    await seedCounty(p.agencies, { size: 60, seed: 7 });
    await p.syncFeeds();
    // The children with the most linked records: every agency's section in play.
    ids = (
      await p.index.db.dataSource.query(
        `SELECT child_id FROM agency_record GROUP BY child_id ORDER BY count(*) DESC, child_id LIMIT 10`,
      )
    ).map((r: { child_id: string }) => r.child_id);
    const sections = await Promise.all(
      AGENCIES.map(
        async (a) =>
          `${AGENCY_KEYS[a]} { __typename ... on ${SECTION_TYPE[a]} { ${await fullSelection(p, SECTION_TYPE[a])} } ... on Restricted { agency category reason howToGetAccess } }`,
      ),
    );
    sectionsView = `query ChildSections($id: ID!) { child(id: $id) { id givenName ${sections.join(' ')} } }`;
    view = `query ChildView($id: ID!) { child(id: $id) { id givenName familyName birthDate sex links { agency recordId status matchScore } consents { id agency categories recipientAgencies status } ${sections.join(' ')} } }`;
    // Hive Gateway with the Rust query planner (router-runtime), started as the gateways benchmark
    // starts it (bench/lib/gateways.ts startHiveGateway) in a process of its own: router-runtime
    // loads its planner with a dynamic import(), which jest's module sandbox refuses.
    hive = await startService('hive', {
      SUBGRAPH_URLS: JSON.stringify(p.subgraphUrls),
      HIVE_PLANNER: undefined,
    });
  });
  afterAll(async () => {
    await hive?.stop();
    await p?.dispose();
  });

  it('answers the cross-system view exactly as our gateway does, viewer by viewer', async () => {
    const seen = new Map<AgencyCode, Set<string>>();
    for (const viewer of VIEWERS) {
      const kinds = new Set<string>();
      for (const id of ids) {
        const [ours, theirs] = await Promise.all([
          ask(p.gatewayUrl, token(viewer), view, { id }),
          ask(hive.url, token(viewer), view, { id }),
        ]);
        expect(ours.errors).toEqual([]);
        expect(theirs).toEqual(ours);
        const child = ours.data!.child as Sections;
        for (const a of AGENCIES) kinds.add(`${a}:${child[AGENCY_KEYS[a]]?.__typename ?? 'null'}`);
      }
      seen.set(viewer.agency, kinds);
    }
    // The sample shows what it should: the viewer's own section, Restricted sections, and the
    // sections opened by a lent fact (the facts arrived where the holder decides).
    for (const viewer of VIEWERS)
      expect(seen.get(viewer.agency)).toContain(`${viewer.agency}:${SECTION_TYPE[viewer.agency]}`);
    // housing has no basis for any other agency's records: Restricted (or nothing) everywhere else
    const housing = [...seen.get('HOUSING')!];
    expect(housing.filter((k) => k.endsWith('Section') && !k.startsWith('HOUSING:'))).toEqual([]);
    expect(housing).toContain('CHILD_WELFARE:Restricted');
    expect(seen.get('CHILD_WELFARE')).toContain('EDUCATION:EducationSection');
    expect(seen.get('CHILD_WELFARE')).toContain('EDUCATION:Restricted');
    expect(seen.get('BEHAVIORAL_HEALTH')).toContain('CHILD_WELFARE:ChildWelfareSection');
    expect(seen.get('EDUCATION')).toContain('CHILD_WELFARE:ChildWelfareSection');
  });

  it('refuses as our gateway does: the same data and the same error', async () => {
    const caseworker = token({ agency: 'CHILD_WELFARE', roles: ['CASEWORKER'] });
    for (const [query, bearer] of [
      // a subgraph's own refusal: only child welfare's privacy officers read its audit trail
      ['{ childWelfareAuditTrail { events { id } } }', caseworker],
      // no token: our gateway refuses at the door (401); Hive passes the subgraph's refusal on
      [`{ child(id: "${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}") { id } }`, null],
    ] as const) {
      const [ours, theirs] = await Promise.all([
        ask(p.gatewayUrl, bearer, query),
        ask(hive.url, bearer, query),
      ]);
      expect(ours.errors.length).toBe(1);
      expect(theirs.data).toEqual(ours.data);
      expect(theirs.errors).toEqual(ours.errors);
    }
  });

  it('a subgraph down: the same data from both (every other section answers), the missing section an error that leaks nothing', async () => {
    const viewer = VIEWERS[0]!;
    // a child with a probation section to lose
    let id = '';
    let whole: Answer | undefined;
    // the sample's busiest children first, then any child probation holds a record of (which
    // children are the busiest depends on ties between random ids)
    const probationChildren = (
      await p.index.db.dataSource.query(
        `SELECT DISTINCT child_id FROM agency_record WHERE agency = 'PROBATION' ORDER BY child_id LIMIT 20`,
      )
    ).map((r: { child_id: string }) => r.child_id);
    for (const candidate of [...ids, ...probationChildren]) {
      const a = await ask(p.gatewayUrl, token(viewer), sectionsView, { id: candidate });
      expect(a.errors).toEqual([]);
      if ((a.data!.child as Sections).probation) {
        [id, whole] = [candidate, a];
        break;
      }
    }
    if (!whole) throw new Error('no child of the sample has a probation record');
    await p.stopSubgraph('probation');
    try {
      const [ours, theirs] = await Promise.all([
        ask(p.gatewayUrl, token(viewer), sectionsView, { id }),
        ask(hive.url, token(viewer), sectionsView, { id }),
      ]);
      // ours: the probation section null with SUBGRAPH_UNAVAILABLE, every other one as it was
      // (one error per fetch of probation's: its section, and what else the plan asks it)
      expect([...new Set(ours.errors.map((e) => e.code))]).toEqual(['SUBGRAPH_UNAVAILABLE']);
      const child = ours.data!.child as Sections;
      expect(child.probation).toBeNull();
      for (const a of AGENCIES.filter((x) => x !== 'PROBATION'))
        expect(child[AGENCY_KEYS[a]]).toEqual((whole!.data!.child as Sections)[AGENCY_KEYS[a]]);
      // Hive: the same data; its own error for the missing section, with no address or cause in it
      expect(theirs.data).toEqual(ours.data);
      expect(theirs.errors.length).toBeGreaterThan(0);
      expect(JSON.stringify(theirs.errors)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|localhost|:\d{4,5}\//);
    } finally {
      await p.restartSubgraph('probation');
    }
    // and both answer whole again
    const [ours, theirs] = await Promise.all([
      ask(p.gatewayUrl, token(viewer), sectionsView, { id }),
      ask(hive.url, token(viewer), sectionsView, { id }),
    ]);
    expect(ours.errors).toEqual([]);
    expect(theirs).toEqual(ours);
  });

  it('a lending agency down: both answer the borrowing sections (the fact unproven) and consents missing, never the whole child', async () => {
    const viewer = VIEWERS[0]!; // child welfare borrows education's and behavioral health's facts
    const id = ids[0]!;
    const q = `query($id: ID!) { child(id: $id) { id givenName childWelfare { __typename } consents { id } } }`;
    const whole = await ask(p.gatewayUrl, token(viewer), q, { id });
    expect(whole.errors).toEqual([]);
    await p.stopSubgraph('education');
    try {
      const [ours, theirs] = await Promise.all([
        ask(p.gatewayUrl, token(viewer), q, { id }),
        ask(hive.url, token(viewer), q, { id }),
      ]);
      const child = ours.data!.child as Record<string, unknown>;
      expect(child).toEqual({ ...(whole.data!.child as object), consents: null });
      expect(ours.errors.every((e) => e.code === 'SUBGRAPH_UNAVAILABLE')).toBe(true);
      // Hive: the same data (the subgraphs decide it, not the gateway), and the index's own error
      expect(theirs.data).toEqual(ours.data);
      expect(theirs.errors).toEqual(
        expect.arrayContaining([
          {
            code: 'SUBGRAPH_UNAVAILABLE',
            message: expect.stringMatching(/^consents needs every agency's part; EDUCATION/),
          },
        ]),
      );
    } finally {
      await p.restartSubgraph('education');
    }
  });
});
