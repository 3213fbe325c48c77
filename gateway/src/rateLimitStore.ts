import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { Logger } from '@wholechild/shared/core';
import { RateLimiter } from './limits';

/** Where the per-caller token buckets live. Every gateway replica given the same store shares
 *  each caller's budget; the in-process store (the default) gives each replica a budget of its
 *  own, so N replicas let a caller through N times. */
export interface RateLimitStore {
  /** Takes one token for `key`: null if allowed, else the seconds to wait before retrying. */
  take(key: string): Promise<number | null>;
  /** Prepares the store (the shared one makes its table). */
  init(): Promise<void>;
  close(): Promise<void>;
}

/** The buckets in this process (one gateway, or `npm start`). */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly limiter: RateLimiter;

  constructor(burst: number, perSecond: number, now?: () => number) {
    this.limiter = new RateLimiter(burst, perSecond, now);
  }

  take(key: string): Promise<number | null> {
    return Promise.resolve(this.limiter.take(key));
  }

  init(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** The bucket table, made by the first gateway that starts (under a lock: replicas start together). */
const CREATE_SQL = `CREATE TABLE IF NOT EXISTS gateway_rate_limit (
  key text PRIMARY KEY,
  tokens double precision NOT NULL,
  at timestamptz NOT NULL,
  allowed boolean NOT NULL)`;

/** One caller's bucket refilled to the database's clock and, if a whole token is there, taken, in
 *  one statement: the row lock of INSERT … ON CONFLICT DO UPDATE orders concurrent takes of the
 *  same caller from any number of gateways, and each sees the row as the one before it left it. A
 *  take that waited on the lock may carry an earlier now() than the row's: elapsed time never goes
 *  below zero. $1 key, $2 burst, $3 refill per second. */
const TAKE_SQL = `INSERT INTO gateway_rate_limit AS b (key, tokens, at, allowed)
  VALUES ($1, $2::float8 - 1, now(), true)
  ON CONFLICT (key) DO UPDATE SET
    tokens = least($2::float8, b.tokens + greatest(0, extract(epoch FROM now() - b.at)) * $3::float8)
             - CASE WHEN least($2::float8, b.tokens + greatest(0, extract(epoch FROM now() - b.at)) * $3::float8) >= 1
                    THEN 1 ELSE 0 END,
    allowed = least($2::float8, b.tokens + greatest(0, extract(epoch FROM now() - b.at)) * $3::float8) >= 1,
    at = greatest(b.at, now())
  RETURNING tokens, allowed`;

/** Forgets buckets that have refilled completely (their callers are idle). */
const SWEEP_SQL = `DELETE FROM gateway_rate_limit
  WHERE tokens + greatest(0, extract(epoch FROM now() - at)) * $2::float8 >= $1::float8`;

/** How long a replica decides alone after its store failed before asking the store again. */
const RETRY_AFTER_FAILURE_MS = 5000;

/**
 * The buckets in a PostgreSQL table shared by every gateway replica (RATE_LIMIT_DATABASE_URL): one
 * statement and one round trip per request. If the store cannot answer (the database is down or
 * slow), the request, and those of the next 5 s, are decided by this replica's own bucket instead
 * and the failure is logged:
 * the rate limit protects capacity, and a limiter outage must not take every request down with
 * it (each replica still holds each caller to the burst; Envoy's global rate limit fails open the
 * same way). Access decisions never depend on it.
 */
export class PostgresRateLimitStore implements RateLimitStore {
  private readonly pool: Pool;
  private readonly fallback: MemoryRateLimitStore;
  private ready: Promise<void> | undefined;
  private readonly sweeper: NodeJS.Timeout;
  private failing = false;
  /** After a failure the store is left alone this long: requests do not each wait on a database
   *  that is down. */
  private downUntil = 0;

  constructor(
    url: string,
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly logger?: Logger,
    /** Longest wait for the store before this replica's own bucket decides. @default 1000 */
    private readonly timeoutMs = 1000,
  ) {
    // loaded only when a shared store is configured: a gateway without one holds no database
    // driver (gateway/test/boundaries.test.ts)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Pool: PgPool } = require('pg') as typeof import('pg');
    this.pool = new PgPool({
      connectionString: url,
      max: 4,
      connectionTimeoutMillis: timeoutMs,
      application_name: 'wholechild-gateway-rate-limit',
    });
    this.pool.on('error', () => undefined);
    this.fallback = new MemoryRateLimitStore(burst, perSecond);
    // a caller idle for burst / perSecond seconds has a full bucket again: its row can go
    this.sweeper = setInterval(
      () => void this.pool.query(SWEEP_SQL, [burst, perSecond]).catch(() => undefined),
      60_000,
    );
    this.sweeper.unref();
  }

  /** Makes the table if no replica has yet. */
  init(): Promise<void> {
    this.ready ??= (async () => {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SELECT pg_advisory_xact_lock(hashtext('wholechild.gateway.rate_limit'))`);
        await client.query(CREATE_SQL);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        this.ready = undefined;
        throw e;
      } finally {
        client.release();
      }
    })();
    return this.ready;
  }

  async take(key: string): Promise<number | null> {
    if (this.burst === 0) return null;
    if (Date.now() < this.downUntil) return this.fallback.take(key);
    try {
      await this.init();
      const { rows } = await this.pool.query<{ tokens: number; allowed: boolean }>({
        text: TAKE_SQL,
        // hashed: the table holds no caller's name, and a key may hold any character (the
        // gateway's are agency NUL subject; PostgreSQL text refuses NUL)
        values: [createHash('sha256').update(key).digest('hex'), this.burst, this.perSecond],
        // statement_timeout is per session; a query timeout bounds the wait from here
        query_timeout: this.timeoutMs,
      } as never);
      if (this.failing) this.logger?.info('rate-limit store answers again');
      this.failing = false;
      const { tokens, allowed } = rows[0]!;
      return allowed ? null : Math.max(1, Math.ceil((1 - tokens) / this.perSecond));
    } catch (err) {
      if (!this.failing)
        this.logger?.warn(
          { err: err instanceof Error ? err.message : String(err) },
          "rate-limit store unavailable: this replica's own buckets decide",
        );
      this.failing = true;
      this.downUntil = Date.now() + RETRY_AFTER_FAILURE_MS;
      return this.fallback.take(key);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.pool.end().catch(() => undefined);
  }
}

/** The store the configuration names: PostgreSQL when RATE_LIMIT_DATABASE_URL is set, else this
 *  process's memory. */
export function rateLimitStore(
  opts: { burst: number; perSecond: number; databaseUrl?: string; timeoutMs?: number },
  logger?: Logger,
): RateLimitStore {
  return opts.databaseUrl
    ? new PostgresRateLimitStore(opts.databaseUrl, opts.burst, opts.perSecond, logger, opts.timeoutMs)
    : new MemoryRateLimitStore(opts.burst, opts.perSecond);
}
