import {
  assertArgs,
  fieldError,
  serialArg,
  textArg,
  uuidArg,
  uuidListArg,
  type ArgCheck,
} from '@wholechild/shared';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';

type Args = Record<string, unknown>;
type Resolver = (parent: unknown, args: Args, ...rest: unknown[]) => unknown;
type Ref = { recordId?: unknown };

const refs = (name: string, list: unknown) =>
  uuidListArg(
    name === 'records' ? 'records.recordId' : name,
    ((list as Ref[] | null) ?? []).map((r) => r?.recordId),
  );

/** A record is named one way: by recordId, or by sourceSystem and externalId together. */
function recordKeyArg(a: Args): ArgCheck {
  const given = (v: unknown) => v !== undefined && v !== null;
  const natural = given(a.sourceSystem) || given(a.externalId);
  if (given(a.recordId) && natural)
    return fieldError(
      'recordId',
      'INVALID_FORMAT',
      'give recordId, or sourceSystem and externalId, not both',
    );
  if (given(a.recordId)) return null;
  if (given(a.sourceSystem) && given(a.externalId)) return null;
  const missing = natural ? (given(a.sourceSystem) ? 'externalId' : 'sourceSystem') : 'recordId';
  return fieldError(missing, 'REQUIRED', 'give recordId, or sourceSystem and externalId');
}

/** Checks of the index's id and cursor arguments, by type and field, run before the resolver: a
 *  bad id answers BAD_USER_INPUT naming the argument and nothing is read, written or audited as an
 *  access. (searchChildren's, reviewQueue's, childIndexAuditTrail's and declareDistinctRecords'
 *  own arguments are checked by their services, with their paging rules.) */
const CHECKS: Record<'Query' | 'Mutation', Record<string, (a: Args) => ArgCheck[]>> = {
  Query: {
    child: (a) => [uuidArg('id', a.id)],
    children: (a) => [uuidListArg('ids', a.ids as unknown[])],
    childByAgencyRecord: (a) => [
      recordKeyArg(a),
      uuidArg('recordId', a.recordId),
      textArg('sourceSystem', a.sourceSystem, 64),
      textArg('externalId', a.externalId, 128),
    ],
  },
  Mutation: {
    confirmReviewPair: (a) => [serialArg('id', a.id, 'a review pair id (digits)')],
    rejectReviewPair: (a) => [serialArg('id', a.id, 'a review pair id (digits)')],
    mergeChildren: (a) => [uuidArg('childId', a.childId), uuidArg('intoChildId', a.intoChildId)],
    splitChild: (a) => [uuidArg('childId', a.childId), refs('records', a.records)],
    confirmLink: (a) => [refs('record', [a.record])],
    rejectLink: (a) => [refs('record', [a.record])],
  },
};

/** The resolver map with each checked field's argument checks in front. */
export function withArgumentChecks<C>(map: GraphQLResolverMap<C>): GraphQLResolverMap<C> {
  const out = { ...map } as Record<string, Record<string, unknown>>;
  for (const [type, fields] of Object.entries(CHECKS)) {
    const resolvers = { ...(out[type] ?? {}) };
    for (const [field, check] of Object.entries(fields)) {
      const resolve = resolvers[field] as Resolver | undefined;
      if (!resolve) continue;
      resolvers[field] = (parent: unknown, args: Args, ...rest: unknown[]) => {
        assertArgs(...check(args ?? {}));
        return resolve(parent, args, ...rest);
      };
    }
    out[type] = resolvers;
  }
  return out as GraphQLResolverMap<C>;
}
