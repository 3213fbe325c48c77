import request from 'supertest';
import { tokenFor } from '@wholechild/shared/src/testing';
import { startTestPlatform, type TestPlatform } from './helpers';

/** Every operating limit, set low here: one past it is refused with LIMIT_EXCEEDED naming the
 *  limit and its value, and one at it runs. */
const LIMITS = {
  MAX_DEPTH: '4',
  MAX_ALIASES: '2',
  MAX_DIRECTIVES: '2',
  MAX_TOKENS: '60',
  MAX_COST: '725',
  MAX_BATCH: '2',
  MAX_BODY_BYTES: '2048',
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

  it('cost: 725 runs, 732.5 is refused', async () => {
    // (2 + 1.5 × (2 + 1.5 × 1)) × first = 7.25 × first
    const q = (first: number) => `{ searchChildren(familyName: "xu", first: ${first}) { nodes { id } } }`;
    expectRan(await gql(q(100)));
    const res = await gql(q(101));
    expectRefused(res, 'maxCost', 725);
  });

  it('batches: 2 operations run, 3 are refused', async () => {
    const op = { query: '{ __typename }' };
    const two = await post([op, op]);
    expect(two.status).toBe(200);
    expect(two.body).toEqual([{ data: { __typename: 'Query' } }, { data: { __typename: 'Query' } }]);
    expectRefused(await post([op, op, op]), 'maxBatch', 2);
  });

  it('request body: 2048 bytes run, 2049 are refused with 413', async () => {
    const body = (bytes: number) => {
      const base = JSON.stringify({ query: '{ __typename }', variables: { pad: '' } });
      return JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(bytes - base.length) } });
    };
    expect(Buffer.byteLength(body(2048))).toBe(2048);
    expectRan(await post(body(2048)));
    expectRefused(await post(body(2049)), 'maxBodyBytes', 2048, 413);
  });

  it('rate: a caller gets 3 requests at once, the 4th is refused with 429 and Retry-After; others go on', async () => {
    for (let i = 0; i < 3; i++) expectRan(await post({ query: '{ __typename }' }, 'busy-client'));
    const refused = await post({ query: '{ __typename }' }, 'busy-client');
    expectRefused(refused, 'rateLimit', 3, 429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.body.errors[0].extensions.retryAfterSeconds).toBe(Number(refused.headers['retry-after']));
    expectRan(await post({ query: '{ __typename }' }, 'quiet-client'));
  });

  it('an unknown field is reported with its suggestion in development', async () => {
    const res = await gql('{ searchChildre { nodes { id } } }');
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors[0].message).toMatch(/Did you mean "searchChildren"/);
  });
});
