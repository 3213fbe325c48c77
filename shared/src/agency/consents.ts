import type { DataSource } from 'typeorm';
import { ageFrom } from '../access/decisions';
import { ConsentService, type ConsentAmendment, type ConsentInput } from '../access/consents';
import { consentInForce, visibleConsents, type AgencyPolicy, type ConsentLike } from '../access/policy';
import type { ChildRepresentation } from '../graphql/section';
import type { Representations } from './representation';
import type { TeamMembershipClient } from './teamMemberships';
import type { AgencyContext, AgencyNames, AgencySubgraphSpec } from './spec';

/** Consents: the lookup of one person record's, the three writes, and `Child.<key>Consents`
 *  (merged by the child index). Consents are protected data too: who sees which is
 *  `visibleConsents`'s rule (access/policy.ts). */
export function consentResolvers(
  spec: AgencySubgraphSpec,
  names: AgencyNames,
  policy: AgencyPolicy,
  ds: DataSource,
  personTable: string,
  reps: Representations,
  /** SQL: the record may leave the agency at all (protection.ts). */
  leavesSql: string | undefined,
  /** Asked, at decision time, of the viewer's team memberships (a team-sharing consent is shown to
   *  the team's current members, as the section it opens is). */
  memberships: TeamMembershipClient,
) {
  const consents = new ConsentService(
    ds,
    policy,
    personTable,
    (p) => ageFrom(p.birth_date as string | null),
    leavesSql,
  );
  const visible = <C extends ConsentLike>(ctx: AgencyContext, list: C[]) =>
    visibleConsents(policy, ctx.viewer, list);
  const { key, prefix } = names;
  return {
    query: {
      [`${key}Consents`]: async (
        _: unknown,
        args: { sourceSystem: string; personExternalId: string },
        ctx: AgencyContext,
      ) => {
        // a record that never leaves the agency (a DV survivor's) answers another agency as a
        // missing one does: nothing
        const [person] = await ds.query(
          `SELECT id, (${leavesSql ?? 'true'}) AS leaves FROM ${personTable} WHERE source_system = $1 AND external_id = $2`,
          [args.sourceSystem, args.personExternalId],
        );
        if (!person || (!person.leaves && ctx.viewer.agency !== spec.agency)) return [];
        return visible(ctx, await consents.listFor([person.id]));
      },
    },
    mutation: {
      [`record${prefix}Consent`]: (_: unknown, args: { consent: ConsentInput }, ctx: AgencyContext) =>
        consents.record(ctx.viewer, ctx.loaders.audit, args.consent),
      [`amend${prefix}Consent`]: (
        _: unknown,
        args: { id: string; amendment: ConsentAmendment },
        ctx: AgencyContext,
      ) => consents.amend(ctx.viewer, ctx.loaders.audit, args.id, args.amendment),
      [`revoke${prefix}Consent`]: (_: unknown, args: { id: string; reason: string }, ctx: AgencyContext) =>
        consents.revoke(ctx.viewer, ctx.loaders.audit, args.id, args.reason),
    },
    child: {
      [`${key}Consents`]: async (child: ChildRepresentation, _: unknown, ctx: AgencyContext) => {
        const recordIds = reps.recordIds(ctx, child);
        const list = await consents.listFor(recordIds);
        // the viewer's memberships are asked only when a consent in force here names a team
        const namesTeam =
          ctx.viewer.agency !== spec.agency &&
          list.some((c) => (c.recipientTeams?.length ?? 0) > 0 && consentInForce(c));
        const teamMemberships = namesTeam ? await memberships.of(ctx, child, recordIds) : [];
        return visibleConsents(policy, ctx.viewer, list, { teamMemberships });
      },
    },
  };
}
