import {
  AGENCIES,
  AGENCY_SUBGRAPH,
  agencyOfSubgraph,
  agencySdl,
  createAgencySubgraph,
  subgraphSdl,
  type AgencyCode,
  type AgencySubgraphService,
  type AgencySubgraphSpec,
  type CreateAgencyOptions,
  type Rng,
  type SubgraphName,
  type SyntheticPerson,
} from '@wholechild/shared';
import type { DataSource } from 'typeorm';
import * as behavioralHealthSeed from '../subgraphs/behavioral-health/seed';
import * as behavioralHealth from '../subgraphs/behavioral-health/src/server';
import {
  createChildIndexService,
  INDEX_SCHEMA_FILE,
  type ChildIndexService,
} from '../subgraphs/child-index/src/server';
import * as childWelfareSeed from '../subgraphs/child-welfare/seed';
import * as childWelfare from '../subgraphs/child-welfare/src/server';
import * as educationSeed from '../subgraphs/education/seed';
import * as education from '../subgraphs/education/src/server';
import * as housingSeed from '../subgraphs/housing/seed';
import * as housing from '../subgraphs/housing/src/server';
import * as probationSeed from '../subgraphs/probation/seed';
import * as probation from '../subgraphs/probation/src/server';

type Seed = (ds: DataSource, people: SyntheticPerson[], rng: Rng) => Promise<number>;

/** The one table of the platform's agencies: each one's spec (what its subgraph is built from)
 *  and its part of the synthetic county. Everything else here is derived from it. */
const AGENCY_MODULES: Record<AgencyCode, { spec: AgencySubgraphSpec; seed: Seed }> = {
  CHILD_WELFARE: { spec: childWelfare.spec, seed: childWelfareSeed.seed },
  BEHAVIORAL_HEALTH: { spec: behavioralHealth.spec, seed: behavioralHealthSeed.seed },
  PROBATION: { spec: probation.spec, seed: probationSeed.seed },
  EDUCATION: { spec: education.spec, seed: educationSeed.seed },
  HOUSING: { spec: housing.spec, seed: housingSeed.seed },
};

/** Each agency's subgraph spec: its record kinds, entities and migrations (bulk ingest reads them). */
export const agencySpecs = Object.fromEntries(AGENCIES.map((a) => [a, AGENCY_MODULES[a].spec])) as Record<
  AgencyCode,
  AgencySubgraphSpec
>;

/** Each agency's part of the synthetic county. */
export const agencySeeds = Object.fromEntries(AGENCIES.map((a) => [a, AGENCY_MODULES[a].seed])) as Record<
  AgencyCode,
  Seed
>;

/** Every agency subgraph of the platform and how to build it (by service name). */
export const agencyFactories = Object.fromEntries(
  AGENCIES.map((a) => [
    AGENCY_SUBGRAPH[a],
    (o: CreateAgencyOptions) => createAgencySubgraph(agencySpecs[a], o),
  ]),
) as Record<Exclude<SubgraphName, 'child-index'>, (o: CreateAgencyOptions) => Promise<AgencySubgraphService>>;

/** The SDL each subgraph serves: an agency's as the kit builds it from its spec (its upsert
 *  mutations from its kinds), the index's from its schema file. `npm run compose` composes these. */
export function servedSdl(name: SubgraphName): string {
  const agency = agencyOfSubgraph(name);
  return agency ? agencySdl(agencySpecs[agency]) : subgraphSdl(INDEX_SCHEMA_FILE, name);
}

export { createChildIndexService, type ChildIndexService };
