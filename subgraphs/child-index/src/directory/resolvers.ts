import type { SubgraphContext } from '@wholechild/shared';
import type { DataSource } from 'typeorm';
import type { IndexLoaders } from '../loaders';
import {
  DirectoryService,
  type LocationInput,
  type OrganizationInput,
  type ServiceInput,
} from './directoryService';
import type { DirectorySearch } from './store';

type Ctx = SubgraphContext<IndexLoaders>;

/** The directory's queries, writes and entity reference (merged into the index's resolvers). */
export function directoryResolvers(ds: DataSource) {
  const directory = new DirectoryService(ds);
  return {
    Query: {
      directoryServices: (
        _: unknown,
        a: DirectorySearch & { first?: number | null; after?: string | null },
        ctx: Ctx,
      ) => directory.search(ctx.viewer, a),
      directoryService: async (_: unknown, a: { id: string }, ctx: Ctx) =>
        (await directory.byIds(ctx.viewer, [a.id]))[0],
    },
    Mutation: {
      upsertDirectoryOrganization: (_: unknown, a: { organization: OrganizationInput }, ctx: Ctx) =>
        directory.upsertOrganization(ctx.viewer, ctx.loaders.trail, a.organization),
      upsertDirectoryLocation: async (_: unknown, a: { location: LocationInput }, ctx: Ctx) => {
        const { id } = await directory.upsertLocation(ctx.viewer, ctx.loaders.trail, a.location);
        const [l] = await ds.query(
          `SELECT l.*, ad.address_1, ad.city, ad.region, ad.state_province, ad.postal_code, ad.country
             FROM directory_location l LEFT JOIN directory_address ad ON ad.location_id = l.id WHERE l.id = $1`,
          [id],
        );
        return {
          id,
          name: l.name,
          locationType: l.location_type,
          address: l.address_1
            ? {
                address1: l.address_1,
                city: l.city,
                region: l.region,
                stateProvince: l.state_province,
                postalCode: l.postal_code,
                country: l.country,
              }
            : null,
        };
      },
      upsertDirectoryService: (_: unknown, a: { service: ServiceInput }, ctx: Ctx) =>
        directory.upsertService(ctx.viewer, ctx.loaders.trail, a.service),
    },
    DirectoryService: {
      // an agency's referral names a service by id: the gateway asks here for the rest
      __resolveReference: async (ref: { id: string }, ctx: Ctx) =>
        (await directory.byIds(ctx.viewer, [ref.id]))[0],
    },
  };
}
