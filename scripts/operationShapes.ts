/**
 * What each registered operation reads, as types: `Parent.field` → its output type (`String!`,
 * `[Child!]!`), per operation id (operations/shapes.json, written by `npm run
 * operations:register`). Validation alone misses a field whose type changes under a client (a
 * `Boolean!` that becomes a `String!`, a `String!` that may now be null, a list that becomes one
 * value): the operation still validates, and the client breaks. `npm run schema:check` compares
 * the recorded shapes with the composed schema's, and operations:register refuses to record a
 * changed one, unless operations/intended-breaks.json names the operation with a reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse, TypeInfo, visit, visitWithTypeInfo, type GraphQLSchema } from 'graphql';
import type { RegisteredOperation } from '../gateway/src/trustedDocuments';

export const SHAPES_FILE = path.join(__dirname, '..', 'operations', 'shapes.json');
/** The breaks a change makes on purpose, each reviewed with it: `[{ id, reason }]`. */
export const INTENDED_BREAKS_FILE = path.join(__dirname, '..', 'operations', 'intended-breaks.json');

/** Operation id → why its break is intended (operations/intended-breaks.json). */
export function readIntendedBreaks(file = INTENDED_BREAKS_FILE): Map<string, string> {
  const list = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{ id: string; reason: string }>)
    : [];
  return new Map(list.map((b) => [b.id, b.reason]));
}

/** Operation id → (`Parent.field` → output type). */
export type Shapes = Record<string, Record<string, string>>;

/** The output type of every field `body` selects on `schema` (aliases and fragments resolved to
 *  their field; `__typename` and introspection left out). */
export function shapeOf(body: string, schema: GraphQLSchema): Record<string, string> {
  const info = new TypeInfo(schema);
  const shape: Record<string, string> = {};
  visit(
    parse(body),
    visitWithTypeInfo(info, {
      Field(node) {
        const parent = info.getParentType();
        const type = info.getType();
        if (!parent || !type || node.name.value.startsWith('__')) return;
        shape[`${parent.name}.${node.name.value}`] = String(type);
      },
    }),
  );
  return Object.fromEntries(Object.entries(shape).sort(([a], [b]) => a.localeCompare(b)));
}

export function shapesOf(ops: readonly RegisteredOperation[], schema: GraphQLSchema): Shapes {
  return Object.fromEntries(ops.map((o) => [o.id, shapeOf(o.body, schema)]));
}

export const shapesText = (shapes: Shapes) => `${JSON.stringify(shapes, null, 2)}\n`;

export function readShapes(file = SHAPES_FILE): Shapes {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Shapes) : {};
}

/** Whether a reader of `before` still reads `after`: the same named type and list structure, and
 *  never a value that may now be null where it could not be (non-null where it was nullable is
 *  fine). Type strings as graphql-js prints them. */
export function stillReads(before: string, after: string): boolean {
  const nonNull = (t: string) => t.endsWith('!');
  const inner = (t: string) => (nonNull(t) ? t.slice(0, -1) : t);
  if (nonNull(before) && !nonNull(after)) return false;
  const b = inner(before);
  const a = inner(after);
  const list = (t: string) => t.startsWith('[') && t.endsWith(']');
  if (list(b) !== list(a)) return false;
  return list(b) ? stillReads(b.slice(1, -1), a.slice(1, -1)) : b === a;
}

/** The fields of each recorded operation whose type changed under it, one line each. */
export function changedTypes(
  recorded: Shapes,
  ops: readonly RegisteredOperation[],
  schema: GraphQLSchema,
): Array<{ operation: RegisteredOperation; problems: string[] }> {
  return ops
    .filter((o) => recorded[o.id])
    .map((operation) => {
      const now = shapeOf(operation.body, schema);
      const problems = Object.entries(recorded[operation.id]!)
        .filter(([field, before]) => now[field] !== undefined && !stillReads(before, now[field]!))
        .map(([field, before]) => `${field} changed type from ${before} to ${now[field]}`);
      return { operation, problems };
    })
    .filter((r) => r.problems.length > 0);
}
