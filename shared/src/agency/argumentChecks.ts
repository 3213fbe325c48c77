import { assertArgs, periodArgs, serialArg, textArg, uuidArg, type ArgCheck } from '../graphql/arguments';

type Args = Record<string, unknown>;
type Resolver = (parent: unknown, args: Args, ...rest: unknown[]) => unknown;

/** Longest token subject (claims.ts bounds `sub` the same way). */
const MAX_SUBJECT = 200;

/** The argument checks of every agency's generated queries and mutations, by field name. Each
 *  runs before the resolver: a bad id, date or cursor is refused naming the argument, and
 *  nothing is read or written. (The person feed's `after` is decoded and checked by feed.ts.) */
function agencyArgChecks(
  key: string,
  prefix: string,
  recordQueryField: string,
): Record<string, (a: Args) => ArgCheck[]> {
  return {
    [recordQueryField]: (a) => [
      uuidArg('id', a.id),
      textArg('sourceSystem', a.sourceSystem, 64),
      textArg('externalId', a.externalId, 128),
    ],
    [`${key}Consents`]: (a) => [
      textArg('sourceSystem', a.sourceSystem, 64),
      textArg('personExternalId', a.personExternalId, 128),
    ],
    [`${key}AuditTrail`]: (a) => [
      ...periodArgs(a.from, a.to),
      textArg('actor', a.actor, MAX_SUBJECT),
      uuidArg('recordId', a.recordId),
      serialArg('after', a.after),
    ],
    [`${key}BreakGlassReport`]: (a) => periodArgs(a.from, a.to),
    [`amend${prefix}Consent`]: (a) => [uuidArg('id', a.id)],
    [`revoke${prefix}Consent`]: (a) => [uuidArg('id', a.id)],
    [`acknowledge${prefix}PrivacyNotice`]: (a) => [serialArg('id', a.id, 'a privacy notice id (digits)')],
  };
}

/** The kit's Query and Mutation maps with each field's argument checks in front. */
export function withAgencyArgChecks<M extends Record<string, unknown>>(
  map: M,
  names: { key: string; prefix: string; recordQueryField: string },
): M {
  const checks = agencyArgChecks(names.key, names.prefix, names.recordQueryField);
  const out: Record<string, unknown> = { ...map };
  for (const [field, check] of Object.entries(checks)) {
    const resolve = out[field] as Resolver | undefined;
    if (!resolve) continue;
    out[field] = (parent: unknown, args: Args, ...rest: unknown[]) => {
      assertArgs(...check(args ?? {}));
      return resolve(parent, args, ...rest);
    };
  }
  return out as M;
}
