import type { AgencyCode } from '../agencies';

/** A `Child` entity as an agency subgraph receives it: its key plus the internal record links it
 *  @requires (all links, including existence-protected ones the public `links` hides). */
export interface ChildRepresentation {
  id: string;
  recordLinks?: Array<{ agency: string; recordId: string; status: string }>;
}

/** Link statuses whose records belong in a case view: a pair still under review or rejected by a
 *  steward might be another child, and showing it would disclose the wrong child's record. */
const VISIBLE = new Set(['AUTO', 'CONFIRMED']);

/** The holder's own record ids linked to this child. */
export function linkedRecordIds(child: ChildRepresentation, holder: AgencyCode): string[] {
  return (child.recordLinks ?? [])
    .filter((l) => l.agency === holder && VISIBLE.has(l.status))
    .map((l) => l.recordId);
}
