import type { AgencyCode } from '../agencies';
import type { SubgraphContext } from './subgraphService';

/** A `Child` entity as an agency subgraph receives it: its key plus the links it @requires. */
export interface ChildRepresentation {
  id: string;
  links?: Array<{ agency: string; recordId: string; status: string }>;
}

/** Link statuses whose records belong in a case view: a pair still under review or rejected by a
 *  steward might be another child, and showing it would disclose the wrong child's record. */
const VISIBLE = new Set(['AUTO', 'CONFIRMED']);

/** The holder's own record ids linked to this child. */
export function linkedRecordIds(child: ChildRepresentation, holder: AgencyCode): string[] {
  return (child.links ?? [])
    .filter((l) => l.agency === holder && VISIBLE.has(l.status))
    .map((l) => l.recordId);
}

export interface SectionParent {
  __typename: string;
  childId: string;
  recordIds: string[];
}

/** Resolves an agency's section of `Child`: null when the agency holds nothing linked to the
 *  child (or existence is protected), a typed Restricted when access is denied, otherwise the
 *  section's parent object whose fields load through the request's DataLoaders. */
export async function resolveSection(
  ctx: SubgraphContext<unknown>,
  holder: AgencyCode,
  child: ChildRepresentation,
  sectionTypename: string,
) {
  const recordIds = linkedRecordIds(child, holder);
  if (!recordIds.length) return null;
  const decision = await ctx.access.check({ recordIds, category: 'SECTION' });
  if (!decision.permit) return ctx.access.restricted(decision, 'SECTION');
  return { __typename: sectionTypename, childId: child.id, recordIds } satisfies SectionParent;
}
