import {
  AGENCIES,
  AGENCY_KEYS,
  GATEWAY_CREDENTIAL_HEADER,
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
}

const PAGE_SIZE = 1000;

/** Pulls every agency's person feed from its stored cursor into the index. An agency that is
 *  down is skipped (its error recorded) and read again from the same cursor next time. */
export class FeedPuller {
  private sources: Partial<Record<AgencyCode, string>> = {};
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

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

  /** Pulls every feed to its end once; concurrent callers share the same pass. */
  syncAll(): Promise<void> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  startInterval(ms: number): void {
    if (ms <= 0) return;
    this.timer = setInterval(() => void this.syncAll().catch(() => undefined), ms);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
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
        cursor: r?.cursor ?? null,
        recordsRead: r?.records_read ?? 0,
        lastError: r?.last_error ?? null,
        updatedAt: r?.updated_at?.toISOString() ?? null,
      };
    });
  }

  private async pass(): Promise<void> {
    for (const agency of AGENCIES) {
      const url = this.sources[agency];
      if (!url) continue;
      try {
        await this.pullAgency(agency, url);
      } catch (e) {
        const message = e instanceof Error ? e.message.slice(0, 280) : 'error';
        this.logger.warn({ agency, err: message }, 'feed pull failed; will resume from the stored cursor');
        await this.ds.query(
          `INSERT INTO feed_cursor (agency, cursor, last_error) VALUES ($1, '', $2)
           ON CONFLICT (agency) DO UPDATE SET last_error = EXCLUDED.last_error, updated_at = now()`,
          [agency, message],
        );
      }
    }
  }

  private async pullAgency(agency: AgencyCode, url: string): Promise<void> {
    const field = `${AGENCY_KEYS[agency]}PersonFeed`;
    const query = `query Feed($after: String, $first: Int) { ${field}(after: $after, first: $first) {
      cursor hasMore records { agency recordId sourceSystem externalId givenName middleName familyName birthDate sex race
      ethnicity primaryLanguage addressLine city postalCode sealedAdoption existenceProtected changeSeq withdrawn } } }`;
    const [row] = await this.ds.query('SELECT cursor FROM feed_cursor WHERE agency = $1', [agency]);
    let cursor: string | null = row?.cursor || null;
    for (;;) {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${serviceToken(this.config.jwt)}`,
          [GATEWAY_CREDENTIAL_HEADER]: this.config.gatewaySecret,
        },
        body: JSON.stringify({ query, variables: { after: cursor, first: PAGE_SIZE } }),
        signal: AbortSignal.timeout(30_000),
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
      if (page.records.length) await this.links.ingestPage(agency, page.records, page.cursor);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
  }
}
