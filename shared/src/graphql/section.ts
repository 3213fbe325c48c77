import {
  isAbstractType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLResolveInfo,
  type NamedTypeNode,
  type SelectionSetNode,
} from 'graphql';
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

const selected = new WeakMap<readonly FieldNode[], Map<string, Set<string>>>();

/**
 * The names of the fields the query selects on `typename` beneath the field being resolved: its
 * own fields, those of inline fragments and named fragments on `typename` (or on an abstract type
 * it belongs to, or with no type condition). `@skip`/`@include` are not evaluated: a field they
 * drop still counts, so what this returns may only be too much, never too little. Computed once
 * per field of the operation (graphql-js hands every item of a list the same `fieldNodes`).
 */
export function selectedFields(info: GraphQLResolveInfo, typename: string): ReadonlySet<string> {
  let byType = selected.get(info.fieldNodes);
  const hit = byType?.get(typename);
  if (hit) return hit;
  const target = info.schema.getType(typename);
  const object = isObjectType(target) ? target : undefined;
  const applies = (condition: NamedTypeNode | undefined) => {
    if (!condition || condition.name.value === typename) return true;
    const type = info.schema.getType(condition.name.value);
    return !!type && !!object && isAbstractType(type) && info.schema.isSubType(type, object);
  };
  const fields = new Set<string>();
  const spread = new Set<string>();
  const walk = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) fields.add(s.name.value);
      else if (s.kind === Kind.INLINE_FRAGMENT) {
        if (applies(s.typeCondition)) walk(s.selectionSet);
      } else if (!spread.has(s.name.value)) {
        spread.add(s.name.value);
        const fragment = info.fragments[s.name.value];
        if (fragment && applies(fragment.typeCondition)) walk(fragment.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet);
  if (!byType) selected.set(info.fieldNodes, (byType = new Map()));
  byType.set(typename, fields);
  return fields;
}
