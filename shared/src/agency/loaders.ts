import DataLoader from 'dataloader';
import { consentLoader, personAccessLoader } from '../access/consents';
import type { AuditWriter } from '../access/audit';
import type { ViewerClaims } from '../auth/claims';
import { preparedQuery, type SubgraphDatabase } from '../db/dataSource';
import { manyByColumn, manyByColumns, oneById } from '../loaders';
import { listServing, type SectionLists } from './sections';
import type { AgencyLoaders, AgencySubgraphSpec } from './spec';
import { TeamService } from './teams';

/** The request's loaders: person records with their consents, the section's lists in one read,
 *  the lent fact, and the nested lists and references of the agency's kinds. */
export function buildLoaders(
  spec: AgencySubgraphSpec,
  db: SubgraphDatabase,
  sections: SectionLists,
  audit: AuditWriter,
  viewer: ViewerClaims,
): AgencyLoaders {
  const ds = db.dataSource;
  const loaders: Record<string, unknown> = {
    person: oneById(ds.getRepository(spec.person.entity) as never),
    access: personAccessLoader(ds.getRepository(spec.person.entity) as never),
    consents: consentLoader(ds),
    audit,
  };
  if (sections.parts.length) loaders.sections = manyByColumns(sections.parts);
  if (spec.providesFact) {
    const sql = spec.providesFact.sql;
    loaders.facts = new DataLoader<string, boolean>(async (ids) => {
      const rows = await preparedQuery<{ person_id: string }>(ds, sql, [[...ids]]);
      const yes = new Set(rows.map((r) => r.person_id));
      return ids.map((id) => yes.has(id));
    });
  }
  if (spec.teams)
    loaders.teamMemberships = new TeamService(
      ds,
      spec.agency,
      ds.getMetadata(spec.person.entity).tablePath,
    ).membershipLoader(viewer);
  for (const kind of [spec.person, ...spec.kinds]) {
    for (const child of Object.values(kind.children ?? {})) {
      if (listServing(sections.lists, child)) continue;
      const target = spec.kinds.find((k) => k.typename === child.kind)!;
      loaders[`${child.kind}:${child.property}`] ??= manyByColumn(
        ds.getRepository(target.entity),
        child.property,
        { createdAt: 'ASC' } as never,
      );
    }
    for (const ref of Object.values(kind.references ?? {})) {
      const target = [spec.person, ...spec.kinds].find((k) => k.typename === ref.kind)!;
      loaders[`${ref.kind}:id`] ??= oneById(ds.getRepository(target.entity) as never);
    }
  }
  return loaders as AgencyLoaders;
}
