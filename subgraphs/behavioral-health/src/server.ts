import path from 'node:path';
import { createAgencySubgraph, type AgencySubgraphSpec, type CreateAgencyOptions } from '@wholechild/shared';
import { entities } from './entities';
import { clientKind, events, kinds } from './kinds';
import { Initial1732500000000 } from './migrations/1732500000000-Initial';
import { Part2Protected1732600000001 } from './migrations/1732600000001-Part2Protected';
import { policy } from './policy';

export const spec: AgencySubgraphSpec = {
  agency: 'BEHAVIORAL_HEALTH',
  schemaFile: path.join(__dirname, 'schema.graphql'),
  entities,
  migrations: [Initial1732500000000, Part2Protected1732600000001],
  person: clientKind,
  kinds,
  events,
  // 42 CFR 2.13: a client known only through Part 2 programs does not exist to other agencies
  // unless their substance-use records are disclosed to them
  protects: { existenceProtected: 'part2Protected', protectedCategory: 'SUD' },
  providesFact: {
    sql: 'SELECT DISTINCT person_id FROM episode WHERE end_date IS NULL AND person_id = ANY($1::uuid[])',
  },
  // what behavioral health contributes to population measures (AGGREGATE_FACTS.BEHAVIORAL_HEALTH)
  aggregateFacts: { EPISODE: 'SELECT person_id, start_date, end_date FROM episode' },
  policy,
};

/** Builds the behavioral-health subgraph (database migrated, not yet listening). */
export function createBehavioralHealthService(opts: CreateAgencyOptions) {
  return createAgencySubgraph(spec, opts);
}
