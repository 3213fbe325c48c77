import {
  AGENCIES,
  AGENCY_KEYS,
  serviceToken,
  type AgencyCode,
  type Logger,
  type PlatformConfig,
} from '@wholechild/shared';
import type { DataSource } from 'typeorm';
import type { FeedRecord } from '../repositories/linkRepository';
import type { LinkService } from './linkService';

export interface FeedStatus {
  agency: AgencyCode;
  cursor: string | null;
  recordsRead: number;
  lastError: string | null;
  updatedAt: string | null;
  /** A pull of this agency's feed is under way or waiting its turn in the pass under way. */
  running: boolean;
}

/** How one agency's pull went in a pass. */
export interface AgencyPullResult {
  agency: AgencyCode;
  ok: boolean;
  /** Records ingested in this pass (each page is committed with its cursor). */
  recordsRead: number;
  attempts: number;
  error: string | null;
}
export type FeedPassReport = AgencyPullResult[];

const PAGE_SIZE = 1000;

/** Pulls every agency's person feed from its stored cursor into the index. Each page is linked
 *  and its cursor saved in one transaction, so a failure never loses nor repeats a page. An agency
 *  that fails is retried a bounded number of times with doubling backoff, from its stored cursor;
 *  if it still fails it is reported (and its error recorded) and read again from the same cursor
 *  next pass. One agency's failure never holds back the others. */
export class FeedPuller {
  private sources: Partial<Record<AgencyCode, string>> = {};
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<FeedPassReport> | undefined;
  private stopped = false;
  /** Wakes every pull sleeping in its backoff (pulls of several agencies may sleep at once). */
  private readonly wakers = new Set<() => void>();
  /** Per agency: the pull running now, and the one queued to start after it (shared by callers). */
  private readonly inFlight = new Map<AgencyCode, Promise<AgencyPullResult>>();
  private readonly queued = new Map<AgencyCode, Promise<AgencyPullResult>>();
  /** The agencies the pass under way has still to finish. */
  private readonly passPending = new Set<AgencyCode>();

  constructor(
    private readonly ds: DataSource,
    private readonly links: LinkService,
    private readonly config: PlatformConfig,
    private readonly logger: Logger,
  ) {}

  /** Where each agency subgraph answers (its GraphQL URL). */
  setSources(sources: Partial<Record<AgencyCode, string>>): void {
    this.sources = { ...this.sources, ...sources };
  }

  /** Where an agency subgraph answers (its GraphQL URL), once known. */
  sourceOf(agency: AgencyCode): string | undefined {
    return this.sources[agency];
  }

  /** Pulls every feed to its end once; concurrent callers share the same pass. Never rejects for
   *  an agency's failure: the report says which agencies failed and why. */
  syncAll(): Promise<FeedPassReport> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Starts a pass (or joins the one under way) and returns at once: a first load can take far
   *  longer than a caller may wait (the gateway's subgraph timeout). `status()` says which
   *  agencies are still `running`; the pass's report goes to the log. */
  startSyncAll(): void {
    void this.syncAll().then(
      (report) => {
        const failed = report.filter((r) => !r.ok);
        if (failed.length)
          this.logger.warn(
            { failed: failed.map((r) => `${r.agency}: ${r.error}`) },
            'feed pass left agencies behind',
          );
      },
      (err: unknown) => this.logger.error({ err: String(err) }, 'feed pass failed'),
    );
  }

  /** Pulls one agency's feed to its end now (an agency's write just withdrew or protected a
   *  record: the index must drop or hide its copy before the write answers). The pull starts after
   *  this call, so it sees every write committed before it; concurrent callers share one pull per
   *  agency, and one agency is never pulled twice at once. Never rejects: the result says how it went. */
  syncAgency(agency: AgencyCode): Promise<AgencyPullResult> {
    return this.freshPull(agency);
  }

  startInterval(ms: number): void {
    if (ms <= 0) return;
    this.timer = setInterval(() => void this.syncAll().catch(() => undefined), ms);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const wake of this.wakers) wake();
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
    await Promise.allSettled([...this.inFlight.values(), ...this.queued.values()]);
  }

  async status(): Promise<FeedStatus[]> {
    const rows: Array<{
      agency: AgencyCode;
      cursor: string;
      records_read: number;
      last_error: string | null;
      updated_at: Date;
    }> = await this.ds.query('SELECT agency, cursor, records_read, last_error, updated_at FROM feed_cursor');
    const byAgency = new Map(rows.map((r) => [r.agency, r]));
    return AGENCIES.map((agency) => {
      const r = byAgency.get(agency);
      return {
        agency,
        cursor: r?.cursor || null,
        recordsRead: r?.records_read ?? 0,
        lastError: r?.last_error ?? null,
        updatedAt: r?.updated_at?.toISOString() ?? null,
        running: this.passPending.has(agency) || this.inFlight.has(agency) || this.queued.has(agency),
      };
    });
  }

  private async pass(): Promise<FeedPassReport> {
    const report: FeedPassReport = [];
    const agencies = AGENCIES.filter((a) => this.sources[a]);
    for (const a of agencies) this.passPending.add(a);
    try {
      for (const agency of agencies) {
        report.push(await this.freshPull(agency));
        this.passPending.delete(agency);
      }
    } finally {
      this.passPending.clear();
    }
    return report;
  }

