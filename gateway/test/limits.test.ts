import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { tokenFor } from '@wholechild/shared/testing';
import { startTestPlatform, type TestPlatform } from './helpers';

/** Every operating limit, set low here: one past it is refused with LIMIT_EXCEEDED naming the
 *  limit and its value, and one at it runs. */
const LIMITS = {
  MAX_DEPTH: '4',
  MAX_ALIASES: '2',
  MAX_DIRECTIVES: '2',
  MAX_TOKENS: '60',
  MAX_COST: '102',
  DEFAULT_LIST_SIZE: '3',
  MAX_RESPONSE_BYTES: '4096',
  MAX_CONCURRENT_PER_CALLER: '2',
  MAX_AUDIT_ROWS_PER_REQUEST: '3',
  MAX_BATCH: '2',
  MAX_BODY_BYTES: '8192',
  RATE_LIMIT_BURST: '3',
  // One token back every ~17 minutes: a test never sees a refill.
  RATE_LIMIT_PER_SECOND: '0.001',
};

describe('gateway operation limits', () => {
  let p: TestPlatform;
  let origin: string;
  let path: string;
  let caller = 0;
  /** Each call comes from its own caller, so that only the rate-limit test meets the rate limit. */
  const gql = (query: string) => p.gql('CHILD_WELFARE', query, {}, { sub: `limits-${caller++}` });
  const post = (body: unknown, sub = `limits-${caller++}`) =>
    request(origin)
      .post(path)
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${tokenFor('CHILD_WELFARE', { sub }, p.config)}`)
      .send(body as object);

  beforeAll(async () => {
    p = await startTestPlatform({ env: LIMITS });
    ({ origin, pathname: path } = new URL(p.gatewayUrl));
  });
  afterAll(async () => p?.dispose());

  const expectRefused = (res: request.Response, limit: string, max: number, status = 400) => {
    expect(res.status).toBe(status);
    const [err] = res.body.errors;
    expect(err.extensions).toMatchObject({ code: expect.any(String), limit, max });
    expect(err.extensions.code).toBe(status === 429 ? 'RATE_LIMITED' : 'LIMIT_EXCEEDED');
    expect(err.extensions.requestId).toBe(res.headers['x-request-id']);
    expect(err.message).toContain(String(max));
    expect(res.body.data).toBeUndefined();
  };
  const expectRan = (res: request.Response) => {
    expect(res.body.errors).toBeUndefined();
    expect(res.status).toBe(200);
    expect(res.body.data).toBeTruthy();
  };

  it('depth: 4 levels run, 5 are refused', async () => {
    expectRan(await gql('{ searchChildren(familyName: "xu") { nodes { links { agency } } } }'));
    // An inline fragment is a level too: searchChildren, nodes, childWelfare, `... on`, reason.
    expectRefused(
      await gql(
        '{ searchChildren(familyName: "xu") { nodes { childWelfare { ... on Restricted { reason } } } } }',
      ),
      'maxDepth',
      4,
    );
  });

  it('aliases: __typename aliases count too', async () => {
    expectRan(await gql('{ a: __typename b: __typename }'));
    expectRefused(await gql('{ a: __typename b: __typename c: __typename }'), 'maxAliases', 2);
  });

  it('aliases: 2 run, 3 are refused', async () => {
    expectRan(
      await gql(
        '{ a: searchChildren(familyName: "xu") { nodes { id } } b: searchChildren(familyName: "yu") { nodes { id } } }',
      ),
    );
    expectRefused(
      await gql(
        '{ a: searchChildren { nodes { id } } b: searchChildren { nodes { id } } c: searchChildren { nodes { id } } }',
      ),
      'maxAliases',
      2,
    );
  });

  it('directives: 2 run, 3 are refused', async () => {
    const q = (n: number) =>
      `{ searchChildren(familyName: "xu") { nodes { ${['id', 'givenName', 'familyName']
        .slice(0, n)
        .map((f) => `${f} @include(if: true)`)
        .join(' ')} } } }`;
    expectRan(await gql(q(2)));
    expectRefused(await gql(q(3)), 'maxDirectives', 2);
  });

  it('tokens: 60 run, 61 are refused while parsing', async () => {
    // `{`, n × `__typename`, `}`: n + 2 tokens.
    const q = (tokens: number) =>
      `{ ${Array(tokens - 2)
        .fill('__typename')
        .join(' ')} }`;
    expectRan(await gql(q(60)));
    const refused = await gql(q(61));
    expectRefused(refused, 'maxTokens', 60);
    expect(refused.body.errors[0].locations).toBeUndefined();
  });

  it('cost: 102 runs, 103 is refused (searchChildren + nodes + first × id)', async () => {
    const q = (first: number) => `{ searchChildren(familyName: "xu", first: ${first}) { nodes { id } } }`;
    expectRan(await gql(q(100)));
    const res = await gql(q(101));
    expectRefused(res, 'maxCost', 102);
    expect(res.body.errors[0].message).toContain('found 103');
  });

  it('cost: a list given in a variable multiplies its selection by its length', async () => {
    // children + ids × (id + __typename): 1 + 2n (armor counted 3 whatever n was); were
    // __typename free, 51 children would cost 52 and run
    const q = 'query($ids: [ID!]!) { children(ids: $ids) { id __typename } }';
    const ids = (n: number) => ({ ids: Array.from({ length: n }, () => randomUUID()) });
    expectRan(await p.gql('CHILD_WELFARE', q, ids(50), { sub: `limits-${caller++}` }));
    const res = await p.gql('CHILD_WELFARE', q, ids(51), { sub: `limits-${caller++}` });
    expectRefused(res, 'maxCost', 102);
    expect(res.body.errors[0].message).toContain('found 103');
  });

  it('cost: a list nothing bounds counts DEFAULT_LIST_SIZE (3), and nested lists multiply', async () => {
    // children + n × (links 1 + 3 × 2 fields) = 1 + 7n: 14 children cost 99, 15 cost 106
    const q = 'query($ids: [ID!]!) { children(ids: $ids) { links { agency status } } }';
    const ids = (n: number) => ({ ids: Array.from({ length: n }, () => randomUUID()) });
    expectRan(await p.gql('CHILD_WELFARE', q, ids(14), { sub: `limits-${caller++}` }));
    const res = await p.gql('CHILD_WELFARE', q, ids(15), { sub: `limits-${caller++}` });
    expectRefused(res, 'maxCost', 102);
    expect(res.body.errors[0].message).toContain('found 106');
  });

  it('batches: 2 operations run, 3 are refused', async () => {
    const op = { query: '{ __typename }' };
    const two = await post([op, op]);
    expect(two.status).toBe(200);
    expect(two.body).toEqual([{ data: { __typename: 'Query' } }, { data: { __typename: 'Query' } }]);
    expectRefused(await post([op, op, op]), 'maxBatch', 2);
  });

  it('request body: 8192 bytes run, 8193 are refused with 413', async () => {
    const body = (bytes: number) => {
      const base = JSON.stringify({ query: '{ __typename }', variables: { pad: '' } });
      return JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(bytes - base.length) } });
    };
    expect(Buffer.byteLength(body(8192))).toBe(8192);
    expectRan(await post(body(8192)));
    expectRefused(await post(body(8193)), 'maxBodyBytes', 8192, 413);
  });

  it('rate: a caller gets 3 requests at once, the 4th is refused with 429 and Retry-After; others go on', async () => {
    for (let i = 0; i < 3; i++) expectRan(await post({ query: '{ __typename }' }, 'busy-client'));
    const refused = await post({ query: '{ __typename }' }, 'busy-client');
    expectRefused(refused, 'rateLimit', 3, 429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.body.errors[0].extensions.retryAfterSeconds).toBe(Number(refused.headers['retry-after']));
    expectRan(await post({ query: '{ __typename }' }, 'quiet-client'));
  });

  it('response size: a response over 4096 bytes is refused whole, not sent; a smaller one runs', async () => {
    // introspection costs nothing, so only the response size limit stands in the way
    expectRan(await gql('{ __type(name: "Query") { name } }'));
    const big = await gql('{ __type(name: "Query") { fields { name description } } }');
    expectRefused(big, 'maxResponseBytes', 4096);
    expect(big.text.length).toBeLessThan(1024);
  });

  it('concurrency: a caller with 2 requests in flight is refused a 3rd with 429 and Retry-After; others go on', async () => {
    // child welfare's tables locked: its lookups wait (in flight) until the lock is released
    const ds = p.agencies.CHILD_WELFARE!.db.dataSource;
    const lock = ds.createQueryRunner();
    await lock.connect();
    await lock.startTransaction();
    const waiting = async () =>
      Number((await ds.query(`SELECT count(*) AS n FROM pg_locks WHERE NOT granted`))[0].n);
    try {
      await lock.query(
        `LOCK TABLE ${ds.entityMetadatas.map((m) => m.tablePath).join(', ')} IN ACCESS EXCLUSIVE MODE`,
      );
      const lookup = {
        query:
          '{ childWelfareRecord(kind: PERSON, id: "7d0d7c39-2f57-4a39-9c53-8a2b6ff1c001") { __typename } }',
      };
      const held = [post(lookup, 'crowd'), post(lookup, 'crowd')].map((r) => r.then((x) => x));
      for (let i = 0; i < 200 && (await waiting()) < 2; i++) await new Promise((r) => setTimeout(r, 25));
      expect(await waiting()).toBeGreaterThanOrEqual(2);
      const refused = await post({ query: '{ __typename }' }, 'crowd');
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.body.errors[0].extensions).toMatchObject({
        code: 'LIMIT_EXCEEDED',
        limit: 'maxConcurrentPerCaller',
        max: 2,
      });
      expect(refused.body.errors[0].message).toContain('2');
      expectRan(await post({ query: '{ __typename }' }, 'calm'));
      await lock.commitTransaction();
      for (const r of await Promise.all(held)) expectRan(r);
    } finally {
      if (lock.isTransactionActive) await lock.rollbackTransaction();
      await lock.release();
    }
    // both places given back: the caller's next request meets only its rate limit (3 a burst)
    expect((await post({ query: '{ __typename }' }, 'crowd')).body.errors[0].extensions.code).toBe(
      'RATE_LIMITED',
    );
  });

  it('audit rows: a request writing 3 rows at a subgraph runs, one writing 4 fails whole', async () => {
    for (const [i, given] of ['Ada', 'Bea', 'Cy', 'Dov'].entries()) {
      const res = await p.gql(
        'CHILD_WELFARE',
        'mutation($r: ChildWelfarePersonInput!) { upsertChildWelfarePerson(record: $r) { id } }',
        {
          r: {
            sourceSystem: 'X',
            externalId: `audit-${i}`,
            givenName: given,
            familyName: `Quill${'abcd'[i]}`,
            birthDate: `201${i}-0${i + 1}-0${i + 1}`,
            sex: 'F',
          },
        },
        { roles: ['INTEGRATION'], purposeOfUse: 'OPERATIONS', sub: `limits-${caller++}` },
      );
      expect(res.body.errors).toBeUndefined();
    }
    await p.syncFeeds();
    const ids: string[] = (
      await p.index.db.dataSource.query(`SELECT DISTINCT child_id FROM agency_record ORDER BY child_id`)
    ).map((r: { child_id: string }) => r.child_id);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    const q = 'query($ids: [ID!]!) { children(ids: $ids) { childWelfare { __typename } } }';
    // one row per child's section (own agency: every category in one PERMIT row)
    const three = await p.gql('CHILD_WELFARE', q, { ids: ids.slice(0, 3) }, { sub: `limits-${caller++}` });
    expectRan(three);
    expect(three.body.data.children.filter((c: { childWelfare: unknown }) => c?.childWelfare)).toHaveLength(
      3,
    );
    const four = await p.gql('CHILD_WELFARE', q, { ids: ids.slice(0, 4) }, { sub: `limits-${caller++}` });
    expectRefused(four, 'maxAuditRowsPerRequest', 3);
    expect(four.body.errors).toHaveLength(1);
    // the rows within the limit are written, the one past it is not
    const [{ n }] = await p.agencies.CHILD_WELFARE!.db.dataSource.query(
      'SELECT count(*)::int AS n FROM audit_event WHERE request_id = $1',
      [four.headers['x-request-id']],
    );
    expect(n).toBeLessThanOrEqual(3);
  });

  it('an unknown field is reported with its suggestion in development', async () => {
    const res = await gql('{ searchChildre { nodes { id } } }');
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors[0].message).toMatch(/Did you mean "searchChildren"/);
  });
});
