import { DEV_JWT_SECRET, loadConfig } from '../src/config';

describe('loadConfig', () => {
  it('reports every bad variable together', () => {
    const bad = () => loadConfig({ DB_POOL_SIZE: 'many', WHOLECHILD_MODE: 'staging', GATEWAY_PORT: '99999' });
    expect(bad).toThrow(/DB_POOL_SIZE="many"/);
    expect(bad).toThrow(/WHOLECHILD_MODE="staging"/);
    expect(bad).toThrow(/GATEWAY_PORT=99999/);
  });

  it('uses the development secret only in development', () => {
    expect(loadConfig({}).jwt.secret).toBe(DEV_JWT_SECRET);
    expect(() => loadConfig({ WHOLECHILD_MODE: 'production' })).toThrow(
      /refuses development secrets.*JWT_SECRET.*GATEWAY_SECRET/,
    );
    expect(() =>
      loadConfig({
        WHOLECHILD_MODE: 'production',
        JWT_SECRET: DEV_JWT_SECRET,
        GATEWAY_SECRET: 'x'.repeat(32),
      }),
    ).toThrow(/JWT_SECRET/);
    const prod = loadConfig({
      WHOLECHILD_MODE: 'production',
      JWT_SECRET: 's'.repeat(32),
      GATEWAY_SECRET: 'g'.repeat(32),
    });
    expect(prod.mode).toBe('production');
  });

  it('reads per-subgraph ports, database URLs and subgraph URLs', () => {
    const c = loadConfig({
      CHILD_WELFARE_PORT: '5002',
      EDUCATION_DATABASE_URL: 'postgres://x@127.0.0.1/edu',
      PROBATION_URL: 'http://127.0.0.1:9/graphql',
    });
    expect(c.ports['child-welfare']).toBe(5002);
    expect(c.databaseUrls.education).toBe('postgres://x@127.0.0.1/edu');
    expect(c.subgraphUrls.probation).toBe('http://127.0.0.1:9/graphql');
  });
});

describe('fault-tolerance settings', () => {
  it('reads and validates the timeouts and feed retries', () => {
    const c = loadConfig({
      SUBGRAPH_TIMEOUT_MS: '1500',
      FEED_TIMEOUT_MS: '2000',
      FEED_RETRY_ATTEMPTS: '5',
      FEED_RETRY_BASE_MS: '100',
      DB_CONNECT_TIMEOUT_MS: '3000',
    });
    expect(c.subgraphTimeoutMs).toBe(1500);
    expect(c.feed).toEqual({ timeoutMs: 2000, retryAttempts: 5, retryBaseMs: 100 });
    expect(c.dbConnectTimeoutMs).toBe(3000);
    const d = loadConfig({});
    expect(d.subgraphTimeoutMs).toBe(10_000);
    expect(d.feed.retryAttempts).toBe(3);
    const bad = () => loadConfig({ SUBGRAPH_TIMEOUT_MS: '0', FEED_RETRY_ATTEMPTS: 'lots' });
    expect(bad).toThrow(/SUBGRAPH_TIMEOUT_MS="0"/);
    expect(bad).toThrow(/FEED_RETRY_ATTEMPTS="lots"/);
  });
});
