import {
  assertFeedNotifier,
  assertMay,
  messagesFor,
  sealLinks,
  supportedLanguages,
  type AgencyCode,
  type SubgraphContext,
} from '@wholechild/shared';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { AgencyRecord, Child } from '../entities';
import type { IndexLoaders } from '../loaders';
import { visibleTo, type ChildService } from '../services/childService';
import type { FeedPuller } from '../services/feedPuller';
import type { ReviewService } from '../services/reviewService';
import type { RecordRef, StewardService } from '../services/stewardService';
import type { DataSource } from 'typeorm';
import { AccessTrailService } from '../services/accessTrailService';
import { FamilyViewService } from '../services/familyViewService';
import { agencyParts } from '../services/agencyParts';

type Ctx = SubgraphContext<IndexLoaders>;

/** Every link of a child but rejected ones, for the agencies' sections (each holder decides). */
const recordLinksOf = async (ctx: Ctx, childId: string) =>
  (await ctx.loaders.links.load(childId)).filter((l: AgencyRecord) => l.status !== 'REJECTED').map(linkOf);

const linkOf = (l: AgencyRecord) => ({
  agency: l.agency,
  recordId: l.recordId,
  matchScore: l.matchScore,
  status: l.status,
});

export function buildResolvers(
  children: ChildService,
  feeds: FeedPuller,
  stewards: StewardService,
  reviews: ReviewService,
  ds: DataSource,
  representationKey: string,
): GraphQLResolverMap<Ctx> {
  // PERMISSIONS.READ_FEED_STATUS / RUN_FEED_SYNC: the index service and data stewards
  const assertSteward = (ctx: Ctx, op: 'READ_FEED_STATUS' | 'RUN_FEED_SYNC') => assertMay(ctx.viewer, op);
  const trail = new AccessTrailService(ds);
  const family = new FamilyViewService(ds);
  return {
    Query: {
      child: (_: unknown, args: { id: string }, ctx: Ctx) => children.byId(ctx, args.id),
      children: (_: unknown, args: { ids: string[] }, ctx: Ctx) => children.byIds(ctx, args.ids),
      childByAgencyRecord: (
        _: unknown,
        a: {
          agency: string;
          recordId?: string | null;
          sourceSystem?: string | null;
          externalId?: string | null;
        },
        ctx: Ctx,
      ) =>
        children.byAgencyRecord(
          ctx,
          a.agency,
          // argumentChecks made sure exactly one form is given
          a.recordId != null
            ? { recordId: a.recordId }
            : { sourceSystem: a.sourceSystem!, externalId: a.externalId! },
        ),
      searchChildren: (_: unknown, args: Parameters<ChildService['search']>[1], ctx: Ctx) =>
        children.search(ctx, args),
      feedStatus: (_: unknown, __: unknown, ctx: Ctx) => {
        assertSteward(ctx, 'READ_FEED_STATUS');
        return feeds.status();
      },
      reviewQueue: async (_: unknown, a: { first?: number; after?: string | null }, ctx: Ctx) => {
        const page = await reviews.queue(ctx.viewer, a.first ?? 50, a.after);
        await ctx.loaders.trail({
          action: 'REVIEW_QUEUE',
          decision: 'PERMIT',
          rule: 'DATA_STEWARD',
          childIds: [],
          recordRefs: page.nodes.flatMap((n) => [
            `${n.a.agency}:${n.a.recordId}`,
            `${n.b.agency}:${n.b.recordId}`,
          ]),
        });
        return page;
      },
      matchModel: (_: unknown, __: unknown, ctx: Ctx) => reviews.modelInfo(ctx.viewer),
      childIndexAuditTrail: (
        _: unknown,
        a: { childId?: string | null; first?: number; after?: string | null },
        ctx: Ctx,
      ) => trail.read(ctx.viewer, a),
      familyLanguages: () =>
        supportedLanguages().map((code) => ({ code, name: messagesFor(code).messages.languageName })),
    },
    Mutation: {
      setFamilyLanguage: async (_: unknown, a: { childId: string; language: string }, ctx: Ctx) => {
        await family.setLanguage(ctx, a.childId, a.language);
        return children.byId(ctx, a.childId);
      },
      confirmReviewPair: async (_: unknown, a: { id: string; reason: string }, ctx: Ctx) =>
        children.byId(ctx, await reviews.confirm(ctx.viewer, a.id, a.reason)),
      rejectReviewPair: (_: unknown, a: { id: string; reason: string }, ctx: Ctx) =>
        reviews.reject(ctx.viewer, a.id, a.reason),
      declareDistinctRecords: async (
        _: unknown,
        a: { agency: string; recordIds: string[]; reason: string },
        ctx: Ctx,
      ) => {
        const ids = await reviews.declareDistinct(ctx.viewer, a.agency, a.recordIds, a.reason);
        return Promise.all(ids.map((id) => children.byId(ctx, id)));
      },
      syncAgencyFeeds: async (_: unknown, a: { wait?: boolean | null }, ctx: Ctx) => {
        assertSteward(ctx, 'RUN_FEED_SYNC');
        // a first load outlasts the gateway's subgraph timeout: answer at once unless asked to wait
        if (a.wait) await feeds.syncAll();
        else feeds.startSyncAll();
        return feeds.status();
      },
      agencyFeedChanged: async (_: unknown, a: { agency: AgencyCode }, ctx: Ctx) => {
        assertFeedNotifier(ctx.viewer, a.agency);
        return (await feeds.syncAgency(a.agency)).ok;
      },
      mergeChildren: async (
        _: unknown,
        a: { childId: string; intoChildId: string; reason: string },
        ctx: Ctx,
      ) => children.byId(ctx, await stewards.merge(ctx.viewer, a.childId, a.intoChildId, a.reason)),
      splitChild: async (
        _: unknown,
        a: { childId: string; records: RecordRef[]; reason: string },
        ctx: Ctx,
      ) => children.byId(ctx, await stewards.split(ctx.viewer, a.childId, a.records, a.reason)),
      confirmLink: async (_: unknown, a: { record: RecordRef; reason: string }, ctx: Ctx) =>
        children.byId(ctx, await stewards.decide(ctx.viewer, a.record, 'CONFIRM', a.reason)),
      rejectLink: async (_: unknown, a: { record: RecordRef; reason: string }, ctx: Ctx) =>
        children.byId(ctx, await stewards.decide(ctx.viewer, a.record, 'REJECT', a.reason)),
    },
    Child: {
      __resolveReference: async (ref: Record<string, unknown> & { id: string }, ctx: Ctx) => {
        const child = await children.byId(ctx, ref.id);
        return child ? { ...ref, ...child } : null;
      },
      links: async (child: Child, _: unknown, ctx: Ctx) =>
        (await ctx.loaders.links.load(child.id)).filter((l) => visibleTo(ctx.viewer, l)).map(linkOf),
      linkHistory: (child: Child, _: unknown, ctx: Ctx) => stewards.history(ctx.viewer, child.id),
      matchExplanation: async (child: Child, _: unknown, ctx: Ctx) =>
        reviews.explainChild(ctx.viewer, await ctx.loaders.links.load(child.id)),
      recordLinks: async (child: Child, _: unknown, ctx: Ctx) => recordLinksOf(ctx, child.id),
      recordLinksSeal: async (child: Child, _: unknown, ctx: Ctx) =>
        sealLinks(representationKey, child.id, await recordLinksOf(ctx, child.id), ctx.token),
      consents: (child: Record<string, unknown>) => agencyParts(child, 'Consents', 'consents').flat(),
      auditTrail: (child: Record<string, unknown>) =>
        agencyParts<{ at: string }>(child, 'AuditEvents', 'auditTrail')
          .flat()
          .sort((x, y) => (x.at < y.at ? 1 : -1)),
      familyLanguage: (child: Child) => family.languageOf(child.id),
      disclosureReport: (
        child: Record<string, unknown> & { id: string },
        a: { language?: string | null },
        ctx: Ctx,
      ) => family.report(ctx, child, a),
    },
  } as GraphQLResolverMap<Ctx>;
}
