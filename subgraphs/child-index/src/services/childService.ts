import {
  connection,
  assertMay,
  errorCodes,
  isIsoDate,
  isUuid,
  type SubgraphContext,
  type ViewerClaims,
} from '@wholechild/shared';
import type { AgencyRecord } from '../entities';
import type { DataSource } from 'typeorm';
import type { IndexLoaders } from '../loaders';
import { normalizeName } from '@wholechild/linkage';
import { goldenName } from './nameCase';

/** How childByAgencyRecord names a record: the agency's record id, or its natural key. */
export type AgencyRecordKey = { recordId: string } | { sourceSystem: string; externalId: string };

export const MAX_CHILDREN_PER_CALL = 500;
export const MAX_SEARCH_PAGE = 100;
/** A search names a child: at least this many letters of a family or given name. @default 2 */
export const MIN_SEARCH_PREFIX = 2;
/** Pages one search may walk (a search is for finding a child, not for listing the county).
 *  @default 5 */
export const MAX_SEARCH_PAGES = 5;

/** Child-level reads of the index. The index holds identifying demographics only; an analytics
 *  purpose never sees a child-level field (PERMISSIONS.READ_CHILD_INDEX). */
export function assertChildLevelReader(viewer: ViewerClaims): void {
  assertMay(viewer, 'READ_CHILD_INDEX');
}

/** Records whose very existence their holder protects from other agencies: a 42 CFR Part 2
 *  program's client (42 CFR 2.13(c): not even that the person is a client), and a sealed adoption
 *  (Cal. Family Code 9200: the adoption file is open to no one without a court order). */
const protectedRecord = (r: Pick<AgencyRecord, 'existenceProtected' | 'sealedAdoption'>) =>
  r.existenceProtected || r.sealedAdoption;

/**
 * The index's one rule of who may know of a link (this function and `visibleLinkSql` say the
 * same thing, one in TypeScript, one in SQL): never a rejected link, and a protected record only
 * to its holder's own staff. Every index answer (golden demographics, links, history, match
 * explanations, lookups, search) is computed from these links alone, so that what a viewer sees
 * is exactly what they would see if the protected record did not exist.
 */
export function visibleTo(viewer: ViewerClaims, link: AgencyRecord): boolean {
  return link.status !== 'REJECTED' && (!protectedRecord(link) || link.agency === viewer.agency);
}

/** `visibleTo` in SQL over agency_record `a`; `$n` is the viewer's agency. */
export function visibleLinkSql(a: string, agencyParam: string): string {
  return `(${a}.status <> 'REJECTED' AND ${knowableRecordSql(a, agencyParam)})`;
}

/** Whether the viewer may know that record `a` exists at all (whatever its link's status). */
export function knowableRecordSql(a: string, agencyParam: string): string {
  return `(NOT (${a}.existence_protected OR ${a}.sealed_adoption) OR ${a}.agency = ${agencyParam})`;
}

const GOLDEN_FIELDS = [
  'givenName',
  'middleName',
  'familyName',
  'birthDate',
  'sex',
  'race',
  'ethnicity',
  'primaryLanguage',
] as const;
type GoldenField = (typeof GOLDEN_FIELDS)[number];
export type ChildView = { id: string } & Record<GoldenField, string | null>;

/** The value most of the records agree on (ties: the first in code-point order); null when none
 *  has one. */
function mode(values: Array<string | null>): string | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null && v !== '') counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  let n = 0;
  for (const [v, c] of counts) if (c > n || (c === n && best !== null && v < best)) [best, n] = [v, c];
  return best;
}

/** Golden demographics as one viewer may see them: from the linked records that viewer may know
 *  of, never from a protected record of another agency (its middle name would tell). */
export function goldenFor(id: string, linked: AgencyRecord[]): ChildView {
  const child = { id } as ChildView;
  for (const f of GOLDEN_FIELDS) {
    const values = linked.map((r) => r[f] as string | null);
    // names in one case, spellings differing only in case voting together (nameCase.ts)
    child[f] = NAME_FIELDS.has(f) ? goldenName(values) : mode(values);
  }
  return child;
}

const NAME_FIELDS = new Set<GoldenField>(['givenName', 'middleName', 'familyName']);

const NOTHING = {
  decision: 'PERMIT' as const,
  rule: 'INDEX_READ',
  childIds: [] as string[],
  recordRefs: [] as string[],
};

const linked = (r: AgencyRecord) => r.status === 'AUTO' || r.status === 'CONFIRMED';

export class ChildService {
  constructor(private readonly ds: DataSource) {}

  /** A child as the viewer may know it: null when none of its links is visible to them (a child
   *  known only through protected records does not exist for anyone else, not even as an empty
   *  entry), else its golden demographics from the visible links alone. */
  private async visible(ctx: SubgraphContext<IndexLoaders>, id: string): Promise<ChildView | null> {
    const links = (await ctx.loaders.links.load(id)).filter((l) => visibleTo(ctx.viewer, l));
    await this.audited(ctx, id, links);
    if (!links.length) return null;
    return goldenFor(id, links.filter(linked));
  }

