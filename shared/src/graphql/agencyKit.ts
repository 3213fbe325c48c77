import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { GraphQLResolveInfo } from 'graphql';
import DataLoader from 'dataloader';
import { getMetadataArgsStorage, type DataSource, type MixedList, type ObjectLiteral } from 'typeorm';
import {
  AGENCY_KEYS,
  AGENCY_PREFIX,
  LENT_FACTS,
  schemaOf,
  type AgencyCode,
  type SubgraphName,
} from '../agencies';
import { AuditAppend1732800000000, auditEventOf, createAuditWriter, type AuditWriter } from '../access/audit';
import { breakGlassLimiter } from '../access/breakGlassLimit';
import { PrivacyNotice1733200000000 } from '../access/privacyNotice';
import {
  consentLoader,
  ConsentService,
  personAccessLoader,
  type ConsentAmendment,
  type ConsentInput,
} from '../access/consents';
import {
  validatePolicy,
  type AccessFacts,
  type AgencyPolicy,
  consentShownTo,
  type ConsentGrant,
  type ConsentLike,
  type Decision,
} from '../access/policy';
import { may, assertMay } from '../access/permissions';
import { databaseRolesOf, type PlatformConfig } from '../config';
import { openSubgraphDatabase, preparedQuery, type SubgraphDatabase } from '../db/dataSource';
import { feedOrderMigration, touchOnUpdateMigration } from '../db/personRecord';
import type { RecordKind } from '../db/upsert';
import { errorCodes } from '../errors';
import { loadAll, manyByColumn, manyByColumns, oneById, type ListKey, type ListPart } from '../loaders';
import { createLogger, type Logger } from '../logger';
import {
  ACCESS,
  ageFrom,
  anyPermit,
  decideAll,
  filterRows,
  noticesOf,
  restrictedOf,
  type SectionAccess,
} from './agencyAccess';
import { withAgencyArgChecks } from './agencyArguments';
import { assertFeedReader, readPersonFeed } from './feed';
import { IndexNotifier } from './indexNotifier';
import { AuditCheckpointer } from '../access/auditCheckpoint';
import { factSealHolds, linksSealHolds, sealFact } from '../access/seal';
import { loadSubgraphTypeDefs } from './schema';
import { privacyNoticeResolvers } from './privacyNotices';
import { linkedRecordIds, selectedFields, type ChildRepresentation } from './section';
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
  /** The policy category of a record of this kind (a function where it depends on the record,
   *  e.g. substance-use episodes). The person kind is always IDENTITY. */
  category?: string | ((row: ObjectLiteral) => string);
  /** Fields governed by a category of their own (e.g. a case's `narrative`): null unless that
   *  category is permitted too. */
  fieldCategories?: Record<string, string>;
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
  /** SQL expression: the record's very existence is protected (42 CFR Part 2): the index hides
   *  its link from other agencies, and a denial returns nothing rather than Restricted. */
  existenceProtectedSql?: string;
  /** Whether a person row's existence is protected (mirror of existenceProtectedSql). Then its
   *  identity follows `protectedCategory` (a Part 2-only client is shown only with SUD access). */
  existenceProtected?: (person: ObjectLiteral) => boolean;
  protectedCategory?: string;
  /** Person records that never leave the agency, whatever the consent or emergency (VAWA). */
  neverLeaves?: (person: ObjectLiteral) => boolean;
  /** SQL over the person table: true when the record may be disclosed outside the agency at all
   *  (mirror of `neverLeaves`; consents and consent lookups use it). @default feedFilterSql */
  leavesSql?: string;
  /** The agency's consent rules. Omitted: own staff only (foundation default). */
  policy?: AgencyPolicy;
  /** The fact this agency lends other agencies' policies (its Child field is LENT_FACTS[agency]):
   *  SQL returning `person_id` of the records for which it holds ($1 is the array of person ids). */
  providesFact?: { sql: string };
  /** Facts this agency's policy reads from the Child representation (arrived through @requires). */
  factsFrom?: (child: ObjectLiteral) => AccessFacts;
  /** More resolvers, merged over the generated ones. */
  extraResolvers?: (db: SubgraphDatabase) => GraphQLResolverMap<AgencyContext>;
}

