import type {
  AgencyCode,
  AgencySubgraphService,
  AgencySubgraphSpec,
  CreateAgencyOptions,
  Rng,
  SubgraphName,
  SyntheticPerson,
} from '@wholechild/shared';
import type { DataSource } from 'typeorm';
import { seed as behavioralHealthSeed } from '../subgraphs/behavioral-health/seed';
import {
  createBehavioralHealthService,
  spec as behavioralHealthSpec,
} from '../subgraphs/behavioral-health/src/server';
import { createChildIndexService, type ChildIndexService } from '../subgraphs/child-index/src/server';
import { seed as childWelfareSeed } from '../subgraphs/child-welfare/seed';
import { createChildWelfareService, spec as childWelfareSpec } from '../subgraphs/child-welfare/src/server';
import { seed as educationSeed } from '../subgraphs/education/seed';
import { createEducationService, spec as educationSpec } from '../subgraphs/education/src/server';
import { seed as housingSeed } from '../subgraphs/housing/seed';
import { createHousingService, spec as housingSpec } from '../subgraphs/housing/src/server';
import { seed as probationSeed } from '../subgraphs/probation/seed';
import { createProbationService, spec as probationSpec } from '../subgraphs/probation/src/server';

/** Every agency subgraph of the platform and how to build it. */
export const agencyFactories: Partial<
  Record<Exclude<SubgraphName, 'child-index'>, (o: CreateAgencyOptions) => Promise<AgencySubgraphService>>
> = {
  'child-welfare': createChildWelfareService,
  'behavioral-health': createBehavioralHealthService,
  probation: createProbationService,
  education: createEducationService,
  housing: createHousingService,
};

/** Each agency's part of the synthetic county. */
export const agencySeeds: Partial<
  Record<AgencyCode, (ds: DataSource, people: SyntheticPerson[], rng: Rng) => Promise<number>>
> = {
  CHILD_WELFARE: childWelfareSeed,
  BEHAVIORAL_HEALTH: behavioralHealthSeed,
  PROBATION: probationSeed,
  EDUCATION: educationSeed,
  HOUSING: housingSeed,
};

export { createChildIndexService, type ChildIndexService };

/** Each agency's subgraph spec: its record kinds, entities and migrations (bulk ingest reads them). */
export const agencySpecs: Record<AgencyCode, AgencySubgraphSpec> = {
  CHILD_WELFARE: childWelfareSpec,
  BEHAVIORAL_HEALTH: behavioralHealthSpec,
  PROBATION: probationSpec,
  EDUCATION: educationSpec,
  HOUSING: housingSpec,
};