  /** One VIEW_CHILD row per child a request shows, with the links shown (or, for an id that shows
   *  nothing, the id asked for); the answer waits for the row (fail closed). */
  private audited(ctx: SubgraphContext<IndexLoaders>, id: string, links: AgencyRecord[]): Promise<void> {
    let written = ctx.loaders.viewed.get(id);
    if (!written) {
      written = ctx.loaders.trail({
        action: 'VIEW_CHILD',
        decision: 'PERMIT',
        rule: links.length ? 'INDEX_READ' : 'NOT_FOUND',
        terms: links.length ? null : { id },
        childIds: links.length ? [id] : [],
        recordRefs: links.map((l) => `${l.agency}:${l.recordId}`),
      });
      ctx.loaders.viewed.set(id, written);
    }
    return written;
  }

  async byId(ctx: SubgraphContext<IndexLoaders>, id: string) {
    assertChildLevelReader(ctx.viewer);
    if (isUuid(id)) return this.visible(ctx, id);
    await ctx.loaders.trail({ ...NOTHING, action: 'VIEW_CHILD', terms: { id: String(id).slice(0, 100) } });
    return null;
  }

  async byIds(ctx: SubgraphContext<IndexLoaders>, ids: string[]) {
    assertChildLevelReader(ctx.viewer);
    if (ids.length > MAX_CHILDREN_PER_CALL) {
      throw errorCodes.BAD_USER_INPUT.err(`At most ${MAX_CHILDREN_PER_CALL} ids per call`, {
        field: 'ids',
        reason: 'too many ids',
        errors: [{ field: 'ids', code: 'OUT_OF_RANGE', reason: `at most ${MAX_CHILDREN_PER_CALL}` }],
      });
    }
    return Promise.all(ids.map((id) => this.byId(ctx, id)));
  }

  /** The child of an agency record, by the record's id or by the agency's own natural key: a
   *  record the viewer may not know of answers exactly as a missing one (null), whatever else the
   *  child is known by. By (sourceSystem, externalId) only the asking agency's own records are
   *  found: external ids are often sequential, so anyone could guess them, while a record id is
   *  learnt only from a link the viewer was shown. */
  async byAgencyRecord(ctx: SubgraphContext<IndexLoaders>, agency: string, key: AgencyRecordKey) {
    assertChildLevelReader(ctx.viewer);
    const visible = `a.status IN ('AUTO','CONFIRMED') AND ${visibleLinkSql('a', '$2')}`;
    const [row] =
      'recordId' in key
        ? isUuid(key.recordId)
          ? await this.ds.query(
              `SELECT a.child_id FROM agency_record a WHERE a.agency = $1 AND a.record_id = $3 AND ${visible}`,
              [agency, ctx.viewer.agency, key.recordId],
            )
          : []
        : agency === ctx.viewer.agency
          ? await this.ds.query(
              `SELECT a.child_id FROM agency_record a
                WHERE a.agency = $1 AND a.source_system = $3 AND a.external_id = $4 AND ${visible}
                ORDER BY a.change_seq DESC LIMIT 1`,
              [agency, ctx.viewer.agency, key.sourceSystem, key.externalId],
            )
          : [];
    // the row says what was asked and which child was shown: for a protected record, as for a
    // missing one, none
    const terms: Record<string, string> =
      'recordId' in key
        ? { agency, recordId: key.recordId.slice(0, 100) }
        : { agency, sourceSystem: key.sourceSystem.slice(0, 100), externalId: key.externalId.slice(0, 100) };
    await ctx.loaders.trail({
      ...NOTHING,
      action: 'LOOKUP_RECORD',
      terms,
      childIds: row?.child_id ? [row.child_id] : [],
    });
    return row?.child_id ? this.byId(ctx, row.child_id) : null;
  }