export type AgencyLoaders = Record<string, DataLoader<string, ObjectLiteral[]>> & {
  person: DataLoader<string, ObjectLiteral | null>;
  /** The person records a decision is about with their active consents (primes person, consents). */
  access: DataLoader<string, { person: ObjectLiteral | null; grants: ConsentGrant[] }>;
  /** Every list of the section (by `SectionList.part`) of any linked records: one statement a batch. */
  sections: DataLoader<ListKey, ObjectLiteral[], string>;
  consents: DataLoader<string, ConsentGrant[]>;
  audit: AuditWriter;
  /** Whether the fact this agency lends holds for each person record (when it lends one). */
  facts?: DataLoader<string, boolean>;
};
export type AgencyContext = SubgraphContext<AgencyLoaders>;

export interface CreateAgencyOptions {
  config: PlatformConfig;
  databaseUrl: string;
  logger?: Logger;
  /** The child index's GraphQL URL, told at once when a write withdraws or protects a person
   *  record (or set later with `setIndexUrl`). @default config.subgraphUrls['child-index'] */
  indexUrl?: string;
}

/** An agency subgraph: a subgraph service that also tells the child index of withdrawn records. */
export interface AgencySubgraphService extends SubgraphService {
  /** Where the child index answers (known once it listens: an ephemeral port in tests). */
  setIndexUrl(url: string | undefined): void;
}

/** One list of the agency's section of Child: the records of `kind` of the linked person records. */
export interface SectionList {
  kind: AgencyKind;
  /** The section's field listing them. */
  field: string;
  /** The property of `kind` pointing at its person record. */
  property: string;
  /** Its index among the parts of the section loader's one read. */
  part: number;
}

/** The order of a section's lists: oldest first, ties (rows written by one transaction share
 *  `created_at`) by id, so that a list reads the same on every request. */
export const SECTION_ORDER = { createdAt: 'ASC', id: 'ASC' } as const;

/** The section's lists (each kind with a section field) and the parts of their one read. */
export function sectionListsOf(
  spec: Pick<AgencySubgraphSpec, 'kinds'>,
  ds: DataSource,
): { lists: SectionList[]; parts: ListPart[] } {
  const lists: SectionList[] = [];
  for (const kind of spec.kinds) {
    if (!kind.sectionField || kind.personProperty === null) continue;
    lists.push({
      kind,
      field: kind.sectionField,
      property: kind.personProperty ?? 'personId',
      part: lists.length,
    });
  }
  const parts = lists.map((l) => ({
    repo: ds.getRepository<ObjectLiteral>(l.kind.entity),
    property: l.property,
    order: SECTION_ORDER,
  }));
  return { lists, parts };
}
type SectionLists = ReturnType<typeof sectionListsOf>;

/** The section list that also serves a kind's `children` field, when that field lists the kind's
 *  records of a person (e.g. `ChildWelfarePerson.cases`): both then share one read and its cache. */
const listServing = (lists: SectionList[], child: { kind: string; property: string }) =>
  lists.find((l) => l.kind.typename === child.kind && l.property === child.property);

interface SectionParent {
  __typename: string;
  childId: string;
  recordIds: string[];
  access: SectionAccess;
}

