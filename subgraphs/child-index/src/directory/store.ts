import type { DataSource, EntityManager } from 'typeorm';
import type { HsdsRow } from './validate';

type Row = Record<string, unknown>;
type Q = Pick<EntityManager, 'query'> | Pick<DataSource, 'query'>;

const val = (row: HsdsRow, f: string) => {
  const v = row[f];
  return v === undefined || v === '' ? null : v;
};

/** The columns of each directory table this store writes (HSDS names), its key first. */
const COLUMNS: Record<string, { table: string; columns: string[]; unique?: string[] }> = {
  organization: {
    table: 'directory_organization',
    columns: [
      'id',
      'maintainer_agency',
      'name',
      'alternate_name',
      'description',
      'email',
      'website',
      'updated_by',
    ],
  },
  service: {
    table: 'directory_service',
    columns: [
      'id',
      'organization_id',
      'name',
      'alternate_name',
      'description',
      'url',
      'email',
      'status',
      'interpretation_services',
      'application_process',
      'fees_description',
      'eligibility_description',
      'minimum_age',
      'maximum_age',
      'updated_by',
    ],
  },
  location: {
    table: 'directory_location',
    columns: ['id', 'organization_id', 'location_type', 'name', 'description', 'latitude', 'longitude'],
  },
  address: {
    table: 'directory_address',
    columns: [
      'id',
      'location_id',
      'address_1',
      'city',
      'region',
      'state_province',
      'postal_code',
      'country',
      'address_type',
    ],
  },
  service_at_location: {
    table: 'directory_service_at_location',
    columns: ['id', 'service_id', 'location_id'],
  },
  language: { table: 'directory_language', columns: ['id', 'service_id', 'name', 'code'] },
  taxonomy_term: {
    table: 'directory_taxonomy_term',
    columns: ['id', 'code', 'name', 'description', 'taxonomy'],
  },
  attribute: { table: 'directory_attribute', columns: ['id', 'service_id', 'taxonomy_term_id'] },
};

/** The HSDS fields of `kind` the directory keeps (what an import reads of a row; the maintaining
 *  agency and the writer are the directory's own, never read from a package). */
export function keptFields(kind: string): string[] {
  return (COLUMNS[kind]?.columns ?? []).filter((c) => c !== 'maintainer_agency' && c !== 'updated_by');
}

/** Inserts or updates one row by its id (HSDS ids are stable: a row sent again is an update).
 *  Returns whether it created the row, updated it, or found it unchanged. */
