import type { ObjectLiteral } from 'typeorm';
import { LENT_FACTS, type AgencyCode } from '../agencies';
import { may } from '../access/permissions';
import type { AccessFacts } from '../access/policy';
import { factSealHolds, linksSealHolds, sealFact } from '../access/seal';
import { errorCodes } from '../errors';
import { linkedRecordIds, type ChildRepresentation } from '../graphql/section';
import type { AgencyContext, AgencySubgraphSpec } from './spec';

/** What an agency takes from a Child representation, verified, never trusted. */
export interface Representations {
  /** The holder's record ids of a representation whose links the index sealed for this child and
   *  caller; any other is refused (and, as every refusal, audited): an `_entities` call straight
   *  to the subgraph cannot claim another child's records. */
  recordIds(ctx: AgencyContext, child: ChildRepresentation & ObjectLiteral): string[];
  /** The lent facts the representation brings (those this agency's SDL @requires), under their
   *  one name; a fact its lender did not seal for this child and caller reads as false: a fact
   *  only ever opens records, so an unproven one opens nothing. */
  facts(ctx: AgencyContext, child: ChildRepresentation & ObjectLiteral): AccessFacts;
}

export function representations(agency: AgencyCode, sealKey: string): Representations {
  return {
    recordIds(ctx, child) {
      const links = child.recordLinks ?? [];
      if (!linksSealHolds(sealKey, child.recordLinksSeal, child.id, links, ctx.token))
        throw errorCodes.FORBIDDEN.err(
          'These links were not sealed by the child index for this child and caller',
        );
      return linkedRecordIds(child, agency);
    },
    facts(ctx, child) {
      const out: Record<string, boolean> = {};
      for (const f of Object.values(LENT_FACTS))
        if (f && f.field in child)
          out[f.field] =
            child[f.field] === true &&
            factSealHolds(sealKey, child[`${f.field}Seal`], f.field, child.id, child[f.field], ctx.token);
      return out as AccessFacts;
    },
  };
}

/** The Child fields of the fact this agency lends (and its seal), when it lends one. Facts go only
 *  to the agency's own staff: they are what its own record says, lent to another agency's policy
 *  for this viewer's request. */
export function lentFactResolvers(
  spec: Pick<AgencySubgraphSpec, 'agency' | 'providesFact'>,
  sealKey: string,
  reps: Representations,
): Record<string, unknown> {
  const fact = LENT_FACTS[spec.agency];
  if (!spec.providesFact || !fact) return {};
  const factOf = async (child: ChildRepresentation & ObjectLiteral, ctx: AgencyContext) => {
    if (!may(ctx.viewer, 'LEND_FACT', { holder: spec.agency })) return null;
    const values = await ctx.loaders.facts!.loadMany(reps.recordIds(ctx, child));
    return values.some((v) => v === true);
  };
  return {
    [fact.field]: (child: ChildRepresentation & ObjectLiteral, _: unknown, ctx: AgencyContext) =>
      factOf(child, ctx),
    // the lender's seal: the policy that reads the fact trusts it only with this (seal.ts)
    [`${fact.field}Seal`]: async (
      child: ChildRepresentation & ObjectLiteral,
      _: unknown,
      ctx: AgencyContext,
    ) => sealFact(sealKey, fact.field, child.id, await factOf(child, ctx), ctx.token),
  };
}
