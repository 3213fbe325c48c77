import type { Translate } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/en';

export const AGENCY_LIST = [
  'CHILD_WELFARE',
  'BEHAVIORAL_HEALTH',
  'PROBATION',
  'EDUCATION',
  'HOUSING',
] as const;
export type AgencyCode = (typeof AGENCY_LIST)[number];

/** Dimensions an analyst may break a table down by (SYSTEMS is the crossover's own). */
export const DIMENSIONS = ['RACE_ETHNICITY', 'AGE_BAND', 'SEX', 'LOCALITY', 'LANGUAGE'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
/** The reference population's dimensions (disproportionality groups). */
export const GROUP_DIMENSIONS = ['RACE_ETHNICITY', 'AGE_BAND', 'SEX', 'LOCALITY'] as const;

/** Last calendar year, both days included (the default period). */
export function lastCalendarYear(now = new Date()): { from: string; to: string } {
  const y = now.getFullYear() - 1;
  return { from: `${y}-01-01`, to: `${y}-12-31` };
}

/** "Child welfare + Probation" for CHILD_WELFARE+PROBATION. */
export function combinationLabel(t: Translate, combination: string): string {
  return combination
    .split('+')
    .map((a) => (AGENCY_LIST.includes(a as AgencyCode) ? t(`agency_${a as AgencyCode}`) : a))
    .join(' + ');
}

/** A group's value in words where the interface has them (postal codes and age bands as they are). */
export function groupLabel(t: Translate, value: string): string {
  const key = `value_${value}` as MessageKey;
  return key in LABELLED ? t(key) : value;
}
const LABELLED: Record<string, true> = Object.fromEntries(
  [
    'HISPANIC_LATINO',
    'AMERICAN_INDIAN_ALASKA_NATIVE',
    'ASIAN',
    'BLACK',
    'NATIVE_HAWAIIAN_PACIFIC_ISLANDER',
    'WHITE',
    'MULTIRACIAL',
    'OTHER',
    'UNKNOWN',
    'F',
    'M',
    'X',
    'ENGLISH',
    'SPANISH',
    'VIETNAMESE',
    'CHINESE',
    'TAGALOG',
    'ARABIC',
  ].map((v) => [`value_${v}`, true]),
);

export function numberFormats(lang: string) {
  const int = new Intl.NumberFormat(lang);
  const one = new Intl.NumberFormat(lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  const two = new Intl.NumberFormat(lang, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
  return {
    int: (n: number) => int.format(n),
    one: (n: number) => one.format(n),
    two: (n: number) => two.format(n),
  };
}
