/** What a subgraph is built from: the service (its door, credentials and refusal audit), the
 *  person feed and the index notifier, Child representations, upserts. */
export * from './subgraphService';
export * from './refusalAudit';
export * from './feed';
export * from './indexNotifier';
export * from './section';
export * from './upsert';
export * from './runSubgraph';
