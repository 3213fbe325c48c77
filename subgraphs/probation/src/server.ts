import path from 'node:path';
import { createAgencySubgraph, type AgencySubgraphSpec, type CreateAgencyOptions } from '@wholechild/shared';
import { entities } from './entities';
import { events, kinds, youthKind } from './kinds';
import { Initial1732500000000 } from './migrations/1732500000000-Initial';
import { policy } from './policy';

export const spec: AgencySubgraphSpec = {
  agency: 'PROBATION',
  schemaFile: path.join(__dirname, 'schema.graphql'),
  entities,
  migrations: [Initial1732500000000],
  person: youthKind,
  kinds,
  events,
  // what probation contributes to population measures (AGGREGATE_FACTS.PROBATION)
  aggregateFacts: {
    REFERRAL: 'SELECT person_id, referral_date AS start_date, referral_date AS end_date FROM referral',
    PETITION: 'SELECT person_id, filed_date AS start_date, filed_date AS end_date FROM petition',
    DISPOSITION:
      'SELECT person_id, disposition_date AS start_date, disposition_date AS end_date FROM disposition',
    SUPERVISION: 'SELECT person_id, start_date, end_date FROM supervision_term',
  },
  policy,
  // convenes Child and Family Teams (ICPM): its tables, writes, and the membership it lends
  teams: true,
  teamEventCategory: 'JUVENILE_CASE_FILE',
};

/** Builds the probation subgraph (database migrated, not yet listening). */
export function createProbationService(opts: CreateAgencyOptions) {
  return createAgencySubgraph(spec, opts);
}
