import fs from 'node:fs';
import path from 'node:path';
import { parseCsv } from '@wholechild/linkage';
import { fieldError, isAgency, type AgencyCode, type FieldError } from '@wholechild/shared';
import type { DataSource } from 'typeorm';
import { createAccessTrail } from '../repositories/accessTrail';
import { keptFields, maintainerOf, organizationOfRow, upsertRow } from './store';
import { rowErrors, type HsdsRow } from './validate';

/** The HSDS 3.0 resources this directory keeps, in the order they load (parents first). */
export const HSDS_RESOURCES = [
  'organization',
  'location',
  'address',
  'service',
  'service_at_location',
  'language',
  'taxonomy_term',
  'attribute',
] as const;

/** Rows a transaction (each behind its own savepoint). */
const IMPORT_CHUNK = 500;

/** A field of a resource's Table Schema (Frictionless Data, as HSDS's datapackage.json gives it).
 *  Other properties of a field or schema (description, format, example, core, unique, primaryKey,
 *  foreignKeys) are the package's documentation: the directory's own rules and keys stand for them. */
interface SchemaField {
  name: string;
  type?: string;
  constraints?: { required?: boolean; enum?: string[] };
}

/** One row of a package's file that was not imported whole, by its file line (the header is line 1). */
export interface RowReport {
  resource: string;
  row: number;
  errors: FieldError[];
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  /** Every row that was not imported because it is wrong (a value of the wrong type, a required
   *  field missing, a parent that does not exist, another agency's entry): nothing of it is stored. */
  rejected: RowReport[];
  /** Valid HSDS rows the directory has no place for (a location of no organization, a location's
   *  or a phone's language, an attribute of an organization, a term without a code): nothing of
   *  them is stored, and each is listed with why. */
  notKept: RowReport[];
  /** Rows stored without the values listed (a value HSDS allows but the directory cannot keep,
   *  e.g. a latitude outside -90..90): the rest of the row is stored. */
  dropped: RowReport[];
  /** Rows read per resource. */
  byResource: Record<string, number>;
  /** Resources of the package the directory does not keep (program, phone, schedule, …): not read. */
  skippedResources: string[];
  /** Resources the directory keeps that the package describes but whose file is not in its folder
   *  (HSDS tables are optional; the descriptor may list more than a publisher ships): no rows read. */
  unreadResources: Array<{ resource: string; path: string }>;
  /** Per resource, the columns of its file the directory does not keep (declared by its schema, or
   *  not: `undeclared`), read past and not checked. */
  ignoredColumns: Record<string, { declared: string[]; undeclared: string[] }>;
}

/** The package's problems that stop the import before any row is read (a missing or unreadable
 *  descriptor, a resource path outside the package, a column its schema requires missing). */
export class PackageError extends Error {}

/** The fields of each kept resource an import reads (what the directory stores, and the attribute's
 *  link, which says what it is attached to); a file's other columns are ignored. */
const READ: Record<string, string[]> = Object.fromEntries(
  HSDS_RESOURCES.map((r) => [
    r,
    r === 'attribute' ? ['id', 'link_id', 'taxonomy_term_id', 'link_type', 'link_entity'] : keptFields(r),
  ]),
);

type Resource = { name?: string; path?: unknown; schema?: { fields?: SchemaField[] } | string };

