import path from 'node:path';
import {
  accessTablesMigration,
  createAgencySubgraph,
  type AgencySubgraphSpec,
  type CreateAgencyOptions,
} from '@wholechild/shared';
import { entities } from './entities';
import { kinds, youthKind } from './kinds';
import { Initial1732500000000 } from './migrations/1732500000000-Initial';
import { policy } from './policy';

/** Consents and the audit trail (shared DDL). */
export const AccessTables1732600000000 = accessTablesMigration('youth');

export const spec: AgencySubgraphSpec = {
  agency: 'PROBATION',
  name: 'probation',
  schemaFile: path.join(__dirname, 'schema.graphql'),
  entities,
  migrations: [Initial1732500000000, AccessTables1732600000000],
  person: youthKind,
  kinds,
  sectionTypename: 'ProbationSection',
  recordQueryField: 'probationRecord',
  feedQueryField: 'probationPersonFeed',
  policy,
};

/** Builds the probation subgraph (database migrated, not yet listening). */
export function createProbationService(opts: CreateAgencyOptions) {
  return createAgencySubgraph(spec, opts);
}
