import { createPrivateKey, createPublicKey } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { AGENCIES, SUBGRAPH_NAMES, type SubgraphName } from './agencies';
import { ROLES, type Role } from './auth/claims';

/** The clearly marked development secret. Production mode refuses to start with it. */
export const DEV_JWT_SECRET = 'wholechild-DEVELOPMENT-ONLY-jwt-secret-not-for-production';
/** The clearly marked development key of the audit checkpoints. Production mode refuses it. */
export const DEV_AUDIT_CHECKPOINT_KEY = 'wholechild-DEVELOPMENT-ONLY-audit-checkpoint-key';

/** The clearly marked development key of the seals subgraphs put on what they tell each other
 *  (links, lent facts). Production mode refuses it. */
export const DEV_REPRESENTATION_KEY = 'wholechild-DEVELOPMENT-ONLY-representation-key';

/** The clearly marked development key the app database roles' passwords are derived from
 *  (HMAC per role). Production mode refuses it. */
export const DEV_DB_ROLE_KEY = 'wholechild-DEVELOPMENT-ONLY-database-role-key';

/** Root of the development credentials the gateway presents to subgraphs: each subgraph's is
 *  this, a colon and its name (devGatewayCredential). Production mode refuses anything built on it. */
export const DEV_GATEWAY_SECRET = 'wholechild-DEVELOPMENT-ONLY-gateway-credential';
/** A subgraph's development credential: one per subgraph, as in production. */
export const devGatewayCredential = (name: SubgraphName) => `${DEV_GATEWAY_SECRET}:${name}`;
/** The environment variable holding a subgraph's gateway credentials, e.g.
 *  GATEWAY_CREDENTIAL_CHILD_WELFARE: a comma-separated list, the first the one the gateway sends,
 *  every one accepted by the subgraph (two during a rotation). */
export const gatewayCredentialVariable = (name: SubgraphName) => `GATEWAY_CREDENTIAL_${envKey(name)}`;
/** Development only, when no service key pair is configured: the HS256 secret of the platform's
 *  own service tokens (the child index reading agency feeds). Never used in production. */
export const DEV_SERVICE_SECRET = 'wholechild-DEVELOPMENT-ONLY-service-token-secret';
/** Issuer and audience of the platform's service tokens: distinct from any user token's, so
 *  neither can pass as the other. */
export const SERVICE_TOKEN_ISSUER = 'wholechild-service';
export const SERVICE_TOKEN_AUDIENCE = 'wholechild-service';
/** Shortest secret production accepts, in bytes (HS256 wants a key as long as its hash). */
export const MIN_SECRET_BYTES = 32;

const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = {
  gateway: 4000,
  'child-index': 4001,
  'child-welfare': 4002,
  'behavioral-health': 4003,
  probation: 4004,
  education: 4005,
  housing: 4006,
};

/** The gateway's operating limits and their defaults (README "Operations" lists the variables). */
export interface OperationLimits {
  /** Deepest field nesting of an operation (introspection excluded). Env MAX_DEPTH. */
  maxDepth: number;
  /** Aliases in one operation. Env MAX_ALIASES. */
  maxAliases: number;
  /** Directives in one operation. Env MAX_DIRECTIVES. */
  maxDirectives: number;
  /** Lexical tokens in one document, checked while parsing. Env MAX_TOKENS. */
  maxTokens: number;
  /** Cost of an operation with its variables (gateway/src/cost.ts): every field 1, `__typename`
   *  included; a list multiplies the cost of its selection by its size (`ids` length, `first`/`last`,
   *  else `defaultListSize`). Env MAX_COST. @default 500000 */
  maxCost: number;
  /** Size assumed for a list field that no `ids`, `first` or `last` bounds. Env DEFAULT_LIST_SIZE.
   *  @default 10 */
  defaultListSize: number;
  /** Largest response body in bytes; a larger one is refused, not sent. Env MAX_RESPONSE_BYTES.
   *  @default 8388608 (8 MiB) */
  maxResponseBytes: number;
  /** Requests of one caller (token subject + agency) in flight at once; one more is refused with
   *  429; 0 turns it off. Env MAX_CONCURRENT_PER_CALLER. @default 4 */
  maxConcurrentPerCaller: number;
  /** Operations in one batched (array) HTTP request; 0 refuses batches. Env MAX_BATCH. */
  maxBatch: number;
  /** Largest request body in bytes. Env MAX_BODY_BYTES. */
  maxBodyBytes: number;
  /** Token bucket per caller (token subject + agency): requests allowed at once; 0 turns the
   *  rate limit off. Env RATE_LIMIT_BURST. */
  rateLimitBurst: number;
  /** Token bucket refill, requests per second. Env RATE_LIMIT_PER_SECOND. */
  rateLimitPerSecond: number;
}

