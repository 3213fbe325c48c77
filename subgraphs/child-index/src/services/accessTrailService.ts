import { GraphQLError } from 'graphql';
import {
  assertMay,
  errorCodes,
  fieldError,
  isUuid,
  type AgencyCode,
  type SubgraphContext,
  type ViewerClaims,
} from '@wholechild/shared';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { DataSource } from 'typeorm';
import type { IndexLoaders } from '../loaders';
import { indexAccessEventOf, readAccessTrail } from '../repositories/accessTrail';

type Ctx = SubgraphContext<IndexLoaders>;
type Resolver = (parent: unknown, args: unknown, ctx: Ctx, info: unknown) => unknown;

/** Largest page of the trail. @default 200 */
export const MAX_TRAIL_PAGE = 200;

/** Reading the index's trail: a privacy officer answers for their own agency's staff. */
export class AccessTrailService {
  constructor(private readonly ds: DataSource) {}

  async read(viewer: ViewerClaims, a: { childId?: string | null; first?: number; after?: string | null }) {
    // HIPAA 164.308(a)(1)(ii)(D): information system activity review is the privacy officer's;
    // the index's trail of an agency's staff is that agency's to review (PERMISSIONS.READ_AUDIT_TRAIL)
    assertMay(viewer, 'READ_AUDIT_TRAIL', { holder: viewer.agency as AgencyCode });
    const first = a.first ?? 50;
    const errors = [];
    if (!Number.isInteger(first) || first < 1 || first > MAX_TRAIL_PAGE)
      errors.push(fieldError('first', 'OUT_OF_RANGE', `between 1 and ${MAX_TRAIL_PAGE}`));
    if (a.childId && !isUuid(a.childId)) errors.push(fieldError('childId', 'INVALID_FORMAT', 'an index id'));
    if (a.after && !/^\d{1,18}$/.test(a.after))
      errors.push(fieldError('after', 'INVALID_FORMAT', 'use endCursor of the previous page'));
    if (errors.length)
      throw errorCodes.BAD_USER_INPUT.err('Invalid trail query', {
        field: errors[0]!.field,
        reason: errors[0]!.reason,
        errors,
      });
    const rows = await readAccessTrail(this.ds, viewer.agency, {
      childId: a.childId,
      first,
      before: a.after ? Number(a.after) : null,
    });
    const nodes = rows.slice(0, first).map(indexAccessEventOf);
    return {
      nodes,
      hasMore: rows.length > first,
      endCursor: rows.length > first ? nodes[nodes.length - 1]!.id : null,
    };
  }
}

const isForbidden = (e: unknown) => e instanceof GraphQLError && e.extensions?.code === 'FORBIDDEN';

/** Wraps the index's queries, mutations and entity lookups so that every refusal writes a DENY
 *  row to the trail before the error goes out (NIST SP 800-53 AU-2: failed access attempts are
 *  audited events). Fail closed: if the row cannot be written, the request fails. */
export function withDenials(map: GraphQLResolverMap<Ctx>): GraphQLResolverMap<Ctx> {
  const wrap =
    (action: string, fn: Resolver): Resolver =>
    async (parent, args, ctx, info) => {
      try {
        return await fn(parent, args, ctx, info);
      } catch (e) {
        if (isForbidden(e))
          await ctx.loaders.trail({
            action,
            decision: 'DENY',
            rule: (e as GraphQLError).message,
            childIds: [],
            recordRefs: [],
          });
        throw e;
      }
    };
  const out = { ...map } as Record<string, Record<string, unknown>>;
  for (const type of ['Query', 'Mutation'])
    out[type] = Object.fromEntries(
      Object.entries(out[type] ?? {}).map(([k, fn]) => [k, wrap(k, fn as Resolver)]),
    );
  if (out.Child?.__resolveReference)
    out.Child = { ...out.Child, __resolveReference: wrap('Child', out.Child.__resolveReference as Resolver) };
  return out as GraphQLResolverMap<Ctx>;
}
