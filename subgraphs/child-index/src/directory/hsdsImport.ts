import fs from 'node:fs';
import path from 'node:path';
import { parseCsv } from '@wholechild/linkage';
import { fieldError, isAgency, type AgencyCode, type FieldError } from '@wholechild/shared';
import type { DataSource } from 'typeorm';
import { createAccessTrail } from '../repositories/accessTrail';
import { maintainerOf, organizationOfRow, upsertRow } from './store';
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

/** A field of a resource's Table Schema (Frictionless Data, as HSDS's datapackage.json gives it). */
interface SchemaField {
  name: string;
  type?: string;
  constraints?: { required?: boolean; enum?: string[] };
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  /** Every row that was not imported, and why (nothing of such a row is stored). */
  rejected: Array<{ resource: string; row: number; errors: FieldError[] }>;
  /** Rows read per resource. */
  byResource: Record<string, number>;
}

/** The package's problems that stop the import before any row is read (a missing descriptor, a
 *  resource file or a column its schema requires). */
export class PackageError extends Error {}

function readPackage(folder: string) {
  const file = path.join(folder, 'datapackage.json');
  if (!fs.existsSync(file)) throw new PackageError(`${file}: no datapackage.json`);
  let pkg: { resources?: Array<{ name?: string; path?: string; schema?: { fields?: SchemaField[] } }> };
  try {
    pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PackageError(`datapackage.json is not JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(pkg.resources)) throw new PackageError('datapackage.json has no resources');
  return pkg.resources;
}

/** A CSV cell as its schema types it (Table Schema types: string, integer, number, boolean). */
function typed(field: SchemaField, raw: string): { value: HsdsRow[string]; error?: FieldError } {
  if (raw === '') return { value: null };
  switch (field.type) {
    case 'integer':
      return /^-?\d+$/.test(raw)
        ? { value: Number(raw) }
        : { value: null, error: fieldError(field.name, 'INVALID_TYPE', `${field.name} must be an integer`) };
    case 'number':
      return Number.isFinite(Number(raw))
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

/** One CSV row checked against its resource's schema (types, required, enum) and the directory's
 *  own rules for that table. */
function checkRow(resource: string, fields: SchemaField[], header: string[], cells: string[]) {
  const row: HsdsRow = {};
  const errors: FieldError[] = [];
  if (cells.length !== header.length)
    errors.push(fieldError('row', 'INVALID_FORMAT', `${cells.length} cells for ${header.length} columns`));
  header.forEach((name, i) => {
    const field = fields.find((f) => f.name === name)!;
    const { value, error } = typed(field, cells[i] ?? '');
    if (error) errors.push(error);
    if (value === null && field.constraints?.required)
      errors.push(fieldError(name, 'REQUIRED', `${name} is required by the package's schema`));
    if (value !== null && field.constraints?.enum && !field.constraints.enum.includes(String(value)))
      errors.push(fieldError(name, 'INVALID_ENUM', `${name} is one of ${field.constraints.enum.join(', ')}`));
    row[name] = value;
  });
  if (resource === 'attribute' && row.link_type && row.link_type !== 'service')
    errors.push(fieldError('link_type', 'INVALID_ENUM', 'only attributes of services are kept'));
  return { row, errors: [...errors, ...rowErrors(resource, row)] };
}

/**
 * Loads an HSDS data package (datapackage.json and its CSV files) into the directory, as `agency`
 * (the maintainer of the organizations it creates). Each row is validated against its resource's
 * schema in datapackage.json, then stored in its own transaction: a bad row (wrong type, missing
 * field, unknown parent, another agency's organization) is reported and nothing of it is stored,
 * the rest loads. Rows are keyed by their HSDS ids, so importing the same package again updates,
 * never duplicates. The import is written to the index's audit trail.
 */
export async function importHsdsPackage(
  ds: DataSource,
  folder: string,
  opts: { agency: AgencyCode; actor?: string },
): Promise<ImportReport> {
  if (!isAgency(opts.agency)) throw new PackageError(`unknown agency ${String(opts.agency)}`);
  const resources = readPackage(folder);
  const report: ImportReport = { created: 0, updated: 0, unchanged: 0, rejected: [], byResource: {} };
  const actor = opts.actor ?? 'services:import';
  const plans = HSDS_RESOURCES.flatMap((name) => {
    const r = resources.find((x) => x.name === name);
    if (!r) return [];
    const fields = r.schema?.fields ?? [];
    if (!r.path || !fields.length) throw new PackageError(`resource ${name}: no path or schema fields`);
    const file = path.resolve(folder, r.path);
    // a package names files inside its own folder
    if (!file.startsWith(path.resolve(folder) + path.sep))
      throw new PackageError(`resource ${name}: path outside the package`);
    if (!fs.existsSync(file)) throw new PackageError(`resource ${name}: ${r.path} is missing`);
    const [header = [], ...rows] = parseCsv(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
    const undeclared = header.filter((h) => !fields.some((f) => f.name === h));
    if (undeclared.length)
      throw new PackageError(`${r.path}: columns not in its schema: ${undeclared.join(', ')}`);
    const missing = fields
      .filter((f) => f.constraints?.required && !header.includes(f.name))
      .map((f) => f.name);
    if (missing.length) throw new PackageError(`${r.path}: required columns missing: ${missing.join(', ')}`);
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
          const { row, errors } = checkRow(name, fields, header, cells);
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
              errors.push(storeError(e));
            }
          }
          if (errors.length) report.rejected.push({ resource: name, row: line, errors });
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
    terms: { created: report.created, updated: report.updated, rejected: report.rejected.length },
    childIds: [],
    recordRefs: [],
  });
  return report;
}

/** Another agency's entries stay its own: a row of an organization it maintains is refused. */
async function keeperProblem(
  m: Parameters<typeof maintainerOf>[0],
  resource: string,
  row: HsdsRow,
  agency: AgencyCode,
): Promise<FieldError | null> {
  if (resource === 'taxonomy_term') return null;
  const org = await organizationOfRow(m, resource, row);
  if (!org) return fieldError('id', 'UNKNOWN_REFERENCE', 'its parent row does not exist');
  const maintainer = await maintainerOf(m, org);
  if (resource === 'organization' && !maintainer) return null;
  if (!maintainer) return fieldError('organization_id', 'UNKNOWN_REFERENCE', 'no such organization');
  return maintainer === agency
    ? null
    : fieldError(
        resource === 'organization' ? 'id' : 'organization_id',
        'OUT_OF_RANGE',
        `maintained by ${maintainer}: only it edits its entries`,
      );
}

/** A database refusal as a row error (no SQL in it). */
function storeError(e: unknown): FieldError {
  const code = (e as { code?: string }).code;
  if (code === '23503') return fieldError('id', 'UNKNOWN_REFERENCE', 'a row it names does not exist');
  if (code === '23505') return fieldError('id', 'OUT_OF_RANGE', 'it repeats a unique value of another row');
  if (code === '23514')
    return fieldError('id', 'OUT_OF_RANGE', 'a value is outside what the directory allows');
  throw e;
}
