import DataLoader from 'dataloader';
import { AGENCIES, type AgencyCode } from '../agencies';
import type { AuditWriter } from '../access/audit';
import { assertMay } from '../access/permissions';
import { handoverSealHolds, sealHandover } from '../access/seal';
import { decide, type AgencyPolicy, type Decision } from '../access/policy';
import { errorCodes, fieldError } from '../errors';
import { assertArgs, uuidListArg } from '../graphql/arguments';
import type { PeerRoute } from '../graphql/subgraphService';
import type { Logger } from '../logger';
import { describePeerError, type PeerCaller } from './peerCall';
import { type Handover, type ReferralService, type ReferralStatusChange } from './referrals';
import type { ReferralStatus } from './referralTables';
import type { AgencyContext, AgencyLoaders } from './spec';

/** The receiver's door for a hand-over (`POST /referrals/receive?referrer=…&referral=…&record=…&
 *  category=…&need=…&seal=…`), asked with the referring viewer's own token and the referring
 *  subgraph's seal over the hand-over (sealHandover): the referrer's system, which records and
 *  audits the referral, hands it over; the viewer's token alone does not. */
export const REFERRAL_RECEIVE_ROUTE = '/referrals/receive';
/** The receiver's door for the status of the referrals a referrer sent (`POST /referrals/status?
 *  referrals=<id>,<id>`), asked with the referrer's viewer's own token: the receiver's policy
 *  decides, per referral, whether it says more than "sent". */
export const REFERRAL_STATUS_ROUTE = '/referrals/status';

/** The child index's door for the directory services a referral names (`POST
 *  /directory/known?ids=<id>,…`, any signed-in viewer's token): answers `{ known: [<id>, …] }`. */
export const DIRECTORY_KNOWN_ROUTE = '/directory/known';

/** At most this many referrals a status call. */
export const MAX_STATUS_REFERRALS = 200;

/** What the receiver tells the referrer of one referral (nothing when its policy says no). */
export interface SharedStatus {
  status: ReferralStatus;
  history: ReferralStatusChange[];
}

/** The receiving side's two doors: the hand-over, and the status answer (audited per referral). */
export function referralRoutes(
  referrals: ReferralService,
  policy: AgencyPolicy,
  sealKey: string,
): Record<string, PeerRoute<AgencyLoaders>> {
  const categories = policy.categories.map((c) => c.category);
  return {
    [REFERRAL_RECEIVE_ROUTE]: async (ctx, params) => {
      const h: Handover = {
        referrer: (params.get('referrer') ?? '') as AgencyCode,
        referralId: params.get('referral') ?? '',
        recordId: params.get('record') ?? '',
        category: params.get('category') ?? '',
        need: params.get('need') ?? '',
        sentBy: ctx.viewer.sub,
      };
      if (!handoverSealHolds(sealKey, params.get('seal'), referrals.agency, h, ctx.token))
        throw errorCodes.FORBIDDEN.err(
          `A referral is handed over by the referring agency’s system, which records it, not by a token alone`,
        );
      return referrals.receive(ctx.viewer, ctx.loaders.audit, h, categories);
    },
    [REFERRAL_STATUS_ROUTE]: async (ctx, params) => {
      assertMay(ctx.viewer, 'READ_REFERRAL_STATUS', { holder: referrals.agency });
      const ids = (params.get('referrals') ?? '').split(',').filter((r) => r !== '');
      assertArgs(
        ids.length > MAX_STATUS_REFERRALS
          ? fieldError('referrals', 'OUT_OF_RANGE', `at most ${MAX_STATUS_REFERRALS} referrals a call`)
          : null,
        uuidListArg('referrals', ids),
      );
      const byReferral: Record<string, SharedStatus> = {};
      if (!ids.length || !(AGENCIES as readonly string[]).includes(ctx.viewer.agency)) return { byReferral };
      for (const row of await referrals.incomingFrom(ctx.viewer.agency, ids)) {
        // nothing happened yet: the referrer knows it sent it, and there is nothing more to tell
        if (row.status === 'SENT') continue;
        const d = await statusDecision(ctx, policy, row);
        await auditStatus(ctx.loaders.audit, row, d);
        if (d.permit)
          byReferral[row.referrer_referral_id as string] = {
            status: row.status as ReferralStatus,
            // statuses, reasons and times: the receiver's staff are not named (minimum necessary)
            history: await referrals.incomingHistory(row.id as string),
          };
      }
      return { byReferral };
    },
  };
}

