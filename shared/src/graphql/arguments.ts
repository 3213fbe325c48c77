import { errorCodes, fieldError, type FieldError } from '../errors';
import { isIsoDate, isUuid } from '../validation';

/**
 * Checks of query and mutation arguments that GraphQL's own types cannot express (an ID that must
 * be a UUID, a String that must be a date or a cursor): a bad value is the caller's mistake and
 * answers BAD_USER_INPUT naming the argument, before any statement runs — never the driver's
 * "invalid input syntax" as an internal error. Each check returns a FieldError or null;
 * `assertArgs` throws them all together.
 */
export type ArgCheck = FieldError | null;

/** Throws BAD_USER_INPUT listing every failed check (`extensions.errors`), the first as
 *  `extensions.field`; does nothing when all passed. */
export function assertArgs(...checks: ArgCheck[]): void {
  const errors = checks.filter((c): c is FieldError => c !== null);
  if (!errors.length) return;
  throw errorCodes.BAD_USER_INPUT.err(
    `Invalid argument${errors.length > 1 ? 's' : ''}: ${errors.map((e) => e.field).join(', ')}`,
    {
      field: errors[0]!.field,
      reason: errors[0]!.reason,
      errors,
    },
  );
}

/** An id the platform issued (a record's, a child's, a consent's): a UUID. */
export function uuidArg(name: string, value: unknown): ArgCheck {
  if (value === undefined || value === null) return null;
  return isUuid(value)
    ? null
    : fieldError(name, 'INVALID_FORMAT', `${name} must be an id this platform issued (a UUID)`);
}

/** A list of UUIDs: the first bad one is named with its index. */
export function uuidListArg(name: string, values: readonly unknown[] | null | undefined): ArgCheck {
  const bad = (values ?? []).findIndex((v) => !isUuid(v));
  return bad < 0
    ? null
    : fieldError(name, 'INVALID_FORMAT', `${name}[${bad}] must be an id this platform issued (a UUID)`);
}

/** A numeric id or cursor (a bigint row id: at most 18 digits). */
export function serialArg(
  name: string,
  value: unknown,
  what = 'use endCursor of the previous page',
): ArgCheck {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' && /^\d{1,18}$/.test(value)
    ? null
    : fieldError(name, 'INVALID_FORMAT', `${name}: ${what}`);
}

/** Plain text PostgreSQL can hold (no NUL), at most `max` characters. */
export function textArg(name: string, value: unknown, max: number): ArgCheck {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') return fieldError(name, 'INVALID_TYPE', `${name} must be a string`);
  if (value.includes('\u0000'))
    return fieldError(name, 'INVALID_FORMAT', `${name} must not contain a NUL character`);
  return value.length > max ? fieldError(name, 'TOO_LONG', `${name} is longer than ${max} characters`) : null;
}

/** YYYY-MM-DD, optionally followed by a time (THH:MM[:SS[.fff]]) and a zone (Z or ±HH:MM). */
const ISO_INSTANT =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** The instant an ISO 8601 bound names, or null when it is no real date and time. */
export function parseInstant(value: string): number | null {
  const m = ISO_INSTANT.exec(value);
  if (!m || !isIsoDate(m[1])) return null;
  if (m[2] !== undefined && (Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] ?? 0) > 59)) return null;
  const t = Date.parse(m[2] === undefined ? `${m[1]}T00:00:00Z` : value.replace(' ', 'T'));
  return Number.isNaN(t) ? null : t;
}

/** An ISO 8601 date or date-time bound (a real calendar date, 1900–2199). */
export function instantArg(name: string, value: unknown): ArgCheck {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' && parseInstant(value) !== null
    ? null
    : fieldError(
        name,
        'INVALID_DATE',
        `${name} must be an ISO 8601 date or date-time (YYYY-MM-DD[THH:MM:SSZ])`,
      );
}

/** A period [from, to): each bound real, and `to` not before `from`. */
export function periodArgs(from: unknown, to: unknown, names: [string, string] = ['from', 'to']): ArgCheck[] {
  const checks = [instantArg(names[0], from), instantArg(names[1], to)];
  if (checks.some(Boolean) || typeof from !== 'string' || typeof to !== 'string') return checks;
  const a = parseInstant(from)!;
  const b = parseInstant(to)!;
  return b < a ? [fieldError(names[1], 'DATE_ORDER', `${names[1]} lies before ${names[0]}`)] : [];
}
