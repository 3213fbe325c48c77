import path from 'node:path';
import { createAgencySubgraph, type AgencySubgraphSpec, type CreateAgencyOptions } from '@wholechild/shared';
import { entities } from './entities';
import { clientKind, events, kinds } from './kinds';
import { Initial1732500000000 } from './migrations/1732500000000-Initial';
import { policy } from './policy';

export const spec: AgencySubgraphSpec = {
  agency: 'HOUSING',
  schemaFile: path.join(__dirname, 'schema.graphql'),
  entities,
  migrations: [Initial1732500000000],
  person: clientKind,
  kinds,
  events,
  // VAWA (34 U.S.C. 12291(b)(2)): a survivor's records never leave housing, whatever the consent
  // or emergency, not even to the child index: the feed sends a bare withdrawal instead.
  protects: { neverLeaves: 'dvSurvivor', withheldFromFeed: true },
  // what housing contributes to population measures (AGGREGATE_FACTS.HOUSING)
  aggregateFacts: {
    ENROLLMENT: 'SELECT person_id, entry_date AS start_date, exit_date AS end_date FROM enrollment',
    HOMELESSNESS: 'SELECT person_id, start_date, end_date FROM homelessness_episode',
  },
  policy,
};

/** Builds the housing subgraph (database migrated, not yet listening). */
export function createHousingService(opts: CreateAgencyOptions) {
  return createAgencySubgraph(spec, opts);
}