/** Defaults: graphql-armor's (depth 6, aliases 15, directives 50, tokens 1000), raised where the
 *  platform's own legitimate operations need it. Measured over the test suite: the cross-system
 *  view of one child with every field of every section (gateway/test/selection.ts) reaches depth
 *  7, 1123 tokens and cost 134,092 (lists nested three deep, each counted 10); GraphiQL's opening
 *  query reaches depth 7. Cost (cost.ts, with list sizes): the dashboard page of 100 children
 *  (bench/page.ts) costs 61,701 and 500 such children 308,501; 16 × `children(ids: [500 ids])`
 *  with every section's lists costs 4,936,016 and is refused. */
export const DEFAULT_LIMITS: OperationLimits = {
  maxDepth: 8,
  maxAliases: 15,
  maxDirectives: 50,
  maxTokens: 2000,
  maxCost: 500_000,
  defaultListSize: 10,
  maxResponseBytes: 8 * 1024 * 1024,
  maxConcurrentPerCaller: 4,
  maxBatch: 0,
  maxBodyBytes: 2 * 1024 * 1024,
  rateLimitBurst: 600,
  rateLimitPerSecond: 100,
};

/** At most this many distinct children a viewer (token `sub` within its agency) may open by
 *  break-glass per rolling hour at one holding agency; past it the holder denies with
 *  BREAK_GLASS_RATE_LIMIT. Env BREAK_GLASS_MAX_CHILDREN_PER_HOUR. @default 5 */
export const DEFAULT_BREAK_GLASS_MAX_CHILDREN_PER_HOUR = 5;

/** At most this many audit rows one request may write at one agency subgraph; one more fails the
 *  whole request closed (LIMIT_EXCEEDED, no data). Env MAX_AUDIT_ROWS_PER_REQUEST. @default 2000 */
