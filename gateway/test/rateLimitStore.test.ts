import request from 'supertest';
import { createTestDatabase, tokenFor } from '@wholechild/shared/testing';
import { createGateway, type Gateway } from '../src/server';
import { readSupergraph } from '../src/supergraph';
import { MemoryRateLimitStore, PostgresRateLimitStore } from '../src/rateLimitStore';
import { startTestPlatform, type TestPlatform } from './helpers';

const BURST = 3;
// One token back every ~17 minutes: a test never sees a refill.
const PER_SECOND = 0.001;
// A loaded CI machine may take more than the production second to answer: these tests are about
// sharing, not about the fallback (tested on its own below).
const PATIENT_MS = 30_000;

describe(PostgresRateLimitStore.name, () => {
  let db: { url: string; drop(): Promise<void> };
  beforeAll(async () => (db = await createTestDatabase()));
  afterAll(async () => db?.drop());

  it('two stores on one database (two gateway replicas) share each caller’s bucket, atomically', async () => {
    const a = new PostgresRateLimitStore(db.url, 5, PER_SECOND, undefined, PATIENT_MS);
    const b = new PostgresRateLimitStore(db.url, 5, PER_SECOND, undefined, PATIENT_MS);
    try {
      // 20 takes at once, half through each replica: exactly the burst is let through
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).take('CHILD_WELFARE\u0000ana')),
      );
      expect(answers.filter((x) => x === null)).toHaveLength(5);
      // a refused take is told to wait for one token: 1 / 0.001 s, less what has refilled since the
      // first take (a loaded machine may take a second or more over the twenty)
      for (const wait of answers.filter((x) => x !== null)) {
        expect(wait).toBeGreaterThan(950);
        expect(wait).toBeLessThanOrEqual(1000);
      }
      // another caller has a budget of its own
      expect(await b.take('CHILD_WELFARE\u0000bo')).toBeNull();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('refills from the database clock', async () => {
    const s = new PostgresRateLimitStore(db.url, 1, 20, undefined, PATIENT_MS); // a token every 50 ms
    try {
      expect(await s.take('refill')).toBeNull();
      expect(await s.take('refill')).toBe(1);
      await new Promise((r) => setTimeout(r, 120));
      expect(await s.take('refill')).toBeNull();
    } finally {
      await s.close();
    }
  });

  it('an unreachable store falls back to this replica’s own bucket (still limited)', async () => {
    const s = new PostgresRateLimitStore('postgres://postgres@127.0.0.1:1/none', 2, PER_SECOND);
    try {
      expect(await s.take('x')).toBeNull();
      expect(await s.take('x')).toBeNull();
      expect(await s.take('x')).toBe(1000);
    } finally {
      await s.close();
    }
  });

  it('the in-process store is what a replica without RATE_LIMIT_DATABASE_URL keeps: its own', async () => {
    const a = new MemoryRateLimitStore(1, PER_SECOND);
    const b = new MemoryRateLimitStore(1, PER_SECOND);
    expect(await a.take('k')).toBeNull();
    expect(await a.take('k')).toBe(1000);
    expect(await b.take('k')).toBeNull();
  });
});

describe('two gateway replicas with RATE_LIMIT_DATABASE_URL', () => {
  let limitsDb: { url: string; drop(): Promise<void> };
  let p: TestPlatform;
  let second: Gateway;
  let urls: string[];

  beforeAll(async () => {
    limitsDb = await createTestDatabase();
    p = await startTestPlatform({
      env: {
        RATE_LIMIT_DATABASE_URL: limitsDb.url,
        RATE_LIMIT_BURST: String(BURST),
        RATE_LIMIT_PER_SECOND: String(PER_SECOND),
        RATE_LIMIT_STORE_TIMEOUT_MS: String(PATIENT_MS),
      },
    });
    second = await createGateway({
      config: p.config,
      supergraphSdl: readSupergraph(),
      subgraphUrls: p.subgraphUrls,
    });
    urls = [p.gatewayUrl, (await second.start(0, '127.0.0.1')).url];
  });
  afterAll(async () => {
    await second?.stop();
    await p?.dispose();
    await limitsDb?.drop();
  });

  const ask = (replica: number, sub: string) => {
    const url = new URL(urls[replica]!);
    return request(url.origin)
      .post(url.pathname)
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${tokenFor('CHILD_WELFARE', { sub }, p.config)}`)
      .send({ query: '{ __typename }' });
  };

  it('one caller’s budget is shared: three through either replica run, the fourth is refused', async () => {
    for (const replica of [0, 1, 0]) {
      const ok = await ask(replica, 'shared-caller');
      expect(ok.status).toBe(200);
      expect(ok.body.data).toEqual({ __typename: 'Query' });
    }
    const refused = await ask(1, 'shared-caller');
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('1000');
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors[0].extensions).toMatchObject({
      code: 'RATE_LIMITED',
      limit: 'rateLimit',
      max: BURST,
      perSecond: PER_SECOND,
      retryAfterSeconds: 1000,
      requestId: refused.headers['x-request-id'],
    });
    expect((await ask(0, 'shared-caller')).status).toBe(429);
    // another caller is not held back by the first
    expect((await ask(1, 'other-caller')).status).toBe(200);
  });
});