type Decided = { permit: boolean; rule: string; consentId: string | null; categories: string[] };

/**
 * Whether the receiver tells this referrer's viewer how the referral stands: that is a disclosure
 * of the receiver's record of the child, so its policy decides, with the child's consents, as for
 * any read of that category (42 CFR 2.31 for a Part 2 program: a consent naming the referrer).
 * No person record linked (declined before intake): nothing of the receiver's records is told.
 */
async function statusDecision(
  ctx: AgencyContext,
  policy: AgencyPolicy,
  row: Record<string, unknown>,
): Promise<Decided> {
  const category = row.category as string;
  if (!row.person_id)
    return { permit: true, rule: 'REFERRAL_NO_RECORD_HELD', consentId: null, categories: [category] };
  // VAWA, sealed adoptions: the record never leaves, not even as a referral's status
  if (!row.leaves) return { permit: false, rule: 'NEVER_LEAVES', consentId: null, categories: [category] };
  const consents = await ctx.loaders.consents.load(row.person_id as string);
  // 42 CFR 2.13: a Part 2 client's existence is decided by the protected category too
  const protectedCategory = row.existence_protected
    ? policy.categories.find((c) => c.revealExistence === false)?.category
    : undefined;
  const asked = [...new Set([category, ...(protectedCategory ? [protectedCategory] : [])])];
  const decisions: Decision[] = asked.map((c) => {
    const p = policy.categories.find((x) => x.category === c);
    if (!p)
      return {
        permit: false,
        category: c,
        rule: 'UNKNOWN_CATEGORY',
        reason: '',
        howToGetAccess: '',
        revealExistence: false,
      };
    return decide(policy, p, ctx.viewer, consents, {});
  });
  const denied = decisions.find((d) => !d.permit || d.breakGlass);
  // a referral's status is never an emergency: break-glass does not open it
  if (denied)
    return {
      permit: false,
      rule: denied.permit ? 'BREAK_GLASS_NOT_FOR_REFERRALS' : denied.rule,
      consentId: null,
      categories: asked,
    };
  const first = decisions[0] as Extract<Decision, { permit: true }>;
  return { permit: true, rule: first.rule, consentId: first.consentId, categories: asked };
}

function auditStatus(audit: AuditWriter, row: Record<string, unknown>, d: Decided) {
  return audit({
    childId: null,
    recordIds: row.person_id ? [row.person_id as string] : [],
    categories: d.categories,
    decision: d.permit ? 'PERMIT' : 'DENY',
    rule: `REFERRAL_STATUS_${d.rule}`.slice(0, 60),
    consentId: d.consentId,
  });
}

/**
 * The referrer's side: hands a referral over to the receiving agency, and asks it, per request and
 * with the viewer's own token, how the referrals stand (batched: one call per receiver a request).
 * A receiver down or refusing tells nothing: the referrer then sees "sent", as when the receiver's
 * policy says no.
 */
export class ReferralClient {
  private readonly batches = new WeakMap<
    AgencyContext,
    Map<AgencyCode, DataLoader<string, SharedStatus | null>>
  >();

  constructor(
    private readonly agency: AgencyCode,
    readonly peers: PeerCaller,
    private readonly logger: Logger,
    private readonly sealKey: string,
  ) {}

