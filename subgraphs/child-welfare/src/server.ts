import path from 'node:path';
import { createAgencySubgraph, type AgencySubgraphSpec, type CreateAgencyOptions } from '@wholechild/shared';
import { entities } from './entities';
import { events, kinds, personKind } from './kinds';
import { Initial1732500000000 } from './migrations/1732500000000-Initial';
import { policy } from './policy';

export const spec: AgencySubgraphSpec = {
  agency: 'CHILD_WELFARE',
  schemaFile: path.join(__dirname, 'schema.graphql'),
  entities,
  migrations: [Initial1732500000000],
  person: personKind,
  kinds,
  events,
  // Cal. Family Code 9200: a sealed adoption file is open to no one without a court order for it.
  // The record still feeds the index (which never merges it, and shows it to child welfare's own
  // staff only), but no other agency learns that it exists: no section, no lookup, no consent, no
  // break-glass; marking a record sealed withdraws it from every other agency's index answers at once.
  protects: {
    sealedAdoption: 'sealedAdoption',
    existenceProtected: 'sealedAdoption',
    neverLeaves: 'sealedAdoption',
  },
  providesFact: {
    sql: 'SELECT DISTINCT person_id FROM cw_case WHERE closed_date IS NULL AND person_id = ANY($1::uuid[])',
  },
  // what child welfare contributes to population measures (AGGREGATE_FACTS.CHILD_WELFARE)
  aggregateFacts: {
    REFERRAL: 'SELECT person_id, received_date AS start_date, received_date AS end_date FROM referral',
    SUBSTANTIATION: `SELECT DISTINCT a.person_id, r.received_date AS start_date, r.received_date AS end_date
      FROM allegation a JOIN referral r ON r.id = a.referral_id WHERE a.disposition = 'SUBSTANTIATED'`,
    CASE: 'SELECT person_id, opened_date AS start_date, closed_date AS end_date FROM cw_case',
    PLACEMENT: `SELECT person_id, start_date, end_date FROM placement WHERE placement_type <> 'HOME_OF_PARENT'`,
  },
  policy,
  // convenes Child and Family Teams (ICPM): its tables, writes, and the membership it lends
  teams: true,
  teamMeetingRecords: 'cft_meeting',
  teamEventCategory: 'CASE',
};

/** Builds the child-welfare subgraph (database migrated, not yet listening). */
export function createChildWelfareService(opts: CreateAgencyOptions) {
  return createAgencySubgraph(spec, opts);
}