export const DEFAULT_MAX_AUDIT_ROWS_PER_REQUEST = 2000;

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z.object({
  /** Secure by default: unset means production; `npm start` and the tests say development. */
  WHOLECHILD_MODE: z.enum(['development', 'production']).default('production'),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  /** The owner's connection (migrations, grants, role provisioning) when it is not DATABASE_URL's. */
  MIGRATION_DATABASE_URL: z.string().url().optional(),
  /** Key the subgraphs' app roles' passwords are derived from (HMAC per role). */
  DB_ROLE_KEY: z.string().min(16).optional(),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(8),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  EMBEDDED_PG_DIR: z.string().default('.data/postgres'),
  JWT_SECRET: z.string().min(16).optional(),
  JWT_PUBLIC_KEY: z.string().optional(),
  /** The platform's service key pair (PEM or base64 PEM; RSA → RS256, EC P-256 → ES256): the
   *  child index signs its feed pulls with the private key, every service accepts service tokens
   *  only under the public key (derived from the private key when absent). */
  SERVICE_JWT_PRIVATE_KEY: z.string().optional(),
  SERVICE_JWT_PUBLIC_KEY: z.string().optional(),
  JWT_ISSUER: z.string().default('wholechild'),
  JWT_AUDIENCE: z.string().default('wholechild-api'),
  /** Which roles each agency's identity provider may issue, e.g. {"HOUSING":["HOUSING_NAVIGATOR"]}. */
  AGENCY_ROLES: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      try {
        const parsed = JSON.parse(v) as unknown;
        const ok =
          parsed !== null &&
          typeof parsed === 'object' &&
          Object.entries(parsed).every(
            ([a, rs]) =>
              ([...AGENCIES, 'CHILD_INDEX'] as string[]).includes(a) &&
              Array.isArray(rs) &&
              rs.every((r) => (ROLES as readonly string[]).includes(r)),
          );
        if (ok) return parsed as Record<string, Role[]>;
      } catch {
        /* reported below */
      }
      ctx.addIssue({ code: 'custom', message: 'a JSON object of agency → roles' });
      return z.NEVER;
    }),
  /** Longest a user token may live (exp − iat), in seconds. @default 43200 (12 h) */
  JWT_MAX_LIFETIME_S: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 86400)
    .default(43_200),
  /** Longest a break-glass token may live, in seconds. @default 3600 (1 h) */
  JWT_BREAK_GLASS_MAX_LIFETIME_S: z.coerce.number().int().min(60).max(86400).default(3600),
  /** Replaced by one credential per subgraph (GATEWAY_CREDENTIAL_<SUBGRAPH>): refused if set. */
  GATEWAY_SECRET: z.string().optional(),
  /** HMAC key of the seals on links and lent facts: every subgraph has it, the gateway never. */
  REPRESENTATION_KEY: z.string().min(16).optional(),
  /** HMAC key of the audit checkpoints (never given to the database). */
  AUDIT_CHECKPOINT_KEY: z.string().min(16).optional(),
  /** Where the signed checkpoints go: another volume than the database's. @default <tmp>/wholechild-audit-checkpoints */
  AUDIT_CHECKPOINT_DIR: z.string().min(1).optional(),
  /** How often a service checkpoints its trail's head (0: only at stop). @default 60000 */
  AUDIT_CHECKPOINT_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
  FEED_PULL_INTERVAL_MS: z.coerce.number().int().min(0).default(5000),
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  SUBGRAPH_TRANSPORT: z.enum(['local', 'http']).default('local'),
  FEED_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  FEED_RETRY_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  FEED_RETRY_BASE_MS: z.coerce.number().int().min(0).max(60_000).default(500),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** How `npm start` writes logs: `pretty` lines for a person (the default in development) or
   *  pino's JSON lines for a log shipper (the default, and the only format, in production). */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  INTROSPECTION: bool.optional(),
  GRAPHIQL: bool.optional(),
  FIELD_SUGGESTIONS: bool.optional(),
  MAX_DEPTH: count(1, 1000).default(DEFAULT_LIMITS.maxDepth),
  MAX_ALIASES: count(0, 10_000).default(DEFAULT_LIMITS.maxAliases),
  MAX_DIRECTIVES: count(0, 10_000).default(DEFAULT_LIMITS.maxDirectives),
  MAX_TOKENS: count(1, 1_000_000).default(DEFAULT_LIMITS.maxTokens),
  MAX_COST: count(1, 100_000_000).default(DEFAULT_LIMITS.maxCost),
  DEFAULT_LIST_SIZE: count(1, 100_000).default(DEFAULT_LIMITS.defaultListSize),
  MAX_RESPONSE_BYTES: count(1024, 1024 * 1024 * 1024).default(DEFAULT_LIMITS.maxResponseBytes),
  MAX_CONCURRENT_PER_CALLER: count(0, 100_000).default(DEFAULT_LIMITS.maxConcurrentPerCaller),
  /** Audit rows one request may write at one agency subgraph. @default 2000 */
  MAX_AUDIT_ROWS_PER_REQUEST: count(1, 10_000_000).default(DEFAULT_MAX_AUDIT_ROWS_PER_REQUEST),
  MAX_BATCH: count(0, 1000).default(DEFAULT_LIMITS.maxBatch),
  MAX_BODY_BYTES: count(1024, 100 * 1024 * 1024).default(DEFAULT_LIMITS.maxBodyBytes),
  RATE_LIMIT_BURST: count(0, 1_000_000).default(DEFAULT_LIMITS.rateLimitBurst),
  RATE_LIMIT_PER_SECOND: z.coerce
    .number()
    .positive()
    .max(1_000_000)
    .default(DEFAULT_LIMITS.rateLimitPerSecond),
  /** Distinct children one viewer may open by break-glass per rolling hour per holding agency.
   *  @default 5 */
  BREAK_GLASS_MAX_CHILDREN_PER_HOUR: count(1, 10_000).default(DEFAULT_BREAK_GLASS_MAX_CHILDREN_PER_HOUR),
});

