import {
  assertMay,
  errorCodes,
  isIsoDate,
  isUuid,
  type SubgraphContext,
  type ViewerClaims,
} from '@wholechild/shared';
import type { AgencyRecord, Child } from '../entities';
import type { DataSource } from 'typeorm';
import type { IndexLoaders } from '../loaders';
import { normalizeName } from '../matching/normalize';

export const MAX_CHILDREN_PER_CALL = 500;
export const MAX_SEARCH_PAGE = 100;

/** Child-level reads of the index. The index holds identifying demographics only; an analytics
 *  purpose never sees a child-level field (PERMISSIONS.READ_CHILD_INDEX). */
export function assertChildLevelReader(viewer: ViewerClaims): void {
  assertMay(viewer, 'READ_CHILD_INDEX');
}

/** Whether a viewer may know of a link: never a rejected one, and a link whose existence the
 *  holder protects (42 CFR Part 2) only for the holder's own staff. */
export function visibleTo(viewer: ViewerClaims, link: AgencyRecord): boolean {
  return link.status !== 'REJECTED' && (!link.existenceProtected || link.agency === viewer.agency);
}

export class ChildService {
  constructor(private readonly ds: DataSource) {}

  /** A child the viewer may know of: one with at least one link visible to them. A child known
   *  only through protected records does not exist for anyone else (not even as an empty entry). */
  private async visible(ctx: SubgraphContext<IndexLoaders>, id: string): Promise<Child | null> {
    // The child and its links are both keyed by the child's id: read them side by side (the links
    // are what the view asks for next anyway).
    const [child, links] = await Promise.all([ctx.loaders.child.load(id), ctx.loaders.links.load(id)]);
    return child && links.some((l) => visibleTo(ctx.viewer, l)) ? child : null;
  }

  async byId(ctx: SubgraphContext<IndexLoaders>, id: string) {
    assertChildLevelReader(ctx.viewer);
    return isUuid(id) ? this.visible(ctx, id) : null;
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

  async byAgencyRecord(ctx: SubgraphContext<IndexLoaders>, agency: string, recordId: string) {
    assertChildLevelReader(ctx.viewer);
    if (!isUuid(recordId)) return null;
    const [row] = await this.ds.query(
      `SELECT child_id FROM agency_record WHERE agency = $1 AND record_id = $2 AND status IN ('AUTO','CONFIRMED')`,
      [agency, recordId],
    );
    return row?.child_id ? this.byId(ctx, row.child_id) : null;
  }

  async search(
    ctx: SubgraphContext<IndexLoaders>,
    args: { givenName?: string; familyName?: string; birthDate?: string; first?: number; after?: string },
  ) {
    assertChildLevelReader(ctx.viewer);
    const errors = [];
    if (args.birthDate && !isIsoDate(args.birthDate))
      errors.push({ field: 'birthDate', code: 'INVALID_DATE', reason: 'must be YYYY-MM-DD' });
    if (!args.givenName && !args.familyName && !args.birthDate)
      errors.push({
        field: 'familyName',
        code: 'REQUIRED',
        reason: 'give at least one of givenName, familyName, birthDate',
      });
    const first = args.first ?? 20;
    if (first < 1 || first > MAX_SEARCH_PAGE)
      errors.push({ field: 'first', code: 'OUT_OF_RANGE', reason: `between 1 and ${MAX_SEARCH_PAGE}` });
    if (errors.length)
      throw errorCodes.BAD_USER_INPUT.err('Invalid search', {
        field: errors[0]!.field,
        reason: errors[0]!.reason,
        errors,
      });
    const where: string[] = [];
    const params: unknown[] = [];
    const norm = (col: string) => `regexp_replace(lower(${col}), '[^a-z]', '', 'g')`;
    if (args.givenName) {
      params.push(`${normalizeName(args.givenName)}%`);
      where.push(`${norm('given_name')} LIKE $${params.length}`);
    }
    if (args.familyName) {
      params.push(`${normalizeName(args.familyName)}%`);
      where.push(`${norm('family_name')} LIKE $${params.length}`);
    }
    if (args.birthDate) {
      params.push(args.birthDate);
      where.push(`birth_date = $${params.length}`);
    }
    if (args.after) {
      params.push(args.after);
      where.push(`id > $${params.length}`);
    }
    // Only children the viewer may know of, filtered in SQL so that page sizes and `hasMore` say
    // nothing about children known only through protected records.
    params.push(ctx.viewer.agency);
    where.push(`EXISTS (SELECT 1 FROM agency_record a WHERE a.child_id = child.id AND a.status <> 'REJECTED'
      AND (NOT a.existence_protected OR a.agency = $${params.length}))`);
    params.push(first + 1);
    const rows: Array<{ id: string }> = await this.ds.query(
      `SELECT id FROM child WHERE ${where.join(' AND ')} ORDER BY id LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, first);
    const nodes = (await Promise.all(page.map((r) => this.byId(ctx, r.id)))).filter((c) => c);
    return { nodes, endCursor: page.length ? page[page.length - 1]!.id : null, hasMore: rows.length > first };
  }
}
