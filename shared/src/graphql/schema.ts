import fs from 'node:fs';
import path from 'node:path';
import { parse, type DocumentNode } from 'graphql';

const COMMON_SDL = fs.readFileSync(path.join(__dirname, 'common.graphql'), 'utf8');

/** The SDL every subgraph shares (federation link, Agency, AgencyLink, Restricted, upsert and feed
 *  types), then the subgraph's own `schema.graphql`. */
export function subgraphSdl(schemaFile: string): string {
  return `${COMMON_SDL}\n${fs.readFileSync(schemaFile, 'utf8')}`;
}

export function loadSubgraphTypeDefs(schemaFile: string): DocumentNode {
  return parse(subgraphSdl(schemaFile));
}
