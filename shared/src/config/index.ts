/** The platform's configuration: loadConfig reads and validates every setting once (the only
 *  reader of the environment). The schema, defaults, development secrets and credential helpers
 *  live beside it, one job per file; this entry point re-exports their public parts. */
import os from 'node:os';
import path from 'node:path';
import { SUBGRAPH_NAMES } from '../agencies';
import { devGatewayCredential, notifierKeysConfig, publicKeyDers, serviceTokenConfig } from './credentials';
import { envKey, envSchema, gatewayCredentialVariable } from './env';
import { DEFAULT_PORTS } from './limits';
import {
  DEV_AUDIT_CHECKPOINT_KEY,
  DEV_ANALYTICS_KEY,
  DEV_DB_ROLE_KEY,
  DEV_JWT_SECRET,
  DEV_REPRESENTATION_KEY,
  SERVICE_TOKEN_AUDIENCE,
  SERVICE_TOKEN_ISSUER,
  refuseWeakSecrets,
} from './secrets';
import type { PlatformConfig } from './types';

export type { NotifierKeyConfig, PlatformConfig, ServiceTokenConfig } from './types';
export {
  DEFAULT_BREAK_GLASS_MAX_CHILDREN_PER_HOUR,
  DEFAULT_LIMITS,
  DEFAULT_MAX_AUDIT_ROWS_PER_REQUEST,
  type OperationLimits,
} from './limits';
export {
  DEV_AUDIT_CHECKPOINT_KEY,
  DEV_ANALYTICS_KEY,
  DEV_DB_ROLE_KEY,
  DEV_GATEWAY_SECRET,
  DEV_JWT_SECRET,
  DEV_REPRESENTATION_KEY,
  DEV_SERVICE_SECRET,
  MIN_SECRET_BYTES,
  SERVICE_TOKEN_AUDIENCE,
  SERVICE_TOKEN_ISSUER,
} from './secrets';
export { gatewayCredentialVariable, notifierKeyVariable } from './env';
export {
  databaseRolesOf,
  devGatewayCredential,
  gatewayCredential,
  gatewayCredentials,
  representationKeyOf,
  analyticsKeyOf,
  assertNotifierKeys,
  devNotifierSecret,
} from './credentials';

