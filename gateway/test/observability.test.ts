import request from 'supertest';
import { tokenFor } from '@wholechild/shared/testing';
import { captureLogs, startTestPlatform, type TestPlatform } from './helpers';

/** A Prometheus sample's value, summed over every label set that contains `labels`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(\{[^}]*\})? ([0-9.e+-]+|NaN)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const set = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => set[k] === v)) total += Number(m[3]);
  }
  return total;
}

describe('observability: logs, metrics, readiness', () => {
  let p: TestPlatform;
  let origin: string;
  const { lines, raw, logger } = captureLogs();

  beforeAll(async () => {
    p = await startTestPlatform({ logger });
    origin = new URL(p.gatewayUrl).origin;
  });
  afterAll(async () => p?.dispose());

  const query = (requestId: string, q: string) =>
    request(origin)
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('x-request-id', requestId)
      .set('authorization', `Bearer ${tokenFor('CHILD_WELFARE', {}, p.config)}`)
      .send({ query: q });
  const scrape = async (url: string) => {
    const res = await request(new URL(url).origin).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    return res.text;
  };

  it('every request log line, at the gateway and at each subgraph, is JSON carrying the request id', async () => {
    const res = await query('obs-request-1', '{ searchChildren(familyName: "xu") { nodes { id } } }');
    expect(res.status).toBe(200);
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(2);
    for (const l of requests) expect(typeof l.requestId).toBe('string');
    // the caller's id is kept beside the server's own, never alone (two callers may choose one id)
    const mine = requests.filter((l) => l.requestId === res.headers['x-request-id']);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}:obs-request-1$/);
    expect(mine.map((l) => l.service).sort()).toEqual(['child-index', 'gateway']);
    expect(mine.every((l) => typeof l.durationMs === 'number' && l.status === 200)).toBe(true);
    // One key once: a line naming its service twice is read differently by different log shippers.
    for (const l of raw) expect(l.match(/"service":/g)).toHaveLength(1);
  });

  it("two callers choosing one request id get two: the server's own leads, and the audit rows carry both", async () => {
    const q = '{ searchChildren(familyName: "xu") { nodes { id } } }';
    const [a, b] = [await query('same-id', q), await query('same-id', q)];
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
    for (const r of [a, b]) expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}:same-id$/);
    const rows: Array<{ request_id: string }> = await p.index.db.dataSource.query(
      `SELECT DISTINCT request_id FROM index_access_event WHERE request_id LIKE '%:same-id' ORDER BY request_id`,
    );
    expect(rows.map((r) => r.request_id)).toEqual(
      [a.headers['x-request-id'], b.headers['x-request-id']].sort(),
    );
  });

  it('a masked error is logged in full, with the request id, and returned without detail', async () => {
    const ds = p.owner('child-index'); // DDL: the owner's, never the index's own role
    await ds.query('ALTER TABLE agency_record RENAME TO agency_record_moved_away');
    try {
      const res = await query('obs-request-2', '{ searchChildren(familyName: "xu") { nodes { id } } }');
      expect(res.body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(res.body)).not.toMatch(/agency_record_moved_away|select/i);
    } finally {
      await ds.query('ALTER TABLE agency_record_moved_away RENAME TO agency_record');
    }
    const masked = lines.find(
      (l) => l.msg === 'masked error' && String(l.requestId).endsWith(':obs-request-2'),
    );
    expect((masked?.err as { message?: string } | undefined)?.message).toMatch(/relation "agency_record"/);
  });

  it('the gateway /metrics moves: requests, latency, operations, errors by code, subgraph fetch times', async () => {
    const before = await scrape(p.gatewayUrl);
    await query('obs-request-3', '{ searchChildren(familyName: "xu") { nodes { id } } }');
    await query('obs-request-4', '{ nope }');
    const after = await scrape(p.gatewayUrl);
    const moved = (name: string, labels: Record<string, string> = {}) =>
      sample(after, name, labels) - sample(before, name, labels);
    expect(moved('wholechild_http_requests_total', { path: '/graphql', status: '200' })).toBe(1);
    expect(moved('wholechild_http_request_duration_seconds_count', { path: '/graphql' })).toBe(2);
    expect(moved('wholechild_graphql_operations_total', { type: 'query' })).toBe(1);
    expect(moved('wholechild_graphql_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(
      moved('wholechild_subgraph_fetch_duration_seconds_count', { subgraph: 'child-index', outcome: 'ok' }),
    ).toBe(1);
    expect(after).toContain('service="gateway"');
    // Refusals by the HTTP layer count too.
    await request(origin).post('/graphql').send({ query: '{ __typename }' });
    expect(
      sample(await scrape(p.gatewayUrl), 'wholechild_graphql_errors_total', { code: 'UNAUTHENTICATED' }) -
        sample(after, 'wholechild_graphql_errors_total', { code: 'UNAUTHENTICATED' }),
    ).toBe(1);
  });

  it('each subgraph /metrics exports its requests and its database pool', async () => {
    for (const url of Object.values(p.subgraphUrls)) {
      const text = await scrape(url!);
      expect(text).toMatch(/wholechild_db_pool_connections\{service="[a-z-]+"\} \d+/);
      expect(text).toMatch(/wholechild_db_pool_idle_connections/);
      expect(text).toMatch(/wholechild_db_pool_waiting_clients\{service="[a-z-]+"\} 0/);
    }
    const index = await scrape(p.subgraphUrls['child-index']!);
    expect(sample(index, 'wholechild_http_requests_total', { path: '/graphql' })).toBeGreaterThanOrEqual(3);
    expect(sample(index, 'wholechild_db_pool_connections')).toBeGreaterThanOrEqual(1);
  });

  it('readiness follows the databases: a subgraph without its database is unready, and so is the gateway', async () => {
    expect((await request(origin).get('/ready')).status).toBe(200);
    const housing = p.agencies.HOUSING!;
    await housing.db.dataSource.destroy();
    try {
      const sub = await request(new URL(p.subgraphUrls.housing!).origin).get('/ready');
      expect(sub.status).toBe(503);
      expect(sub.body).toMatchObject({ status: 'unavailable', database: 'down' });
      const gw = await request(origin).get('/ready');
      expect(gw.status).toBe(503);
      expect(gw.body.subgraphs).toMatchObject({ housing: 'unavailable', 'child-index': 'ready' });
    } finally {
      await housing.db.dataSource.initialize();
    }
    expect((await request(origin).get('/ready')).status).toBe(200);
  });
});
