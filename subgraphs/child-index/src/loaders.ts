import { manyByColumn, oneById, type ViewerClaims } from '@wholechild/shared';
import type { DataSource } from 'typeorm';
import { AgencyRecord, Child } from './entities';
import { createAccessTrail } from './repositories/accessTrail';

/** Per-request loaders: one SQL statement per batch of children; the request's audit writer, and
 *  the children already written to the trail in this request (one VIEW_CHILD row each). */
export function createLoaders(ds: DataSource, viewer: ViewerClaims, requestId: string) {
  return {
    child: oneById(ds.getRepository(Child)),
    links: manyByColumn(ds.getRepository(AgencyRecord), 'childId', { agency: 'ASC', recordId: 'ASC' }),
    trail: createAccessTrail(ds, viewer, requestId),
    viewed: new Map<string, Promise<void>>(),
  };
}
export type IndexLoaders = ReturnType<typeof createLoaders>;
