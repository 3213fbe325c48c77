/** Probation's catalogue the seed draws from: the offenses intake sees, what intake and the court
 *  decide for them, the officers' units and the conditions a term sets. */
import type { Rng } from '@wholechild/shared';
import type {
  CONDITION_TYPES,
  DISPOSITION_TYPES,
  INTAKE_DECISIONS,
  OFFENSE_LEVELS,
  OFFICER_UNITS,
  TERM_STATUSES,
} from '../src/kinds';

export type Unit = (typeof OFFICER_UNITS)[number];
export type Level = (typeof OFFENSE_LEVELS)[number];
export type DispositionType = (typeof DISPOSITION_TYPES)[number];
export type ConditionType = (typeof CONDITION_TYPES)[number];
export type TermStatus = (typeof TERM_STATUSES)[number];

/** An alleged offense as probation intake codes it (California code sections). */
export interface Offense {
  code: string;
  description: string;
  level: Level;
  /** Property offense (restitution), a victim (no-contact order), drugs or alcohol (testing), a WIC 707(b)
   *  offense (`serious`), at school, truancy, trouble at home. */
  tags: ReadonlyArray<'property' | 'victim' | 'drug' | 'serious' | 'school' | 'truancy' | 'home'>;
}

/** One weighted entry of OFFENSES. */
export const offense = (
  code: string,
  description: string,
  level: Level,
  tags: Offense['tags'],
  weight: number,
) => [{ code, description, level, tags }, weight] as const;

/** Offenses intake sees, weighted by how often. `serious`: listed in WIC 707(b) (makes a youth of 14
 *  or over eligible for a secure youth treatment facility, WIC 875). */
// prettier-ignore
export const OFFENSES: ReadonlyArray<readonly [Offense, number]> = [
  offense('PC 459', 'Burglary', 'FELONY', ['property'], 6),
  offense('PC 484(a)', 'Petty theft', 'MISDEMEANOR', ['property'], 10),
  offense('PC 487(a)', 'Grand theft', 'FELONY', ['property'], 3),
  offense('PC 211', 'Robbery', 'FELONY', ['victim', 'serious'], 4),
  offense('PC 245(a)(1)', 'Assault with a deadly weapon', 'FELONY', ['victim', 'serious'], 3),
  offense('PC 242', 'Battery', 'MISDEMEANOR', ['victim'], 9),
  offense('PC 422', 'Criminal threats', 'FELONY', ['victim'], 2),
  offense('PC 594(a)', 'Vandalism', 'MISDEMEANOR', ['property'], 8),
  offense('PC 148(a)(1)', 'Resisting, delaying or obstructing a peace officer', 'MISDEMEANOR', [], 4),
  offense('PC 415(1)', 'Fighting in a public place', 'MISDEMEANOR', ['victim', 'school'], 6),
  offense('PC 626.10(a)', 'Possession of a knife on school grounds', 'MISDEMEANOR', ['school'], 2),
  offense('PC 496(a)', 'Receiving stolen property', 'MISDEMEANOR', ['property'], 3),
  offense('PC 29610', 'Minor in possession of a concealable firearm', 'FELONY', [], 2),
  offense('PC 640(b)', 'Fare evasion on public transit', 'INFRACTION', [], 2),
  offense('VC 10851(a)', 'Unlawful taking or driving of a vehicle', 'FELONY', ['property'], 4),
  offense('VC 12500(a)', 'Driving without a license', 'MISDEMEANOR', [], 2),
  offense('VC 23152(a)', 'Driving under the influence', 'MISDEMEANOR', ['drug'], 1),
  offense('HS 11357(a)(1)', 'Possession of cannabis by a person under 18', 'INFRACTION', ['drug', 'school'], 4),
  offense('HS 11350(a)', 'Possession of a controlled substance', 'MISDEMEANOR', ['drug'], 3),
  offense('BP 25662(a)', 'Minor in possession of alcohol', 'MISDEMEANOR', ['drug'], 2),
  offense('WIC 601(b)', 'Habitual truancy', 'STATUS_OFFENSE', ['truancy'], 5),
  offense('WIC 601(a)', 'Beyond the control of parent or guardian', 'STATUS_OFFENSE', ['home'], 4),
  offense('WIC 601(a)', 'Runaway', 'STATUS_OFFENSE', ['home'], 3),
  offense('WIC 601(a)', 'Curfew violation', 'STATUS_OFFENSE', [], 3),
];

/** What intake decides for an offense of each level, by how often. */
export const INTAKE_BY_LEVEL: Record<
  Level,
  ReadonlyArray<readonly [(typeof INTAKE_DECISIONS)[number], number]>