/** Reads and validates every setting once. Reports all bad keys together; the only reader of
 *  the environment. Production (the default) refuses development, short or shared secrets. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  opts: {
    /** The mode when WHOLECHILD_MODE is unset: `npm start`, the seeder, tests and benchmarks say
     *  development; everything else runs in production. @default 'production' */
    defaultMode?: PlatformConfig['mode'];
  } = {},
): PlatformConfig {
  const parsed = envSchema.safeParse(
    opts.defaultMode && !env.WHOLECHILD_MODE ? { ...env, WHOLECHILD_MODE: opts.defaultMode } : env,
  );
  const problems: string[] = parsed.success
    ? []
    : parsed.error.issues.map(
        (i) => `${i.path.join('.')}=${JSON.stringify(env[String(i.path[0])] ?? '')} (${i.message})`,
      );
  const ports = { ...DEFAULT_PORTS };
  const databaseUrls: PlatformConfig['databaseUrls'] = {};
  const subgraphUrls: PlatformConfig['subgraphUrls'] = {};
  const appDatabaseUrls: PlatformConfig['dbRoles']['appUrls'] = {};
  for (const name of [...SUBGRAPH_NAMES, 'gateway' as const]) {
    const raw = env[`${envKey(name)}_PORT`];
    if (raw !== undefined) {
      const port = Number(raw);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        problems.push(`${envKey(name)}_PORT=${raw} (not a port)`);
      else ports[name] = port;
    }
  }
  const gatewayCredentials: PlatformConfig['gatewayCredentials'] = {};
  if (env.GATEWAY_SECRET !== undefined)
    problems.push(
      'GATEWAY_SECRET (one credential for every subgraph is no longer accepted: set GATEWAY_CREDENTIAL_<SUBGRAPH> for each, README "Operations")',
    );
  for (const name of SUBGRAPH_NAMES) {
    const raw = env[gatewayCredentialVariable(name)];
    if (raw !== undefined) {
      const list = raw.split(',').map((c) => c.trim());
      if (list.some((c) => c.length < 16 || /[^\x21-\x7e]/.test(c)))
        problems.push(
          `${gatewayCredentialVariable(name)} (a comma-separated list of credentials, each at least 16 printable characters)`,
        );
      else gatewayCredentials[name] = list;
    }
  }
  for (const name of SUBGRAPH_NAMES) {
    const db = env[`${envKey(name)}_DATABASE_URL`];
    if (db) databaseUrls[name] = db;
    const app = env[`${envKey(name)}_APP_DATABASE_URL`];
    if (app) {
      if (URL.canParse(app) && new URL(app).username) appDatabaseUrls[name] = app;
      else problems.push(`${envKey(name)}_APP_DATABASE_URL (a postgres:// URL naming its user)`);
    }
    const url = env[`${envKey(name)}_URL`];
    if (url) subgraphUrls[name] = url;
  }
  for (const [k, v] of [
    ['JWT_ISSUER', env.JWT_ISSUER],
    ['JWT_AUDIENCE', env.JWT_AUDIENCE],
  ] as const)
    if (v === SERVICE_TOKEN_ISSUER || v === SERVICE_TOKEN_AUDIENCE)
      problems.push(`${k}=${JSON.stringify(v)} (reserved for service tokens)`);
  for (const k of ['JWT_PUBLIC_KEY', 'SERVICE_JWT_PRIVATE_KEY', 'SERVICE_JWT_PUBLIC_KEY'] as const) {
    const v = env[k];
    if (!v) continue;
    const ders = publicKeyDers(v, k === 'SERVICE_JWT_PRIVATE_KEY' ? 'PRIVATE' : 'PUBLIC');
    if (typeof ders === 'string') problems.push(`${k} (${ders})`);
  }
  const mode = parsed.success ? parsed.data.WHOLECHILD_MODE : 'production';
  const notifierKeys = notifierKeysConfig(env, mode);
  problems.push(...notifierKeys.problems);
  if (!parsed.success || problems.length) {
    throw new Error(`Invalid environment variables: ${problems.join(', ')}`);
  }
  const e = parsed.data;
  const config: PlatformConfig = {
    mode: e.WHOLECHILD_MODE,
    host: e.HOST,
    databaseUrl: e.MIGRATION_DATABASE_URL ?? e.DATABASE_URL,
    databaseUrls,
    dbRoles: {
      key: e.DB_ROLE_KEY ?? (e.WHOLECHILD_MODE === 'development' ? DEV_DB_ROLE_KEY : undefined),
      appUrls: appDatabaseUrls,
    },
    dbPoolSize: e.DB_POOL_SIZE,
    embeddedPg: { port: e.EMBEDDED_PG_PORT, dir: e.EMBEDDED_PG_DIR },
    jwt: {
      secret: e.JWT_PUBLIC_KEY ? e.JWT_SECRET : (e.JWT_SECRET ?? DEV_JWT_SECRET),
      publicKey: e.JWT_PUBLIC_KEY,
      issuer: e.JWT_ISSUER,
      audience: e.JWT_AUDIENCE,
      ...(e.AGENCY_ROLES ? { agencyRoles: e.AGENCY_ROLES } : {}),
      maxLifetimeS: e.JWT_MAX_LIFETIME_S,
      maxBreakGlassLifetimeS: e.JWT_BREAK_GLASS_MAX_LIFETIME_S,
      service: serviceTokenConfig(e.SERVICE_JWT_PRIVATE_KEY, e.SERVICE_JWT_PUBLIC_KEY, e.WHOLECHILD_MODE),
      notifiers: notifierKeys.notifiers,
    },
    gatewayCredentials:
      e.WHOLECHILD_MODE === 'development'
        ? Object.fromEntries(
            SUBGRAPH_NAMES.map((n) => [n, gatewayCredentials[n] ?? [devGatewayCredential(n)]]),
          )
        : gatewayCredentials,
    representationKey:
      e.REPRESENTATION_KEY ?? (e.WHOLECHILD_MODE === 'development' ? DEV_REPRESENTATION_KEY : undefined),
    analytics: {
      key: e.ANALYTICS_KEY ?? (e.WHOLECHILD_MODE === 'development' ? DEV_ANALYTICS_KEY : undefined),
      threshold: e.DISCLOSURE_THRESHOLD,
      roundingBase: e.DISCLOSURE_ROUNDING_BASE,
    },
    webhooks: {
      pollIntervalMs: e.WEBHOOK_POLL_INTERVAL_MS,
      retryBaseMs: e.WEBHOOK_RETRY_BASE_MS,
      retryMaxMs: Math.max(e.WEBHOOK_RETRY_MAX_MS, e.WEBHOOK_RETRY_BASE_MS),
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      batchSize: e.WEBHOOK_BATCH_SIZE,
    },
    auditCheckpoint: {
      key: e.AUDIT_CHECKPOINT_KEY ?? DEV_AUDIT_CHECKPOINT_KEY,
      dir: e.AUDIT_CHECKPOINT_DIR ?? path.join(os.tmpdir(), 'wholechild-audit-checkpoints'),
      intervalMs: e.AUDIT_CHECKPOINT_INTERVAL_MS,
    },
    ports,
    subgraphUrls,
    feedPullIntervalMs: e.FEED_PULL_INTERVAL_MS,
    subgraphTimeoutMs: e.SUBGRAPH_TIMEOUT_MS,
    subgraphTransport: e.SUBGRAPH_TRANSPORT,
    feed: {
      timeoutMs: e.FEED_TIMEOUT_MS,
      retryAttempts: e.FEED_RETRY_ATTEMPTS,
      retryBaseMs: e.FEED_RETRY_BASE_MS,
    },
    dbConnectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
    // production logs go to a log shipper: JSON whatever LOG_FORMAT says
    logFormat: e.WHOLECHILD_MODE === 'production' ? 'json' : (e.LOG_FORMAT ?? 'pretty'),
    introspection: e.INTROSPECTION ?? e.WHOLECHILD_MODE === 'development',
    graphiql: e.GRAPHIQL ?? e.WHOLECHILD_MODE === 'development',
    operations: { safelist: e.OPERATION_SAFELIST, manifest: e.OPERATIONS_MANIFEST },
    fieldSuggestions: e.FIELD_SUGGESTIONS ?? e.WHOLECHILD_MODE === 'development',
    limits: {
      maxDepth: e.MAX_DEPTH,
      maxAliases: e.MAX_ALIASES,
      maxDirectives: e.MAX_DIRECTIVES,
      maxTokens: e.MAX_TOKENS,
      maxCost: e.MAX_COST,
      defaultListSize: e.DEFAULT_LIST_SIZE,
      maxResponseBytes: e.MAX_RESPONSE_BYTES,
      maxConcurrentPerCaller: e.MAX_CONCURRENT_PER_CALLER,
      maxBatch: e.MAX_BATCH,
      maxBodyBytes: e.MAX_BODY_BYTES,
      rateLimitBurst: e.RATE_LIMIT_BURST,
      rateLimitPerSecond: e.RATE_LIMIT_PER_SECOND,
    },
    rateLimitDatabaseUrl: e.RATE_LIMIT_DATABASE_URL,
    rateLimitStoreTimeoutMs: e.RATE_LIMIT_STORE_TIMEOUT_MS,
    breakGlassMaxChildrenPerHour: e.BREAK_GLASS_MAX_CHILDREN_PER_HOUR,
    maxAuditRowsPerRequest: e.MAX_AUDIT_ROWS_PER_REQUEST,
  };
  if (config.mode === 'production') refuseWeakSecrets(e, gatewayCredentials);
  return config;
}
