import { errorCodes, hasRole, type SubgraphContext } from '@wholechild/shared';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { AgencyRecord, Child } from '../entities';
import type { IndexLoaders } from '../loaders';
import type { ChildService } from '../services/childService';
import type { FeedPuller } from '../services/feedPuller';

type Ctx = SubgraphContext<IndexLoaders>;

export function buildResolvers(children: ChildService, feeds: FeedPuller): GraphQLResolverMap<Ctx> {
  const assertSteward = (ctx: Ctx) => {
    if (!hasRole(ctx.viewer, 'DATA_STEWARD', 'SERVICE'))
      throw errorCodes.FORBIDDEN.err('Only data stewards may run or read the feed pulls');
  };
  return {
    Query: {
      child: (_: unknown, args: { id: string }, ctx: Ctx) => children.byId(ctx, args.id),
      children: (_: unknown, args: { ids: string[] }, ctx: Ctx) => children.byIds(ctx, args.ids),
      childByAgencyRecord: (_: unknown, args: { agency: string; recordId: string }, ctx: Ctx) =>
        children.byAgencyRecord(ctx, args.agency, args.recordId),
      searchChildren: (_: unknown, args: Parameters<ChildService['search']>[1], ctx: Ctx) =>
        children.search(ctx, args),
      feedStatus: (_: unknown, __: unknown, ctx: Ctx) => {
        assertSteward(ctx);
        return feeds.status();
      },
    },
    Mutation: {
      syncAgencyFeeds: async (_: unknown, __: unknown, ctx: Ctx) => {
        assertSteward(ctx);
        await feeds.syncAll();
        return feeds.status();
      },
    },
    Child: {
      __resolveReference: (ref: { id: string }, ctx: Ctx) => children.byId(ctx, ref.id),
      links: async (child: Child, _: unknown, ctx: Ctx) =>
        (await ctx.loaders.links.load(child.id))
          .filter((l: AgencyRecord) => l.status !== 'REJECTED')
          .map((l: AgencyRecord) => ({
            agency: l.agency,
            recordId: l.recordId,
            matchScore: l.matchScore,
            status: l.status,
          })),
    },
  } as GraphQLResolverMap<Ctx>;
}
