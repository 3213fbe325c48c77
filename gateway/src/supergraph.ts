import fs from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPH_NAMES, type PlatformConfig, type SubgraphName } from '@wholechild/shared/core';

/** The committed, ahead-of-time composed supergraph the gateway serves. */
export const SUPERGRAPH_FILE = path.join(__dirname, '..', 'supergraph.graphql');

/** Default subgraph URLs (loopback, configured ports), overridden per subgraph by `<NAME>_URL`. */
export function subgraphUrls(config: PlatformConfig): Record<SubgraphName, string> {
  return Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [
      name,
      config.subgraphUrls[name] ?? `http://127.0.0.1:${config.ports[name]}/graphql`,
    ]),
  ) as Record<SubgraphName, string>;
}

/** Hints of the last composition (inconsistent descriptions, …): `npm run compose` prints them. */
export let lastHints: string[] = [];

/** Composes the supergraph with @apollo/composition from the SDL each subgraph serves, as
 *  `sdlOf` gives it (scripts/services.ts's servedSdl: an agency's is built by the kit from its
 *  kinds, so the gateway does not load the agencies itself). Throws with every composition
 *  error listed. */
export function composeSupergraph(
  urls: Partial<Record<SubgraphName, string>>,
  sdlOf: (name: SubgraphName) => string,
): string {
  const names = SUBGRAPH_NAMES.filter((name) => urls[name]);
  const result = composeServices(
    names.map((name) => ({
      name,
      url: urls[name]!,
      typeDefs: parse(sdlOf(name)),
    })),
  );
  if (result.errors)
    throw new Error(`Composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  lastHints = result.hints.map((h) => h.toString());
  return result.supergraphSdl;
}

export function readSupergraph(file = SUPERGRAPH_FILE): string {
  return fs.readFileSync(file, 'utf8');
}
