/** GraphQL pieces every service uses, the gateway included: error masking and request-id plugins,
 *  typed argument checks, the subgraphs' SDL. No database. */
export * from './plugins';
export * from './arguments';
export * from './connection';
export * from './schema';