function readPackage(folder: string) {
  const file = path.join(folder, 'datapackage.json');
  if (!fs.existsSync(file)) throw new PackageError(`${file}: no datapackage.json`);
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  let pkg: { resources?: Resource[] };
  try {
    pkg = JSON.parse(text);
  } catch (e) {
    // a git symlink checked out as a file holds its target's path (HSDS's examples/csv has one)
    const link = /^\s*([^\s{}[\]"]+\.json)\s*$/.exec(text)?.[1];
    throw new PackageError(
      link
        ? `datapackage.json is a link to ${link}, not the descriptor: copy that file into the folder`
        : `datapackage.json is not JSON: ${(e as Error).message}`,
    );
  }
  if (!Array.isArray(pkg.resources)) throw new PackageError('datapackage.json has no resources');
  return pkg.resources;
}

/** The file of a resource inside the package folder (none outside it, through a link neither). */
function resourceFile(folder: string, name: string, p: unknown): string {
  if (typeof p !== 'string' || !p)
    throw new PackageError(`resource ${name}: its path must be one file name of the package`);
  if (/^[a-z][a-z0-9+.-]*:/i.test(p) || path.isAbsolute(p))
    throw new PackageError(`resource ${name}: path outside the package`);
  const root = path.resolve(folder);
  const file = path.resolve(root, p);
  const inside = (f: string, r: string) => f.startsWith(r + path.sep);
  if (!inside(file, root)) throw new PackageError(`resource ${name}: path outside the package`);
  if (fs.existsSync(file) && !inside(fs.realpathSync(file), fs.realpathSync(root)))
    throw new PackageError(`resource ${name}: path outside the package`);
  return file;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A CSV cell as its schema types it (Table Schema types: string, integer, number, boolean; the
 *  others, dates and times included, are read as text). */
function typed(field: SchemaField, raw: string): { value: HsdsRow[string]; error?: FieldError } {
  if (raw === '') return { value: null };
  switch (field.type) {
    case 'integer':
      return /^[+-]?\d+$/.test(raw)
        ? { value: Number(raw) }
        : { value: null, error: fieldError(field.name, 'INVALID_TYPE', `${field.name} must be an integer`) };
    case 'number':
      return NUMBER.test(raw)
        ? { value: Number(raw) }
        : { value: null, error: fieldError(field.name, 'INVALID_TYPE', `${field.name} must be a number`) };
    case 'boolean':
      return ['true', 'false'].includes(raw.toLowerCase())
        ? { value: raw.toLowerCase() === 'true' }
        : {
            value: null,
            error: fieldError(field.name, 'INVALID_TYPE', `${field.name} must be true or false`),
          };
    default:
      return { value: raw };
  }
}

const empty = (v: HsdsRow[string]) => v === null || v === undefined || v === '';

/** Why a valid HSDS row has no place in the directory (null: it has one). */
function notKeptReason(resource: string, row: HsdsRow): FieldError | null {
  switch (resource) {
    case 'location':
      return empty(row.organization_id)
        ? fieldError(
            'organization_id',
            'REQUIRED',
            'the directory keeps a location under the organization that maintains it; this one names none',
          )
        : null;
    case 'address':
      return empty(row.location_id)
        ? fieldError(
            'location_id',
            'REQUIRED',
            'the directory keeps addresses of locations; this one has none',
          )
        : null;
    case 'language':
      if (empty(row.service_id))
        return fieldError(
          'service_id',
          'REQUIRED',
          "the directory keeps the languages of services; this is a location's or a phone's",
        );
      return empty(row.code)
        ? fieldError(
            'code',
            'REQUIRED',
            'the directory lists languages by their ISO 639 code; this one has none',
          )
        : null;
    case 'taxonomy_term':
      return empty(row.code)
        ? fieldError('code', 'REQUIRED', 'the directory names needs by their code; this term has none')
        : null;
    case 'attribute':
      return !empty(row.link_entity) && row.link_entity !== 'service'
        ? fieldError(
            'link_entity',
            'INVALID_ENUM',
            `the directory keeps attributes of services; this one is of ${String(row.link_entity)}`,
          )
        : null;
    default:
      return null;
  }
}

/** Values HSDS allows that the directory cannot keep, taken out of the row (the rest is stored). */
function dropUnkeepable(resource: string, row: HsdsRow): FieldError[] {
  if (resource !== 'location') return [];
  const off = (f: string, limit: number) => typeof row[f] === 'number' && Math.abs(row[f] as number) > limit;
  if (!off('latitude', 90) && !off('longitude', 180)) return [];
  // a coordinate is a pair: half of one places nothing
  const dropped = [
    fieldError('latitude', 'OUT_OF_RANGE', `latitude ${String(row.latitude)} is not kept (WGS84: -90 to 90)`),
    fieldError(
      'longitude',
      'OUT_OF_RANGE',
      `longitude ${String(row.longitude)} is not kept (WGS84: -180 to 180; a coordinate is kept whole)`,
    ),
  ];
  row.latitude = null;
  row.longitude = null;
  return dropped;
}

/** One CSV row checked against its resource's schema (types, required, enum) for the fields the
 *  directory reads, then, when it is valid HSDS, whether the directory can keep it, then against
 *  the directory's own rules for that table. */
function checkRow(resource: string, fields: SchemaField[], header: string[], cells: string[]) {
  const row: HsdsRow = {};
  const errors: FieldError[] = [];
  const read = READ[resource]!;
  if (cells.length > header.length)
    errors.push(fieldError('row', 'INVALID_FORMAT', `${cells.length} cells for ${header.length} columns`));
  // a short row: its missing cells must be of columns the directory ignores (a kept field is not
  // guessed empty), and none the schema requires
  const short = header
    .slice(cells.length)
    .filter((h) => read.includes(h) || fields.some((f) => f.name === h && f.constraints?.required));
  if (short.length)
    errors.push(
      fieldError(
        'row',
        'INVALID_FORMAT',
        `${cells.length} cells for ${header.length} columns (no ${short.join(', ')})`,
      ),
    );
  header.forEach((name, i) => {
    const field = fields.find((f) => f.name === name);
    if (!field || !read.includes(name)) return; // a column the directory does not keep
    const { value, error } = typed(field, cells[i] ?? '');
    if (error) errors.push(error);
    if (value === null && field.constraints?.required)
      errors.push(fieldError(name, 'REQUIRED', `${name} is required by the package's schema`));
    if (value !== null && field.constraints?.enum && !field.constraints.enum.includes(String(value)))
      errors.push(fieldError(name, 'INVALID_ENUM', `${name} is one of ${field.constraints.enum.join(', ')}`));
    row[name] = value;
  });
  if (errors.length) return { row, errors, notKept: null, dropped: [] };
  const notKept = notKeptReason(resource, row);
  if (notKept) return { row, errors, notKept, dropped: [] };
  const dropped = dropUnkeepable(resource, row);
  return { row, errors: rowErrors(resource, row), notKept: null, dropped };
}

/**
 * Loads an HSDS data package (datapackage.json and its CSV files) into the directory, as `agency`
 * (the maintainer of the organizations it creates). Each row is validated against its resource's
 * schema in datapackage.json, then stored in its own transaction: a bad row (wrong type, missing
 * field, unknown parent, another agency's organization) is reported and nothing of it is stored,
 * the rest loads. A valid HSDS row the directory has no place for is reported apart (notKept), as
 * is a value it cannot keep (dropped); the resources it does not keep, the files the descriptor
 * names but the folder lacks and the columns it ignores are in the report too. Rows are keyed by
 * their HSDS ids, so importing the same package again updates, never duplicates. The import is
 * written to the index's audit trail.
 */
export async function importHsdsPackage(
  ds: DataSource,
  folder: string,
  opts: { agency: AgencyCode; actor?: string },
): Promise<ImportReport> {
  if (!isAgency(opts.agency)) throw new PackageError(`unknown agency ${String(opts.agency)}`);
  const resources = readPackage(folder);
  const report: ImportReport = {
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    notKept: [],
    dropped: [],
    byResource: {},
    skippedResources: resources
      .map((r) => String(r.name))
      .filter((n) => !(HSDS_RESOURCES as readonly string[]).includes(n)),
    unreadResources: [],
    ignoredColumns: {},
  };
  const actor = opts.actor ?? 'services:import';
  const plans = HSDS_RESOURCES.flatMap((name) => {
    const r = resources.find((x) => x.name === name);
    if (!r) return [];
    const fields = typeof r.schema === 'object' ? (r.schema.fields ?? []) : [];
    if (!fields.length) throw new PackageError(`resource ${name}: no schema fields`);
    const file = resourceFile(folder, name, r.path);
    if (!fs.existsSync(file)) {
      report.unreadResources.push({ resource: name, path: r.path as string });
      return [];
    }
    const [header = [], ...rows] = parseCsv(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
    const undeclared = header.filter((h) => !fields.some((f) => f.name === h));
    const missing = fields
      .filter((f) => f.constraints?.required && !header.includes(f.name))
      .map((f) => f.name);
    if (missing.length)
      throw new PackageError(
        `${r.path as string}: required columns missing: ${missing.join(', ')}` +
          (undeclared.length ? ` (columns not in its schema: ${undeclared.join(', ')})` : ''),
      );
    const declared = header.filter((h) => !undeclared.includes(h) && !READ[name]!.includes(h));
    if (declared.length || undeclared.length) report.ignoredColumns[name] = { declared, undeclared };
    return [{ name, fields, header, rows }];
  });
  for (const { name, fields, header, rows } of plans) {
    report.byResource[name] = rows.length;
    // a chunk of rows a transaction, each row behind its own savepoint: a bad row is rolled back
    // alone (nothing of it stays), and the chunk commits once
    for (let from = 0; from < rows.length; from += IMPORT_CHUNK) {
      await ds.transaction(async (m) => {
        for (const [i, cells] of rows.slice(from, from + IMPORT_CHUNK).entries()) {
          const line = from + i + 2; // the header is line 1
          const { row, errors, notKept, dropped } = checkRow(name, fields, header, cells);
          if (notKept) {
            report.notKept.push({ resource: name, row: line, errors: [notKept] });
            continue;
          }
          if (!errors.length) {
            await m.query('SAVEPOINT hsds_row');
            try {
              const problem = await keeperProblem(m, name, row, opts.agency);
              if (problem) errors.push(problem);
              else {
                const stored =
                  name === 'attribute'
                    ? { id: row.id, service_id: row.link_id, taxonomy_term_id: row.taxonomy_term_id }
                    : { ...row, maintainer_agency: opts.agency, updated_by: actor };
                report[await upsertRow(m, name, stored)]++;
              }
              await m.query('RELEASE SAVEPOINT hsds_row');
            } catch (e) {
              await m.query('ROLLBACK TO SAVEPOINT hsds_row');
              errors.push(storeError(name, e));
            }
          }
          if (errors.length) report.rejected.push({ resource: name, row: line, errors });
          else if (dropped.length) report.dropped.push({ resource: name, row: line, errors: dropped });
        }
      });
    }
  }
  const trail = createAccessTrail(
    ds,
    { sub: actor, agency: opts.agency, roles: ['INTEGRATION'], purposeOfUse: 'OPERATIONS' },
    `services-import-${Date.now()}`,
  );
  await trail({
    action: 'DIRECTORY_IMPORT',
    decision: 'PERMIT',
    rule: 'MANAGE_DIRECTORY',
    terms: {
      created: report.created,
      updated: report.updated,
      rejected: report.rejected.length,
      notKept: report.notKept.length,
    },
    childIds: [],
    recordRefs: [],
  });
  return report;
}

/** The field of a row of `resource` that names its parent (the one an unknown parent is reported on). */
const PARENT_FIELD: Record<string, string> = {
  service: 'organization_id',
  location: 'organization_id',
  address: 'location_id',
  service_at_location: 'service_id',
  language: 'service_id',
  attribute: 'link_id',
};

/** Another agency's entries stay its own: a row of an organization it maintains is refused. */
async function keeperProblem(
  m: Parameters<typeof maintainerOf>[0],
  resource: string,
  row: HsdsRow,
  agency: AgencyCode,
): Promise<FieldError | null> {
  if (resource === 'taxonomy_term') return null;
  const parent = PARENT_FIELD[resource] ?? 'id';
  const org = await organizationOfRow(m, resource, row);
  if (!org)
    return fieldError(parent, 'UNKNOWN_REFERENCE', `no ${parent.replace(/_id$/, '')} ${String(row[parent])}`);
  const maintainer = await maintainerOf(m, org);
  if (resource === 'organization' && !maintainer) return null;
  if (!maintainer) return fieldError('organization_id', 'UNKNOWN_REFERENCE', `no organization ${org}`);
  return maintainer === agency
    ? null
    : fieldError(
        resource === 'organization' ? 'id' : 'organization_id',
        'OUT_OF_RANGE',
        `maintained by ${maintainer}: only it edits its entries`,
      );
}

/** A database refusal as a row error (no SQL in it). */
function storeError(resource: string, e: unknown): FieldError {
  const { code, detail } = e as { code?: string; detail?: string };
  if (code === '23503') {
    // "Key (location_id)=(…) is not present in table …": the field as HSDS names it, and the id
    const [, column = 'id', value = ''] = /^Key \((\w+)\)=\(([^)]*)\)/.exec(detail ?? '') ?? [];
    const field = resource === 'attribute' && column === 'service_id' ? 'link_id' : column;
    return fieldError(field, 'UNKNOWN_REFERENCE', `no ${field.replace(/_id$/, '')} ${value}`.trim());
  }
  if (code === '23505') return fieldError('id', 'OUT_OF_RANGE', 'it repeats a unique value of another row');
  if (code === '23514')
    return fieldError('id', 'OUT_OF_RANGE', 'a value is outside what the directory allows');
  throw e;
}
