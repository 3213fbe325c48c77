import type { WebhookDispatchOptions } from '../agency/notifications/dispatcher';
/** The shape of the platform's configuration, as loadConfig returns it. */
import type { AgencyCode, SubgraphName } from '../agencies';
import type { Role } from '../auth/claims';
import type { OperationLimits } from './limits';

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
    /** Each agency's own service identity, its notification dispatcher's (agency <A>, role
     *  SERVICE, `kid` notifier:<A>): allowed the index's and the lenders' dispatch routes and
     *  nothing else (PERMISSIONS.DISPATCH_NOTIFICATIONS), under the service tokens' issuer,
     *  audience and lifetime. Production holds the key pairs set (NOTIFIER_JWT_*_KEY_<SUBGRAPH>);
     *  development without them a development secret per agency. */
    notifiers?: Partial<Record<AgencyCode, NotifierKeyConfig>>;
  };
  /** Each subgraph's own credentials for the gateway (GATEWAY_CREDENTIAL_<SUBGRAPH>): the first is
   *  what the gateway presents, every one is accepted by that subgraph (the old and the new one
   *  while a credential rotates). One leaked credential opens one subgraph, not five. Production
   *  holds only those set; gatewayCredential() refuses a missing one when a service starts. */
  gatewayCredentials: Partial<Record<SubgraphName, string[]>>;
  /** Key of the seals on links and lent facts between subgraphs (never the gateway's). */
  representationKey?: string;
  /** The child index's population measures: its key (analyticsKeyOf) and the disclosure
   *  control's threshold and rounding base. */
  analytics: { key?: string; threshold: number; roundingBase: number };
  /** Signed checkpoints of the audit chains, outside the database. */
  auditCheckpoint: { key: string; dir: string; intervalMs: number };
  /** Each agency's webhook delivery worker (agency/notifications/dispatcher.ts). */
  webhooks: WebhookDispatchOptions;
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
  /** Trusted documents: `enforce` runs only registered operations (the manifest's); any mode
   *  finds a registered operation by its id (persisted queries). */
  operations: { safelist: 'off' | 'enforce'; manifest?: string };
  /** "Did you mean …" suggestions in validation errors: on in development, off in production. */
  fieldSuggestions: boolean;
  limits: OperationLimits;
  /** Where the gateway keeps its per-caller rate-limit buckets: a PostgreSQL database shared by
   *  every gateway replica (RATE_LIMIT_DATABASE_URL), or, unset, each gateway process's memory
   *  (N replicas then let a caller through N times). */
  rateLimitDatabaseUrl?: string;
  /** How long the gateway waits for that store before its own buckets decide (ms). */
  rateLimitStoreTimeoutMs?: number;
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

/** One agency's notifier key: its private key (the agency's own subgraph signs with it), its
 *  public key (every subgraph checks with it; derived from the private key when absent), or in
 *  development without either a development secret (HS256). */
export interface NotifierKeyConfig {
  privateKey?: string;
  publicKey?: string;
  secret?: string;
}