function buildLoaders(
  spec: AgencySubgraphSpec,
  db: SubgraphDatabase,
  sections: SectionLists,
  audit: AuditWriter,
): AgencyLoaders {
  const ds = db.dataSource;
  const loaders: Record<string, unknown> = {
    person: oneById(ds.getRepository(spec.person.entity) as never),
    access: personAccessLoader(ds.getRepository(spec.person.entity) as never),
    consents: consentLoader(ds),
    audit,
  };
  if (sections.parts.length) loaders.sections = manyByColumns(sections.parts);
  if (spec.providesFact) {
    const sql = spec.providesFact.sql;
    loaders.facts = new DataLoader<string, boolean>(async (ids) => {
      const rows = await preparedQuery<{ person_id: string }>(ds, sql, [[...ids]]);
      const yes = new Set(rows.map((r) => r.person_id));
      return ids.map((id) => yes.has(id));
    });
  }
  for (const kind of [spec.person, ...spec.kinds]) {
    for (const child of Object.values(kind.children ?? {})) {
      if (listServing(sections.lists, child)) continue;
      const target = spec.kinds.find((k) => k.typename === child.kind)!;
      loaders[`${child.kind}:${child.property}`] ??= manyByColumn(
        ds.getRepository(target.entity),
        child.property,
        { createdAt: 'ASC' } as never,
      );
    }
    for (const ref of Object.values(kind.references ?? {})) {
      const target = [spec.person, ...spec.kinds].find((k) => k.typename === ref.kind)!;
      loaders[`${ref.kind}:id`] ??= oneById(ds.getRepository(target.entity) as never);
    }
  }
  return loaders as AgencyLoaders;
}

const capitalize = (s: string) => s[0]!.toUpperCase() + s.slice(1);

