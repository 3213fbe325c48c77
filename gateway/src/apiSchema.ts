import fs from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import type { GraphQLSchema } from 'graphql';
import { SUPERGRAPH_FILE } from './supergraph';

/** The schema clients see (the supergraph without its federation machinery): what the gateway
 *  serves, the reference documents and what registered operations are checked against. */
export function apiSchema(supergraphSdl = fs.readFileSync(SUPERGRAPH_FILE, 'utf8')): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}