  /** Hands a referral over (inside the referrer's transaction): a refusal or a receiver down is a
   *  typed error, and the referrer stores nothing. */
  async handOver(to: AgencyCode, h: Handover, token: string): Promise<void> {
    let answer;
    try {
      answer = await this.peers.post(
        to,
        REFERRAL_RECEIVE_ROUTE,
        {
          referrer: h.referrer,
          referral: h.referralId,
          record: h.recordId,
          category: h.category,
          need: h.need,
          seal: sealHandover(this.sealKey, to, h, token),
        },
        token,
      );
    } catch (e) {
      this.logger.warn({ receiver: to, err: describePeerError(e) }, 'referral hand-over failed');
      throw errorCodes.UPSTREAM_UNAVAILABLE.err(`${to} could not be reached; the referral was not sent`, {
        field: 'toAgency',
      });
    }
    if (answer.status === 200) return;
    const message = answer.body.errors?.[0]?.message ?? `${to} refused the referral`;
    if (answer.status === 403) throw errorCodes.FORBIDDEN.err(message);
    if (answer.status === 400)
      throw errorCodes.BAD_USER_INPUT.err(message, {
        field: 'category',
        reason: message,
        errors: [fieldError('category', 'INVALID_ENUM', message)],
      });
    this.logger.warn({ receiver: to, status: answer.status }, 'referral hand-over refused');
    throw errorCodes.UPSTREAM_UNAVAILABLE.err(`${to} could not take the referral; it was not sent`, {
      field: 'toAgency',
    });
  }

  /** Checks that a directory service exists before a referral names it (the child index keeps the
   *  directory): an unknown id is a typed error, an index down refuses the referral (nothing stored). */
  async assertService(serviceId: string, token: string): Promise<void> {
    let known: unknown;
    try {
      const res = await this.peers.post('CHILD_INDEX', DIRECTORY_KNOWN_ROUTE, { ids: serviceId }, token);
      if (res.status !== 200) throw new Error(`answered ${res.status}`);
      known = (res.body.data as { known?: unknown } | undefined)?.known;
    } catch (e) {
      this.logger.warn({ err: describePeerError(e) }, 'service directory unavailable');
      throw errorCodes.UPSTREAM_UNAVAILABLE.err(
        'The service directory could not be reached; the referral was not sent',
        {
          field: 'toServiceId',
        },
      );
    }
    if (!Array.isArray(known) || !known.includes(serviceId))
      assertArgs(fieldError('toServiceId', 'UNKNOWN_REFERENCE', 'no such service in the directory'));
  }

  /** What the receiver tells this viewer of one referral (null: nothing beyond "sent"). */
  statusOf(ctx: AgencyContext, to: AgencyCode, referralId: string): Promise<SharedStatus | null> {
    let byReceiver = this.batches.get(ctx);
    if (!byReceiver) this.batches.set(ctx, (byReceiver = new Map()));
    let loader = byReceiver.get(to);
    if (!loader) {
      loader = new DataLoader<string, SharedStatus | null>(
        async (ids) => {
          const shared = await this.ask(to, [...ids], ctx.token);
          return ids.map((id) => shared[id] ?? null);
        },
        { maxBatchSize: MAX_STATUS_REFERRALS },
      );
      byReceiver.set(to, loader);
    }
    return loader.load(referralId);
  }

  private async ask(to: AgencyCode, ids: string[], token: string): Promise<Record<string, SharedStatus>> {
    try {
      const res = await this.peers.post(to, REFERRAL_STATUS_ROUTE, { referrals: ids.join(',') }, token);
      const byReferral = (res.body.data as { byReferral?: Record<string, SharedStatus> } | undefined)
        ?.byReferral;
      if (res.status !== 200 || !byReferral || typeof byReferral !== 'object')
        throw new Error(`answered ${res.status}`);
      // only the referrals asked about, in the shape expected
      const out: Record<string, SharedStatus> = {};
      for (const id of ids) {
        const s = byReferral[id];
        if (s && typeof s.status === 'string' && Array.isArray(s.history)) out[id] = s;
      }
      return out;
    } catch (e) {
      this.logger.warn(
        { receiver: to, from: this.agency, err: describePeerError(e) },
        'referral status unavailable',
      );
      return {};
    }
  }
}