export interface PlatformConfig {
  mode: 'development' | 'production';
  host: string;
  /** The owner's connection: MIGRATION_DATABASE_URL, else DATABASE_URL (<NAME>_DATABASE_URL per
   *  subgraph in databaseUrls). It migrates and grants; no service queries with it. */
  databaseUrl?: string;
  databaseUrls: Partial<Record<SubgraphName, string>>;
  /** Each subgraph's own database role (README "Database roles"): its URL given per subgraph
   *  (<NAME>_APP_DATABASE_URL), else derived from `key` (DB_ROLE_KEY; the development key in
   *  development) and provisioned by the owner at start. */
  dbRoles: { key?: string; appUrls: Partial<Record<SubgraphName, string>> };
  dbPoolSize: number;
  embeddedPg: { port: number; dir: string };
  jwt: {
    secret?: string;
    publicKey?: string;
    issuer: string;
    audience: string;
    /** Which roles each agency may issue (AGENCY_ROLES, JSON); absent: the shipped table. */
    agencyRoles?: Record<string, Role[]>;
    /** Longest lifetime of a token, and of a break-glass token, in seconds. @default 43200, 3600 */
    maxLifetimeS?: number;
    maxBreakGlassLifetimeS?: number;
    /** The platform's own service tokens (agency CHILD_INDEX, role SERVICE only), apart from
     *  user tokens: their own key, issuer and audience. Absent: no service token is signed nor
     *  accepted. */
    service?: ServiceTokenConfig;
  };
  /** Each subgraph's own credentials for the gateway (GATEWAY_CREDENTIAL_<SUBGRAPH>): the first is
   *  what the gateway presents, every one is accepted by that subgraph (the old and the new one
   *  while a credential rotates). One leaked credential opens one subgraph, not five. Production
   *  holds only those set; gatewayCredential() refuses a missing one when a service starts. */
  gatewayCredentials: Partial<Record<SubgraphName, string[]>>;
  /** Key of the seals on links and lent facts between subgraphs (never the gateway's). */
  representationKey: string;
  /** Signed checkpoints of the audit chains, outside the database. */
  auditCheckpoint: { key: string; dir: string; intervalMs: number };
  ports: Record<SubgraphName | 'gateway', number>;
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  feedPullIntervalMs: number;
  /** How long the gateway waits for one subgraph fetch before answering without it. */
  subgraphTimeoutMs: number;
  /** When every service runs in one process (`npm start`): the gateway calls the subgraphs
   *  through their request listeners (`local`) or over loopback HTTP (`http`). */
  subgraphTransport: 'local' | 'http';
  /** Feed pulling: timeout of one page, attempts per agency and pass, first backoff delay (doubling). */
  feed: { timeoutMs: number; retryAttempts: number; retryBaseMs: number };
  /** How long a service waits for a new PostgreSQL connection before failing the request. */
  dbConnectTimeoutMs: number;
  logLevel: string;
  /** `npm start`'s log lines: `pretty` (development default) or `json` (production, always). */
  logFormat: 'json' | 'pretty';
  /** Schema introspection at the gateway: on in development, off in production unless INTROSPECTION=true. */
  introspection: boolean;
  /** The GraphiQL explorer at /graphiql: on in development, off in production unless GRAPHIQL=true. */
  graphiql: boolean;
  /** "Did you mean …" suggestions in validation errors: on in development, off in production. */
  fieldSuggestions: boolean;
  limits: OperationLimits;
  /** Distinct children one viewer (token `sub` within its agency) may open by break-glass per
   *  rolling hour at one holding agency; one more is denied (BREAK_GLASS_RATE_LIMIT). Re-opening a
   *  child already opened within the hour does not count again. Env
   *  BREAK_GLASS_MAX_CHILDREN_PER_HOUR. @default 5 */
  breakGlassMaxChildrenPerHour: number;
  /** Audit rows one request may write at one agency subgraph; one more fails the request closed
   *  (LIMIT_EXCEEDED, `limit: maxAuditRowsPerRequest`, no data). Env MAX_AUDIT_ROWS_PER_REQUEST.
   *  @default 2000 */
  maxAuditRowsPerRequest: number;
}

