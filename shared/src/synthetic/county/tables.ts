/** The county's figures: how households, births, moves and agencies' records are distributed.
 *  Apart from the generator so each share can be read (and tuned) with its reason. */
import type { AgencyCode } from '../../agencies';
import type { SyntheticFlags } from '../types';

export const SOURCE_SYSTEMS: Record<AgencyCode, string> = {
  CHILD_WELFARE: 'CWS-CMS',
  BEHAVIORAL_HEALTH: 'AVATAR',
  PROBATION: 'PCMS',
  EDUCATION: 'SIS',
  HOUSING: 'HMIS',
};

export const RACES = [
  ['WHITE', 30],
  ['BLACK', 18],
  ['ASIAN', 10],
  ['AMERICAN_INDIAN_ALASKA_NATIVE', 3],
  ['NATIVE_HAWAIIAN_PACIFIC_ISLANDER', 1],
  ['MULTIRACIAL', 8],
  ['OTHER', 25],
  ['UNKNOWN', 5],
] as const;

/** Children per household (most families have one to three). */
export const HOUSEHOLD_SIZES = [
  [1, 38],
  [2, 32],
  [3, 17],
  [4, 8],
  [5, 3.5],
  [6, 1.5],
] as const;

export const HOUSEHOLD_KINDS = [
  ['FAMILY', 70],
  ['BLENDED', 20],
  ['WITH_COUSINS', 10],
] as const;

/** Chance that a birth (in a sibling group with room for them) is twins, and triplets. Together
 *  with the household sizes this makes about 2.5 in 100 children a twin or triplet. */
export const P_TWINS = 0.025;
export const P_TRIPLETS = 0.0008;

/** Years between siblings' births (at least ~10 months, typically 1 to 6 years). */
export const BIRTH_GAPS: ReadonlyArray<readonly [readonly [number, number], number]> = [
  [[300, 730], 30],
  [[731, 1460], 40],
  [[1461, 2190], 20],
  [[2191, 3650], 10],
];

/** Moves a year: families known to child welfare or housing move about twice as often. */
export const MOVES_PER_YEAR = { settled: 0.2, unsettled: 0.4 };

/** The chance an agency's record of a child is current (it holds today's home), rather than last
 *  updated on some day since the child was old enough to be known to it (the home of that day). */
export const CURRENT_RECORD: Record<AgencyCode, number> = {
  CHILD_WELFARE: 0.25,
  BEHAVIORAL_HEALTH: 0.3,
  PROBATION: 0.4,
  EDUCATION: 0.4,
  HOUSING: 0.2,
};
export const FIRST_AGE: Partial<Record<AgencyCode, number>> = { PROBATION: 12, EDUCATION: 4 };

export const NO_FLAGS: SyntheticFlags = {
  substanceUse: false,
  dvSurvivor: false,
  openChildWelfareCase: false,
  specialEducation: false,
  sealedAdoption: false,
};

export const DAY_MS = 86_400_000;
export const toDay = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
export const fromDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const pad = (n: number) => String(n).padStart(6, '0');
