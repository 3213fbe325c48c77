import {
  DEFAULT_BREAK_GLASS_MAX_CHILDREN_PER_HOUR,
  DEFAULT_LIMITS,
  DEV_AUDIT_CHECKPOINT_KEY,
  DEV_JWT_SECRET,
  loadConfig,
} from '../src/config';

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
      /refuses development secrets.*JWT_SECRET.*GATEWAY_SECRET.*AUDIT_CHECKPOINT_KEY.*REPRESENTATION_KEY/,
    );
    expect(() =>
      loadConfig({
        WHOLECHILD_MODE: 'production',
        JWT_SECRET: DEV_JWT_SECRET,
        GATEWAY_SECRET: 'x'.repeat(32),
        AUDIT_CHECKPOINT_KEY: 'k'.repeat(32),
        REPRESENTATION_KEY: 'r'.repeat(32),
      }),
    ).toThrow(/JWT_SECRET/);
    // the audit checkpoints' key: the development one (even with a space after it) is refused
    expect(() =>
      loadConfig({
        WHOLECHILD_MODE: 'production',
        JWT_SECRET: 's'.repeat(32),
        GATEWAY_SECRET: 'g'.repeat(32),
        AUDIT_CHECKPOINT_KEY: `${DEV_AUDIT_CHECKPOINT_KEY} `,
      }),
    ).toThrow(/AUDIT_CHECKPOINT_KEY/);
    const prod = loadConfig({
      WHOLECHILD_MODE: 'production',
      JWT_SECRET: 's'.repeat(32),
      GATEWAY_SECRET: 'g'.repeat(32),
      AUDIT_CHECKPOINT_KEY: 'k'.repeat(32),
      REPRESENTATION_KEY: 'r'.repeat(32),
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

  it('reads every operating limit, with documented defaults, and refuses bad ones together', () => {
    expect(loadConfig({}).limits).toEqual(DEFAULT_LIMITS);
    const c = loadConfig({
      MAX_DEPTH: '3',
      MAX_BATCH: '5',
      RATE_LIMIT_PER_SECOND: '0.5',
      MAX_BODY_BYTES: '4096',
    });
    expect(c.limits).toMatchObject({ maxDepth: 3, maxBatch: 5, rateLimitPerSecond: 0.5, maxBodyBytes: 4096 });
    const bad = () =>
      loadConfig({ MAX_DEPTH: '0', MAX_TOKENS: 'lots', MAX_BODY_BYTES: '10', RATE_LIMIT_PER_SECOND: '-1' });
    expect(bad).toThrow(/MAX_DEPTH="0"/);
    expect(bad).toThrow(/MAX_TOKENS="lots"/);
    expect(bad).toThrow(/MAX_BODY_BYTES="10"/);
    expect(bad).toThrow(/RATE_LIMIT_PER_SECOND="-1"/);
  });

  it('turns introspection, GraphiQL and field suggestions on in development, off in production', () => {
    const dev = loadConfig({});
    expect([dev.introspection, dev.graphiql, dev.fieldSuggestions]).toEqual([true, true, true]);
    const secrets = {
      JWT_SECRET: 's'.repeat(32),
      GATEWAY_SECRET: 'g'.repeat(32),
      AUDIT_CHECKPOINT_KEY: 'k'.repeat(32),
      REPRESENTATION_KEY: 'r'.repeat(32),
    };
    const prod = loadConfig({ WHOLECHILD_MODE: 'production', ...secrets });
    expect([prod.introspection, prod.graphiql, prod.fieldSuggestions]).toEqual([false, false, false]);
    const open = loadConfig({
      WHOLECHILD_MODE: 'production',
      INTROSPECTION: 'true',
      GRAPHIQL: '1',
      ...secrets,
    });
    expect([open.introspection, open.graphiql, open.fieldSuggestions]).toEqual([true, true, false]);
    expect(() => loadConfig({ INTROSPECTION: 'yes' })).toThrow(/INTROSPECTION="yes"/);
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

  it('reads the break-glass rate limit, 5 children an hour by default, and refuses a bad one', () => {
    expect(DEFAULT_BREAK_GLASS_MAX_CHILDREN_PER_HOUR).toBe(5);
    expect(loadConfig({}).breakGlassMaxChildrenPerHour).toBe(5);
    expect(loadConfig({ BREAK_GLASS_MAX_CHILDREN_PER_HOUR: '2' }).breakGlassMaxChildrenPerHour).toBe(2);
    expect(() => loadConfig({ BREAK_GLASS_MAX_CHILDREN_PER_HOUR: '0' })).toThrow(
      /BREAK_GLASS_MAX_CHILDREN_PER_HOUR="0"/,
    );
    expect(() => loadConfig({ BREAK_GLASS_MAX_CHILDREN_PER_HOUR: 'five' })).toThrow(
      /BREAK_GLASS_MAX_CHILDREN_PER_HOUR="five"/,
    );
  });
});
