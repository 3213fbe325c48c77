import path from 'node:path';
import { createAgencySubgraph, type AgencySubgraphSpec, type CreateAgencyOptions } from '@wholechild/shared';
import { entities } from './entities';
import { kinds, youthKind } from './kinds';
import { Initial1732500000000 } from './migrations/1732500000000-Initial';
import { policy } from './policy';

export const spec: AgencySubgraphSpec = {
  agency: 'PROBATION',
  schemaFile: path.join(__dirname, 'schema.graphql'),
  entities,
  migrations: [Initial1732500000000],
  person: youthKind,
  kinds,
  policy,
};

/** Builds the probation subgraph (database migrated, not yet listening). */
export function createProbationService(opts: CreateAgencyOptions) {
  return createAgencySubgraph(spec, opts);
}
