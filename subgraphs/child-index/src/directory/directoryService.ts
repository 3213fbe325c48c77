import {
  assertArgs,
  assertMay,
  connection,
  errorCodes,
  fieldError,
  isUuid,
  textArg,
  uuidListArg,
  type FieldError,
  type ViewerClaims,
} from '@wholechild/shared';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { AccessTrail } from '../repositories/accessTrail';
import {
  hydrate,
  maintainerOf,
  organizationOf,
  searchServices,
  upsertRow,
  type DirectorySearch,
} from './store';
import { rowErrors, type HsdsRow } from './validate';

/** Which of these ids are services of the directory (the referral module asks before naming one). */
export async function directoryKnown(ds: DataSource, viewer: ViewerClaims, ids: string[]) {
  assertMay(viewer, 'READ_DIRECTORY');
  assertArgs(
    ids.length > 100 ? fieldError('ids', 'OUT_OF_RANGE', 'at most 100 ids a call') : null,
    uuidListArg('ids', ids),
  );
  const rows: Array<{ id: string }> = ids.length
    ? await ds.query(`SELECT id FROM directory_service WHERE id = ANY($1::uuid[])`, [ids])
    : [];
  return { known: rows.map((r) => r.id) };
}

/** At most this many services a page. @default 20 */
export const MAX_DIRECTORY_PAGE = 100;

export interface OrganizationInput {
  id?: string | null;
  name: string;
  alternateName?: string | null;
  description: string;
  email?: string | null;
  website?: string | null;
}
export interface AddressInput {
  address1: string;
  city: string;
  region?: string | null;
  stateProvince: string;
  postalCode: string;
  country: string;
}
export interface LocationInput {
  id?: string | null;
  organizationId: string;
  name?: string | null;
  locationType?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  address?: AddressInput | null;
}
export interface ServiceInput {
  id?: string | null;
  organizationId: string;
  name: string;
  alternateName?: string | null;
  description?: string | null;
  url?: string | null;
  email?: string | null;
  status?: string | null;
  interpretationServices?: string | null;
  applicationProcess?: string | null;
  feesDescription?: string | null;
  eligibilityDescription?: string | null;
  minimumAge?: number | null;
  maximumAge?: number | null;
  languages?: Array<{ code: string; name?: string | null }> | null;
  needs?: string[] | null;
  locationIds?: string[] | null;
}

function bad(what: string, errors: FieldError[]): never {
  throw errorCodes.BAD_USER_INPUT.err(
    `Invalid ${what}: ${errors.map((e) => `${e.field} ${e.code}`).join('; ')}`,
    { field: errors[0]!.field, reason: errors[0]!.reason, errors },
  );
}

/** camelCase input → the HSDS row (snake case). */
const snake = (o: object): HsdsRow =>
  Object.fromEntries(
    Object.entries(o).map(([k, v]) => [k.replace(/[A-Z0-9]/g, (c) => `_${c.toLowerCase()}`), v]),
  ) as HsdsRow;

const cursorOf = (name: string, id: string) =>
  Buffer.from(JSON.stringify([name.toLowerCase(), id])).toString('base64url');
function afterOf(cursor: string | null | undefined): [string, string] | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && isUuid(v[1])) return [v[0], v[1]];
  } catch {
    // fall through
  }
  assertArgs(fieldError('after', 'INVALID_FORMAT', 'use endCursor of the previous page'));
  return null;
}

/**
 * The county's service directory (HSDS): searched by anyone signed in (no child in it), kept by
 * each agency for the organizations it maintains (MANAGE_DIRECTORY, holder: the maintainer), every
 * write in the index's audit trail.
 */
export class DirectoryService {
  constructor(private readonly ds: DataSource) {}

  async search(viewer: ViewerClaims, s: DirectorySearch & { first?: number | null; after?: string | null }) {
    assertMay(viewer, 'READ_DIRECTORY');
    const first = s.first ?? 20;
    assertArgs(
      Number.isInteger(first) && first >= 1 && first <= MAX_DIRECTORY_PAGE
        ? null
        : fieldError('first', 'OUT_OF_RANGE', `first is 1 to ${MAX_DIRECTORY_PAGE}`),
      s.age === undefined || s.age === null || (Number.isInteger(s.age) && s.age >= 0 && s.age <= 120)
        ? null
        : fieldError('age', 'OUT_OF_RANGE', 'age is 0 to 120'),
      textArg('need', s.need, 100),
      textArg('language', s.language, 100),
      textArg('locality', s.locality, 100),
    );
    const rows = await searchServices(this.ds, s, first + 1, afterOf(s.after));
    const page = rows.slice(0, first);
    const nodes = await hydrate(this.ds, page);
    return connection(
      nodes,
      nodes.map((n) => cursorOf(n.name, n.id)),
      rows.length > first,
    );
  }

