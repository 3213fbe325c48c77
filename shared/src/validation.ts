import { fieldError, type FieldError } from './errors';

/** True for a real calendar date written YYYY-MM-DD between 1900-01-01 and 2199-12-31. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID in its canonical text form (what every record and child id is). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The ASCII digits at value[from, to) as a number, or -1. */
function digits(value: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = value.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 10) return false;
  if (value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false; // '-'
  const y = digits(value, 0, 4);
  const m = digits(value, 5, 7);
  const d = digits(value, 8, 10);
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!);
}

let todayCache = { date: '', until: 0 };

/** Today's date (UTC) as YYYY-MM-DD. */
export function today(): string {
  const now = Date.now();
  if (now >= todayCache.until) {
    const date = new Date(now).toISOString().slice(0, 10);
    todayCache = { date, until: Date.parse(`${date}T00:00:00Z`) + 86_400_000 };
  }
  return todayCache.date;
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
