import type { ObjectLiteral } from 'typeorm';
import { TEAM_CONVENERS } from '../agencies';
import { sealFact } from '../access/seal';
import { assertArgs, textArg, uuidArg } from '../graphql/arguments';
import type { ChildRepresentation } from '../graphql/section';
import type { Representations } from './representation';
import type { AgencyContext, AgencyNames, AgencySubgraphSpec } from './spec';
import { TeamService, type Team, type TeamInput, type TeamMemberInput } from './teams';

/** A convening agency's teams (TEAM_CONVENERS): the query, the five writes, the fields of a team,
 *  and the membership it lends every holder's policy (`Child.<key>TeamMemberships`, sealed for
 *  this child and caller). */
export function teamResolvers(
  spec: Pick<AgencySubgraphSpec, 'agency'>,
  names: AgencyNames,
  teams: TeamService,
  sealKey: string,
  reps: Representations,
) {
  const convener = TEAM_CONVENERS[spec.agency];
  if (!convener) return { query: {}, mutation: {}, child: {}, types: {} };
  const { key, prefix } = names;
  const field = convener.field;
  const checked =
    <A extends Record<string, unknown>, R>(
      check: (a: A) => Parameters<typeof assertArgs>,
      fn: (a: A, ctx: AgencyContext) => R,
    ) =>
    (_: unknown, args: A, ctx: AgencyContext) => {
      assertArgs(...check(args));
      return fn(args, ctx);
    };
  const memberships = async (child: ChildRepresentation & ObjectLiteral, ctx: AgencyContext) => {
    const lists = await ctx.loaders.teamMemberships!.loadMany(reps.recordIds(ctx, child));
    return [...new Set(lists.flatMap((l) => (l instanceof Error ? [] : l)))].sort();
  };
  return {
    query: {
      [`${key}Teams`]: checked(
        (a: { sourceSystem: string; personExternalId: string }) => [
          textArg('sourceSystem', a.sourceSystem, 64),
          textArg('personExternalId', a.personExternalId, 128),
        ],
        (a, ctx) => teams.teamsOf(ctx.viewer, a.sourceSystem, a.personExternalId),
      ),
    },
    mutation: {
      [`form${prefix}Team`]: (_: unknown, a: { team: TeamInput }, ctx: AgencyContext) =>
        teams.form(ctx.viewer, ctx.loaders.audit, a.team),
      [`add${prefix}TeamMember`]: checked(
        (a: { teamId: string; member: TeamMemberInput }) => [uuidArg('teamId', a.teamId)],
        (a, ctx) => teams.addMember(ctx.viewer, ctx.loaders.audit, a.teamId, a.member),
      ),
      [`remove${prefix}TeamMember`]: checked(
        (a: { memberId: string }) => [uuidArg('memberId', a.memberId)],
        (a, ctx) => teams.removeMember(ctx.viewer, ctx.loaders.audit, a.memberId),
      ),
      [`set${prefix}TeamLead`]: checked(
        (a: { teamId: string; memberId: string }) => [
          uuidArg('teamId', a.teamId),
          uuidArg('memberId', a.memberId),
        ],
        (a, ctx) => teams.setLead(ctx.viewer, ctx.loaders.audit, a.teamId, a.memberId),
      ),
      [`set${prefix}TeamPhase`]: checked(
        (a: { teamId: string; phase: string }) => [uuidArg('teamId', a.teamId)],
        (a, ctx) => teams.setPhase(ctx.viewer, ctx.loaders.audit, a.teamId, a.phase),
      ),
    },
    child: {
      [`${key}Teams`]: (child: ChildRepresentation & ObjectLiteral, _: unknown, ctx: AgencyContext) =>
        teams.teamsOfPersons(ctx.viewer, reps.recordIds(ctx, child)),
      // Whether the asking viewer is a member, and of which teams: it says nothing of anyone else.
      [field]: (child: ChildRepresentation & ObjectLiteral, _: unknown, ctx: AgencyContext) =>
        memberships(child, ctx),
      // the convener's seal: a holder's policy trusts the membership only with it (seal.ts)
      [`${field}Seal`]: async (child: ChildRepresentation & ObjectLiteral, _: unknown, ctx: AgencyContext) =>
        sealFact(sealKey, field, child.id, await memberships(child, ctx), ctx.token),
    },
    types: {
      [`${prefix}Team`]: {
        members: (t: Team, a: { includeFormer?: boolean }) => teams.membersOf(t.id, a.includeFormer ?? false),
        lead: async (t: Team) =>
          t.leadMemberId
            ? ((await teams.membersOf(t.id, true)).find((m) => m.id === t.leadMemberId) ?? null)
            : null,
      },
    },
  };
}
