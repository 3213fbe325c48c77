import path from 'node:path';
import {
  accessTablesMigration,
  createAgencySubgraph,
  type AgencySubgraphSpec,
  type CreateAgencyOptions,
} from '@wholechild/shared';
import { entities } from './entities';
import { kinds, personKind } from './kinds';
import { Initial1732500000000 } from './migrations/1732500000000-Initial';
import { policy } from './policy';

/** Consents and the audit trail (shared DDL). */
export const AccessTables1732600000000 = accessTablesMigration('person');

export const spec: AgencySubgraphSpec = {
  agency: 'CHILD_WELFARE',
  name: 'child-welfare',
  schemaFile: path.join(__dirname, 'schema.graphql'),
  entities,
  migrations: [Initial1732500000000, AccessTables1732600000000],
  person: personKind,
  kinds,
  sectionTypename: 'ChildWelfareSection',
  recordQueryField: 'childWelfareRecord',
  feedQueryField: 'childWelfarePersonFeed',
  sealedAdoptionSql: 'sealed_adoption',
  providesFact: {
    sql: 'SELECT DISTINCT person_id FROM cw_case WHERE closed_date IS NULL AND person_id = ANY($1::uuid[])',
  },
  factsFrom: (child) => ({
    activeBehavioralHealthTreatment: child.behavioralHealthActiveTreatment === true,
    enrolledInSchool: child.educationEnrolled === true,
  }),
  policy,
};

/** Builds the child-welfare subgraph (database migrated, not yet listening). */
export function createChildWelfareService(opts: CreateAgencyOptions) {
  return createAgencySubgraph(spec, opts);
}
