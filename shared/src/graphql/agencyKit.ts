import path from 'node:path';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type DataLoader from 'dataloader';
import type { MixedList, ObjectLiteral } from 'typeorm';
import { AGENCY_KEYS, schemaOf, type AgencyCode, type SubgraphName } from '../agencies';
import type { AccessPolicy } from '../access/accessChecker';
import type { PlatformConfig } from '../config';
import { openSubgraphDatabase, type SubgraphDatabase } from '../db/dataSource';
import type { RecordKind } from '../db/upsert';
import { errorCodes } from '../errors';
import { loadAll, manyByColumn, oneById } from '../loaders';
import type { Logger } from '../logger';
import { assertFeedReader, readPersonFeed } from './feed';
import { loadSubgraphTypeDefs } from './schema';
import { resolveSection, type ChildRepresentation, type SectionParent } from './section';
import { createSubgraphService, type SubgraphContext, type SubgraphService } from './subgraphService';
import { batchUpsert, singleUpsert } from './upsert';

/** One record type of an agency, with its GraphQL names. */
export interface AgencyKind extends RecordKind {
  /** GraphQL object type, e.g. `ChildWelfarePlacement`. */
  typename: string;
  /** Value of the agency's `…RecordKind` enum, e.g. `PLACEMENT`. */
  kindEnum: string;
  /** Mutation names for one record and for a batch. */
  upsertOne: string;
  upsertMany: string;
  /** Field of the agency's section of `Child` listing these records (by `personId`). */
  sectionField?: string;
  /** Entity property that points at the agency's person record. @default 'personId'
   *  `null` for records that are not about a child (a provider, a school, an officer): they are
   *  directory data, readable by any authenticated viewer, and never part of a child's section. */
  personProperty?: string | null;
  /** Extra list fields on this type: field name → (kind typename, property on that kind pointing here). */
  children?: Record<string, { kind: string; property: string }>;
  /** Extra single-record fields: field name → (kind typename, property on this kind holding its id). */
  references?: Record<string, { kind: string; property: string }>;
}

/** Everything that differs between agency subgraphs: the kit builds the rest. */
export interface AgencySubgraphSpec {
  agency: AgencyCode;
  name: SubgraphName;
  /** Absolute path of the subgraph's `schema.graphql`. */
  schemaFile: string;
  entities: MixedList<Function>;
  migrations: MixedList<Function>;
  /** The agency's person record kind (its section's `records`). */
  person: AgencyKind;
  /** Every other record kind. */
  kinds: AgencyKind[];
  /** GraphQL type of the agency's section of Child, e.g. `ChildWelfareSection`. */
  sectionTypename: string;
  /** Query field of the record lookup, e.g. `childWelfareRecord`. */
  recordQueryField: string;
  /** Query field of the person feed, e.g. `childWelfarePersonFeed`. */
  feedQueryField: string;
  /** SQL expression for the feed's sealedAdoption flag. @default 'false' */
  sealedAdoptionSql?: string;
  /** SQL condition a person record must meet to enter the person feed at all (records that must
   *  never leave the agency, e.g. VAWA-protected survivors in housing). @default 'true' */
  feedFilterSql?: string;
  policy: AccessPolicy;
  /** More resolvers, merged over the generated ones. */
  extraResolvers?: (db: SubgraphDatabase) => GraphQLResolverMap<AgencyContext>;
}

export type AgencyLoaders = Record<string, DataLoader<string, ObjectLiteral[]>> & {
  person: DataLoader<string, ObjectLiteral | null>;
};
export type AgencyContext = SubgraphContext<AgencyLoaders>;

export interface CreateAgencyOptions {
  config: PlatformConfig;
  databaseUrl: string;
  logger?: Logger;
}

const withType = (typename: string) => (row: ObjectLiteral | null) =>
  row ? { ...row, __typename: typename } : null;

function buildLoaders(spec: AgencySubgraphSpec, db: SubgraphDatabase): AgencyLoaders {
  const ds = db.dataSource;
  const loaders: Record<string, DataLoader<string, unknown>> = {
    person: oneById(ds.getRepository(spec.person.entity) as never),
  };
  for (const kind of spec.kinds) {
    if (kind.personProperty === null) continue;
    const repo = ds.getRepository(kind.entity);
    loaders[`${kind.typename}:${kind.personProperty ?? 'personId'}`] = manyByColumn(
      repo,
      kind.personProperty ?? 'personId',
      { createdAt: 'ASC' } as never,
    );
  }
  for (const kind of [spec.person, ...spec.kinds]) {
    for (const child of Object.values(kind.children ?? {})) {
      const target = spec.kinds.find((k) => k.typename === child.kind)!;
      const key = `${child.kind}:${child.property}`;
      loaders[key] ??= manyByColumn(ds.getRepository(target.entity), child.property, {
        createdAt: 'ASC',
      } as never);
    }
    for (const ref of Object.values(kind.references ?? {})) {
      const target = [spec.person, ...spec.kinds].find((k) => k.typename === ref.kind)!;
      loaders[`${ref.kind}:id`] ??= oneById(ds.getRepository(target.entity) as never);
    }
  }
  return loaders as AgencyLoaders;
}

