/**
 * `npm run operations:register`: writes the manifest of trusted operations
 * (operations/manifest.json) from the platform's web app (its generated documents,
 * web/src/gql/graphql.ts) and from each partner's reviewed operations
 * (operations/partners/<partner>/*.graphql). Every operation is checked against the committed
 * supergraph first: one that does not validate is listed and nothing is written. It also writes
 * the same operations as an Apollo persisted-query manifest for the edge routers' safelists
 * (deploy/router/persisted-query-manifest.json), and what each operation reads as types
 * (operations/shapes.json): an operation a field's type changed under is listed and nothing is
 * written, unless operations/intended-breaks.json names it. With `--check` it writes nothing and exits 1 when
 * the committed manifest differs (CI: `npm run schema:check`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { apiSchema } from '../gateway/src/apiSchema';
import {
  MANIFEST_FILE,
  normalizeOperation,
  operationId,
  type OperationManifest,
  type RegisteredOperation,
} from '../gateway/src/trustedDocuments';
import * as webDocuments from '../web/src/gql/graphql';
import {
  changedTypes,
  readIntendedBreaks,
  readShapes,
  SHAPES_FILE,
  shapesOf,
  shapesText,
} from './operationShapes';

export const PARTNERS_DIR = path.join(__dirname, '..', 'operations', 'partners');

/** Every operation of a document, each as its own text with the fragments it uses. */
function operationsOf(doc: DocumentNode, client: string): RegisteredOperation[] {
  const fragments = doc.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  return doc.definitions.flatMap((d) => {
    if (d.kind !== Kind.OPERATION_DEFINITION) return [];
    if (!d.name) throw new Error(`${client}: every registered operation needs a name`);
    const body = normalizeOperation(print({ kind: Kind.DOCUMENT, definitions: [d, ...fragments] }));
    return [{ id: operationId(body), name: d.name.value, client, body }];
  });
}

/** The operations to register: the web app's, then each partner's, by name. */
export function collectOperations(partnersDir = PARTNERS_DIR): RegisteredOperation[] {
  const ops: RegisteredOperation[] = [];
  for (const value of Object.values(webDocuments))
    if (value && typeof value === 'object' && (value as DocumentNode).kind === Kind.DOCUMENT)
      ops.push(...operationsOf(value as DocumentNode, 'web'));
  if (fs.existsSync(partnersDir))
    for (const partner of fs.readdirSync(partnersDir).sort()) {
      const dir = path.join(partnersDir, partner);
      if (!fs.statSync(dir).isDirectory()) continue;
      for (const file of fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.graphql'))
        .sort())
        ops.push(...operationsOf(parse(fs.readFileSync(path.join(dir, file), 'utf8')), partner));
    }
  const seen = new Map<string, RegisteredOperation>();
  for (const op of ops) seen.set(op.id, seen.get(op.id) ?? op);
  return [...seen.values()].sort((a, b) => a.client.localeCompare(b.client) || a.name.localeCompare(b.name));
}

/** Why each operation would fail against `schema` (a removed field, a changed type, a new
 *  required argument…): one line per problem, none when every operation still runs. */
export function brokenOperations(
  ops: readonly RegisteredOperation[],
  schema: GraphQLSchema,
): Array<{ operation: RegisteredOperation; problems: string[] }> {
  return ops
    .map((operation) => ({
      operation,
      problems: validate(schema, parse(operation.body)).map((e) => e.message),
    }))
    .filter((r) => r.problems.length > 0);
}

/** The edge routers' safelist (Apollo Router `persisted_queries.local_manifests`, Hive Router
 *  `persisted_documents` file storage): the registered operations in the Apollo persisted-query
 *  manifest format, under the same ids (the sha256 a client sends as APQ's `sha256Hash`). */
export const ROUTER_MANIFEST_FILE = path.join(
  __dirname,
  '..',
  'deploy',
  'router',
  'persisted-query-manifest.json',
);
export const routerManifestText = (ops: RegisteredOperation[]) =>
  `${JSON.stringify(
    {
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: ops.map((o) => ({ id: o.id, name: o.name, type: operationType(o.body), body: o.body })),
    },
    null,
    2,
  )}\n`;
const operationType = (body: string) => {
  const op = parse(body).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  return op?.kind === Kind.OPERATION_DEFINITION ? op.operation : 'query';
};

export const manifestText = (ops: RegisteredOperation[]) =>
  `${JSON.stringify({ format: 'wholechild-operations/1', operations: ops } satisfies OperationManifest, null, 2)}\n`;

if (require.main === module) {
  const check = process.argv.includes('--check');
  const ops = collectOperations();
  const schema = apiSchema();
  const broken = brokenOperations(ops, schema);
  // a field whose type changed under a registered operation: recorded only when intended
  const intended = readIntendedBreaks();
  broken.push(...changedTypes(readShapes(), ops, schema).filter((c) => !intended.has(c.operation.id)));
  for (const b of broken)
    console.error(`${b.operation.client}/${b.operation.name}: ${b.problems.join('; ')}`);
  if (broken.length) process.exit(1);
  const text = manifestText(ops);
  if (check) {
    const current = fs.existsSync(MANIFEST_FILE) ? fs.readFileSync(MANIFEST_FILE, 'utf8') : '';
    if (current !== text) {
      console.error('operations/manifest.json is stale: run `npm run operations:register` and commit it');
      process.exit(1);
    }
    console.log(`operations/manifest.json: ${ops.length} operations, current`);
  } else {
    fs.writeFileSync(MANIFEST_FILE, text);
    fs.writeFileSync(SHAPES_FILE, shapesText(shapesOf(ops, schema)));
    fs.mkdirSync(path.dirname(ROUTER_MANIFEST_FILE), { recursive: true });
    fs.writeFileSync(ROUTER_MANIFEST_FILE, routerManifestText(ops));
    console.log(`wrote ${path.relative(process.cwd(), MANIFEST_FILE)}: ${ops.length} operations`);
  }
}
