/** The platform's defaults: service ports and the gateway's operating limits (README
 *  "Operations"). Apart from the loader so the numbers and why they were chosen read in one place. */
import type { SubgraphName } from '../agencies';

/** Each service's port when <NAME>_PORT is unset. */
export const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = {
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
