import { AGENCIES, RACE_CODES, type AgencyCode } from '@wholechild/shared';

/** What a table may be broken down by. */
export const DIMENSIONS = ['SYSTEMS', 'RACE_ETHNICITY', 'AGE_BAND', 'SEX', 'LOCALITY', 'LANGUAGE'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The dimensions the reference population is counted by (rates per 1,000 need these only). */
export const POPULATION_DIMENSIONS: readonly Dimension[] = ['RACE_ETHNICITY', 'AGE_BAND', 'SEX', 'LOCALITY'];

/** Race/ethnicity as child welfare reports it (CCWIP): Hispanic or Latino of any race, else the
 *  race; unknown where neither is known. */
export const RACE_ETHNICITY_GROUPS = [
  'HISPANIC_LATINO',
  ...RACE_CODES.filter((r) => r !== 'UNKNOWN' && r !== 'OTHER'),
  'OTHER',
  'UNKNOWN',
] as const;

export function raceEthnicityOf(race: string | null, ethnicity: string | null): string {
  if (ethnicity === 'HISPANIC') return 'HISPANIC_LATINO';
  if (race && (RACE_ETHNICITY_GROUPS as readonly string[]).includes(race)) return race;
  return 'UNKNOWN';
}

/** Age bands, by age in whole years on the first day of the period. */
export const AGE_BANDS = ['0-4', '5-9', '10-14', '15-17', '18+', 'UNKNOWN'] as const;

export function ageBandOf(birthDay: number | null, onDay: number): string {
  if (birthDay === null) return 'UNKNOWN';
  const birth = new Date(birthDay * 86_400_000);
  const on = new Date(onDay * 86_400_000);
  let age = on.getUTCFullYear() - birth.getUTCFullYear();
  if (
    on.getUTCMonth() < birth.getUTCMonth() ||
    (on.getUTCMonth() === birth.getUTCMonth() && on.getUTCDate() < birth.getUTCDate())
  )
    age--;
  if (age < 5) return '0-4'; // a child born during the period is counted here too
  if (age < 10) return '5-9';
  if (age < 15) return '10-14';
  if (age < 18) return '15-17';
  return '18+';
}

export const SEXES = ['F', 'M', 'X', 'UNKNOWN'] as const;
export const sexOf = (sex: string | null) => (sex === 'F' || sex === 'M' || sex === 'X' ? sex : 'UNKNOWN');

/** Languages of the county's families with a group of their own; the rest are OTHER. */
export const LANGUAGES = [
  'ENGLISH',
  'SPANISH',
  'VIETNAMESE',
  'CHINESE',
  'TAGALOG',
  'ARABIC',
  'OTHER',
  'UNKNOWN',
] as const;
const CHINESE = new Set(['CHINESE', 'CANTONESE', 'MANDARIN']);

export function languageOf(language: string | null): string {
  if (!language) return 'UNKNOWN';
  const l = language.trim().toUpperCase();
  if (CHINESE.has(l)) return 'CHINESE';
  return (LANGUAGES as readonly string[]).includes(l) ? l : 'OTHER';
}

/** Localities: the reference population's (its postal codes), then OTHER and UNKNOWN. */
export function localityValues(populationLocalities: readonly string[]): string[] {
  return [...[...populationLocalities].sort(), 'OTHER', 'UNKNOWN'];
}

export function localityOf(postalCode: string | null, known: ReadonlySet<string>): string {
  if (!postalCode) return 'UNKNOWN';
  const zip = postalCode.trim().slice(0, 5);
  return known.has(zip) ? zip : 'OTHER';
}

/** The systems a child is known to, as one value: `CHILD_WELFARE+PROBATION` (in AGENCIES order). */
export const systemsValue = (known: readonly AgencyCode[]) => known.join('+');

/** Every non-empty combination of `systems`, each as its systemsValue. */
export function systemsValues(systems: readonly AgencyCode[]): string[] {
  const ordered = AGENCIES.filter((a) => systems.includes(a));
  const out: string[] = [];
  for (let mask = 1; mask < 1 << ordered.length; mask++)
    out.push(systemsValue(ordered.filter((_, i) => mask & (1 << i))));
  return out.sort((a, b) => a.split('+').length - b.split('+').length || a.localeCompare(b));
}
