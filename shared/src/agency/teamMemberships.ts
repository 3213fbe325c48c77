import DataLoader from 'dataloader';
import type { ObjectLiteral } from 'typeorm';
import { TEAM_CONVENERS, type AgencyCode } from '../agencies';
import { assertMay } from '../access/permissions';
import { fieldError } from '../errors';
import { assertArgs, uuidListArg } from '../graphql/arguments';
import { linkedRecordIds, type ChildRepresentation } from '../graphql/section';
import type { PeerRoute } from '../graphql/subgraphService';
import type { Logger } from '../logger';
import { describePeerError, PeerCaller, type LocalPeer } from './peerCall';
import type { AgencyContext, AgencyLoaders } from './spec';

/** The route on every convening agency (TEAM_CONVENERS) where a holder asks, at decision time and
 *  with the viewer's own token, of which of the convener's teams of these person records the viewer
 *  is a current professional member: `POST /team-memberships?records=<id>,<id>`, answering
 *  `{ data: { teams: [<team id>, …] } }`. */
export const TEAM_MEMBERSHIPS_ROUTE = '/team-memberships';

/** At most this many person records a call (a page of 100 children asks once, in a few calls). */
export const MAX_MEMBERSHIP_RECORDS = 200;

/**
 * The convener's door: the token is verified here (as for any peer route: no token or a bad one is
 * a 401), and the answer is about that verified viewer alone (agency, subject and role of a current
 * professional member of an open team), never about anyone else; a refusal is audited as every
 * peer route's is.
 */
export function teamMembershipsRoute(agency: AgencyCode): PeerRoute<AgencyLoaders> {
  return async (ctx, params): Promise<{ teams: string[]; byRecord: Record<string, string[]> }> => {
    assertMay(ctx.viewer, 'LEND_TEAM_MEMBERSHIP', { holder: agency });
    const records = (params.get('records') ?? '').split(',').filter((r) => r !== '');
    assertArgs(
      records.length > MAX_MEMBERSHIP_RECORDS
        ? fieldError('records', 'OUT_OF_RANGE', `at most ${MAX_MEMBERSHIP_RECORDS} records a call`)
        : null,
      uuidListArg('records', records),
    );
    if (!records.length) return { teams: [], byRecord: {} };
    const lists = (await ctx.loaders.teamMemberships!.loadMany(records)).map((l) =>
      l instanceof Error ? [] : l,
    );
    return {
      teams: [...new Set(lists.flat())].sort(),
      // per record, so that a holder asks once for every child of its request
      byRecord: Object.fromEntries(records.map((r, i) => [r, lists[i]!])),
    };
  };
}

/**
 * A holder's view of the viewer's team memberships: its own (a convener reads its own tables) and
 * every other convener's, asked directly, in parallel, on every request (never cached), with the
 * viewer's own token. A convener that is down, slow or refusing counts as "not a member": access
 * fails closed, and the rest of the section still answers.
 */
/** A convener served in this process (`npm start`, SUBGRAPH_TRANSPORT=local): its request listener,
 *  or null while it is not listening (as unreachable as a stopped server). */
export type LocalConvener = LocalPeer;

export class TeamMembershipClient {
  private urls: Partial<Record<AgencyCode, string>>;
  /** The calls themselves (through a convener's listener when it is served in this process). */
  private readonly peers: PeerCaller;
  /** Per request and convener: the records of every child the request decides, asked in one call. */
  private readonly batches = new WeakMap<AgencyContext, Map<AgencyCode, DataLoader<string, string[]>>>();

  constructor(
    private readonly agency: AgencyCode,
    /** How long a convener may take (then: not a member). */
    timeoutMs: number,
    urls: Partial<Record<AgencyCode, string>> = {},
  ) {
    this.urls = { ...urls };
    this.peers = new PeerCaller(timeoutMs);
    this.peers.setUrls(urls);
  }

  /** Where each convener answers (its GraphQL URL; known once it listens: ephemeral ports in tests). */
  setConvenerUrls(urls: Partial<Record<AgencyCode, string | undefined>>): void {
    for (const [a, url] of Object.entries(urls)) if (url) this.urls[a as AgencyCode] = url;
    this.peers.setUrls(urls);
  }

  /** Conveners served in this process: called through their request listeners (the same checks,
   *  no loopback socket). */
  setLocalConveners(local: Partial<Record<AgencyCode, LocalConvener>>): void {
    this.peers.setLocal(local);
  }

  /** The team ids of this child of which the viewer is a current member. `child`'s links must have
   *  been verified (Representations.recordIds) before this is called. */
  async of(ctx: AgencyContext, child: ChildRepresentation & ObjectLiteral, own: string[]): Promise<string[]> {
    const conveners = (Object.keys(TEAM_CONVENERS) as AgencyCode[]).filter((a) => a !== this.agency);
    const asked = await Promise.all([
      this.own(ctx, own),
      ...conveners.map(async (c) => {
        const records = linkedRecordIds(child, c);
        if (!records.length || !this.urls[c]) return [];
        const lists = await this.batchOf(ctx, c).loadMany(records);
        return lists.flatMap((l) => (l instanceof Error ? [] : l));
      }),
    ]);
    return [...new Set(asked.flat())].sort();
  }

  /** The request's batch of asks to one convener: every child's records in one call. */
  private batchOf(ctx: AgencyContext, convener: AgencyCode): DataLoader<string, string[]> {
    let byConvener = this.batches.get(ctx);
    if (!byConvener) this.batches.set(ctx, (byConvener = new Map()));
    let loader = byConvener.get(convener);
    if (!loader) {
      loader = new DataLoader<string, string[]>(
        async (records) => {
          const byRecord = await this.ask(convener, [...records], ctx.token, ctx.logger);
          return records.map((r) => byRecord[r] ?? []);
        },
        { maxBatchSize: MAX_MEMBERSHIP_RECORDS },
      );
      byConvener.set(convener, loader);
    }
    return loader;
  }

  private async own(ctx: AgencyContext, own: string[]): Promise<string[]> {
    if (!ctx.loaders.teamMemberships || !own.length) return [];
    const lists = await ctx.loaders.teamMemberships.loadMany(own);
    return lists.flatMap((l) => (l instanceof Error ? [] : l));
  }

  /** One call to a convener: the viewer's teams per record (none for a record on any failure). */
  private async ask(
    convener: AgencyCode,
    records: string[],
    token: string,
    logger: Logger,
  ): Promise<Record<string, string[]>> {
    const base = this.urls[convener];
    // no record at that convener: no team of it can be about this child
    if (!records.length || !base) return {};
    try {
      const res = await this.peers.post(
        convener,
        TEAM_MEMBERSHIPS_ROUTE,
        { records: records.slice(0, MAX_MEMBERSHIP_RECORDS).join(',') },
        token,
      );
      const byRecord = (res.body.data as { byRecord?: unknown } | undefined)?.byRecord as
        Record<string, unknown> | undefined;
      const valid =
        res.status === 200 &&
        !!byRecord &&
        typeof byRecord === 'object' &&
        Object.values(byRecord).every((l) => Array.isArray(l) && l.every((t) => typeof t === 'string'));
      if (!valid) throw new Error(`answered ${res.status}`);
      // only the records asked about count
      return Object.fromEntries(records.map((r) => [r, (byRecord[r] as string[] | undefined) ?? []]));
    } catch (e) {
      logger.warn(
        { convener, err: describePeerError(e) },
        'team membership unavailable; deciding as if the viewer were not a member',
      );
      return {};
    }
  }
}