  /** A pull of the agency that starts after this call: the running one may have read the feed
   *  before the caller's write committed, so a caller then waits for the pull queued after it,
   *  which every caller arriving meanwhile shares. */
  private freshPull(agency: AgencyCode): Promise<AgencyPullResult> {
    const waiting = this.queued.get(agency);
    if (waiting) return waiting;
    const start = (): Promise<AgencyPullResult> => {
      this.queued.delete(agency);
      const url = this.sources[agency];
      if (!url || this.stopped) {
        const error = url ? 'feed puller stopped' : 'no feed source for this agency';
        return Promise.resolve({ agency, ok: false, recordsRead: 0, attempts: 0, error });
      }
      const pull: Promise<AgencyPullResult> = this.pullWithRetry(agency, url).finally(() => {
        if (this.inFlight.get(agency) === pull) this.inFlight.delete(agency);
      });
      this.inFlight.set(agency, pull);
      return pull;
    };
    const running = this.inFlight.get(agency);
    if (!running) return start();
    const next = running.catch(() => undefined).then(start);
    this.queued.set(agency, next);
    return next;
  }

  private async pullWithRetry(agency: AgencyCode, url: string): Promise<AgencyPullResult> {
    const { retryAttempts, retryBaseMs } = this.config.feed;
    const progress = { records: 0 };
    let message = 'error';
    for (let attempt = 1; ; attempt++) {
      try {
        // without the platform's service key no agency answers: fail at once, no retries
        if (attempt === 1) this.signingKeyOrThrow();
        await this.pullAgency(agency, url, progress);
        await this.ds.query(
          'UPDATE feed_cursor SET last_error = NULL, updated_at = now() WHERE agency = $1 AND last_error IS NOT NULL',
          [agency],
        );
        return { agency, ok: true, recordsRead: progress.records, attempts: attempt, error: null };
      } catch (e) {
        message = describe(e);
        if (attempt >= retryAttempts || this.stopped || e instanceof NoServiceKeyError) {
          this.logger.warn(
            { agency, err: message, attempts: attempt },
            'feed pull failed; will resume from the stored cursor',
          );
          await this.ds
            .query(
              `INSERT INTO feed_cursor (agency, cursor, last_error) VALUES ($1, '', $2)
               ON CONFLICT (agency) DO UPDATE SET last_error = EXCLUDED.last_error, updated_at = now()`,
              [agency, message],
            )
            .catch(() => undefined);
          return { agency, ok: false, recordsRead: progress.records, attempts: attempt, error: message };
        }
        this.logger.info({ agency, err: message, attempt }, 'feed pull failed; retrying');
        await this.sleep(retryBaseMs * 2 ** (attempt - 1));
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(t);
        this.wakers.delete(wake);
        resolve();
      };
      const t = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }

  private signingKeyOrThrow(): void {
    try {
      serviceToken(this.config.jwt);
    } catch (e) {
      throw new NoServiceKeyError(e instanceof Error ? e.message : String(e));
    }
  }

  private async pullAgency(agency: AgencyCode, url: string, progress: { records: number }): Promise<void> {
    const field = `${AGENCY_KEYS[agency]}PersonFeed`;
    const query = `query Feed($after: String, $first: Int) { ${field}(after: $after, first: $first) {
      cursor hasMore records { agency recordId sourceSystem externalId givenName middleName familyName birthDate sex race
      ethnicity primaryLanguage addressLine city postalCode sealedAdoption existenceProtected changeSeq withdrawn } } }`;
    // every record committed before this moment is read (and linked) once the pull reaches the end
    const [{ started }] = await this.ds.query('SELECT now() AS started');
    const [row] = await this.ds.query('SELECT cursor FROM feed_cursor WHERE agency = $1', [agency]);
    let cursor: string | null = row?.cursor || null;
    for (;;) {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          // the service token is the credential: the index holds no agency's gateway credential
          authorization: `Bearer ${serviceToken(this.config.jwt)}`,
        },
        body: JSON.stringify({ query, variables: { after: cursor, first: PAGE_SIZE } }),
        signal: AbortSignal.timeout(this.config.feed.timeoutMs),
      });
      const body = (await res.json()) as {
        data?: Record<string, { cursor: string; hasMore: boolean; records: FeedRecord[] }>;
        errors?: Array<{ message: string }>;
      };
      const page = body.data?.[field];
      if (!page)
        throw new Error(
          `feed of ${agency} answered ${res.status}: ${body.errors?.[0]?.message ?? 'no data'}`,
        );
      if (page.records.length) {
        const taken = await this.links.ingestPage(agency, page.records, page.cursor, cursor);
        if (taken.stale) {
          // another index replica took this page in first: read on from the cursor it left
          const [now] = await this.ds.query('SELECT cursor FROM feed_cursor WHERE agency = $1', [agency]);
          cursor = now?.cursor || null;
          continue;
        }
      }
      progress.records += page.records.length;
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    await this.ds.query(
      `INSERT INTO feed_cursor (agency, cursor, caught_up_at) VALUES ($1, '', $2)
       ON CONFLICT (agency) DO UPDATE
         SET caught_up_at = GREATEST(feed_cursor.caught_up_at, EXCLUDED.caught_up_at)`,
      [agency, started],
    );
  }
}

/** This process holds no key to sign the platform's service tokens with. */
class NoServiceKeyError extends Error {}

/** A short, caller-safe reason: no URL, host or port of the agency service. */
function describe(e: unknown): string {
  if (!e || typeof e !== 'object') return 'error';
  // Checked by name, not instanceof: fetch's errors may come from another realm.
  const err = e as Error;
  const cause = (err.cause ?? undefined) as (Error & { code?: string }) | undefined;
  if (err.name === 'TimeoutError' || err.name === 'AbortError' || cause?.name === 'TimeoutError')
    return 'feed request timed out';
  if (cause?.code) return `feed unreachable (${cause.code})`;
  return String(err.message ?? 'error')
    .replace(/https?:\/\/\S+/g, '<url>')
    .slice(0, 280);
}
