/** PostgreSQL: data sources (one schema per subgraph), the embedded server, person records and
 *  their feed, the upsert rules and the bulk path. */
export * from './dataSource';
export * from './owner';
export * from './roles';
export * from './grantState';
export * from './embedded';
export * from './namingStrategy';
export * from './personRecord';
export * from './upsert';
export * from './bulkIngest';