/** How service tokens are signed and checked: an asymmetric key pair (production), or in
 *  development without one the DEV_SERVICE_SECRET (HS256). */
export interface ServiceTokenConfig {
  privateKey?: string;
  publicKey?: string;
  secret?: string;
  issuer: string;
  audience: string;
  /** Lifetime of a service token, seconds. @default 300 */
  lifetimeS: number;
}

const envKey = (name: SubgraphName | 'gateway') => name.toUpperCase().replace(/-/g, '_');

/** A subgraph's app role settings, as openSubgraphDatabase takes them. */
export function databaseRolesOf(config: Pick<PlatformConfig, 'dbRoles'>, name: SubgraphName) {
  return { key: config.dbRoles.key, appUrl: config.dbRoles.appUrls[name] };
}

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
  for (const k of ['SERVICE_JWT_PRIVATE_KEY', 'SERVICE_JWT_PUBLIC_KEY'] as const) {
    const v = env[k];
    if (!v) continue;
    try {
      const text = v.includes('BEGIN') ? v : Buffer.from(v, 'base64').toString('utf8');
      const key = k === 'SERVICE_JWT_PRIVATE_KEY' ? createPrivateKey(text) : createPublicKey(text);
      const curve = key.asymmetricKeyDetails?.namedCurve;
      if (key.asymmetricKeyType !== 'rsa' && !(key.asymmetricKeyType === 'ec' && curve === 'prime256v1'))
        problems.push(`${k} (an RSA or EC P-256 key is needed)`);
    } catch {
      problems.push(`${k} (not a PEM key)`);
    }
  }
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
    },
    gatewayCredentials:
      e.WHOLECHILD_MODE === 'development'
        ? Object.fromEntries(
            SUBGRAPH_NAMES.map((n) => [n, gatewayCredentials[n] ?? [devGatewayCredential(n)]]),
          )
        : gatewayCredentials,
    representationKey: e.REPRESENTATION_KEY ?? DEV_REPRESENTATION_KEY,
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
    breakGlassMaxChildrenPerHour: e.BREAK_GLASS_MAX_CHILDREN_PER_HOUR,
    maxAuditRowsPerRequest: e.MAX_AUDIT_ROWS_PER_REQUEST,
  };
  if (config.mode === 'production') refuseWeakSecrets(e, gatewayCredentials);
  return config;
}

/** The credentials a subgraph accepts from the gateway; the first is the one the gateway sends.
 *  Throws when the process holds none for it (production, its variable unset). */
export function gatewayCredentials(config: PlatformConfig, name: SubgraphName): string[] {
  const list = config.gatewayCredentials[name];
  if (!list?.length)
    throw new Error(
      `${gatewayCredentialVariable(name)} is unset: the ${name} subgraph's credential for the gateway (README "Operations")`,
    );
  return list;
}

/** The credential the gateway presents to one subgraph (the first of its list). */
export const gatewayCredential = (config: PlatformConfig, name: SubgraphName): string =>
  gatewayCredentials(config, name)[0]!;

function serviceTokenConfig(
  privateKey: string | undefined,
  publicKey: string | undefined,
  mode: PlatformConfig['mode'],
): ServiceTokenConfig | undefined {
  const base = { issuer: SERVICE_TOKEN_ISSUER, audience: SERVICE_TOKEN_AUDIENCE, lifetimeS: 300 };
  if (privateKey || publicKey)
    return { ...base, privateKey: privateKey || undefined, publicKey: publicKey || undefined };
  return mode === 'development' ? { ...base, secret: DEV_SERVICE_SECRET } : undefined;
}

