/** The environment's variables: their schema (types, ranges, defaults) and the names of the
 *  per-subgraph ones. Only loadConfig reads the environment; this says what it may hold. */
import { z } from 'zod';
import { AGENCIES, AGENCY_SUBGRAPH, type AgencyCode, type SubgraphName } from '../agencies';
import { ROLES, type Role } from '../auth/claims';
import {
  DEFAULT_BREAK_GLASS_MAX_CHILDREN_PER_HOUR,
  DEFAULT_LIMITS,
  DEFAULT_MAX_AUDIT_ROWS_PER_REQUEST,
} from './limits';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const envSchema = z.object({
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
  /** The identity provider's public key (PEM or base64 PEM): RSA → RS256, EC P-256 → ES256. */
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
  /** The child index's key for population measures: the salt of each agency's pseudonyms and the
   *  cell keys of the disclosure control (a stable random number per child). Only the index. */
  ANALYTICS_KEY: z.string().min(16).optional(),
  /** Published counts under this are suppressed (with complementary cells). @default 11 */
  DISCLOSURE_THRESHOLD: z.coerce.number().int().min(1).max(1000).default(11),
  /** Published counts are rounded at random to a multiple of this, keyed by the cell's children. @default 5 */
  DISCLOSURE_ROUNDING_BASE: z.coerce.number().int().min(1).max(100).default(5),
  /** HMAC key of the audit checkpoints (never given to the database). */
  AUDIT_CHECKPOINT_KEY: z.string().min(16).optional(),
  /** Where the signed checkpoints go: another volume than the database's. @default <tmp>/wholechild-audit-checkpoints */
  AUDIT_CHECKPOINT_DIR: z.string().min(1).optional(),
  /** How often a service checkpoints its trail's head (0: only at stop). @default 60000 */
  AUDIT_CHECKPOINT_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
  FEED_PULL_INTERVAL_MS: z.coerce.number().int().min(0).default(5000),
  /** How often each agency's webhook worker looks for events to deliver (0: no worker). @default 1000 */
  WEBHOOK_POLL_INTERVAL_MS: z.coerce.number().int().min(0).max(600_000).default(1000),
  /** First retry delay of a failed delivery, doubling per attempt (with jitter). @default 1000 */
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(1).max(600_000).default(1000),
  /** Longest retry delay: a receiver down for long is still tried this often, never given up. @default 600000 */
  WEBHOOK_RETRY_MAX_MS: z.coerce.number().int().min(1).max(86_400_000).default(600_000),
  /** How long one delivery waits for the receiver. @default 10000 */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Deliveries one worker pass sends (each to another child's queue). @default 20 */
  WEBHOOK_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(20),
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
  /** `enforce`: the gateway runs only the operations of the registered manifest
   *  (operations/manifest.json, `npm run operations:register`). @default off */
  OPERATION_SAFELIST: z.enum(['off', 'enforce']).default('off'),
  /** Where the registered operations are. @default operations/manifest.json */
  OPERATIONS_MANIFEST: z.string().min(1).optional(),
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
  /** Where the gateway's per-caller token buckets live, shared by every gateway replica (a
   *  PostgreSQL URL; the gateway makes its table). Unset: in each gateway process's memory. */
  RATE_LIMIT_DATABASE_URL: z.string().url().optional(),
  /** How long a gateway waits for that shared store before its own buckets decide (ms). */
  RATE_LIMIT_STORE_TIMEOUT_MS: count(50, 60_000).default(1000),
  RATE_LIMIT_PER_SECOND: z.coerce
    .number()
    .positive()
    .max(1_000_000)
    .default(DEFAULT_LIMITS.rateLimitPerSecond),
  /** Distinct children one viewer may open by break-glass per rolling hour per holding agency.
   *  @default 5 */
  BREAK_GLASS_MAX_CHILDREN_PER_HOUR: count(1, 10_000).default(DEFAULT_BREAK_GLASS_MAX_CHILDREN_PER_HOUR),
});

/** The validated environment, as loadConfig and refuseWeakSecrets read it. */
export type Env = z.infer<typeof envSchema>;

/** A service's name as it appears in its variables: `child-welfare` → `CHILD_WELFARE`. */
export const envKey = (name: SubgraphName | 'gateway') => name.toUpperCase().replace(/-/g, '_');

/** The environment variable holding a subgraph's gateway credentials, e.g.
 *  GATEWAY_CREDENTIAL_CHILD_WELFARE: a comma-separated list, the first the one the gateway sends,
 *  every one accepted by the subgraph (two during a rotation). */
export const gatewayCredentialVariable = (name: SubgraphName) => `GATEWAY_CREDENTIAL_${envKey(name)}`;

/** The environment variables of an agency's notification dispatcher's key pair (PEM or base64
 *  PEM; RSA → RS256, EC P-256 → ES256), e.g. NOTIFIER_JWT_PRIVATE_KEY_CHILD_WELFARE: the private
 *  key goes to that agency's subgraph alone (it signs what its webhook worker asks the index and
 *  the lenders), the public key to every subgraph (they check it). */
export const notifierKeyVariable = (agency: AgencyCode, kind: 'PRIVATE' | 'PUBLIC') =>
  `NOTIFIER_JWT_${kind}_KEY_${envKey(AGENCY_SUBGRAPH[agency])}`;
