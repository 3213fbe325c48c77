import { fieldError, type FieldError } from './errors';

/** True for a real calendar date written YYYY-MM-DD between 1900-01-01 and 2199-12-31. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID in its canonical text form (what every record and child id is). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  if (y < 1900 || y > 2199) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Cross-field rule: `end` must not lie before `start` (both optional). */
export function checkDateOrder(row: Record<string, unknown>, start: string, end: string): FieldError | null {
  const a = row[start];
  const b = row[end];
  if (isIsoDate(a) && isIsoDate(b) && b < a)
    return fieldError(end, 'DATE_ORDER', `${end} (${b}) is before ${start} (${a})`);
  return null;
}

/** Rule: a date must not lie in the future (birth dates, event dates already past). */
export function checkNotFuture(row: Record<string, unknown>, field: string): FieldError | null {
  const v = row[field];
  if (isIsoDate(v) && v > today()) return fieldError(field, 'OUT_OF_RANGE', `${field} lies in the future`);
  return null;
}

/** Rule: free text must not contain NUL, which PostgreSQL text cannot store (it would surface as
 *  an internal error instead of a field error). */
export function checkNoNul(field: string, ...values: unknown[]): FieldError | null {
  return values.some((v) => typeof v === 'string' && v.includes('\u0000'))
    ? fieldError(field, 'INVALID_FORMAT', `${field} must not contain a NUL character`)
    : null;
}
