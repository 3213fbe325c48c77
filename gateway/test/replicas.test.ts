import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  AGENCY_SUBGRAPH,
  auditAppenderOf,
  verifyAuditChain,
  type AgencyCode,
  type AgencySubgraphService,
  type PurposeOfUse,
  type Role,
  type SubgraphName,
} from '@wholechild/shared';
import { tokenFor } from '@wholechild/shared/testing';
import { agencyFactories, createChildIndexService, type ChildIndexService } from '../../scripts/services';
import { verifyAllTrails } from '../../scripts/auditVerify';
import { createGateway, type Gateway } from '../src/server';
import { readSupergraph } from '../src/supergraph';
import { SRC } from './consentFixture';
import { startTestPlatform, type TestPlatform } from './helpers';

/** A round-robin HTTP proxy over replicas, one request to each in turn: what a Kubernetes Service
 *  does between a subgraph's pods (per request here, so that keep-alive connections cannot pin
 *  every request to one replica). Counts what each replica was sent. A proxy rather than several
 *  URLs per subgraph in the gateway: the gateway, like Apollo Router and Hive Router at the edge,
 *  knows one URL per subgraph and leaves spreading over pods to the platform; a list of URLs would
 *  be a feature only our Node gateway had. */
async function roundRobin(targets: string[]) {
  const hits = targets.map(() => 0);
  let next = 0;
  const server = http.createServer((req, res) => {
    const i = next++ % targets.length;
    hits[i]!++;
    const t = new URL(targets[i]!);
    const up = http.request(
      { host: t.hostname, port: t.port, path: req.url, method: req.method, headers: req.headers },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    hits,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
type Proxy = Awaited<ReturnType<typeof roundRobin>>;

const BREAK_GLASS_LIMIT = 2;
const GIVEN = [
  'Amara',
  'Bodhi',
  'Carmen',
  'Dmitri',
  'Esperanza',
  'Farid',
  'Greta',
  'Hiroshi',
  'Imani',
  'Joaquin',
  'Keala',
  'Lorenzo',
  'Marisa',
  'Nnamdi',
  'Oksana',
  'Pavel',
  'Quilla',
  'Rashid',
  'Saoirse',
  'Tariq',
  'Ulani',
  'Viktor',
  'Wren',
  'Ximena',
];
const FAMILY = [
  'Abernathy',
  'Baptiste',
  'Castellanos',
  'Dubois',
  'Eriksen',
  'Fitzgerald',
  'Gallagher',
  'Haddad',
  'Ivanova',
  'Jablonski',
  'Kowalczyk',
  'Lindqvist',
  'Moreau',
  'Nakamura',
  'Oyelaran',
  'Petrakis',
  'Quintero',
  'Rasmussen',
  'Szymanski',
  'Takahashi',
  'Umarov',
  'Valdivia',
  'Whitfield',
  'Yamamoto',
];
const REASON = 'youth found unresponsive at the shelter, calling 911';

/**
 * Two replicas of the housing subgraph and two of the child index, on one database each as in
 * production, behind round-robin proxies, under the real gateway (over HTTP): the state they share
 * lives in PostgreSQL, so what holds for one process holds for two. Housing is the replica pair
 * because its break-glass rate limit is counted across replicas too. The tests run in order: the
 * housing clients the first writes are the children the later ones view.
 */
describe('two replicas of a subgraph behind the gateway', () => {
  let p: TestPlatform;
  let housing2: AgencySubgraphService;
  let index2: ChildIndexService;
  let closeReplicas: Array<() => Promise<void>> = [];
  let proxies: { housing: Proxy; index: Proxy };
  let gateway: Gateway;
  let gatewayUrl: URL;
  const indexes = () => [p.index, index2];

  const gql = (
    agency: AgencyCode,
    query: string,
    variables: Record<string, unknown> = {},
    opts: { roles?: Role[]; purposeOfUse?: PurposeOfUse; sub?: string; breakGlassReason?: string } = {},
  ) =>
    request(gatewayUrl.origin)
      .post(gatewayUrl.pathname)
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${tokenFor(agency, opts, p.config)}`)
      .send({ query, variables });
  const put = async (agency: AgencyCode, type: string, record: Record<string, unknown>) => {
    const res = await gql(
      agency,
      `mutation($r: ${type}Input!) { upsert${type}(record: $r) { id } }`,
      { r: { sourceSystem: SRC, ...record } },
      { roles: ['INTEGRATION'], purposeOfUse: 'OPERATIONS' },
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data[`upsert${type}`].id as string;
  };
  const client = (i: number) => ({
    externalId: `kid-${i}`,
    // distinct people (names like "KidI8 FamilyI" and "KidQ16 FamilyQ", born days apart, are
    // near enough for the index to link them as one child, as it should with real data)
    givenName: GIVEN[i % GIVEN.length]!,
    familyName: FAMILY[i % FAMILY.length]!,
    birthDate: `20${String(8 + (i % 10)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`,
  });
  const indexDs = () => p.index.db.dataSource;
  const childOf = async (externalId: string, agency: AgencyCode = 'HOUSING') =>
    (
      await indexDs().query(
        `SELECT child_id FROM agency_record WHERE agency = $1 AND source_system = $2 AND external_id = $3`,
        [agency, SRC, externalId],
      )
    )[0]?.child_id as string | undefined;

  beforeAll(async () => {
    p = await startTestPlatform({
      env: {
        SUBGRAPH_TRANSPORT: 'http',
        BREAK_GLASS_MAX_CHILDREN_PER_HOUR: String(BREAK_GLASS_LIMIT),
        // one viewer's requests at once must all reach the replicas
        MAX_CONCURRENT_PER_CALLER: '0',
      },
    });
    const opts = { config: p.config, databaseUrl: p.databaseUrl };
    housing2 = await agencyFactories.housing(opts);
    index2 = await createChildIndexService(opts);
    const l1 = await housing2.start(0, '127.0.0.1');
    const l2 = await index2.start(0, '127.0.0.1');
    closeReplicas = [
      async () => {
        await l1.close();
        await housing2.stop();
      },
      async () => {
        await l2.close();
        await index2.stop();
      },
    ];
    proxies = {
      housing: await roundRobin([p.subgraphUrls.housing!, l1.url]),
      index: await roundRobin([p.subgraphUrls['child-index']!, l2.url]),
    };
    const urls: Partial<Record<SubgraphName, string>> = {
      ...p.subgraphUrls,
      housing: proxies.housing.url,
      'child-index': proxies.index.url,
    };
    // every agency (both housing replicas) tells the index through its Service; both index
    // replicas pull housing's feed through housing's
    for (const a of [...Object.values(p.agencies), housing2]) {
      a.setIndexUrl(proxies.index.url);
      a.setSubgraphUrls(urls);
    }
    const sources = Object.fromEntries(
      Object.keys(p.agencies).map((a) => [a, urls[AGENCY_SUBGRAPH[a as AgencyCode]]]),
    );
    for (const index of indexes()) index.feeds.setSources(sources);
    gateway = await createGateway({ config: p.config, supergraphSdl: readSupergraph(), subgraphUrls: urls });
    gatewayUrl = new URL((await gateway.start(0, '127.0.0.1')).url);
  });
  afterAll(async () => {
    await gateway?.stop();
    for (const close of closeReplicas) await close();
    await proxies?.housing.close();
    await proxies?.index.close();
    await p?.dispose();
  });

  it('feed cursors: every change written through either housing replica is taken in once, whichever index replica pulls', async () => {
    const N = 24;
    // writes through both housing replicas, while both index replicas pull at once, again and again
    let writing = true;
    const pulling = (async () => {
      while (writing) await Promise.all(indexes().map((i) => i.feeds.syncAgency('HOUSING')));
    })();
    await Promise.all(
      Array.from({ length: 4 }, async (_, w) => {
        for (let i = w; i < N; i += 4) await put('HOUSING', 'HousingClient', client(i));
      }),
    );
    writing = false;
    await pulling;
    await Promise.all(indexes().map((i) => i.feeds.syncAgency('HOUSING')));
    await Promise.all(indexes().map((i) => i.feeds.syncAgency('HOUSING')));

    // the proxy sent writes to both replicas, and feed pages from both
    expect(Math.min(...proxies.housing.hits)).toBeGreaterThan(N / 4);
    const [cursor] = await indexDs().query(`SELECT records_read FROM feed_cursor WHERE agency = 'HOUSING'`);
    // each client was written once: one change each, read once (no page taken in twice)
    expect(cursor.records_read).toBe(N);
    const [{ n }] = await indexDs().query(
      `SELECT count(*)::int AS n FROM agency_record WHERE agency = 'HOUSING' AND child_id IS NOT NULL`,
    );
    expect(n).toBe(N);
  });

  it('link lock: the same child reported by two agencies, pulled by two index replicas at once, is one child', async () => {
    const person = { givenName: 'Marisol', familyName: 'Quintero', birthDate: '2011-07-19' };
    await Promise.all([
      put('HOUSING', 'HousingClient', { externalId: 'marisol-h', ...person }),
      put('CHILD_WELFARE', 'ChildWelfarePerson', { externalId: 'marisol-cw', ...person }),
    ]);
    // one replica takes in housing's feed while the other takes in child welfare's
    await Promise.all([p.index.feeds.syncAgency('HOUSING'), index2.feeds.syncAgency('CHILD_WELFARE')]);
    const [h, cw] = [await childOf('marisol-h'), await childOf('marisol-cw', 'CHILD_WELFARE')];
    expect(h).toBeTruthy();
    expect(cw).toBe(h);
    const [{ n }] = await indexDs().query(
      `SELECT count(DISTINCT child_id)::int AS n FROM agency_record WHERE external_id LIKE 'marisol-%'`,
    );
    expect(n).toBe(1);
  });

  it('audit group commit: views served by both replicas append to one chain that verifies', async () => {
    const kids = (await Promise.all(Array.from({ length: 8 }, (_, i) => childOf(`kid-${i}`)))) as string[];
    const appenders = [p.agencies.HOUSING!, housing2].map((s) => auditAppenderOf(s.db.dataSource));
    const rowsBefore = appenders.map((a) => a.stats.rows);
    const hitsBefore = [...proxies.housing.hits];
    const views = await Promise.all(
      Array.from({ length: 32 }, (_, i) =>
        gql('HOUSING', `query($id: ID!) { child(id: $id) { housing { __typename } } }`, {
          id: kids[i % kids.length],
        }),
      ),
    );
    for (const v of views) {
      expect(v.body.errors).toBeUndefined();
      expect(v.body.data.child.housing.__typename).toBe('HousingSection');
    }
    // both replicas served views and wrote their rows to the one trail
    proxies.housing.hits.forEach((h, i) => expect(h).toBeGreaterThan(hitsBefore[i]!));
    appenders.forEach((a, i) => expect(a.stats.rows).toBeGreaterThan(rowsBefore[i]!));
    const chain = await verifyAuditChain(p.agencies.HOUSING!.db.dataSource);
    expect(chain).toMatchObject({ ok: true });
    expect(chain.rows).toBeGreaterThanOrEqual(32);
    // every trail, the index's access trail (written by both index replicas) included
    const all = await verifyAllTrails(p.config, p.databaseUrl);
    expect(all.broken).toBe(false);
  });

  it('rate limits: the break-glass limit holds across both replicas', async () => {
    const kids = (await Promise.all(
      Array.from({ length: 12 }, (_, i) => childOf(`kid-${i + 8}`)),
    )) as string[];
    // twelve children, not fewer: a child opened twice counts once against the limit
    expect(new Set(kids).size).toBe(12);
    const glass = {
      sub: 'officer-racing',
      roles: ['PROBATION_OFFICER' as Role],
      purposeOfUse: 'EMERGENCY' as PurposeOfUse,
      breakGlassReason: REASON,
    };
    const hitsBefore = [...proxies.housing.hits];
    // twelve distinct children at once, alternating between the replicas
    const answers = await Promise.all(
      kids.map((id) =>
        gql(
          'PROBATION',
          `query($id: ID!) { child(id: $id) { housing { __typename ... on Restricted { reason } } } }`,
          { id },
          glass,
        ),
      ),
    );
    proxies.housing.hits.forEach((h, i) => expect(h).toBeGreaterThan(hitsBefore[i]!));
    const kinds = answers.map((a) => {
      expect(a.body.errors).toBeUndefined();
      return a.body.data.child.housing.__typename as string;
    });
    expect(kinds.filter((k) => k === 'HousingSection')).toHaveLength(BREAK_GLASS_LIMIT);
    expect(kinds.filter((k) => k === 'Restricted')).toHaveLength(kids.length - BREAK_GLASS_LIMIT);
    const [{ permits, refusals }] = await p.agencies.HOUSING!.db.dataSource.query(
      `SELECT count(DISTINCT request_id) FILTER (WHERE rule = 'BREAK_GLASS')::int AS permits,
              count(DISTINCT request_id) FILTER (WHERE rule = 'BREAK_GLASS_RATE_LIMIT')::int AS refusals
         FROM audit_event WHERE actor = $1`,
      [glass.sub],
    );
    expect({ permits, refusals }).toEqual({
      permits: BREAK_GLASS_LIMIT,
      refusals: kids.length - BREAK_GLASS_LIMIT,
    });
  });
});