> = {
  FELONY: [
    ['PETITION_REQUESTED', 70],
    ['INFORMAL_PROBATION_654', 12],
    ['DIVERSION', 10],
    ['COUNSEL_AND_CLOSE', 8],
  ],
  MISDEMEANOR: [
    ['PETITION_REQUESTED', 35],
    ['INFORMAL_PROBATION_654', 25],
    ['DIVERSION', 20],
    ['COUNSEL_AND_CLOSE', 20],
  ],
  INFRACTION: [
    ['COUNSEL_AND_CLOSE', 60],
    ['DIVERSION', 40],
  ],
  STATUS_OFFENSE: [
    ['COUNSEL_AND_CLOSE', 35],
    ['INFORMAL_PROBATION_654', 25],
    ['DIVERSION', 25],
    ['PETITION_REQUESTED', 15],
  ],
};

/** The county's probation officers per source system (12), by unit. */
export const OFFICER_UNITS_ROSTER = (
  'INTAKE INTAKE FIELD_SUPERVISION FIELD_SUPERVISION FIELD_SUPERVISION FIELD_SUPERVISION FIELD_SUPERVISION ' +
  'PLACEMENT PLACEMENT CAMP CAMP TRANSITION'
).split(' ') as Unit[];
export const OFFICER_GIVEN =
  'Maria David Keisha Luis Jennifer Thanh Robert Alicia Marcus Sandra Raymond Priya Gabriel Erica'.split(' ');
export const OFFICER_FAMILY =
  'Gutierrez Washington Nguyen Okafor Campbell Ramirez Sullivan Delgado Brooks Tran Singh Moreno Hayes Castillo'.split(
    ' ',
  );

/** Which unit's officers supervise the term a disposition orders. */
export const SUPERVISING_UNIT: Record<DispositionType, Unit> = {
  WARDSHIP_PROBATION_HOME: 'FIELD_SUPERVISION',
  NON_WARD_PROBATION_725: 'FIELD_SUPERVISION',
  DEFERRED_ENTRY_OF_JUDGMENT: 'FIELD_SUPERVISION',
  WARDSHIP_PLACEMENT: 'PLACEMENT',
  CAMP: 'CAMP',
  SECURE_YOUTH_TREATMENT_FACILITY: 'TRANSITION',
  DISMISSED: 'INTAKE',
};
/** Length of the supervision a disposition orders, in months [min, max]. */
export const TERM_MONTHS: Record<DispositionType, readonly [number, number]> = {
  WARDSHIP_PROBATION_HOME: [6, 18],
  NON_WARD_PROBATION_725: [6, 6], // WIC 725(a): up to six months
  DEFERRED_ENTRY_OF_JUDGMENT: [12, 36], // WIC 791(a)(3)
  WARDSHIP_PLACEMENT: [9, 18],
  CAMP: [4, 9],
  SECURE_YOUTH_TREATMENT_FACILITY: [12, 36],
  DISMISSED: [0, 0],
};

/** The wording of each kind of condition a term sets (some with drawn details). */
export const CONDITION_TEXT: Record<ConditionType, (rng: Rng) => string> = {
  SCHOOL_ATTENDANCE: () =>
    'Attend school every school day, on time, with no unexcused absences, tardies or suspensions.',
  CURFEW: (r) =>
    `Be at home between ${r.pick(['7:00 p.m.', '8:00 p.m.', '9:00 p.m.'])} and 6:00 a.m. unless accompanied by a parent or guardian.`,
  NO_CONTACT: () =>
    'Have no contact, direct or indirect, with the victim or co-participants named in the police report.',
  COUNSELING: (r) =>
    `Participate in ${r.pick(['individual counseling', 'Functional Family Therapy', 'aggression replacement training', 'a cognitive behavioral group'])} as directed by the probation officer.`,
  COMMUNITY_SERVICE: (r) => `Complete ${r.int(2, 10) * 10} hours of community service.`,
  DRUG_TESTING: () =>
    'Submit to drug and alcohol testing as directed by the probation officer; do not use or possess drugs or alcohol.',
  ELECTRONIC_MONITORING: (r) => `Wear a GPS monitor for ${r.pick([30, 45, 60, 90])} days.`,
  RESTITUTION: (r) => `Pay victim restitution of $${r.int(4, 60) * 25} as ordered by the court (WIC 730.6).`,
  SEARCH_TERMS: () =>
    'Submit person, property and residence to search by a probation or peace officer at any time, with or without a warrant.',
};