  async search(
    ctx: SubgraphContext<IndexLoaders>,
    args: { givenName?: string; familyName?: string; birthDate?: string; first?: number; after?: string },
  ) {
    assertChildLevelReader(ctx.viewer);
    const { first, page, after } = searchArgs(args);
    const where: string[] = ['a.child_id IS NOT NULL', `a.status IN ('AUTO','CONFIRMED')`];
    const params: unknown[] = [];
    // as normalizeName does: accents dropped (López is lopez), then letters only
    const norm = (col: string) =>
      `regexp_replace(translate(lower(${col}), '${ACCENTED}', '${PLAIN}'), '[^a-z]', '', 'g')`;
    // Names compare as letters only: `%` and `_` are never wildcards (they are not letters).
    if (args.givenName) {
      params.push(`${normalizeName(args.givenName)}%`);
      where.push(`${norm('a.given_name')} LIKE $${params.length}`);
    }
    if (args.familyName) {
      params.push(`${normalizeName(args.familyName)}%`);
      where.push(`${norm('a.family_name')} LIKE $${params.length}`);
    }
    if (args.birthDate) {
      params.push(args.birthDate);
      where.push(`a.birth_date = $${params.length}`);
    }
    if (after) {
      params.push(after);
      where.push(`a.child_id > $${params.length}`);
    }
    // A child matches through a record the viewer may know of, never through a protected one: in
    // SQL, so that page sizes, order and `hasMore` say nothing about protected records either.
    params.push(ctx.viewer.agency);
    where.push(visibleLinkSql('a', `$${params.length}`));
    params.push(first + 1);
    const rows: Array<{ id: string }> = await this.ds.query(
      `SELECT DISTINCT a.child_id AS id FROM agency_record a WHERE ${where.join(' AND ')}
        ORDER BY a.child_id LIMIT $${params.length}`,
      params,
    );
    const shown = rows.slice(0, first);
    await ctx.loaders.trail({
      ...NOTHING,
      action: 'SEARCH',
      terms: {
        givenName: args.givenName ?? null,
        familyName: args.familyName ?? null,
        birthDate: args.birthDate ?? null,
        first,
        page,
      },
      childIds: shown.map((r) => r.id),
    });
    const nodes = (await Promise.all(shown.map((r) => this.byId(ctx, r.id)))).filter((c) => c);
    const hasMore = rows.length > first;
    return {
      // each child's cursor continues the search after it (the last page a search may walk has none)
      ...connection(
        nodes,
        nodes.map((c) => (page < MAX_SEARCH_PAGES ? encodeSearchCursor(page + 1, c!.id) : '')),
        hasMore && page < MAX_SEARCH_PAGES,
      ),
      nodes,
      // the last page a search may walk gives no cursor: narrow the search instead
      endCursor:
        shown.length && page < MAX_SEARCH_PAGES
          ? encodeSearchCursor(page + 1, shown[shown.length - 1]!.id)
          : null,
      hasMore,
    };
  }
}

/** Latin letters with accents and their plain letter, for SQL's translate() (as normalizeName). */
const ACCENTED = 'áàâäãåāăąéèêëēėęěíìîïīįóòôöõōőúùûüūůűųñńçćčýÿžźżśš';
const PLAIN = 'aaaaaaaaaeeeeeeeeiiiiiiooooooouuuuuuuunnccc' + 'yyzzzss';

const encodeSearchCursor = (page: number, id: string) => Buffer.from(`p${page}:${id}`).toString('base64url');

/** Checks a search's arguments: a real name prefix, a page size, a cursor this index issued
 *  within the page bound. Every problem is listed together. */
function searchArgs(args: {
  givenName?: string;
  familyName?: string;
  birthDate?: string;
  first?: number;
  after?: string;
}): { first: number; page: number; after: string | null } {
  const errors: Array<{ field: string; code: string; reason: string }> = [];
  if (args.birthDate && !isIsoDate(args.birthDate))
    errors.push({ field: 'birthDate', code: 'INVALID_DATE', reason: 'must be YYYY-MM-DD' });
  const letters = (v?: string) => normalizeName(v).length;
  for (const field of ['givenName', 'familyName'] as const)
    if (args[field] !== undefined && args[field] !== null && letters(args[field]) < MIN_SEARCH_PREFIX)
      errors.push({
        field,
        code: 'TOO_SHORT',
        reason: `at least ${MIN_SEARCH_PREFIX} letters (names compare as letters only)`,
      });
  if (!args.givenName && !args.familyName)
    errors.push({
      field: 'familyName',
      code: 'REQUIRED',
      reason: `give a family or given name of at least ${MIN_SEARCH_PREFIX} letters (and a birth date to narrow it)`,
    });
  const first = args.first ?? 20;
  if (first < 1 || first > MAX_SEARCH_PAGE)
    errors.push({ field: 'first', code: 'OUT_OF_RANGE', reason: `between 1 and ${MAX_SEARCH_PAGE}` });
  let page = 1;
  let after: string | null = null;
  if (args.after) {
    const m = /^p(\d+):([0-9a-f-]{36})$/.exec(Buffer.from(args.after, 'base64url').toString());
    if (!m || !isUuid(m[2]!))
      errors.push({ field: 'after', code: 'INVALID_FORMAT', reason: 'use endCursor of the previous page' });
    else if (Number(m[1]) > MAX_SEARCH_PAGES)
      errors.push({
        field: 'after',
        code: 'OUT_OF_RANGE',
        reason: `a search walks at most ${MAX_SEARCH_PAGES} pages: narrow it`,
      });
    else [page, after] = [Number(m[1]), m[2]!];
  }
  if (errors.length)
    throw errorCodes.BAD_USER_INPUT.err('Invalid search', {
      field: errors[0]!.field,
      reason: errors[0]!.reason,
      errors,
    });
  return { first, page, after };
}
