import type { AgencyCode } from '../agencies';
import type { DataSource, ObjectLiteral } from 'typeorm';
import { DISCLOSURE_ACCOUNTING_RULE, disclosuresOfRecords } from '../access/disclosures';
import { permission } from '../access/permissions';
import type { AgencyPolicy } from '../access/policy';
import { linkedRecordIds, type ChildRepresentation } from '../graphql/section';
import type { DerivedProtection } from './protection';
import type { Representations } from './representation';
import type { AgencyContext, AgencyNames, AgencySubgraphSpec } from './spec';

/**
 * `Child.<key>Disclosures`: this agency's part of a family's accounting of disclosures (45 CFR
 * 164.528, 42 CFR 2.24), read from its own trail for the child's linked records and merged by the
 * child index into `Child.disclosureReport`. The request is itself audited here (rule
 * DISCLOSURE_ACCOUNTING, PERMIT or DENY) before anything is read: fail closed.
 *
 * Never more than the requester may know: records whose existence is protected (42 CFR 2.13(c),
 * VAWA) and categories whose existence a denial may not reveal contribute only when the requester
 * is this agency's own staff; to anyone else the report reads as if they did not exist.
 */
export function disclosureResolvers(
  spec: Pick<AgencySubgraphSpec, 'agency'>,
  { key }: AgencyNames,
  policy: AgencyPolicy,
  ds: DataSource,
  reps: Representations,
  protection: DerivedProtection,
) {
  const hidden = new Set(policy.categories.filter((c) => !c.revealExistence).map((c) => c.category));
  return {
    [`${key}Disclosures`]: async (
      child: ChildRepresentation & ObjectLiteral,
      _: unknown,
      ctx: AgencyContext,
    ) => {
      const recordIds = reps.recordIds(ctx, child);
      if (!recordIds.length) return [];
      // PERMISSIONS.ACCOUNT_DISCLOSURES: staff of an agency that holds a record of this child
      const requesterHolds = linkedRecordIds(child, ctx.viewer.agency as AgencyCode).length > 0;
      const asked = permission(ctx.viewer, 'ACCOUNT_DISCLOSURES', {
        holder: requesterHolds ? ctx.viewer.agency : undefined,
      });
      const entry = { childId: child.id, categories: [], rule: DISCLOSURE_ACCOUNTING_RULE, consentId: null };
      if (!asked.allowed) {
        // refused: the index refuses the report (FORBIDDEN); this trail keeps the attempt
        await ctx.loaders.audit({ ...entry, recordIds: [], decision: 'DENY' });
        return [];
      }
      const own = ctx.viewer.agency === spec.agency;
      const shown = own ? recordIds : await knowableRecords(ctx, recordIds, protection);
      await ctx.loaders.audit({ ...entry, recordIds: shown, decision: 'PERMIT' });
      const found = await disclosuresOfRecords(ds, policy, shown, {
        knowable: (category) => own || !hidden.has(category),
      });
      // one JSON object per disclosure: an internal field, carried as strings because Hive
      // Gateway's Rust planner fails every Child query once a @requires field returns objects of
      // a type only internal fields use (gateway/test/hiveGateway.test.ts)
      return found.map((d) => JSON.stringify(d));
    },
  };
}

/** The records another agency's requester may know of: none whose existence is protected and none
 *  that never leaves the agency. */
async function knowableRecords(ctx: AgencyContext, recordIds: string[], protection: DerivedProtection) {
  const people = await ctx.loaders.person.loadMany(recordIds);
  return recordIds.filter((_, i) => {
    const p = people[i];
    if (!p || p instanceof Error) return false;
    return !protection.existenceProtected?.(p) && !protection.neverLeaves?.(p);
  });
}
