import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { ChildRepresentation } from '../graphql/section';
import { breakGlassLimiter } from '../access/breakGlassLimit';
import type { AgencyPolicy } from '../access/policy';
import { AgencySectionAccess } from '../access/sectionAccess';
import { representationKeyOf, type PlatformConfig } from '../config';
import type { SubgraphDatabase } from '../db/dataSource';
import type { IndexNotifier } from '../graphql/indexNotifier';
import { withAgencyArgChecks } from './argumentChecks';
import { auditTrailResolvers } from './auditTrail';
import { consentResolvers } from './consents';
import { disclosureResolvers } from './disclosures';
import { lookupResolvers } from './lookups';
import { protectionOf } from './protection';
import { lentFactResolvers, representations } from './representation';
import { sectionResolvers, type SectionLists } from './sections';
import { agencyNames, type AgencyContext, type AgencySubgraphSpec } from './spec';
import { subscriptionResolvers } from './notifications/subscriptions';
import { referralResolvers } from './referralResolvers';
import type { ReferralClient } from './referralRoutes';
import type { ReferralService } from './referrals';
import { teamResolvers } from './teamResolvers';
import type { TeamMembershipClient } from './teamMemberships';
import { TeamPlanService } from './teamPlan';
import { TeamService } from './teams';
import { upsertResolvers } from './upserts';

/** Every resolver of an agency subgraph, from its spec: each job in its own file, access decided
 *  by one unit (access/sectionAccess.ts) for sections and lookups alike. */
export function buildResolvers(
  spec: AgencySubgraphSpec,
  policy: AgencyPolicy,
  db: SubgraphDatabase,
  sections: SectionLists,
  config: PlatformConfig,
  notifier: IndexNotifier,
  memberships: TeamMembershipClient,
  referralSides: { service: ReferralService; client: ReferralClient },
): GraphQLResolverMap<AgencyContext> {
  const ds = db.dataSource;
  const names = agencyNames(spec.agency);
  const personTable = ds.getMetadata(spec.person.entity).tablePath;
  const protection = protectionOf(spec);
  const access = new AgencySectionAccess({
    agency: spec.agency,
    policy,
    neverLeaves: protection.neverLeaves,
    existenceProtected: protection.existenceProtected,
    protectedCategory: protection.protectedCategory,
    breakGlassGate: breakGlassLimiter(ds, spec.agency, config.breakGlassMaxChildrenPerHour),
    lists: sections.lists.map(({ field, part, kind }) => ({ field, part, category: kind.category })),
  });
  const sealKey = representationKeyOf(config);
  const reps = representations(spec.agency, sealKey);
  const section = sectionResolvers(spec, names, policy, sections, access, reps, memberships);
  const lookups = lookupResolvers(spec, names, ds, personTable, access, protection);
  const consents = consentResolvers(
    spec,
    names,
    policy,
    ds,
    personTable,
    reps,
    protection.leavesSql,
    memberships,
  );
  const trail = auditTrailResolvers(spec, names, ds, reps);
  const teams = spec.teams
    ? teamResolvers(
        spec,
        names,
        new TeamService(ds, spec.agency, personTable, protection.leavesSql, spec.teamEventCategory),
        new TeamPlanService(ds, spec.agency, spec.teamMeetingRecords ?? null),
        reps,
      )
    : { query: {}, mutation: {}, child: {}, types: {} };
  const webhooks = subscriptionResolvers(spec, names, ds, config.mode);
  const referrals = referralResolvers(names, referralSides.service, referralSides.client);
  const checked = { key: names.key, prefix: names.prefix, recordQueryField: names.recordQueryField };

  const resolvers: Record<string, Record<string, unknown>> = {
    Query: withAgencyArgChecks(
      {
        ...trail.query,
        ...lookups.query,
        ...consents.query,
        ...teams.query,
        ...webhooks.query,
        ...referrals.query,
      },
      checked,
    ),
    Mutation: withAgencyArgChecks(
      {
        ...trail.mutation,
        ...consents.mutation,
        ...teams.mutation,
        ...webhooks.mutation,
        ...referrals.mutation,
        ...upsertResolvers(spec, ds, notifier),
      },
      checked,
    ),
    Child: {
      __resolveReference: (ref: ChildRepresentation) => ref,
      [names.key]: section.childSection,
      ...consents.child,
      ...trail.child,
      ...disclosureResolvers(spec, names, policy, ds, reps, protection),
      ...lentFactResolvers(spec, sealKey, reps),
      ...teams.child,
    },
    ...section.types,
    ...teams.types,
    ...referrals.types,
    ...lookups.types,
  };
  const extra = spec.extraResolvers?.(db) ?? {};
  for (const [type, fields] of Object.entries(extra))
    resolvers[type] = { ...(resolvers[type] ?? {}), ...(fields as object) };
  return resolvers as GraphQLResolverMap<AgencyContext>;
}
