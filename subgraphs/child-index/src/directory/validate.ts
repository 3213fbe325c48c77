import { fieldError, isUuid, type FieldError } from '@wholechild/shared';

/** One row of a directory table, as HSDS names its fields (snake case), values as given. */
export type HsdsRow = Record<string, string | number | boolean | null | undefined>;

export const SERVICE_STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;
export const LOCATION_TYPES = ['physical', 'postal', 'virtual'] as const;

type Check = (row: HsdsRow) => FieldError | null;

const text =
  (field: string, max: number, required = false): Check =>
  (row) => {
    const v = row[field];
    if (v === undefined || v === null || v === '')
      return required ? fieldError(field, 'REQUIRED', `${field} is required`) : null;
    if (typeof v !== 'string') return fieldError(field, 'INVALID_TYPE', `${field} must be text`);
    if (v.includes('\u0000')) return fieldError(field, 'INVALID_FORMAT', `${field} must not contain a NUL`);
    return v.length > max ? fieldError(field, 'TOO_LONG', `${field} is longer than ${max} characters`) : null;
  };
const uuid =
  (field: string, required = true): Check =>
  (row) => {
    const v = row[field];
    if (v === undefined || v === null || v === '')
      return required ? fieldError(field, 'REQUIRED', `${field} is required`) : null;
    return isUuid(v) ? null : fieldError(field, 'INVALID_FORMAT', `${field} must be a UUID (HSDS ids are)`);
  };
const oneOf =
  (field: string, values: readonly string[], required = true): Check =>
  (row) => {
    const v = row[field];
    if (v === undefined || v === null || v === '')
      return required ? fieldError(field, 'REQUIRED', `${field} is required`) : null;
    return values.includes(String(v))
      ? null
      : fieldError(field, 'INVALID_ENUM', `${field} is one of ${values.join(', ')}`);
  };
const age =
  (field: string): Check =>
  (row) => {
    const v = row[field];
    if (v === undefined || v === null || v === '') return null;
    return Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 120
      ? null
      : fieldError(field, 'OUT_OF_RANGE', `${field} is a whole number of years, 0 to 120`);
  };
const number =
  (field: string, min: number, max: number): Check =>
  (row) => {
    const v = row[field];
    if (v === undefined || v === null || v === '') return null;
    return typeof v === 'number' && v >= min && v <= max
      ? null
      : fieldError(field, 'OUT_OF_RANGE', `${field} is a number from ${min} to ${max}`);
  };
const ageOrder: Check = (row) =>
  typeof row.minimum_age === 'number' &&
  typeof row.maximum_age === 'number' &&
  row.minimum_age > row.maximum_age
    ? fieldError('maximum_age', 'DATE_ORDER', 'maximum_age is below minimum_age')
    : null;

/** The checks of each directory table's rows (HSDS 3.0 fields this directory keeps). The importer
 *  and the GraphQL writes both use them: one rule for a row, however it arrives. */
export const ROW_CHECKS: Record<string, Check[]> = {
  organization: [
    uuid('id'),
    text('name', 300, true),
    text('alternate_name', 300),
    text('description', 5000, true),
    text('email', 200),
    text('website', 500),
  ],
  service: [
    uuid('id'),
    uuid('organization_id'),
    text('name', 300, true),
    text('alternate_name', 300),
    text('description', 5000),
    text('url', 500),
    text('email', 200),
    oneOf('status', SERVICE_STATUSES),
    text('interpretation_services', 2000),
    text('application_process', 5000),
    text('fees_description', 2000),
    text('eligibility_description', 5000),
    age('minimum_age'),
    age('maximum_age'),
    ageOrder,
  ],
  location: [
    uuid('id'),
    uuid('organization_id'),
    oneOf('location_type', LOCATION_TYPES, false),
    text('name', 300),
    text('description', 5000),
    number('latitude', -90, 90),
    number('longitude', -180, 180),
  ],
  address: [
    uuid('id'),
    uuid('location_id'),
    text('address_1', 300, true),
    text('city', 100, true),
    text('region', 100),
    text('state_province', 100, true),
    text('postal_code', 20, true),
    text('country', 2, true),
    text('address_type', 20),
  ],
  service_at_location: [uuid('id'), uuid('service_id'), uuid('location_id')],
  language: [uuid('id'), uuid('service_id'), text('name', 100), text('code', 12, true)],
  taxonomy_term: [
    uuid('id'),
    text('code', 100, true),
    text('name', 200, true),
    text('description', 2000),
    text('taxonomy', 100),
  ],
  // HSDS 3.0: link_entity names the table of link_id (only services' attributes are kept); link_type
  // is what the term describes (an open codelist: eligibility, audience, …), any value
  attribute: [
    uuid('id'),
    uuid('link_id'),
    uuid('taxonomy_term_id'),
    oneOf('link_entity', ['service'], false),
    text('link_type', 100),
  ],
};

/** Every problem of one row of `table`. */
export function rowErrors(table: string, row: HsdsRow): FieldError[] {
  return (ROW_CHECKS[table] ?? []).map((c) => c(row)).filter((e): e is FieldError => e !== null);
}