/** Production refuses what an outsider could guess or forge with: development secrets (even
 *  with spaces around them), secrets shorter than MIN_SECRET_BYTES, one secret serving two
 *  purposes (a subgraph's gateway credential that is another's, or the token or seal key), and no
 *  service key. A subgraph's credential may be unset here (a process serving other subgraphs does
 *  not hold it); the service that needs it refuses to start without it (gatewayCredentials). */
function refuseWeakSecrets(
  e: z.infer<typeof envSchema>,
  credentials: PlatformConfig['gatewayCredentials'],
): void {
  const refused: string[] = [];
  const dev = [
    DEV_JWT_SECRET,
    DEV_GATEWAY_SECRET,
    DEV_SERVICE_SECRET,
    DEV_AUDIT_CHECKPOINT_KEY,
    DEV_REPRESENTATION_KEY,
    DEV_DB_ROLE_KEY,
  ];
  const weak = (v: string | undefined, name: string) => {
    if (v === undefined) return;
    if (dev.includes(v.trim())) refused.push(`${name} (a development secret)`);
    else if (Buffer.byteLength(v.trim(), 'utf8') < MIN_SECRET_BYTES)
      refused.push(`${name} (shorter than ${MIN_SECRET_BYTES} bytes)`);
  };
  if (!e.JWT_PUBLIC_KEY && !e.JWT_SECRET) refused.push('JWT_SECRET or JWT_PUBLIC_KEY (unset)');
  weak(e.JWT_SECRET, 'JWT_SECRET');
  // the checkpoints' key is never the database's, the seals' key never the gateway's
  if (!e.AUDIT_CHECKPOINT_KEY) refused.push('AUDIT_CHECKPOINT_KEY (unset)');
  weak(e.AUDIT_CHECKPOINT_KEY, 'AUDIT_CHECKPOINT_KEY');
  if (!e.REPRESENTATION_KEY) refused.push('REPRESENTATION_KEY (unset)');
  weak(e.REPRESENTATION_KEY, 'REPRESENTATION_KEY');
  // DB_ROLE_KEY may be unset when every subgraph's app role URL is given (checked at its start)
  weak(e.DB_ROLE_KEY, 'DB_ROLE_KEY');
  // each secret its own: a gateway credential never another subgraph's, nor a key; the
  // database roles' key none of the others
  const keys = new Map<string, string>();
  for (const [k, v] of [
    ['JWT_SECRET', e.JWT_SECRET],
    ['REPRESENTATION_KEY', e.REPRESENTATION_KEY],
    ['AUDIT_CHECKPOINT_KEY', e.AUDIT_CHECKPOINT_KEY],
  ] as Array<[string, string | undefined]>)
    if (v !== undefined) keys.set(v.trim(), k);
  for (const name of SUBGRAPH_NAMES) {
    const variable = gatewayCredentialVariable(name);
    for (const c of credentials[name] ?? []) {
      if (c.startsWith(DEV_GATEWAY_SECRET)) {
        refused.push(`${variable} (a development secret)`);
        continue;
      }
      weak(c, variable);
      const other = keys.get(c);
      if (other)
        refused.push(
          `${variable} (equal to ${other}: ${other === 'REPRESENTATION_KEY' ? 'the gateway may not hold it' : 'each credential its own'})`,
        );
      else keys.set(c, variable);
    }
  }
  if (e.DB_ROLE_KEY && keys.has(e.DB_ROLE_KEY.trim())) refused.push('DB_ROLE_KEY (equal to another secret)');
  if (!e.SERVICE_JWT_PRIVATE_KEY && !e.SERVICE_JWT_PUBLIC_KEY)
    refused.push('SERVICE_JWT_PRIVATE_KEY or SERVICE_JWT_PUBLIC_KEY (unset)');
  if (refused.length)
    throw new Error(`Production mode refuses weak or development secrets; set: ${refused.join(', ')}`);
}
