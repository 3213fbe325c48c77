import 'reflect-metadata';

/** Everything, for the subgraphs and tools. A service that needs less imports a subpath
 *  (`@wholechild/shared/core`, `/auth`, `/http`, `/graphql`, `/subgraph`, `/db`, `/access`,
 *  `/agency`, `/language`, `/synthetic`, `/testing`): the gateway loads neither TypeORM nor the county. */
export * from './core';
export * from './loaders';
export * from './auth';
export * from './db';
export * from './http';
export * from './graphql';
export * from './graphql/subgraph';
export * from './agency';
export * from './synthetic';
export * from './access';
export * from './language';
