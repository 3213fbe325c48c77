import { generateKeyPairSync } from 'node:crypto';
import {
  DEFAULT_BREAK_GLASS_MAX_CHILDREN_PER_HOUR,
  DEFAULT_LIMITS,
  DEV_AUDIT_CHECKPOINT_KEY,
  DEV_DB_ROLE_KEY,
  DEV_GATEWAY_SECRET,
  DEV_JWT_SECRET,
  DEV_SERVICE_SECRET,
  devGatewayCredential,
  gatewayCredential,
  gatewayCredentials,
  assertNotifierKeys,
  devNotifierSecret,
  loadConfig,
  notifierKeyVariable,
  representationKeyOf,
} from '../src/config';
import { AGENCIES, SUBGRAPH_NAMES } from '../src/agencies';
import { gatewayCredentialEnv, testKeyPair } from '../src/testing/keys';

const KEYS = testKeyPair('ec');
/** Production settings that start: long distinct secrets and a service key. */
const PROD: Record<string, string> = {
  WHOLECHILD_MODE: 'production',
  JWT_SECRET: 's'.repeat(32),
  ...gatewayCredentialEnv(),
  SERVICE_JWT_PRIVATE_KEY: KEYS.privateKey,
  AUDIT_CHECKPOINT_KEY: 'k'.repeat(32),
  REPRESENTATION_KEY: 'r'.repeat(32),
};

/** Settings in development mode (most tests here are about something else than the mode). */
const dev = (env: Record<string, string>) => loadConfig({ WHOLECHILD_MODE: 'development', ...env });