export async function upsertRow(
  q: Q,
  kind: string,
  row: HsdsRow,
): Promise<'created' | 'updated' | 'unchanged'> {
  const { table, columns } = COLUMNS[kind]!;
  const defaults: Record<string, unknown> = { location_type: 'physical', address_type: 'physical' };
  const values = columns.map((c) => val(row, c) ?? defaults[c] ?? null);
  const set = columns.slice(1).map((c) => `${c} = EXCLUDED.${c}`);
  const changed = columns
    .slice(1)
    .filter((c) => c !== 'updated_by')
    .map((c) => `${table}.${c} IS DISTINCT FROM EXCLUDED.${c}`)
    .join(' OR ');
  const touch = columns.includes('updated_by') ? ', updated_at = now()' : '';
  const [r] = await q.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT (id) DO UPDATE SET ${set.join(', ')}${touch} WHERE ${changed}
     RETURNING (xmax = 0) AS created`,
    values,
  );
  return !r ? 'unchanged' : r.created ? 'created' : 'updated';
}

/** The agency that maintains an organization (null: no such organization). */
export async function maintainerOf(q: Q, organizationId: string): Promise<string | null> {
  const [r] = await q.query(`SELECT maintainer_agency FROM directory_organization WHERE id = $1`, [
    organizationId,
  ]);
  return (r?.maintainer_agency as string | undefined) ?? null;
}

/** The organization a row of `kind` belongs to (for the maintainer's check), or null when the row
 *  names a parent that does not exist. */
export async function organizationOfRow(q: Q, kind: string, row: HsdsRow): Promise<string | null> {
  const one = async (sql: string, id: unknown) => {
    const [r] = await q.query(sql, [id]);
    return (r?.organization_id as string | undefined) ?? null;
  };
  switch (kind) {
    case 'organization':
      return row.id as string;
    case 'service':
    case 'location':
      return (row.organization_id as string) ?? null;
    case 'address':
      return one(`SELECT organization_id FROM directory_location WHERE id = $1`, row.location_id);
    case 'service_at_location':
    case 'language':
      return one(`SELECT organization_id FROM directory_service WHERE id = $1`, row.service_id);
    case 'attribute':
      return one(`SELECT organization_id FROM directory_service WHERE id = $1`, row.link_id);
    default:
      return null;
  }
}

/** The service search's filters (any may be absent). */
export interface DirectorySearch {
  /** A taxonomy term's code or name. */
  need?: string | null;
  /** The child's age: the service accepts it (no bound: any age). */
  age?: number | null;
  /** A language's code (es) or name (Spanish). */
  language?: string | null;
  /** A city, a postal code or a county area (HSDS address.region). */
  locality?: string | null;
  /** Inactive, defunct and closed services too. @default false */
  includeInactive?: boolean;
}

/** One page of services matching, by name then id, after the (name, id) keyset `after`. */
export async function searchServices(
  q: Q,
  s: DirectorySearch,
  first: number,
  after: [string, string] | null,
): Promise<Row[]> {
  return q.query(
    `SELECT s.* FROM directory_service s
      WHERE ($1 OR s.status = 'active')
        AND ($2::text IS NULL OR EXISTS (
              SELECT 1 FROM directory_attribute a JOIN directory_taxonomy_term t ON t.id = a.taxonomy_term_id
               WHERE a.service_id = s.id AND (lower(t.code) = lower($2) OR lower(t.name) = lower($2))))
        AND ($3::int IS NULL OR ((s.minimum_age IS NULL OR s.minimum_age <= $3)
                             AND (s.maximum_age IS NULL OR s.maximum_age >= $3)))
        AND ($4::text IS NULL OR EXISTS (
              SELECT 1 FROM directory_language l
               WHERE l.service_id = s.id AND (lower(l.code) = lower($4) OR lower(l.name) = lower($4))))
        AND ($5::text IS NULL OR EXISTS (
              SELECT 1 FROM directory_service_at_location sl JOIN directory_address ad ON ad.location_id = sl.location_id
               WHERE sl.service_id = s.id
                 AND (lower(ad.city) = lower($5) OR lower(ad.postal_code) = lower($5) OR lower(ad.region) = lower($5))))
        AND ($6::text IS NULL OR (lower(s.name), s.id) > ($6, $7::uuid))
      ORDER BY lower(s.name), s.id
      LIMIT $8`,
    [
      s.includeInactive ?? false,
      s.need ?? null,
      s.age ?? null,
      s.language ?? null,
      s.locality ?? null,
      after?.[0] ?? null,
      after?.[1] ?? null,
      first,
    ],
  );
}

/** Everything shown of these services (organization, locations with addresses, languages, needs),
 *  in four statements whatever the page's size. */
export async function hydrate(q: Q, services: Row[]) {
  const ids = services.map((s) => s.id as string);
  const orgIds = [...new Set(services.map((s) => s.organization_id as string))];
  const [orgs, locations, languages, needs] = await Promise.all([
    q.query(`SELECT * FROM directory_organization WHERE id = ANY($1::uuid[])`, [orgIds]) as Promise<Row[]>,
    q.query(
      `SELECT sl.service_id, l.*, ad.address_1, ad.city, ad.region, ad.state_province, ad.postal_code, ad.country
         FROM directory_service_at_location sl JOIN directory_location l ON l.id = sl.location_id
         LEFT JOIN directory_address ad ON ad.location_id = l.id
        WHERE sl.service_id = ANY($1::uuid[]) ORDER BY l.name, l.id`,
      [ids],
    ) as Promise<Row[]>,
    q.query(`SELECT * FROM directory_language WHERE service_id = ANY($1::uuid[]) ORDER BY code`, [
      ids,
    ]) as Promise<Row[]>,
    q.query(
      `SELECT a.service_id, t.* FROM directory_attribute a JOIN directory_taxonomy_term t ON t.id = a.taxonomy_term_id
        WHERE a.service_id = ANY($1::uuid[]) ORDER BY t.code`,
      [ids],
    ) as Promise<Row[]>,
  ]);
  const orgById = new Map(orgs.map((o) => [o.id as string, organizationOf(o)]));
  return services.map((s) => ({
    id: s.id as string,
    name: s.name as string,
    alternateName: (s.alternate_name as string | null) ?? null,
    description: (s.description as string | null) ?? null,
    url: (s.url as string | null) ?? null,
    email: (s.email as string | null) ?? null,
    status: s.status as string,
    interpretationServices: (s.interpretation_services as string | null) ?? null,
    applicationProcess: (s.application_process as string | null) ?? null,
    feesDescription: (s.fees_description as string | null) ?? null,
    eligibilityDescription: (s.eligibility_description as string | null) ?? null,
    minimumAge: (s.minimum_age as number | null) ?? null,
    maximumAge: (s.maximum_age as number | null) ?? null,
    organization: orgById.get(s.organization_id as string)!,
    locations: locations
      .filter((l) => l.service_id === s.id)
      .map((l) => ({
        id: l.id as string,
        name: (l.name as string | null) ?? null,
        locationType: l.location_type as string,
        address: l.address_1
          ? {
              address1: l.address_1 as string,
              city: l.city as string,
              region: (l.region as string | null) ?? null,
              stateProvince: l.state_province as string,
              postalCode: l.postal_code as string,
              country: l.country as string,
            }
          : null,
      })),
    languages: languages
      .filter((l) => l.service_id === s.id)
      .map((l) => ({ code: l.code as string, name: (l.name as string | null) ?? null })),
    needs: needs
      .filter((t) => t.service_id === s.id)
      .map((t) => ({
        code: t.code as string,
        name: t.name as string,
        taxonomy: (t.taxonomy as string | null) ?? null,
      })),
  }));
}
export type DirectoryServiceView = Awaited<ReturnType<typeof hydrate>>[number];

export const organizationOf = (o: Row) => ({
  id: o.id as string,
  name: o.name as string,
  alternateName: (o.alternate_name as string | null) ?? null,
  description: o.description as string,
  email: (o.email as string | null) ?? null,
  website: (o.website as string | null) ?? null,
  maintainer: o.maintainer_agency as string,
});
