import path from 'node:path';
import { createAgencySubgraph, type AgencySubgraphSpec, type CreateAgencyOptions } from '@wholechild/shared';
import { entities } from './entities';
import { clientKind, kinds } from './kinds';
import { Initial1732500000000 } from './migrations/1732500000000-Initial';
import { policy } from './policy';

export const spec: AgencySubgraphSpec = {
  agency: 'BEHAVIORAL_HEALTH',
  name: 'behavioral-health',
  schemaFile: path.join(__dirname, 'schema.graphql'),
  entities,
  migrations: [Initial1732500000000],
  person: clientKind,
  kinds,
  sectionTypename: 'BehavioralHealthSection',
  recordQueryField: 'behavioralHealthRecord',
  feedQueryField: 'behavioralHealthPersonFeed',
  policy,
};

/** Builds the behavioral-health subgraph (database migrated, not yet listening). */
export function createBehavioralHealthService(opts: CreateAgencyOptions) {
  return createAgencySubgraph(spec, opts);
}
