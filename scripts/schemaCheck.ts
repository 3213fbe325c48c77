/**
 * `npm run schema:check` (run by .ci/run): fails when
 * - the subgraphs do not compose, or the committed supergraph (gateway/supergraph.graphql) is not
 *   what they compose to (`npm run compose`);
 * - the registered operations (operations/manifest.json) are not what `npm run
 *   operations:register` would write;
 * - a registered operation no longer runs on the composed schema (a removed field, a new required
 *   argument…) or a field it reads changed type under it (operations/shapes.json: a `Boolean!` now
 *   a `String!`, a value that may now be null, a list now one value), unless
 *   operations/intended-breaks.json names it with a reason: a break reviewed with the change that
 *   makes it.
 */
import fs from 'node:fs';
import { loadConfig } from '@wholechild/shared/core';
import { apiSchema } from '../gateway/src/apiSchema';
import { composeSupergraph, SUPERGRAPH_FILE, subgraphUrls } from '../gateway/src/supergraph';
import { MANIFEST_FILE, readManifest } from '../gateway/src/trustedDocuments';
import {
  brokenOperations,
  collectOperations,
  manifestText,
  ROUTER_MANIFEST_FILE,
  routerManifestText,
} from './operationsRegister';
import { servedSdl } from './services';
import {
  changedTypes,
  INTENDED_BREAKS_FILE,
  readIntendedBreaks,
  readShapes,
  SHAPES_FILE,
  shapesOf,
  shapesText,
  type Shapes,
} from './operationShapes';

export { INTENDED_BREAKS_FILE };

export interface SchemaCheckReport {
  problems: string[];
  accepted: string[];
}

export function schemaCheck(
  opts: {
    supergraphSdl?: string;
    intendedBreaks?: Array<{ id: string; reason: string }>;
    /** What each registered operation read when it was registered. @default operations/shapes.json */
    shapes?: Shapes;
  } = {},
): SchemaCheckReport {
  const problems: string[] = [];
  const accepted: string[] = [];
  let composed: string;
  try {
    composed =
      opts.supergraphSdl ??
      composeSupergraph(subgraphUrls(loadConfig({ WHOLECHILD_MODE: 'development' })), servedSdl);
  } catch (e) {
    return {
      problems: [`the subgraphs do not compose: ${e instanceof Error ? e.message : String(e)}`],
      accepted,
    };
  }
  if (!opts.supergraphSdl && fs.readFileSync(SUPERGRAPH_FILE, 'utf8') !== composed)
    problems.push('gateway/supergraph.graphql is stale: run `npm run compose` and commit it');
  if (!opts.supergraphSdl && fs.readFileSync(MANIFEST_FILE, 'utf8') !== manifestText(collectOperations()))
    problems.push('operations/manifest.json is stale: run `npm run operations:register` and commit it');
  if (
    !opts.supergraphSdl &&
    (!fs.existsSync(SHAPES_FILE) ||
      fs.readFileSync(SHAPES_FILE, 'utf8') !== shapesText(shapesOf(collectOperations(), apiSchema(composed))))
  )
    problems.push('operations/shapes.json is stale: run `npm run operations:register` and commit it');
  if (
    !opts.supergraphSdl &&
    (!fs.existsSync(ROUTER_MANIFEST_FILE) ||
      fs.readFileSync(ROUTER_MANIFEST_FILE, 'utf8') !== routerManifestText(collectOperations()))
  )
    problems.push(
      'deploy/router/persisted-query-manifest.json is stale: run `npm run operations:register` and commit it',
    );
  const intended = opts.intendedBreaks
    ? new Map(opts.intendedBreaks.map((b) => [b.id, b.reason]))
    : readIntendedBreaks();
  const schema = apiSchema(composed);
  const operations = readManifest().operations;
  const broken = new Map<string, { operation: (typeof operations)[number]; problems: string[] }>();
  for (const b of [
    ...brokenOperations(operations, schema),
    // a field whose type changed under the operation (it still validates; its client breaks)
    ...changedTypes(opts.shapes ?? readShapes(), operations, schema),
  ]) {
    const seen = broken.get(b.operation.id);
    if (seen) seen.problems.push(...b.problems);
    else broken.set(b.operation.id, { operation: b.operation, problems: [...b.problems] });
  }
  for (const { operation, problems: why } of broken.values()) {
    const line = `${operation.client}/${operation.name} (${operation.id.slice(0, 12)}): ${why.join('; ')}`;
    const reason = intended.get(operation.id);
    if (reason) accepted.push(`${line} — intended: ${reason}`);
    else problems.push(`breaks a registered operation: ${line}`);
  }
  return { problems, accepted };
}

if (require.main === module) {
  const { problems, accepted } = schemaCheck();
  for (const a of accepted) console.log(`accepted break: ${a}`);
  for (const p of problems) console.error(p);
  if (problems.length) process.exit(1);
  console.log(
    `schema check: composes, supergraph and manifest current, ${readManifest().operations.length} registered operations run`,
  );
}
