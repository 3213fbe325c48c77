import type { CreateAgencyOptions, SubgraphName, SubgraphService } from '@wholechild/shared';
import { createChildIndexService, type ChildIndexService } from '../subgraphs/child-index/src/server';
import { createChildWelfareService } from '../subgraphs/child-welfare/src/server';

/** Every subgraph of the platform and how to build it. */
export const agencyFactories: Partial<Record<Exclude<SubgraphName, 'child-index'>, (o: CreateAgencyOptions) => Promise<SubgraphService>>> = {
  'child-welfare': createChildWelfareService,
};

export { createChildIndexService, type ChildIndexService };
