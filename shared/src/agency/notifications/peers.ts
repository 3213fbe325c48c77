import { AGENCY_SUBGRAPH, LENT_FACTS, type AgencyCode, type SubgraphName } from '../../agencies';
import { notifierToken } from '../../auth/jwt';
import { assertMay } from '../../access/permissions';
import type { PlatformConfig } from '../../config';
import { fieldError } from '../../errors';
import { assertArgs, uuidListArg } from '../../graphql/arguments';
import type { PeerRoute } from '../../graphql/subgraphService';
import type { AgencyLoaders } from '../spec';

/** The child index's route where a notification dispatcher asks which child its person records
 *  belong to, and that child's links: `POST /record-links?agency=<A>&records=<id>,<id>`, answering
 *  `{ data: { byRecord: { <id>: { childId, links: [{ agency, recordId, status }] } | null },
 *  feedsCaughtUpAt: { <AGENCY>: <ISO time> | null } } }` (a record the index does not hold yet:
 *  null; when the index last read each agency's feed to its end). An agency's notifier token only
 *  (DISPATCH_NOTIFICATIONS), asking of its own agency's records only. */
export const RECORD_LINKS_ROUTE = '/record-links';

/** A lending agency's route (LENT_FACTS) where a notification dispatcher asks its fact about its
 *  own records: `POST /lent-facts?records=<id>,…`, answering `{ data: { byRecord: { <id>: bool } } }`. */
export const LENT_FACTS_ROUTE = '/lent-facts';

/** Most records one call names. */
export const MAX_PEER_RECORDS = 200;

export interface RecordLinks {
  childId: string;
  links: Array<{ agency: AgencyCode; recordId: string; status: string }>;
}

/** What a dispatcher asks of the index and of the lenders, with its agency's own notifier token
 *  (notifierToken: that agency's key, allowed these two doors and nothing else), never through the
 *  gateway. Any failure throws: the delivery is retried later, never decided on a
 *  missing answer (fail closed, and nothing lost). */
export class NotificationPeers {
  private urls: Partial<Record<SubgraphName, string>> = {};

  constructor(
    private readonly agency: AgencyCode,
    private readonly config: PlatformConfig,
    private readonly timeoutMs: number,
  ) {
    this.urls = { ...config.subgraphUrls };
  }

  setUrls(urls: Partial<Record<SubgraphName, string | undefined>>): void {
    for (const [n, u] of Object.entries(urls)) if (u) this.urls[n as SubgraphName] = u;
  }

  /** The child of one of this agency's person records and its links (null: not in the index yet),
   *  and when the index last read each agency's feed to its end (null: never). */
  async linksOf(
    personId: string,
  ): Promise<{ links: RecordLinks | null; feedsCaughtUpAt: Partial<Record<AgencyCode, string | null>> }> {
    const body = await this.post('child-index', RECORD_LINKS_ROUTE, {
      agency: this.agency,
      records: personId,
    });
    const r = (body.byRecord as Record<string, RecordLinks | null> | undefined)?.[personId];
    if (r === undefined) throw new Error('index answered without the record');
    const feedsCaughtUpAt = (body.feedsCaughtUpAt ?? {}) as Partial<Record<AgencyCode, string | null>>;
    return { links: r, feedsCaughtUpAt };
  }

  /** Whether `lender`'s fact holds for any of its records of the child. */
  async factOf(lender: AgencyCode, records: string[]): Promise<boolean> {
    if (!LENT_FACTS[lender] || !records.length) return false;
    const body = await this.post(AGENCY_SUBGRAPH[lender], LENT_FACTS_ROUTE, {
      records: records.slice(0, MAX_PEER_RECORDS).join(','),
    });
    const byRecord = body.byRecord as Record<string, unknown> | undefined;
    if (!byRecord) throw new Error(`${lender} answered without facts`);
    return records.some((r) => byRecord[r] === true);
  }

  private async post(
    to: SubgraphName,
    route: string,
    params: Record<string, string>,
  ): Promise<Record<string, unknown>> {
    const base = this.urls[to];
    if (!base) throw new Error(`no URL for ${to}`);
    const url = new URL(route, base);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const token = notifierToken(this.config.jwt, this.agency);
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const json = (await res.json().catch(() => ({}))) as { data?: Record<string, unknown> };
    if (res.status !== 200 || !json.data) throw new Error(`${to} answered ${res.status}`);
    return json.data;
  }
}

/** A lender's door for the notification dispatchers: its fact about each of its records named
 *  (an agency's notifier token only; a refusal is audited as every peer route's is). */
export function lentFactsRoute(): PeerRoute<AgencyLoaders> {
  return async (ctx, params): Promise<{ byRecord: Record<string, boolean> }> => {
    assertMay(ctx.viewer, 'DISPATCH_NOTIFICATIONS');
    const records = (params.get('records') ?? '').split(',').filter((r) => r !== '');
    assertArgs(
      records.length > MAX_PEER_RECORDS
        ? fieldError('records', 'OUT_OF_RANGE', `at most ${MAX_PEER_RECORDS} records a call`)
        : null,
      uuidListArg('records', records),
    );
    const values = records.length ? await ctx.loaders.facts!.loadMany(records) : [];
    return { byRecord: Object.fromEntries(records.map((r, i) => [r, values[i] === true])) };
  };
}
