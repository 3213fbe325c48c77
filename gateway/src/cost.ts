import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  typeFromAST,
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { errorCodes } from '@wholechild/shared/core';

/** Arguments that say how many items a field returns: `ids` by its length, `first`/`last` by value
 *  (IBM's GraphQL cost spec and Hive's `@listSize` call these slicing arguments). */
const SIZE_BY_LENGTH = ['ids'];
const SIZE_BY_VALUE = ['first', 'last'];

export interface CostOptions {
  /** Size assumed for a list that no slicing argument bounds. */
  defaultListSize: number;
}

/**
 * The cost of an operation with its variables: what it will make the platform run.
 *
 * - every field costs 1, `__typename` included (a `__typename` alias bomb is work too);
 * - a composite field costs 1 + size × the cost of its selection, where size is that of the list it
 *   returns: the length of its `ids` argument, or its `first`/`last`, or `defaultListSize` for a
 *   list nothing bounds; 1 for a single object;
 * - a page (`searchChildren(first: n) { nodes }`) passes its size to the lists directly in it, so
 *   `nodes` counts n, not n × the default;
 * - fragments count in full (the most a type condition can select); introspection counts 0.
 *
 * armor's cost limit multiplies only by a literal `first`: `children(ids: $ids)` with 500 ids
 * counted as one child. Needs the variables, so it runs once the operation is resolved.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  opts: CostOptions,
): number {
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [])),
  );
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) return 0;

  const sizeOf = (field: FieldNode): number | undefined => {
    for (const arg of field.arguments ?? []) {
      const value = valueOf(arg.value, variables);
      if (SIZE_BY_LENGTH.includes(arg.name.value) && Array.isArray(value)) return value.length;
      if (SIZE_BY_VALUE.includes(arg.name.value) && typeof value === 'number') return Math.max(0, value);
    }
    return undefined;
  };

  const fieldCost = (parent: GraphQLCompositeType, node: FieldNode, pageSize?: number): number => {
    const name = node.name.value;
    if (name === '__schema' || name === '__type') return 0;
    if (!node.selectionSet) return 1;
    const def = fieldDef(parent, name);
    if (!def) return 1;
    const type = getNullableType(def.type);
    const inner = getNamedType(type);
    if (!isCompositeType(inner)) return 1;
    const size = sizeOf(node);
    if (isListType(type)) {
      return 1 + (size ?? pageSize ?? opts.defaultListSize) * setCost(inner, node.selectionSet);
    }
    // A single object: a page carries its size to the lists directly under it.
    return 1 + setCost(inner, node.selectionSet, size);
  };

  const setCost = (parent: GraphQLCompositeType, set: SelectionSetNode, pageSize?: number): number => {
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) cost += fieldCost(parent, sel, pageSize);
      else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const on = sel.typeCondition ? typeFromAST(schema, sel.typeCondition) : parent;
        cost += setCost(isCompositeType(on) ? on : parent, sel.selectionSet, pageSize);
      } else {
        const frag = fragments.get(sel.name.value);
        const on = frag && typeFromAST(schema, frag.typeCondition);
        // validation has refused cycles and unknown fragments before this runs
        if (frag) cost += setCost(isCompositeType(on) ? on : parent, frag.selectionSet, pageSize);
      }
    }
    return cost;
  };

  return setCost(root, operation.selectionSet);
}

function fieldDef(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

/** A literal or variable argument's value, as far as sizing needs it. */
function valueOf(v: ValueNode, variables: Record<string, unknown> | undefined): unknown {
  switch (v.kind) {
    case Kind.VARIABLE:
      return variables?.[v.name.value];
    case Kind.LIST:
      return v.values;
    case Kind.INT:
      return parseInt(v.value, 10);
    default:
      return undefined;
  }
}

/** Refuses an operation whose cost (with its variables) is over `maxCost`: LIMIT_EXCEEDED, HTTP
 *  400, before anything is sent to a subgraph. Validation rules cannot do this (they run before
 *  the variables are known); `didResolveOperation` has both. */
export function costLimitPlugin(maxCost: number, opts: CostOptions): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const cost = operationCost(schema, document, operation, request.variables, opts);
          if (cost > maxCost)
            throw errorCodes.LIMIT_EXCEEDED.err(`Query Cost limit of ${maxCost} exceeded, found ${cost}.`, {
              limit: 'maxCost',
              max: maxCost,
            });
        },
      };
    },
  };
}
