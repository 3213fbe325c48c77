import type { DataSource, ObjectLiteral } from 'typeorm';
import type { AgencySectionAccess } from '../access/sectionAccess';
import { errorCodes } from '../errors';
import { assertFeedReader, readPersonFeed } from '../graphql/feed';
import type { DerivedProtection } from './protection';
import { categoryOf, type AgencyContext, type AgencyNames, type AgencySubgraphSpec } from './spec';

/** The record lookup (`<key>Record(kind, id | sourceSystem + externalId)`), decided as a section
 *  is, and the person feed the child index reads. */
export function lookupResolvers(
  spec: AgencySubgraphSpec,
  names: AgencyNames,
  ds: DataSource,
  personTable: string,
  access: AgencySectionAccess,
  protection: DerivedProtection,
) {
  const all = [spec.person, ...spec.kinds];
  const byEnum = new Map(all.map((k) => [k.kindEnum, k]));
  const typenames = new Set(all.map((k) => k.typename));
  const capitalized = names.recordQueryField[0]!.toUpperCase() + names.recordQueryField.slice(1);
  return {
    query: {
      [names.recordQueryField]: async (
        _: unknown,
        args: { kind: string; id?: string; sourceSystem?: string; externalId?: string },
        ctx: AgencyContext,
      ) => {
        const kind = byEnum.get(args.kind)!;
        const where = args.id
          ? { id: args.id }
          : args.sourceSystem && args.externalId
            ? { sourceSystem: args.sourceSystem, externalId: args.externalId }
            : null;
        if (!where) {
          throw errorCodes.BAD_USER_INPUT.err('Give either id, or sourceSystem and externalId', {
            field: 'id',
            reason: 'no key given',
            errors: [{ field: 'id', code: 'REQUIRED', reason: 'give id, or sourceSystem and externalId' }],
          });
        }
        if (args.id && !/^[0-9a-f-]{36}$/i.test(args.id)) return null;
        const row = (await ds
          .getRepository(kind.entity)
          .findOne({ where: where as never })) as ObjectLiteral | null;
        if (!row) return null;
        if (kind.personProperty === null) return { ...row, __typename: kind.typename };
        const personId = kind === spec.person ? row.id : row[kind.personProperty ?? 'personId'];
        return access.record(ctx, personId, row, {
          typename: kind.typename,
          category: categoryOf(spec, kind),
          fieldCategories: kind.fieldCategories,
        });
      },
      [names.feedQueryField]: async (
        _: unknown,
        args: { after?: string; first?: number },
        ctx: AgencyContext,
      ) => {
        assertFeedReader(ctx.viewer, spec.agency);
        return readPersonFeed(
          ds,
          personTable,
          spec.agency,
          args.after,
          args.first,
          protection.sealedAdoptionSql,
          protection.feedFilterSql,
          protection.existenceProtectedSql,
        );
      },
    },
    types: {
      [`${capitalized}Result`]: {
        __resolveType: (o: { __typename: string }) =>
          typenames.has(o.__typename) || o.__typename === 'Restricted' ? o.__typename : null,
      },
    },
  };
}