function buildResolvers(
  spec: AgencySubgraphSpec,
  policy: AgencyPolicy,
  db: SubgraphDatabase,
  { lists }: SectionLists,
  config: Pick<PlatformConfig, 'breakGlassMaxChildrenPerHour' | 'representationKey'>,
  notifier: IndexNotifier,
): GraphQLResolverMap<AgencyContext> {
  const ds = db.dataSource;
  const breakGlassGate = breakGlassLimiter(ds, spec.agency, config.breakGlassMaxChildrenPerHour);
  const key = AGENCY_KEYS[spec.agency];
  const prefix = AGENCY_PREFIX[spec.agency];
  const all = [spec.person, ...spec.kinds];
  const byEnum = new Map(all.map((k) => [k.kindEnum, k]));
  const byTypename = new Map(all.map((k) => [k.typename, k]));
  const typenames = new Set(all.map((k) => k.typename));
  const personTable = ds.getMetadata(spec.person.entity).tablePath;
  const consents = new ConsentService(
    ds,
    policy,
    personTable,
    (p) => ageFrom(p.birth_date as string | null),
    spec.leavesSql ?? spec.feedFilterSql,
  );
  const categoryOf = (kind: AgencyKind) => (row: ObjectLiteral) =>
    kind === spec.person
      ? 'IDENTITY'
      : typeof kind.category === 'function'
        ? kind.category(row)
        : (kind.category ?? 'IDENTITY');
  const isProtected = (p: ObjectLiteral) => spec.existenceProtected?.(p) ?? false;

  /** Decisions for one child (or one record's person) at this agency, audited. */
  const accessFor = async (
    ctx: AgencyContext,
    childId: string | null,
    recordIds: string[],
    facts: AccessFacts,
    onDecided?: (decisions: Map<string, Decision>) => void,
  ) => {
    // The person records and their active consents in one statement; the request's person and
    // consent loaders keep them for the section's fields.
    const rows = await ctx.loaders.access.loadMany(recordIds);
    const persons: ObjectLiteral[] = [];
    const grants: ConsentGrant[] = [];
    rows.forEach((r, i) => {
      if (r instanceof Error) return;
      ctx.loaders.person.prime(recordIds[i]!, r.person);
      ctx.loaders.consents.prime(recordIds[i]!, r.grants);
      if (r.person) persons.push(r.person);
      grants.push(...r.grants);
    });
    const ageYears = ageFrom(persons[0]?.birthDate as string | null);
    const access = await decideAll(
      policy,
      ctx.viewer,
      grants,
      { ...facts, ageYears },
      ctx.loaders.audit,
      { childId, recordIds },
      {
        // VAWA (34 U.S.C. 12291(b)(2)): a survivor's records never leave the agency, consent or not.
        neverLeaves: ctx.viewer.agency !== spec.agency && persons.some((p) => spec.neverLeaves?.(p) ?? false),
        identityFollows: persons.some(isProtected) ? spec.protectedCategory : undefined,
        onDecided,
        breakGlassGate: breakGlassGate(ctx.viewer, { childId, recordIds }),
      },
    );
    const opened = [...access.decisions.values()].filter((d) => d.permit && d.breakGlass);
    if (opened.length)
      // 42 CFR 2.51(c): the emergency disclosure is documented (the audit row and its privacy
      // notice); operations see it too, without the reason (free text the viewer wrote).
      ctx.logger.warn(
        {
          event: 'break_glass',
          holder: spec.agency,
          actor: ctx.viewer.sub,
          actorAgency: ctx.viewer.agency,
          roles: ctx.viewer.roles,
          childId,
          categories: opened.map((d) => d.category),
        },
        'break-glass access; privacy officer notified',
      );
    return { access, persons };
  };

  /** Whether rows of `kind` may show under these decisions: a kind of one category shows nothing
   *  once that category is denied (filterRows would drop every row), so its list is not read. */
  const mayShow = (kind: AgencyKind, decisions: Map<string, Decision>) =>
    typeof kind.category === 'function' || decisions.get(kind.category ?? 'IDENTITY')?.permit === true;

  /** Starts reading, while the audit entry is written, the section's lists that the query selects
   *  and the decisions may show: all of them in one statement (the request's section loader, which
   *  batches every child's lists together and keeps the pending read for the section's fields to
   *  await). Nothing is returned before the section resolves, and it resolves only after the audit
   *  is written (fail closed); every row still passes filterRows there. */
  const prefetchSection = (
    ctx: AgencyContext,
    recordIds: string[],
    decisions: Map<string, Decision>,
    selected: ReadonlySet<string>,
  ) => {
    if (![...decisions.values()].some((d) => d.permit)) return;
    const keys = lists.flatMap(({ kind, field, part }) =>
      selected.has(field) && mayShow(kind, decisions) ? recordIds.map((key) => ({ part, key })) : [],
    );
    if (keys.length) void ctx.loaders.sections.loadMany(keys);
  };

  /** Null where existence is protected (or nothing is linked), Restricted where it may show. */
  const denial = (access: SectionAccess, persons: ObjectLiteral[]) => {
    if (persons.some(isProtected) || persons.some((p) => spec.neverLeaves?.(p) ?? false)) return null;
    const shown = restrictedOf(spec.agency, policy, access);
    const first = shown.find((r) => r.category === 'IDENTITY') ?? shown[0];
    return first ? { ...first, category: 'SECTION' } : null;
  };

  const section: Record<string, unknown> = {
    records: (p: SectionParent, _: unknown, ctx: AgencyContext) =>
      ctx.loaders.person.loadMany(p.recordIds).then((rows) =>
        filterRows(
          rows.filter((r): r is ObjectLiteral => !!r && !(r instanceof Error)),
          spec.person.typename,
          () => 'IDENTITY',
          p.access,
        ),
      ),
    restricted: (p: SectionParent) => restrictedOf(spec.agency, policy, p.access),
    notices: (p: SectionParent) => noticesOf(p.access),
  };
  for (const { kind, field, part } of lists) {
    // Prefetched lists are in the section loader already; a list the prefetch did not foresee is
    // read now (one statement for every child's such lists).
    section[field] = async (p: SectionParent, _: unknown, ctx: AgencyContext) =>
      mayShow(kind, p.access.decisions)
        ? filterRows(
            await loadAll(
              ctx.loaders.sections,
              p.recordIds.map((key) => ({ part, key })),
            ),
            kind.typename,
            categoryOf(kind),
            p.access,
            kind.fieldCategories,
          )
        : [];
  }

  const requireSteward = (ctx: AgencyContext) => {
    assertMay(ctx.viewer, 'READ_AUDIT_TRAIL', { holder: spec.agency });
  };

  const notices = privacyNoticeResolvers(spec.agency, ds);
  const query: Record<string, unknown> = {
    ...notices.query,
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
      if (kind.personProperty === null) return { ...row, __typename: kind.typename };
      const personId = kind === spec.person ? row.id : row[kind.personProperty ?? 'personId'];
      const { access, persons } = await accessFor(ctx, null, [personId], {});
      const [visible] = filterRows([row], kind.typename, categoryOf(kind), access, kind.fieldCategories);
      if (visible) return visible;
      if (persons.some(isProtected) || persons.some((p) => spec.neverLeaves?.(p))) return null;
      const d = access.decisions.get(categoryOf(kind)(row))!;
      return d.permit || !d.revealExistence
        ? null
        : {
            __typename: 'Restricted',
            agency: spec.agency,
            category: d.category,
            reason: d.reason,
            howToGetAccess: d.howToGetAccess,
          };
    },
    [spec.feedQueryField]: async (
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
        spec.sealedAdoptionSql,
        spec.feedFilterSql,
        spec.existenceProtectedSql,
      );
    },
    [`${key}Consents`]: async (
      _: unknown,
      args: { sourceSystem: string; personExternalId: string },
      ctx: AgencyContext,
    ) => {
      // a record that never leaves the agency (a DV survivor's) answers another agency as a missing
      // one does: nothing
      const [person] = await ds.query(
        `SELECT id, (${spec.leavesSql ?? spec.feedFilterSql ?? 'true'}) AS leaves FROM ${personTable} WHERE source_system = $1 AND external_id = $2`,
        [args.sourceSystem, args.personExternalId],
      );
      if (!person || (!person.leaves && ctx.viewer.agency !== spec.agency)) return [];
      return visibleConsents(ctx, await consents.listFor([person.id]));
    },
    [`${key}AuditTrail`]: async (
      _: unknown,
      args: { from?: string; to?: string; actor?: string; recordId?: string; first?: number; after?: string },
      ctx: AgencyContext,
    ) => {
      requireSteward(ctx);
      const first = Math.min(Math.max(args.first ?? 100, 1), 500);
      const rows: ObjectLiteral[] = await ds.query(
        `SELECT * FROM audit_event WHERE ($1::timestamptz IS NULL OR at >= $1) AND ($2::timestamptz IS NULL OR at < $2)
           AND ($3::varchar IS NULL OR actor = $3) AND ($4::uuid IS NULL OR record_ids @> ARRAY[$4::uuid])
           AND ($5::bigint IS NULL OR id < $5) ORDER BY id DESC LIMIT $6`,
        [
          args.from ?? null,
          args.to ?? null,
          args.actor ?? null,
          args.recordId ?? null,
          args.after ? Number(args.after) : null,
          first + 1,
        ],
      );
      const page = rows.slice(0, first);
      return {
        events: page.map((r) => auditEventOf(spec.agency, r)),
        endCursor: page.length ? String(page[page.length - 1]!.id) : null,
        hasMore: rows.length > first,
      };
    },
    [`${key}BreakGlassReport`]: async (
      _: unknown,
      args: { from?: string; to?: string },
      ctx: AgencyContext,
    ) => {
      requireSteward(ctx);
      const rows: ObjectLiteral[] = await ds.query(
        `SELECT * FROM audit_event WHERE break_glass AND ($1::timestamptz IS NULL OR at >= $1) AND ($2::timestamptz IS NULL OR at < $2) ORDER BY id`,
        [args.from ?? null, args.to ?? null],
      );
      return rows.map((r) => auditEventOf(spec.agency, r));
    },
  };

  /** Consents are protected data too: the holder's own staff see every one (not its analysts);
   *  another agency's viewer sees a consent only while it grants them something, and never one
   *  naming a protected category it does not grant them (`consentShownTo`). */
  const visibleConsents = <C extends ConsentLike>(ctx: AgencyContext, list: C[]): C[] => {
    const v = ctx.viewer;
    if (!may(v, 'READ_CONSENTS', { holder: spec.agency })) return [];
    if (v.agency === spec.agency) return list;
    return list.filter((c) => consentShownTo(policy, c, v));
  };

  const mutation: Record<string, unknown> = {
    ...notices.mutation,
    [`record${prefix}Consent`]: (_: unknown, args: { consent: ConsentInput }, ctx: AgencyContext) =>
      consents.record(ctx.viewer, ctx.loaders.audit, args.consent),
    [`amend${prefix}Consent`]: (
      _: unknown,
      args: { id: string; amendment: ConsentAmendment },
      ctx: AgencyContext,
    ) => consents.amend(ctx.viewer, ctx.loaders.audit, args.id, args.amendment),
    [`revoke${prefix}Consent`]: (_: unknown, args: { id: string; reason: string }, ctx: AgencyContext) =>
      consents.revoke(ctx.viewer, ctx.loaders.audit, args.id, args.reason),
  };
  /** A write that may change a person record (its own, or through a trigger such as Part 2's): the
   *  index hears of a record it withdrew or protected before the mutation answers. Directory
   *  records (a school, a provider) are about no child. */
  const personWrite =
    <T>(kind: AgencyKind, write: (ctx: AgencyContext) => Promise<T>) =>
    async (ctx: AgencyContext): Promise<T> => {
      if (kind.personProperty === null) return write(ctx);
      const mark = await notifier.mark();
      const out = await write(ctx);
      await notifier.afterWrite(mark, ctx.token, ctx.logger);
      return out;
    };
  for (const kind of all) {
    mutation[kind.upsertOne] = (_: unknown, args: { record: Record<string, unknown> }, ctx: AgencyContext) =>
      personWrite(kind, (c) => singleUpsert(c, ds, spec.agency, kind, args.record))(ctx);
    mutation[kind.upsertMany] = (
      _: unknown,
      args: { records: Array<Record<string, unknown>> },
      ctx: AgencyContext,
    ) => personWrite(kind, (c) => batchUpsert(c, ds, spec.agency, kind, args.records))(ctx);
  }

  /** The holder's record ids of a representation whose links the index sealed for this child and
   *  caller; any other is refused (and, as every refusal, audited): an `_entities` call straight to
   *  the subgraph cannot claim another child's records. */
  const sealedRecordIds = (ctx: AgencyContext, child: ChildRepresentation & ObjectLiteral) => {
    const links = child.recordLinks ?? [];
    if (!linksSealHolds(config.representationKey, child.recordLinksSeal, child.id, links, ctx.token))
      throw errorCodes.FORBIDDEN.err(
        'These links were not sealed by the child index for this child and caller',
      );
    return linkedRecordIds(child, spec.agency);
  };
  /** The representation with every lent fact its lender did not seal for this child and caller
   *  read as false: a fact only ever opens records, so an unproven one opens nothing. */
  const sealedFacts = (ctx: AgencyContext, child: ChildRepresentation & ObjectLiteral) => {
    const out: ObjectLiteral = { ...child };
    for (const f of Object.values(LENT_FACTS))
      if (
        f &&
        f.field in child &&
        !factSealHolds(
          config.representationKey,
          child[`${f.field}Seal`],
          f.field,
          child.id,
          child[f.field],
          ctx.token,
        )
      )
        out[f.field] = false;
    return out;
  };

  const childResolvers: Record<string, unknown> = {
    __resolveReference: (ref: ChildRepresentation) => ref,
    [key]: async (
      child: ChildRepresentation & ObjectLiteral,
      _: unknown,
      ctx: AgencyContext,
      info: GraphQLResolveInfo,
    ) => {
      const recordIds = sealedRecordIds(ctx, child);
      if (!recordIds.length) return null;
      const selected = selectedFields(info, spec.sectionTypename);
      const { access, persons } = await accessFor(
        ctx,
        child.id,
        recordIds,
        spec.factsFrom?.(sealedFacts(ctx, child)) ?? {},
        (decisions) => prefetchSection(ctx, recordIds, decisions, selected),
      );
      if (!anyPermit(access)) return denial(access, persons);
      return {
        __typename: spec.sectionTypename,
        childId: child.id,
        recordIds,
        access,
      } satisfies SectionParent;
    },
    [`${key}Consents`]: async (child: ChildRepresentation, _: unknown, ctx: AgencyContext) =>
      visibleConsents(ctx, await consents.listFor(sealedRecordIds(ctx, child))),
    [`${key}AuditEvents`]: async (child: ChildRepresentation, _: unknown, ctx: AgencyContext) => {
      const recordIds = sealedRecordIds(ctx, child);
      if (!recordIds.length || !may(ctx.viewer, 'READ_AUDIT_TRAIL', { holder: spec.agency })) return [];
      const rows: ObjectLiteral[] = await ds.query(
        `SELECT * FROM audit_event WHERE record_ids && $1::uuid[] ORDER BY id DESC LIMIT 1000`,
        [recordIds],
      );
      return rows.map((r) => auditEventOf(spec.agency, r));
    },
  };
  const fact = LENT_FACTS[spec.agency];
  if (spec.providesFact && fact) {
    // Facts go only to the agency's own staff: they are what its own record says, lent to another
    // agency's policy for this viewer's request.
    const factOf = async (child: ChildRepresentation, ctx: AgencyContext) => {
      if (!may(ctx.viewer, 'LEND_FACT', { holder: spec.agency })) return null;
      const values = await ctx.loaders.facts!.loadMany(sealedRecordIds(ctx, child));
      return values.some((v) => v === true);
    };
    childResolvers[fact.field] = (child: ChildRepresentation, _: unknown, ctx: AgencyContext) =>
      factOf(child, ctx);
    // the lender's seal: the policy that reads the fact trusts it only with this (seal.ts)
    childResolvers[`${fact.field}Seal`] = async (
      child: ChildRepresentation,
      _: unknown,
      ctx: AgencyContext,
    ) => sealFact(config.representationKey, fact.field, child.id, await factOf(child, ctx), ctx.token);
  }

  const resolvers: Record<string, Record<string, unknown>> = {
    Query: withAgencyArgChecks(query, { key, prefix, recordQueryField: spec.recordQueryField }),
    Mutation: withAgencyArgChecks(mutation, { key, prefix, recordQueryField: spec.recordQueryField }),
    Child: childResolvers,
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
      const target = byTypename.get(child.kind)!;
      const list = listServing(lists, child);
      fields[field] = async (parent: ObjectLiteral, _: unknown, ctx: AgencyContext) => {
        const access = (parent as Record<symbol, unknown>)[ACCESS] as SectionAccess | undefined;
        if (!access) return [];
        return filterRows(
          await (list
            ? ctx.loaders.sections.load({ part: list.part, key: parent.id })
            : ctx.loaders[`${child.kind}:${child.property}`]!.load(parent.id)),
          child.kind,
          categoryOf(target),
          access,
          target.fieldCategories,
        );
      };
    }
    for (const [field, ref] of Object.entries(kind.references ?? {})) {
      const target = byTypename.get(ref.kind)!;
      fields[field] = async (parent: ObjectLiteral, _: unknown, ctx: AgencyContext) => {
        const id = parent[ref.property] as string | null;
        if (!id) return null;
        const row = await (
          ctx.loaders[`${ref.kind}:id`] as unknown as DataLoader<string, ObjectLiteral | null>
        ).load(id);
        if (!row || target.personProperty === null) return row; // directory data: anyone signed in
        // A child-level record (same child: upserts refuse cross-child references) passes the
        // same decisions as the record that points at it.
        const access = (parent as Record<symbol, unknown>)[ACCESS] as SectionAccess | undefined;
        return access
          ? (filterRows([row], ref.kind, categoryOf(target), access, target.fieldCategories)[0] ?? null)
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

/** Opens the agency's database (migrating it) and builds its subgraph service. */
/** The table an entity class is stored in (from its @Entity name). */
function personTableOf(entity: Function): string {
  const t = getMetadataArgsStorage().tables.find((x) => x.target === entity);
  if (!t?.name) throw new Error(`entity ${entity.name} has no @Entity({ name })`);
  return t.name;
}

/** Every migration of an agency's database: its own, then the shared ones. Every agency appends
 *  its audit trail through one database function; its person feed stays gap-free under concurrent
 *  writers (feedOrderMigration); its records are stamped on insert by column defaults
 *  (touchOnUpdateMigration); every break-glass access writes a privacy notice with its audit row
 *  (PrivacyNotice1733200000000). */
export function agencyMigrations(spec: Pick<AgencySubgraphSpec, 'migrations' | 'person'>): Function[] {
  const personTable = personTableOf(spec.person.entity);
  return [
    ...(spec.migrations as Function[]),
    AuditAppend1732800000000,
    PrivacyNotice1733200000000,
    feedOrderMigration(personTable),
    touchOnUpdateMigration(personTable),
  ];
}

export async function createAgencySubgraph(
  spec: AgencySubgraphSpec,
  opts: CreateAgencyOptions,
): Promise<AgencySubgraphService> {
  // A directory record (a school, a provider) is readable by anyone signed in: it must never
  // lead to a child's records, which only a section (behind the access check) may list.
  for (const kind of spec.kinds) {
    if (kind.personProperty === null && Object.keys(kind.children ?? {}).length) {
      throw new Error(`${kind.typename} is a directory kind and may not list child records`);
    }
  }
  const policy = spec.policy ?? ownAgencyOnly(spec.agency);
  validatePolicy(policy);
  const logger = opts.logger ?? createLogger(spec.name, opts.config.logLevel);
  const db = await openSubgraphDatabase({
    url: opts.databaseUrl,
    roles: databaseRolesOf(opts.config, spec.name),
    schema: schemaOf(spec.name),
    entities: spec.entities,
    migrations: agencyMigrations(spec),
    poolSize: opts.config.dbPoolSize,
    connectTimeoutMs: opts.config.dbConnectTimeoutMs,
    onPoolError: (err) => logger.warn({ err: err.message }, 'idle database connection broke; discarded'),
  });
  const sections = sectionListsOf(spec, db.dataSource);
  const notifier = new IndexNotifier(db.dataSource, {
    agency: spec.agency,
    personTable: db.dataSource.getMetadata(spec.person.entity).tablePath,
    feedFilterSql: spec.feedFilterSql,
    existenceProtectedSql: spec.existenceProtectedSql,
    gatewaySecret: opts.config.gatewaySecret,
    // the gateway waits subgraphTimeoutMs for the whole mutation: the index gets half of it, so the
    // write still answers (committed) when the index is slow
    timeoutMs: Math.max(100, Math.floor(opts.config.subgraphTimeoutMs / 2)),
    indexUrl: opts.indexUrl ?? opts.config.subgraphUrls['child-index'],
  });
  // AU-9(3): the trail's head, signed outside the database, now and then and at stop
  const checkpoints = new AuditCheckpointer(db.dataSource, 'audit_event', {
    ...opts.config.auditCheckpoint,
    logger,
  });
  const service = await createSubgraphService<AgencyLoaders>({
    onStop: () => checkpoints.stop(),
    name: spec.name,
    typeDefs: loadSubgraphTypeDefs(spec.schemaFile, spec.name),
    resolvers: buildResolvers(spec, policy, db, sections, opts.config, notifier),
    // HIPAA 164.312(b): a refused operation is an audit event too (denyAuditPlugin).
    auditRefusals: true,
    db,
    config: opts.config,
    createLoaders: (viewer, requestId) =>
      buildLoaders(
        spec,
        db,
        sections,
        createAuditWriter(db.dataSource, viewer, requestId, opts.config.maxAuditRowsPerRequest),
      ),
    logger: logger,
  });
  checkpoints.start();
  return { ...service, setIndexUrl: (url) => notifier.setIndexUrl(url) };
}

/** The foundation default: every category visible to the holder's own staff only. */
export function ownAgencyOnly(agency: AgencyCode): AgencyPolicy {
  return {
    agency,
    categories: [
      {
        category: 'IDENTITY',
        description: 'Who the person is.',
        allow: [],
        revealExistence: true,
        howToGetAccess: `Ask ${agency}.`,
      },
    ],
  };
}
