import type { AgencyCode, CreateAgencyOptions, Rng, SubgraphName, SubgraphService, SyntheticPerson } from '@wholechild/shared';
import type { DataSource } from 'typeorm';
import { createChildIndexService, type ChildIndexService } from '../subgraphs/child-index/src/server';
import { seed as childWelfareSeed } from '../subgraphs/child-welfare/src/seed';
import { createChildWelfareService } from '../subgraphs/child-welfare/src/server';

/** Every subgraph of the platform and how to build it. */
export const agencyFactories: Partial<Record<Exclude<SubgraphName, 'child-index'>, (o: CreateAgencyOptions) => Promise<SubgraphService>>> = {
  'child-welfare': createChildWelfareService,
};

export { createChildIndexService, type ChildIndexService };

/** Each agency's part of the synthetic county. */
export const agencySeeds: Partial<Record<AgencyCode, (ds: DataSource, people: SyntheticPerson[], rng: Rng) => Promise<number>>> = {
  CHILD_WELFARE: childWelfareSeed,
};
