import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import { errorCodes, type OperationLimits } from '@wholechild/shared/core';
import { type HttpError } from '@wholechild/shared/http';
import { costLimitPlugin } from './cost';

type ArmorLimit = 'maxDepth' | 'maxAliases' | 'maxDirectives';

/** graphql-armor's own messages name the limit ("Query Cost limit of 5000 exceeded, found 5100.");
 *  drop its misleading "Syntax Error: " prefix and keep the rest. */
const armorMessage = (e: GraphQLError) => e.message.replace(/^Syntax Error: /, '');

/** A rejection reported as a catalogued LIMIT_EXCEEDED error naming the limit and its value. */
function reject(limit: ArmorLimit, max: number) {
  return (ctx: ValidationContext | null, e: GraphQLError) => {
    ctx?.reportError(errorCodes.LIMIT_EXCEEDED.err(armorMessage(e), { limit, max }));
  };
}

/** The operation limits as Apollo Server validation rules and plugins (graphql-armor). Each
 *  rejection is a LIMIT_EXCEEDED error (HTTP 400) with `extensions.limit` and `extensions.max`;
 *  nothing is sent to a subgraph. (The token limit's parse error is turned into LIMIT_EXCEEDED by
 *  maskErrors.) Introspection is not counted against depth or cost, so GraphiQL's
 *  introspection query runs where introspection is on. */
export function operationLimits(
  limits: OperationLimits,
  opts: { fieldSuggestions: boolean },
): {
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin<BaseContext>[];
  parseOptions: { maxTokens: number };
} {
  const common = { exposeLimits: true, propagateOnRejection: false };
  const armor = new ApolloArmor({
    maxDepth: { ...common, n: limits.maxDepth, onReject: [reject('maxDepth', limits.maxDepth)] },
    maxAliases: {
      ...common,
      n: limits.maxAliases,
      // armor exempts `__typename` aliases: 3,000 of them made a 9.9 KB query answer 30 MB.
      allowList: [],
      onReject: [reject('maxAliases', limits.maxAliases)],
    },
    maxDirectives: {
      ...common,
      n: limits.maxDirectives,
      onReject: [reject('maxDirectives', limits.maxDirectives)],
    },
    // Ours (cost.ts) instead: armor's has no list multipliers and cannot see variables.
    costLimit: { enabled: false },
    // Tokens are counted by graphql-js's own parser (`parseOptions.maxTokens`, the same count as
    // armor's lexer): a refusal in a plugin hook would surface as a 500, a parse error is a 400.
    maxTokens: { enabled: false },
    // Production: "Did you mean …?" would let a caller map a schema with introspection off.
    blockFieldSuggestion: { enabled: !opts.fieldSuggestions },
  });
  const { validationRules, plugins } = armor.protect();
  return {
    validationRules: validationRules as ValidationRule[],
    plugins: [
      ...(plugins as ApolloServerPlugin<BaseContext>[]),
      costLimitPlugin(limits.maxCost, { defaultListSize: limits.defaultListSize }),
    ],
    parseOptions: { maxTokens: limits.maxTokens },
  };
}

/** Per-caller token bucket: each caller (token subject within its agency) holds up to `burst`
 *  requests, refilled at `perSecond`. A refused request is told how long to wait. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one token for `key`: null if allowed, else the seconds to wait before retrying. */
  take(key: string): number | null {
    if (this.burst === 0) return null;
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: t };
    b.tokens = Math.min(this.burst, b.tokens + ((t - b.at) / 1000) * this.perSecond);
    b.at = t;
    if (this.buckets.size > 100_000) this.sweep(t);
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.perSecond));
  }

  /** Forgets buckets that have refilled completely (their callers are idle). */
  private sweep(t: number) {
    for (const [k, b] of this.buckets)
      if (b.tokens + ((t - b.at) / 1000) * this.perSecond >= this.burst) this.buckets.delete(k);
  }
}

/** The 429 a refused caller gets: RATE_LIMITED, the bucket's size and refill, and when to retry. */
export function rateLimited(limits: OperationLimits, retryAfter: number): HttpError {
  return {
    httpError: {
      status: 429,
      code: errorCodes.RATE_LIMITED.code,
      message: `Rate limit of ${limits.rateLimitBurst} requests (refilled at ${limits.rateLimitPerSecond}/s) exceeded; retry after ${retryAfter} s`,
      headers: { 'retry-after': String(retryAfter) },
      extensions: {
        limit: 'rateLimit',
        max: limits.rateLimitBurst,
        perSecond: limits.rateLimitPerSecond,
        retryAfterSeconds: retryAfter,
      },
    },
  };
}

/** Requests of each caller in flight at once. One caller's few heavy requests could otherwise hold
 *  the gateway and the subgraphs (four `children(ids: [500])` requests at once took the process to
 *  1.86 GB and made everyone else's view wait 10–18 s): past `max`, a caller waits for its own. */
export class ConcurrencyLimiter {
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Takes a place for `key`: true if allowed (call `release` when the request is done). */
  acquire(key: string): boolean {
    if (this.max === 0) return true;
    const n = this.inFlight.get(key) ?? 0;
    if (n >= this.max) return false;
    this.inFlight.set(key, n + 1);
    return true;
  }

  release(key: string): void {
    if (this.max === 0) return;
    const n = (this.inFlight.get(key) ?? 0) - 1;
    if (n > 0) this.inFlight.set(key, n);
    else this.inFlight.delete(key);
  }

  /** Requests in flight for `key` (tests). */
  count(key: string): number {
    return this.inFlight.get(key) ?? 0;
  }
}

/** The 429 a caller with too many requests in flight gets: LIMIT_EXCEEDED naming the limit. */
export function tooManyInFlight(max: number): HttpError {
  return {
    httpError: {
      status: 429,
      code: errorCodes.LIMIT_EXCEEDED.code,
      message: `Concurrency limit of ${max} requests in flight per caller exceeded; retry after 1 s`,
      headers: { 'retry-after': '1' },
      extensions: { limit: 'maxConcurrentPerCaller', max, retryAfterSeconds: 1 },
    },
  };
}
