import path from 'node:path';
import { createAgencySubgraph, type AgencySubgraphSpec, type CreateAgencyOptions } from '@wholechild/shared';
import { entities } from './entities';
import { events, kinds, personKind } from './kinds';
import { Initial1732500000000 } from './migrations/1732500000000-Initial';
import { policy } from './policy';

export const spec: AgencySubgraphSpec = {
  agency: 'EDUCATION',
  schemaFile: path.join(__dirname, 'schema.graphql'),
  entities,
  migrations: [Initial1732500000000],
  person: personKind,
  kinds,
  events,
  providesFact: {
    sql: 'SELECT DISTINCT person_id FROM enrollment WHERE exit_date IS NULL AND person_id = ANY($1::uuid[])',
  },
  // what education contributes to population measures (AGGREGATE_FACTS.EDUCATION); a school year
  // runs from August 15 to June 10 (seed/schools.ts)
  aggregateFacts: {
    ENROLLMENT: 'SELECT person_id, entry_date AS start_date, exit_date AS end_date FROM enrollment',
    CHRONIC_ABSENCE: `SELECT person_id, make_date(school_year - 1, 8, 15) AS start_date,
      make_date(school_year, 6, 10) AS end_date FROM attendance_summary WHERE chronic_absence`,
  },
  policy,
};

/** Builds the education subgraph (database migrated, not yet listening). */
export function createEducationService(opts: CreateAgencyOptions) {
  return createAgencySubgraph(spec, opts);
}
