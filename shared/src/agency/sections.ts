import type DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { DataSource, ObjectLiteral } from 'typeorm';
import { ACCESS, filterRows, noticesOf, restrictedOf, type SectionAccess } from '../access/decisions';
import { mayShow, type AgencySectionAccess } from '../access/sectionAccess';
import type { AgencyPolicy } from '../access/policy';
import { loadAll, type ListPart } from '../loaders';
import { selectedFields, type ChildRepresentation } from '../graphql/section';
import type { Representations } from './representation';
import { consentInForce } from '../access/policy';
import type { TeamMembershipClient } from './teamMemberships';
import {
  categoryOf,
  type AgencyContext,
  type AgencyKind,
  type AgencyNames,
  type AgencySubgraphSpec,
} from './spec';

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
export type SectionLists = ReturnType<typeof sectionListsOf>;

/** The section list that also serves a kind's `children` field, when that field lists the kind's
 *  records of a person (e.g. `ChildWelfarePerson.cases`): both then share one read and its cache. */
export const listServing = (lists: SectionList[], child: { kind: string; property: string }) =>
  lists.find((l) => l.kind.typename === child.kind && l.property === child.property);

/** What the section field resolves to when it shows: the decisions travel with it. */
interface SectionParent {
  __typename: string;
  childId: string;
  recordIds: string[];
  access: SectionAccess;
}

/** The agency's section of Child (`Child.<key>`) and the fields of the section and of its records:
 *  access decided once per child by the agency's access unit, every row filtered by it. */
export function sectionResolvers(
  spec: AgencySubgraphSpec,
  names: AgencyNames,
  policy: AgencyPolicy,
  { lists }: SectionLists,
  access: AgencySectionAccess,
  representations: Representations,
  memberships: TeamMembershipClient,
) {
  const all = [spec.person, ...spec.kinds];
  const byTypename = new Map(all.map((k) => [k.typename, k]));

  const childSection = async (
    child: ChildRepresentation & ObjectLiteral,
    _: unknown,
    ctx: AgencyContext,
    info: GraphQLResolveInfo,
  ) => {
    const recordIds = representations.recordIds(ctx, child);
    if (!recordIds.length) return null;
    const facts = representations.facts(ctx, child);
    // the viewer's team memberships, at decision time: its own teams read here, every other
    // convener's asked directly with the viewer's token (a convener down counts as no membership)
    // (asked only when a consent in force here names a team: nothing else could use the answer;
    // the access loader's read is the one the decision uses next, not an extra one)
    const held = await ctx.loaders.access.loadMany(recordIds);
    const namesTeam = held.some(
      (h) =>
        !(h instanceof Error) &&
        h.grants.some((g) => (g.recipientTeams?.length ?? 0) > 0 && consentInForce(g)),
    );
    facts.teamMemberships = namesTeam ? await memberships.of(ctx, child, recordIds) : [];
    const outcome = await access.section(
      ctx,
      child.id,
      recordIds,
      facts,
      selectedFields(info, names.sectionTypename),
    );
    if (!('access' in outcome)) return outcome.shown;
    return {
      __typename: names.sectionTypename,
      childId: child.id,
      recordIds,
      access: outcome.access,
    } satisfies SectionParent;
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
      mayShow(kind.category, p.access.decisions)
        ? filterRows(
            await loadAll(
              ctx.loaders.sections,
              p.recordIds.map((key) => ({ part, key })),
            ),
            kind.typename,
            categoryOf(spec, kind),
            p.access,
            kind.fieldCategories,
          )
        : [];
  }

  // the nested lists and references of a record pass the decisions of the record they hang on
  const recordTypes: Record<string, Record<string, unknown>> = {};
  for (const kind of all) {
    const fields: Record<string, unknown> = {};
    for (const [field, child] of Object.entries(kind.children ?? {})) {
      const target = byTypename.get(child.kind)!;
      const list = listServing(lists, child);
      fields[field] = async (parent: ObjectLiteral, _: unknown, ctx: AgencyContext) => {
        const decided = (parent as Record<symbol, unknown>)[ACCESS] as SectionAccess | undefined;
        if (!decided) return [];
        return filterRows(
          await (list
            ? ctx.loaders.sections.load({ part: list.part, key: parent.id })
            : ctx.loaders[`${child.kind}:${child.property}`]!.load(parent.id)),
          child.kind,
          categoryOf(spec, target),
          decided,
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
        const decided = (parent as Record<symbol, unknown>)[ACCESS] as SectionAccess | undefined;
        return decided
          ? (filterRows([row], ref.kind, categoryOf(spec, target), decided, target.fieldCategories)[0] ??
              null)
          : null;
      };
    }
    if (Object.keys(fields).length) recordTypes[kind.typename] = fields;
  }

  return {
    childSection,
    types: {
      [names.sectionTypename]: section,
      [`${names.sectionTypename}Result`]: { __resolveType: (o: { __typename: string }) => o.__typename },
      ...recordTypes,
    },
  };
}