  async byIds(viewer: ViewerClaims, ids: string[]) {
    assertMay(viewer, 'READ_DIRECTORY');
    const valid = ids.filter(isUuid);
    const rows: Array<Record<string, unknown>> = valid.length
      ? await this.ds.query(`SELECT * FROM directory_service WHERE id = ANY($1::uuid[])`, [valid])
      : [];
    const byId = new Map((await hydrate(this.ds, rows)).map((s) => [s.id, s]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Checks that the viewer's agency keeps this organization (an existing one: its maintainer). */
  private async assertKeeper(q: Pick<EntityManager, 'query'>, viewer: ViewerClaims, organizationId: string) {
    const maintainer = await maintainerOf(q, organizationId);
    if (!maintainer)
      bad('directory entry', [fieldError('organizationId', 'UNKNOWN_REFERENCE', 'no such organization')]);
    assertMay(viewer, 'MANAGE_DIRECTORY', { holder: maintainer });
  }

  async upsertOrganization(viewer: ViewerClaims, trail: AccessTrail, input: OrganizationInput) {
    assertMay(viewer, 'MANAGE_DIRECTORY', { holder: viewer.agency });
    const row = {
      ...snake(input),
      id: input.id ?? randomUUID(),
      maintainer_agency: viewer.agency,
      updated_by: viewer.sub,
    };
    const errors = rowErrors('organization', row);
    if (errors.length) bad('organization', errors);
    await this.ds.transaction(async (m) => {
      const existing = await maintainerOf(m, row.id as string);
      // another agency's organization stays its own: not taken over by writing its id
      if (existing) await this.assertKeeper(m, viewer, row.id as string);
      await upsertRow(m, 'organization', row);
    });
    await this.audit(trail, 'DIRECTORY_ORGANIZATION_UPSERT', row.id as string);
    const [o] = await this.ds.query(`SELECT * FROM directory_organization WHERE id = $1`, [row.id]);
    return organizationOf(o);
  }

  async upsertLocation(viewer: ViewerClaims, trail: AccessTrail, input: LocationInput) {
    const id = input.id ?? randomUUID();
    const row = { ...snake({ ...input, address: undefined }), id };
    const address = input.address ? { ...snake(input.address), id: undefined, location_id: id } : null;
    const errors = [
      ...rowErrors('location', row),
      ...(address
        ? rowErrors('address', { ...address, id: randomUUID() }).map((e) => ({
            ...e,
            field: `address.${e.field}`,
          }))
        : []),
    ];
    if (errors.length) bad('location', errors);
    await this.ds.transaction(async (m) => {
      await this.assertKeeper(m, viewer, input.organizationId);
      const [existing] = await m.query(`SELECT organization_id FROM directory_location WHERE id = $1`, [id]);
      if (existing) await this.assertKeeper(m, viewer, existing.organization_id);
      await upsertRow(m, 'location', row);
      await m.query(`DELETE FROM directory_address WHERE location_id = $1`, [id]);
      if (address) await upsertRow(m, 'address', { ...address, id: randomUUID() });
    });
    await this.audit(trail, 'DIRECTORY_LOCATION_UPSERT', id);
    return { id };
  }

  async upsertService(viewer: ViewerClaims, trail: AccessTrail, input: ServiceInput) {
    const id = input.id ?? randomUUID();
    const row: HsdsRow = {
      ...snake({ ...input, languages: undefined, needs: undefined, locationIds: undefined }),
      id,
      status: input.status ?? 'active',
      updated_by: viewer.sub,
    };
    const errors = rowErrors('service', row);
    (input.languages ?? []).forEach((l, i) =>
      errors.push(
        ...rowErrors('language', { id: randomUUID(), service_id: id, ...l }).map((e) => ({
          ...e,
          field: `languages[${i}].${e.field}`,
        })),
      ),
    );
    (input.locationIds ?? []).forEach((l, i) => {
      if (!isUuid(l)) errors.push(fieldError(`locationIds[${i}]`, 'INVALID_FORMAT', 'a location id'));
    });
    if (errors.length) bad('service', errors);
    await this.ds.transaction(async (m) => {
      await this.assertKeeper(m, viewer, input.organizationId);
      const [existing] = await m.query(`SELECT organization_id FROM directory_service WHERE id = $1`, [id]);
      if (existing) await this.assertKeeper(m, viewer, existing.organization_id);
      const terms: Array<{ id: string; code: string }> = await m.query(
        `SELECT id, code FROM directory_taxonomy_term WHERE code = ANY($1::text[])`,
        [input.needs ?? []],
      );
      const unknown = (input.needs ?? []).filter((c) => !terms.some((t) => t.code === c));
      if (unknown.length)
        bad('service', [fieldError('needs', 'UNKNOWN_REFERENCE', `no taxonomy term ${unknown.join(', ')}`)]);
      const locations: Array<{ id: string }> = await m.query(
        `SELECT id FROM directory_location WHERE id = ANY($1::uuid[]) AND organization_id = $2`,
        [input.locationIds ?? [], input.organizationId],
      );
      if (locations.length !== new Set(input.locationIds ?? []).size)
        bad('service', [
          fieldError('locationIds', 'UNKNOWN_REFERENCE', "a location of the service's organization"),
        ]);
      await upsertRow(m, 'service', row);
      // the lists are the service's as sent: replaced whole
      for (const t of ['directory_language', 'directory_attribute', 'directory_service_at_location'])
        await m.query(`DELETE FROM ${t} WHERE service_id = $1`, [id]);
      for (const l of input.languages ?? [])
        await upsertRow(m, 'language', {
          id: randomUUID(),
          service_id: id,
          code: l.code,
          name: l.name ?? null,
        });
      for (const t of terms)
        await upsertRow(m, 'attribute', { id: randomUUID(), service_id: id, taxonomy_term_id: t.id });
      for (const l of locations)
        await upsertRow(m, 'service_at_location', { id: randomUUID(), service_id: id, location_id: l.id });
    });
    await this.audit(trail, 'DIRECTORY_SERVICE_UPSERT', id);
    return (await this.byIds(viewer, [id]))[0]!;
  }

  private audit(trail: AccessTrail, action: string, id: string) {
    return trail({
      action,
      decision: 'PERMIT',
      rule: 'MANAGE_DIRECTORY',
      terms: { id },
      childIds: [],
      recordRefs: [],
    });
  }
}
