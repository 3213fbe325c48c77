import type { AgencyCode } from '../agencies';
import { fieldError } from '../errors';
import { assertArgs, textArg } from '../graphql/arguments';
import type { ReferralClient } from './referralRoutes';
import type { IncomingReferral, OutgoingReferral, ReferralInput, ReferralService } from './referrals';
import { REFERRAL_STATUSES, type ReferralStatus } from './referralTables';
import type { AgencyContext, AgencyNames } from './spec';

const statusArg = (status: unknown) =>
  status === undefined || status === null || (REFERRAL_STATUSES as readonly unknown[]).includes(status)
    ? null
    : fieldError('status', 'INVALID_ENUM', `one of ${REFERRAL_STATUSES.join(', ')}`);

/** Every agency's referrals: its queries, its writes and the fields of both sides' types. Where an
 *  outgoing referral to an agency stands is asked of the receiver at read time (ReferralClient):
 *  the receiver's policy decides, for this viewer, on every request. */
export function referralResolvers(names: AgencyNames, referrals: ReferralService, client: ReferralClient) {
  const { key, prefix } = names;
  const shared = (r: OutgoingReferral, ctx: AgencyContext) =>
    r.toAgency ? client.statusOf(ctx, r.toAgency as AgencyCode, r.id) : Promise.resolve(null);
  return {
    query: {
      [`${key}ServiceReferrals`]: (
        _: unknown,
        a: { sourceSystem: string; personExternalId: string },
        ctx: AgencyContext,
      ) => {
        assertArgs(
          textArg('sourceSystem', a.sourceSystem, 64),
          textArg('personExternalId', a.personExternalId, 128),
        );
        return referrals.outgoingByRecord(ctx.viewer, a.sourceSystem, a.personExternalId);
      },
      [`${key}IncomingServiceReferrals`]: (
        _: unknown,
        a: { status?: string | null; first?: number | null },
        ctx: AgencyContext,
      ) => {
        const first = a.first ?? 100;
        assertArgs(
          statusArg(a.status),
          Number.isInteger(first) && first >= 1 && first <= 500
            ? null
            : fieldError('first', 'OUT_OF_RANGE', 'first is 1 to 500'),
        );
        return referrals.incoming(ctx.viewer, a.status ?? null, first);
      },
    },
    mutation: {
      [`refer${prefix}Child`]: (_: unknown, a: { referral: ReferralInput }, ctx: AgencyContext) =>
        referrals.send(ctx.viewer, ctx.loaders.audit, a.referral, {
          // a directory service must exist (the child index keeps the directory)
          checkService: (id) => client.assertService(id, ctx.token),
          handOver: (h) => client.handOver(a.referral.toAgency as AgencyCode, h, ctx.token),
        }),
      [`accept${prefix}ServiceReferral`]: (
        _: unknown,
        a: { id: string; sourceSystem: string; personExternalId: string },
        ctx: AgencyContext,
      ) => referrals.move(ctx.viewer, ctx.loaders.audit, a.id, 'ACCEPTED', a),
      [`decline${prefix}ServiceReferral`]: (
        _: unknown,
        a: { id: string; reason: string; sourceSystem?: string | null; personExternalId?: string | null },
        ctx: AgencyContext,
      ) => referrals.move(ctx.viewer, ctx.loaders.audit, a.id, 'DECLINED', a),
      [`complete${prefix}ServiceReferral`]: (
        _: unknown,
        a: { id: string; note?: string | null },
        ctx: AgencyContext,
      ) => referrals.move(ctx.viewer, ctx.loaders.audit, a.id, 'COMPLETED', { reason: a.note }),
      [`record${prefix}ServiceReferralOutcome`]: (
        _: unknown,
        a: { id: string; status: string; reason?: string | null },
        ctx: AgencyContext,
      ) => {
        assertArgs(
          statusArg(a.status),
          a.status === 'SENT' ? fieldError('status', 'OUT_OF_RANGE', 'a referral is sent once') : null,
        );
        return referrals.recordOutcome(ctx.viewer, ctx.loaders.audit, a.id, a.status, a.reason ?? null);
      },
    },
    types: {
      [`${prefix}ServiceReferral`]: {
        toService: (r: OutgoingReferral) =>
          r.toServiceId ? { __typename: 'DirectoryService', id: r.toServiceId } : null,
        status: async (r: OutgoingReferral, _: unknown, ctx: AgencyContext): Promise<ReferralStatus> =>
          r.toAgency ? ((await shared(r, ctx))?.status ?? 'SENT') : r.ownStatus,
        statusShared: async (r: OutgoingReferral, _: unknown, ctx: AgencyContext) =>
          r.toAgency ? (await shared(r, ctx)) !== null : r.ownStatus !== 'SENT',
        history: async (r: OutgoingReferral, _: unknown, ctx: AgencyContext) => {
          const own = await referrals.ownHistory(r.id);
          if (!r.toAgency) return own;
          // the referrer's SENT, then the receiver's answers (its own SENT is the same event)
          const theirs = (await shared(r, ctx))?.history ?? [];
          return [...own, ...theirs.filter((c) => c.status !== 'SENT')];
        },
      },
      [`${prefix}IncomingServiceReferral`]: {
        history: (r: IncomingReferral) => referrals.incomingHistory(r.id),
      },
    },
  };
}