function buildResolvers(spec: AgencySubgraphSpec, db: SubgraphDatabase): GraphQLResolverMap<AgencyContext> {
  const ds = db.dataSource;
  const key = AGENCY_KEYS[spec.agency];
  const all = [spec.person, ...spec.kinds];
  const byEnum = new Map(all.map((k) => [k.kindEnum, k]));
  const typenames = new Set(all.map((k) => k.typename));

  const section: Record<string, unknown> = {
    records: async (p: SectionParent, _: unknown, ctx: AgencyContext) =>
      (await ctx.loaders.person.loadMany(p.recordIds)).filter(
        (r): r is ObjectLiteral => !!r && !(r instanceof Error),
      ),
  };
  for (const kind of spec.kinds) {
    if (!kind.sectionField || kind.personProperty === null) continue;
    section[kind.sectionField] = (p: SectionParent, _: unknown, ctx: AgencyContext) =>
      loadAll(ctx.loaders[`${kind.typename}:${kind.personProperty ?? 'personId'}`]!, p.recordIds);
  }

  const query: Record<string, unknown> = {
    [spec.recordQueryField]: async (
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
      if (kind.personProperty === null) return withType(kind.typename)(row);
      const personId = kind === spec.person ? row.id : row[kind.personProperty ?? 'personId'];
      const decision = await ctx.access.check({ recordIds: [personId], category: 'SECTION' });
      if (!decision.permit) return ctx.access.restricted(decision, 'SECTION');
      return withType(kind.typename)(row);
    },
    [spec.feedQueryField]: async (
      _: unknown,
      args: { after?: string; first?: number },
      ctx: AgencyContext,
    ) => {
      assertFeedReader(ctx.viewer, spec.agency);
      const meta = ds.getMetadata(spec.person.entity);
      return readPersonFeed(
        ds,
        meta.tablePath,
        spec.agency,
        args.after,
        args.first,
        spec.sealedAdoptionSql,
        spec.feedFilterSql,
      );
    },
  };

  const mutation: Record<string, unknown> = {};
  for (const kind of all) {
    mutation[kind.upsertOne] = (_: unknown, args: { record: Record<string, unknown> }, ctx: AgencyContext) =>
      singleUpsert(ctx, ds, spec.agency, kind, args.record);
    mutation[kind.upsertMany] = (
      _: unknown,
      args: { records: Array<Record<string, unknown>> },
      ctx: AgencyContext,
    ) => batchUpsert(ctx, ds, spec.agency, kind, args.records);
  }

  const resolvers: Record<string, Record<string, unknown>> = {
    Query: query,
    Mutation: mutation,
    Child: {
      __resolveReference: (ref: ChildRepresentation) => ref,
      [key]: (child: ChildRepresentation, _: unknown, ctx: AgencyContext) =>
        resolveSection(ctx, spec.agency, child, spec.sectionTypename),
    },
    [spec.sectionTypename]: section,
    [`${spec.sectionTypename}Result`]: { __resolveType: (o: { __typename: string }) => o.__typename },
    [`${capitalize(spec.recordQueryField)}Result`]: {
      __resolveType: (o: { __typename: string }) =>
        typenames.has(o.__typename) || o.__typename === 'Restricted' ? o.__typename : null,
    },
  };
  for (const kind of all) {
    const fields: Record<string, unknown> = {};
    for (const [field, child] of Object.entries(kind.children ?? {})) {
      fields[field] = (parent: { id: string }, _: unknown, ctx: AgencyContext) =>
        ctx.loaders[`${child.kind}:${child.property}`]!.load(parent.id);
    }
    for (const [field, ref] of Object.entries(kind.references ?? {})) {
      fields[field] = (parent: Record<string, string | null>, _: unknown, ctx: AgencyContext) => {
        const id = parent[ref.property];
        return id
          ? (ctx.loaders[`${ref.kind}:id`] as unknown as DataLoader<string, ObjectLiteral | null>).load(id)
          : null;
      };
    }
    if (Object.keys(fields).length) resolvers[kind.typename] = fields;
  }
  const extra = spec.extraResolvers?.(db) ?? {};
  for (const [type, fields] of Object.entries(extra))
    resolvers[type] = { ...(resolvers[type] ?? {}), ...(fields as object) };
  return resolvers as GraphQLResolverMap<AgencyContext>;
}

const capitalize = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/** Opens the agency's database (migrating it) and builds its subgraph service. */
export async function createAgencySubgraph(
  spec: AgencySubgraphSpec,
  opts: CreateAgencyOptions,
): Promise<SubgraphService> {
  // A directory record (a school, a provider) is readable by anyone signed in: it must never
  // lead to a child's records, which only a section (behind the access check) may list.
  for (const kind of spec.kinds) {
    if (kind.personProperty === null && Object.keys(kind.children ?? {}).length) {
      throw new Error(`${kind.typename} is a directory kind and may not list child records`);
    }
  }
  const db = await openSubgraphDatabase({
    url: opts.databaseUrl,
    schema: schemaOf(spec.name),
    entities: spec.entities,
    migrations: spec.migrations,
    poolSize: opts.config.dbPoolSize,
  });
  return createSubgraphService<AgencyLoaders>({
    name: spec.name,
    typeDefs: loadSubgraphTypeDefs(spec.schemaFile),
    resolvers: buildResolvers(spec, db),
    db,
    config: opts.config,
    policy: spec.policy,
    createLoaders: () => buildLoaders(spec, db),
    logger: opts.logger,
  });
}

export const schemaFileOf = (srcDir: string) => path.join(srcDir, 'schema.graphql');
