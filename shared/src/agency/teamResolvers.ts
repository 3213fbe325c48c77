import type { ObjectLiteral } from 'typeorm';
import { TEAM_CONVENERS } from '../agencies';
import { assertArgs, textArg, uuidArg } from '../graphql/arguments';
import type { ChildRepresentation } from '../graphql/section';
import type { Representations } from './representation';
import type { AgencyContext, AgencyNames, AgencySubgraphSpec } from './spec';
import {
  TeamPlanService,
  type Meeting,
  type MeetingInput,
  type PlanItem,
  type PlanItemChange,
  type PlanItemInput,
} from './teamPlan';
import { TeamService, type Team, type TeamInput, type TeamMemberInput } from './teams';

/** A convening agency's teams (TEAM_CONVENERS): the query, the five writes and the fields of a
 *  team. Whether a viewer is a member is asked at decision time (teamMemberships.ts), not lent. */
export function teamResolvers(
  spec: Pick<AgencySubgraphSpec, 'agency'>,
  names: AgencyNames,
  teams: TeamService,
  plans: TeamPlanService,
  reps: Representations,
) {
  const convener = TEAM_CONVENERS[spec.agency];
  if (!convener) return { query: {}, mutation: {}, child: {}, types: {} };
  const { key, prefix } = names;
  // every member of a team (former ones too), read once a request whoever asks: the lead, each
  // plan item's owner and each meeting's attendees look up the same list
  const allMembers = new WeakMap<AgencyContext, Map<string, ReturnType<TeamService['membersOf']>>>();
  const membersOf = (ctx: AgencyContext, teamId: string) => {
    let byTeam = allMembers.get(ctx);
    if (!byTeam) allMembers.set(ctx, (byTeam = new Map()));
    let list = byTeam.get(teamId);
    if (!list) byTeam.set(teamId, (list = teams.membersOf(teamId, true)));
    return list;
  };
  const memberById = async (ctx: AgencyContext, teamId: string, id: string | null) =>
    id ? ((await membersOf(ctx, teamId)).find((m) => m.id === id) ?? null) : null;
  const checked =
    <A extends Record<string, unknown>, R>(
      check: (a: A) => Parameters<typeof assertArgs>,
      fn: (a: A, ctx: AgencyContext) => R,
    ) =>
    (_: unknown, args: A, ctx: AgencyContext) => {
      assertArgs(...check(args));
      return fn(args, ctx);
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
      [`add${prefix}TeamPlanItem`]: checked(
        (a: { teamId: string; item: PlanItemInput }) => [uuidArg('teamId', a.teamId)],
        (a, ctx) => plans.addItem(ctx.viewer, ctx.loaders.audit, a.teamId, a.item),
      ),
      [`update${prefix}TeamPlanItem`]: checked(
        (a: { itemId: string; change: PlanItemChange }) => [uuidArg('itemId', a.itemId)],
        (a, ctx) => plans.updateItem(ctx.viewer, ctx.loaders.audit, a.itemId, a.change),
      ),
      [`record${prefix}TeamMeeting`]: checked(
        (a: { teamId: string; meeting: MeetingInput }) => [uuidArg('teamId', a.teamId)],
        (a, ctx) => plans.recordMeeting(ctx.viewer, ctx.loaders.audit, a.teamId, a.meeting),
      ),
      [`close${prefix}Team`]: checked(
        (a: { teamId: string; reason: string }) => [uuidArg('teamId', a.teamId)],
        (a, ctx) => plans.close(ctx.viewer, ctx.loaders.audit, a.teamId, a.reason),
      ),
    },
    child: {
      [`${key}Teams`]: (child: ChildRepresentation & ObjectLiteral, _: unknown, ctx: AgencyContext) =>
        teams.teamsOfPersons(ctx.viewer, reps.recordIds(ctx, child)),
    },
    types: {
      [`${prefix}Team`]: {
        members: (t: Team, a: { includeFormer?: boolean }) => teams.membersOf(t.id, a.includeFormer ?? false),
        lead: (t: Team, _: unknown, ctx: AgencyContext) => memberById(ctx, t.id, t.leadMemberId),
        plan: (t: Team, a: { includeClosed?: boolean }, ctx: AgencyContext) =>
          plans.plan(ctx.viewer, ctx.loaders.audit, t, a.includeClosed ?? false),
        meetings: (t: Team) => plans.meetings(t.id),
      },
      [`${prefix}TeamPlanItem`]: {
        owner: (i: PlanItem, _: unknown, ctx: AgencyContext) => memberById(ctx, i.teamId, i.ownerMemberId),
        history: (i: PlanItem) => plans.history(i.id),
      },
      [`${prefix}TeamMeeting`]: {
        attendees: async (m: Meeting, _: unknown, ctx: AgencyContext) =>
          (await membersOf(ctx, m.teamId)).filter((x) => m.attendeeIds.includes(x.id)),
        reviews: (m: Meeting, _: unknown, ctx: AgencyContext) => plans.reviewsAt(ctx.viewer, m.id),
      },
    },
  };
}
