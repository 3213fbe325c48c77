import type { DataSource } from 'typeorm';
import type { AgencyCode } from '../agencies';
import type { Logger } from '../logger';

/** What an agency needs to tell the child index, synchronously, that its feed withdrew or
 *  protected a record. */
export interface IndexNotifierOptions {
  agency: AgencyCode;
  /** The agency's person table. */
  personTable: string;
  /** SQL condition a person record must meet to enter the feed (the kit's feedFilterSql). */
  feedFilterSql?: string;
  /** SQL expression: the record's existence is protected (the kit's existenceProtectedSql). */
  existenceProtectedSql?: string;
  /** How long a write waits for the index to take the feed in, in ms. */
  timeoutMs: number;
  /** The child index's GraphQL URL; unset: nobody is told (the index's interval pull catches up). */
  indexUrl?: string;
}

/** The child index's route an agency calls to say its feed withdrew or protected a record
 *  (`POST /feed-changed?agency=HOUSING`, the writer's token): answers `{ data: { agencyFeedChanged } }`
 *  once the index has pulled the feed, as the `agencyFeedChanged` mutation does. */
export const FEED_CHANGED_ROUTE = '/feed-changed';

/** A write's view of the person feed: where it stood before the write, to ask afterwards whether
 *  the write withdrew or protected a record. */
export interface FeedMark {
  seq: string;
}

/**
 * Tells the child index, before an agency's mutation answers, that the write just withdrew a person
 * record from its feed or made one existence-protected, so that the index drops or hides its copy
 * before anyone's next request: VAWA (34 U.S.C. 12291(b)(2)) allows no window in which a survivor's
 * housing record still shows as a link, 42 CFR 2.13(c) none in which a Part 2-only client's does.
 *
 * Which writes: any whose transaction changed a person record (directly, or through a trigger such
 * as behavioral health's `part2_protected`) that now fails the feed filter or is protected. Found by
 * the person table's change sequence, which every real change advances: the highest number before
 * the write, then one indexed probe of the records numbered after it (a concurrent writer's change
 * may be counted too: one more pull, never one fewer). Other writes cost nothing more than that.
 */
export class IndexNotifier {
  private indexUrl: string | undefined;
  private readonly condition: string | null;

  constructor(
    private readonly ds: DataSource,
    private readonly opts: IndexNotifierOptions,
  ) {
    this.indexUrl = opts.indexUrl;
    const parts = [
      opts.feedFilterSql ? `NOT (${opts.feedFilterSql})` : null,
      opts.existenceProtectedSql ? `(${opts.existenceProtectedSql})` : null,
    ].filter((x): x is string => x !== null);
    // an agency whose feed never withdraws nor protects a record never needs to tell the index
    this.condition = parts.length ? parts.join(' OR ') : null;
  }

  /** Where the child index answers (known once it listens: an ephemeral port in tests). */
  setIndexUrl(url: string | undefined): void {
    this.indexUrl = url;
  }

  /** Where the feed stands before a write (null when nothing will ever need telling). */
  async mark(): Promise<FeedMark | null> {
    if (!this.condition || !this.indexUrl) return null;
    const [row] = await this.ds.query(
      `SELECT COALESCE(max(change_seq), 0)::text AS seq FROM ${this.opts.personTable}`,
    );
    return { seq: String(row.seq) };
  }

  /** After a committed write: if it withdrew or protected a person record, has the index pull this
   *  agency's feed now, with the writer's own token. Never throws: the write is committed whatever
   *  happens (nothing accepted is lost); a failure is logged and the interval pull catches up. */
  async afterWrite(mark: FeedMark | null, token: string, logger: Logger): Promise<void> {
    if (!mark || !this.condition || !this.indexUrl) return;
    try {
      const [row] = await this.ds.query(
        `SELECT EXISTS (SELECT 1 FROM ${this.opts.personTable} WHERE change_seq > $1 AND (${this.condition})) AS hit`,
        [mark.seq],
      );
      if (!row?.hit) return;
      await this.tell(token);
    } catch (e) {
      logger.warn(
        { agency: this.opts.agency, err: describe(e) },
        'could not tell the child index of a withdrawn record; its next feed pull will',
      );
    }
  }

  /** Calls the index's `/feed-changed` route (FEED_CHANGED_ROUTE) with the writer's own token: not
   *  through the gateway, and without the index's gateway credential, which no agency holds. */
  private async tell(token: string): Promise<void> {
    const url = new URL(FEED_CHANGED_ROUTE, this.indexUrl!);
    url.searchParams.set('agency', this.opts.agency);
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(this.opts.timeoutMs),
    });
    const body = (await res.json().catch(() => ({}))) as {
      data?: { agencyFeedChanged?: boolean };
      errors?: Array<{ message: string; extensions?: { code?: string } }>;
    };
    if (body.data?.agencyFeedChanged !== true) {
      const err = body.errors?.[0];
      throw new Error(
        `index answered ${res.status}: ${err ? (err.extensions?.code ?? err.message) : 'pull incomplete'}`,
      );
    }
  }
}

/** A short reason for the log: no URL, host or port. */
function describe(e: unknown): string {
  const err = e as (Error & { cause?: { code?: string } }) | undefined;
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return 'index request timed out';
  if (err?.cause?.code) return `index unreachable (${err.cause.code})`;
  return String(err?.message ?? 'error')
    .replace(/https?:\/\/\S+/g, '<url>')
    .slice(0, 280);
}
