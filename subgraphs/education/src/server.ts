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
export const AccessTables1732600000000 = accessTablesMigration('student');

export const spec: AgencySubgraphSpec = {
  agency: 'EDUCATION',
  name: 'education',
  schemaFile: path.join(__dirname, 'schema.graphql'),
  entities,
  migrations: [Initial1732500000000, AccessTables1732600000000],
  person: personKind,
  kinds,
  sectionTypename: 'EducationSection',
  recordQueryField: 'educationRecord',
  feedQueryField: 'educationPersonFeed',
  providesFact: {
    sql: 'SELECT DISTINCT person_id FROM enrollment WHERE exit_date IS NULL AND person_id = ANY($1::uuid[])',
  },
  factsFrom: (child) => ({ openChildWelfareCase: child.childWelfareOpenCase === true }),
  policy,
};

/** Builds the education subgraph (database migrated, not yet listening). */
export function createEducationService(opts: CreateAgencyOptions) {
  return createAgencySubgraph(spec, opts);
}
