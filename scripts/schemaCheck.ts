/**
 * `npm run schema:check` (run by .ci/run): fails when
 * - the subgraphs do not compose, or the committed supergraph (gateway/supergraph.graphql) is not
 *   what they compose to (`npm run compose`);
 * - the registered operations (operations/manifest.json) are not what `npm run
 *   operations:register` would write;
 * - a registered operation no longer runs on the composed schema (a removed field, a changed type,
 *   a new required argument…), unless operations/intended-breaks.json names it with a reason:
 *   a break reviewed with the change that makes it.
 */
import fs from 'node:fs';
import path from 'node:path';
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

export const INTENDED_BREAKS_FILE = path.join(__dirname, '..', 'operations', 'intended-breaks.json');

export interface SchemaCheckReport {
  problems: string[];
  accepted: string[];
}

export function schemaCheck(
  opts: { supergraphSdl?: string; intendedBreaks?: Array<{ id: string; reason: string }> } = {},
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
    (!fs.existsSync(ROUTER_MANIFEST_FILE) ||
      fs.readFileSync(ROUTER_MANIFEST_FILE, 'utf8') !== routerManifestText(collectOperations()))
  )
    problems.push(
      'deploy/router/persisted-query-manifest.json is stale: run `npm run operations:register` and commit it',
    );
  const intended = new Map(
    (
      opts.intendedBreaks ??
      (fs.existsSync(INTENDED_BREAKS_FILE)
        ? (JSON.parse(fs.readFileSync(INTENDED_BREAKS_FILE, 'utf8')) as Array<{ id: string; reason: string }>)
        : [])
    ).map((b) => [b.id, b.reason]),
  );
  for (const { operation, problems: why } of brokenOperations(
    readManifest().operations,
    apiSchema(composed),
  )) {
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
