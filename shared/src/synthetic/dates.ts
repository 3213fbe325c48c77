/** Date arithmetic on YYYY-MM-DD strings, for the synthetic county and the agencies' seeds
 *  (plain strings compare in date order, so min/max need no parsing). */

const DAY_MS = 86_400_000;

/** Adds days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The earlier of two dates. */
export const minDate = (a: string, b: string): string => (a < b ? a : b);

/** The later of two dates. */
export const maxDate = (a: string, b: string): string => (a > b ? a : b);

/**
 * Adds whole years. A 29 February that lands in a common year rolls over to 1 March, as `Date`
 * does. With `leapDayAsFeb28` every 29 February becomes the 28th, leap year or not: behavioral
 * health's seed has always counted that way, and changing it would move every record drawn after
 * such a child's (one generator runs through all of them), so its county stays what its seed made.
 */
export function addYears(date: string, years: number, leapDayAsFeb28 = false): string {
  if (leapDayAsFeb28)
    return `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`.replace(
      '-02-29',
      '-02-28',
    );
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

/** Whole years from `birth` to `on` (an age). */
export function ageOn(birth: string, on: string): number {
  return Number(on.slice(0, 4)) - Number(birth.slice(0, 4)) - (on.slice(5) < birth.slice(5) ? 1 : 0);
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Whole average months (30.44 days) from `from` to `to`, never below 0. */
export function monthsBetween(from: string, to: string): number {
  return Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / (30.44 * DAY_MS)));
}
