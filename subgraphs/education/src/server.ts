import path from 'node:path';
import { createAgencySubgraph, type AgencySubgraphSpec, type CreateAgencyOptions } from '@wholechild/shared';
import { entities } from './entities';
import { kinds, personKind } from './kinds';
import { Initial1732500000000 } from './migrations/1732500000000-Initial';
import { policy } from './policy';

export const spec: AgencySubgraphSpec = {
  agency: 'EDUCATION',
  schemaFile: path.join(__dirname, 'schema.graphql'),
  entities,
  migrations: [Initial1732500000000],
  person: personKind,
  kinds,
  providesFact: {
    sql: 'SELECT DISTINCT person_id FROM enrollment WHERE exit_date IS NULL AND person_id = ANY($1::uuid[])',
  },
  policy,
};

/** Builds the education subgraph (database migrated, not yet listening). */
export function createEducationService(opts: CreateAgencyOptions) {
  return createAgencySubgraph(spec, opts);
}
