import { manyByColumn, oneById } from '@wholechild/shared';
import type { DataSource } from 'typeorm';
import { AgencyRecord, Child } from './entities';

/** Per-request loaders: one SQL statement per batch of children. */
export function createLoaders(ds: DataSource) {
  return {
    child: oneById(ds.getRepository(Child)),
    links: manyByColumn(ds.getRepository(AgencyRecord), 'childId', { agency: 'ASC', recordId: 'ASC' }),
  };
}
export type IndexLoaders = ReturnType<typeof createLoaders>;