describe('loadConfig', () => {
  it('reports every bad variable together', () => {
    const bad = () => loadConfig({ DB_POOL_SIZE: 'many', WHOLECHILD_MODE: 'staging', GATEWAY_PORT: '99999' });
    expect(bad).toThrow(/DB_POOL_SIZE="many"/);
    expect(bad).toThrow(/WHOLECHILD_MODE="staging"/);
    expect(bad).toThrow(/GATEWAY_PORT=99999/);
  });

  it('uses the development secret only in development', () => {
    expect(loadConfig({ WHOLECHILD_MODE: 'development' }).jwt.secret).toBe(DEV_JWT_SECRET);
    expect(() => loadConfig({ WHOLECHILD_MODE: 'production' })).toThrow(
      /refuses weak or development secrets.*JWT_SECRET or JWT_PUBLIC_KEY \(unset\)/,
    );
    expect(() => loadConfig({ ...PROD, JWT_SECRET: DEV_JWT_SECRET })).toThrow(/JWT_SECRET \(a development/);
    // the audit checkpoints' key and the seals' key: unset, development (even with a space after
    // it) or the gateway's own credential are refused
    expect(() => loadConfig({ ...PROD, AUDIT_CHECKPOINT_KEY: `${DEV_AUDIT_CHECKPOINT_KEY} ` })).toThrow(
      /AUDIT_CHECKPOINT_KEY \(a development/,
    );
    // unset, it is refused by the services that need it, not by the gateway, which must not hold it
    const { REPRESENTATION_KEY: _r, ...gatewayOnly } = PROD;
    expect(() => representationKeyOf(loadConfig(gatewayOnly))).toThrow(/REPRESENTATION_KEY is unset/);
    expect(representationKeyOf(loadConfig(PROD))).toBe(PROD.REPRESENTATION_KEY);
    expect(() => loadConfig({ ...PROD, REPRESENTATION_KEY: PROD.GATEWAY_CREDENTIAL_HOUSING! })).toThrow(
      /GATEWAY_CREDENTIAL_HOUSING \(equal to REPRESENTATION_KEY: the gateway may not hold it/,
    );
    const prod = loadConfig(PROD);
    expect(prod.mode).toBe('production');
  });

  it('is in production when WHOLECHILD_MODE is unset, unless the caller defaults to development', () => {
    expect(() => loadConfig({})).toThrow(/Production mode refuses/);
    const { WHOLECHILD_MODE: _, ...secrets } = PROD;
    const c = loadConfig(secrets);
    expect([c.mode, c.introspection, c.graphiql]).toEqual(['production', false, false]);
    expect(loadConfig({}, { defaultMode: 'development' }).mode).toBe('development');
    // an explicit mode wins over the caller's default
    expect(loadConfig(secrets, { defaultMode: 'development' }).mode).toBe('development');
    expect(() => loadConfig({ WHOLECHILD_MODE: 'production' }, { defaultMode: 'development' })).toThrow(
      /Production mode refuses/,
    );
  });

  it.each([
    [
      'a JWT secret shorter than 32 bytes',
      { JWT_SECRET: 'a'.repeat(31) },
      /JWT_SECRET \(shorter than 32 bytes\)/,
    ],
    [
      'a gateway credential shorter than 32 bytes',
      { GATEWAY_CREDENTIAL_HOUSING: 'g'.repeat(16) },
      /GATEWAY_CREDENTIAL_HOUSING \(shorter/,
    ],
    [
      'sixteen "a"s as both secrets',
      { JWT_SECRET: 'a'.repeat(16), GATEWAY_CREDENTIAL_HOUSING: 'a'.repeat(16) },
      /JWT_SECRET \(shorter/,
    ],
    [
      'one secret as both',
      { JWT_SECRET: 'k'.repeat(40), GATEWAY_CREDENTIAL_HOUSING: 'k'.repeat(40) },
      /GATEWAY_CREDENTIAL_HOUSING \(equal to JWT_SECRET/,
    ],
    [
      'one credential for two subgraphs',
      { GATEWAY_CREDENTIAL_PROBATION: 'x'.repeat(40), GATEWAY_CREDENTIAL_HOUSING: 'x'.repeat(40) },
      /GATEWAY_CREDENTIAL_HOUSING \(equal to GATEWAY_CREDENTIAL_PROBATION/,
    ],
    [
      'a rotation list with a development credential in it',
      { GATEWAY_CREDENTIAL_HOUSING: `${'n'.repeat(40)},${devGatewayCredential('housing')}` },
      /GATEWAY_CREDENTIAL_HOUSING \(a development/,
    ],
    [
      'the development JWT secret with a trailing space',
      { JWT_SECRET: `${DEV_JWT_SECRET} ` },
      /JWT_SECRET \(a development/,
    ],
    [
      'the development gateway credential with spaces',
      { GATEWAY_CREDENTIAL_CHILD_WELFARE: ` ${devGatewayCredential('child-welfare')}\t` },
      /GATEWAY_CREDENTIAL_CHILD_WELFARE \(a development/,
    ],
    [
      'the development gateway root',
      { GATEWAY_CREDENTIAL_CHILD_INDEX: DEV_GATEWAY_SECRET },
      /GATEWAY_CREDENTIAL_CHILD_INDEX \(a development/,
    ],
    [
      'the development service secret',
      { GATEWAY_CREDENTIAL_EDUCATION: DEV_SERVICE_SECRET },
      /GATEWAY_CREDENTIAL_EDUCATION \(a development/,
    ],
    [
      'no service key',
      { SERVICE_JWT_PRIVATE_KEY: '' },
      /SERVICE_JWT_PRIVATE_KEY or SERVICE_JWT_PUBLIC_KEY \(unset\)/,
    ],
  ] as const)('production refuses %s', (_, env, reason) => {
    expect(() => loadConfig({ ...PROD, ...env })).toThrow(reason);
    // the same settings in development start (development accepts anything of 16 bytes and more)
    expect(() => loadConfig({ ...PROD, ...env, WHOLECHILD_MODE: 'development' })).not.toThrow();
  });

  it('gives each subgraph its own gateway credential, and takes two while one rotates', () => {
    // development: one per subgraph, none another's
    const d = loadConfig({ WHOLECHILD_MODE: 'development' });
    const own = SUBGRAPH_NAMES.map((n) => gatewayCredential(d, n));
    expect(new Set(own).size).toBe(SUBGRAPH_NAMES.length);
    // rotation: the first is sent, both are accepted
    const next = 'n'.repeat(40);
    const rotating = loadConfig({
      ...PROD,
      GATEWAY_CREDENTIAL_HOUSING: `${next}, ${PROD.GATEWAY_CREDENTIAL_HOUSING}`,
    });
    expect(gatewayCredentials(rotating, 'housing')).toEqual([next, PROD.GATEWAY_CREDENTIAL_HOUSING]);
    expect(gatewayCredential(rotating, 'housing')).toBe(next);
    // a process may hold only its own; the others are refused when asked for
    const { GATEWAY_CREDENTIAL_PROBATION: _, ...withoutProbation } = PROD;
    const housingOnly = loadConfig(withoutProbation);
    expect(gatewayCredential(housingOnly, 'housing')).toBe(PROD.GATEWAY_CREDENTIAL_HOUSING);
    expect(() => gatewayCredential(housingOnly, 'probation')).toThrow(
      /GATEWAY_CREDENTIAL_PROBATION is unset/,
    );
    // one credential for all five, as before, is refused in any mode, saying what to set instead
    for (const mode of ['development', 'production'])
      expect(() => loadConfig({ ...PROD, WHOLECHILD_MODE: mode, GATEWAY_SECRET: 'g'.repeat(40) })).toThrow(
        /GATEWAY_SECRET .*GATEWAY_CREDENTIAL_<SUBGRAPH>/,
      );
    expect(() => loadConfig({ ...PROD, GATEWAY_CREDENTIAL_HOUSING: 'short,' })).toThrow(
      /GATEWAY_CREDENTIAL_HOUSING \(a comma-separated list/,
    );
  });

  it("reads each agency's notifier key pair, refuses a bad, mismatched or shared one, and names what a subgraph lacks", () => {
    const keys = Object.fromEntries(AGENCIES.map((a) => [a, testKeyPair('ec')]));
    const env = Object.fromEntries(
      AGENCIES.map((a) => [notifierKeyVariable(a, 'PUBLIC'), keys[a]!.publicKey]),
    ) as Record<string, string>;
    expect(notifierKeyVariable('BEHAVIORAL_HEALTH', 'PRIVATE')).toBe(
      'NOTIFIER_JWT_PRIVATE_KEY_BEHAVIORAL_HEALTH',
    );
    // every subgraph holds the public keys; child welfare's process its own private key too
    const cw = loadConfig({
      ...PROD,
      ...env,
      [notifierKeyVariable('CHILD_WELFARE', 'PRIVATE')]: keys.CHILD_WELFARE!.privateKey,
      WEBHOOK_POLL_INTERVAL_MS: '1000',
    });
    expect(cw.jwt.notifiers!.CHILD_WELFARE).toMatchObject({ privateKey: keys.CHILD_WELFARE!.privateKey });
    expect(cw.jwt.notifiers!.HOUSING).toEqual({ privateKey: undefined, publicKey: keys.HOUSING!.publicKey });
    expect(() => assertNotifierKeys(cw, 'child-welfare')).not.toThrow();
    expect(() => assertNotifierKeys(cw, 'child-index')).not.toThrow();
    // housing's worker runs too, without its private key: housing refuses to start
    expect(() => assertNotifierKeys(cw, 'housing')).toThrow(
      /housing: notifier keys unset: NOTIFIER_JWT_PRIVATE_KEY_HOUSING \(its webhook worker signs with it\)/,
    );
    // without the worker it needs none of its own
    expect(() =>
      assertNotifierKeys(loadConfig({ ...PROD, ...env, WEBHOOK_POLL_INTERVAL_MS: '0' }), 'housing'),
    ).not.toThrow();
    // a public key missing: every subgraph refuses, naming it; the gateway holds none and needs none
    const lacking = loadConfig({ ...PROD, ...env, [notifierKeyVariable('PROBATION', 'PUBLIC')]: '' });
    expect(() => assertNotifierKeys(lacking, 'child-index')).toThrow(/NOTIFIER_JWT_PUBLIC_KEY_PROBATION/);
    expect(lacking.jwt.notifiers!.PROBATION).toBeUndefined();
    // bad keys, a private and a public key that are not one pair, one key for two identities
    expect(() => loadConfig({ ...PROD, [notifierKeyVariable('EDUCATION', 'PUBLIC')]: 'nope' })).toThrow(
      /NOTIFIER_JWT_PUBLIC_KEY_EDUCATION \(not a PEM key\)/,
    );
    expect(() =>
      loadConfig({
        ...PROD,
        [notifierKeyVariable('EDUCATION', 'PRIVATE')]: keys.EDUCATION!.privateKey,
        [notifierKeyVariable('EDUCATION', 'PUBLIC')]: keys.HOUSING!.publicKey,
      }),
    ).toThrow(
      /NOTIFIER_JWT_PUBLIC_KEY_EDUCATION \(not the public half of NOTIFIER_JWT_PRIVATE_KEY_EDUCATION\)/,
    );
    expect(() =>
      loadConfig({ ...PROD, ...env, [notifierKeyVariable('HOUSING', 'PUBLIC')]: keys.PROBATION!.publicKey }),
    ).toThrow(/NOTIFIER_JWT_PUBLIC_KEY_HOUSING \(the same key as probation’s notifier key/);
    expect(() => loadConfig({ ...PROD, [notifierKeyVariable('HOUSING', 'PUBLIC')]: KEYS.publicKey })).toThrow(
      /NOTIFIER_JWT_PUBLIC_KEY_HOUSING \(the same key as the child index’s service key/,
    );
    // development without keys: a development secret per agency, each its own
    const d = loadConfig({ WHOLECHILD_MODE: 'development' });
    expect(d.jwt.notifiers!.HOUSING).toEqual({ secret: devNotifierSecret('HOUSING') });
    expect(new Set(AGENCIES.map((a) => d.jwt.notifiers![a]!.secret)).size).toBe(AGENCIES.length);
    expect(() => assertNotifierKeys(d, 'housing')).not.toThrow();
  });

  it('reads the service key pair, refuses a bad one, and keeps service and user issuers apart', () => {
    const c = loadConfig(PROD);
    expect(c.jwt.service).toMatchObject({ issuer: 'wholechild-service', audience: 'wholechild-service' });
    expect(c.jwt.service!.secret).toBeUndefined();
    const withPublicOnly = loadConfig({
      ...PROD,
      SERVICE_JWT_PRIVATE_KEY: '',
      SERVICE_JWT_PUBLIC_KEY: KEYS.publicKey,
    });
    expect(withPublicOnly.jwt.service).toMatchObject({ publicKey: KEYS.publicKey, privateKey: undefined });
    const b64 = loadConfig({
      ...PROD,
      SERVICE_JWT_PRIVATE_KEY: Buffer.from(KEYS.privateKey).toString('base64'),
    });
    expect(b64.jwt.service!.privateKey).toBeDefined();
    expect(() => loadConfig({ ...PROD, SERVICE_JWT_PRIVATE_KEY: 'not a key' })).toThrow(
      /SERVICE_JWT_PRIVATE_KEY \(not a PEM key\)/,
    );
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => loadConfig({ ...PROD, SERVICE_JWT_PRIVATE_KEY: ed })).toThrow(/RSA or EC P-256/);
    expect(() => loadConfig({ ...PROD, JWT_AUDIENCE: 'wholechild-service' })).toThrow(
      /JWT_AUDIENCE.*reserved/,
    );
    // development without a key: the development service secret, never the user-token secret
    const d = loadConfig({ WHOLECHILD_MODE: 'development' });
    expect(d.jwt.service!.secret).toBe(DEV_SERVICE_SECRET);
    expect(d.jwt.service!.secret).not.toBe(d.jwt.secret);
  });

  it('reads per-subgraph ports, database URLs and subgraph URLs', () => {
    const c = dev({
      CHILD_WELFARE_PORT: '5002',
      EDUCATION_DATABASE_URL: 'postgres://x@127.0.0.1/edu',
      PROBATION_URL: 'http://127.0.0.1:9/graphql',
    });
    expect(c.ports['child-welfare']).toBe(5002);
    expect(c.databaseUrls.education).toBe('postgres://x@127.0.0.1/edu');
    expect(c.subgraphUrls.probation).toBe('http://127.0.0.1:9/graphql');
  });

  it('reads the database roles: owner URL, app role URLs and the role key, refusing a weak key in production', () => {
    const d = dev({
      DATABASE_URL: 'postgres://app@127.0.0.1/wc',
      MIGRATION_DATABASE_URL: 'postgres://owner@127.0.0.1/wc',
      HOUSING_APP_DATABASE_URL: 'postgres://housing_app:pw@127.0.0.1/wc',
    });
    expect(d.databaseUrl).toBe('postgres://owner@127.0.0.1/wc');
    expect(d.dbRoles).toEqual({
      key: DEV_DB_ROLE_KEY,
      appUrls: { housing: 'postgres://housing_app:pw@127.0.0.1/wc' },
    });
    expect(() => dev({ HOUSING_APP_DATABASE_URL: 'not a url' })).toThrow(/HOUSING_APP_DATABASE_URL/);
    // production: no development key; DB_ROLE_KEY may be unset (app role URLs given instead)
    expect(loadConfig(PROD).dbRoles.key).toBeUndefined();
    expect(loadConfig({ ...PROD, DB_ROLE_KEY: 'd'.repeat(32) }).dbRoles.key).toBe('d'.repeat(32));
    expect(() => loadConfig({ ...PROD, DB_ROLE_KEY: ` ${DEV_DB_ROLE_KEY}` })).toThrow(
      /DB_ROLE_KEY \(a development/,
    );
    expect(() => loadConfig({ ...PROD, DB_ROLE_KEY: 'd'.repeat(20) })).toThrow(/DB_ROLE_KEY \(shorter/);
    expect(() => loadConfig({ ...PROD, DB_ROLE_KEY: PROD.AUDIT_CHECKPOINT_KEY! })).toThrow(
      /DB_ROLE_KEY \(equal to another secret/,
    );
  });

  it('reads every operating limit, with documented defaults, and refuses bad ones together', () => {
    expect(loadConfig({ WHOLECHILD_MODE: 'development' }).limits).toEqual(DEFAULT_LIMITS);
    const c = dev({
      MAX_DEPTH: '3',
      MAX_BATCH: '5',
      RATE_LIMIT_PER_SECOND: '0.5',
      MAX_BODY_BYTES: '4096',
    });
    expect(c.limits).toMatchObject({ maxDepth: 3, maxBatch: 5, rateLimitPerSecond: 0.5, maxBodyBytes: 4096 });
    const bad = () =>
      dev({ MAX_DEPTH: '0', MAX_TOKENS: 'lots', MAX_BODY_BYTES: '10', RATE_LIMIT_PER_SECOND: '-1' });
    expect(bad).toThrow(/MAX_DEPTH="0"/);
    expect(bad).toThrow(/MAX_TOKENS="lots"/);
    expect(bad).toThrow(/MAX_BODY_BYTES="10"/);
    expect(bad).toThrow(/RATE_LIMIT_PER_SECOND="-1"/);
  });

  it('turns introspection, GraphiQL and field suggestions on in development, off in production', () => {
    const d = loadConfig({ WHOLECHILD_MODE: 'development' });
    expect([d.introspection, d.graphiql, d.fieldSuggestions]).toEqual([true, true, true]);
    const secrets = { ...PROD, JWT_SECRET: 's'.repeat(32) };
    const prod = loadConfig({ WHOLECHILD_MODE: 'production', ...secrets });
    expect([prod.introspection, prod.graphiql, prod.fieldSuggestions]).toEqual([false, false, false]);
    const open = loadConfig({
      WHOLECHILD_MODE: 'production',
      INTROSPECTION: 'true',
      GRAPHIQL: '1',
      ...secrets,
    });
    expect([open.introspection, open.graphiql, open.fieldSuggestions]).toEqual([true, true, false]);
    expect(() => dev({ INTROSPECTION: 'yes' })).toThrow(/INTROSPECTION="yes"/);
  });
});

describe('fault-tolerance settings', () => {
  it('reads and validates the timeouts and feed retries', () => {
    const c = dev({
      SUBGRAPH_TIMEOUT_MS: '1500',
      FEED_TIMEOUT_MS: '2000',
      FEED_RETRY_ATTEMPTS: '5',
      FEED_RETRY_BASE_MS: '100',
      DB_CONNECT_TIMEOUT_MS: '3000',
    });
    expect(c.subgraphTimeoutMs).toBe(1500);
    expect(c.feed).toEqual({ timeoutMs: 2000, retryAttempts: 5, retryBaseMs: 100 });
    expect(c.dbConnectTimeoutMs).toBe(3000);
    const d = loadConfig({ WHOLECHILD_MODE: 'development' });
    expect(d.subgraphTimeoutMs).toBe(10_000);
    expect(d.feed.retryAttempts).toBe(3);
    const bad = () => dev({ SUBGRAPH_TIMEOUT_MS: '0', FEED_RETRY_ATTEMPTS: 'lots' });
    expect(bad).toThrow(/SUBGRAPH_TIMEOUT_MS="0"/);
    expect(bad).toThrow(/FEED_RETRY_ATTEMPTS="lots"/);
  });

  it('reads the break-glass rate limit, 5 children an hour by default, and refuses a bad one', () => {
    expect(DEFAULT_BREAK_GLASS_MAX_CHILDREN_PER_HOUR).toBe(5);
    expect(loadConfig({ WHOLECHILD_MODE: 'development' }).breakGlassMaxChildrenPerHour).toBe(5);
    expect(dev({ BREAK_GLASS_MAX_CHILDREN_PER_HOUR: '2' }).breakGlassMaxChildrenPerHour).toBe(2);
    expect(() => dev({ BREAK_GLASS_MAX_CHILDREN_PER_HOUR: '0' })).toThrow(
      /BREAK_GLASS_MAX_CHILDREN_PER_HOUR="0"/,
    );
    expect(() => dev({ BREAK_GLASS_MAX_CHILDREN_PER_HOUR: 'five' })).toThrow(
      /BREAK_GLASS_MAX_CHILDREN_PER_HOUR="five"/,
    );
  });
});
