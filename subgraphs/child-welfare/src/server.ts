import path from 'node:path';
import { createAgencySubgraph, type AgencySubgraphSpec, type CreateAgencyOptions } from '@wholechild/shared';
import { entities } from './entities';
import { kinds, personKind } from './kinds';
import { Initial1732500000000 } from './migrations/1732500000000-Initial';
import { policy } from './policy';

export const spec: AgencySubgraphSpec = {
  agency: 'CHILD_WELFARE',
  name: 'child-welfare',
  schemaFile: path.join(__dirname, 'schema.graphql'),
  entities,
  migrations: [Initial1732500000000],
  person: personKind,
  kinds,
  sectionTypename: 'ChildWelfareSection',
  recordQueryField: 'childWelfareRecord',
  feedQueryField: 'childWelfarePersonFeed',
  sealedAdoptionSql: 'sealed_adoption',
  policy,
};

/** Builds the child-welfare subgraph (database migrated, not yet listening). */
export function createChildWelfareService(opts: CreateAgencyOptions) {
  return createAgencySubgraph(spec, opts);
}
