import {
  ExternalIdIssuer,
  addDays,
  Rng,
  today,
  upsertRecords,
  type AgencyKind,
  type SyntheticPerson,
} from '@wholechild/shared';
import type { DataSource } from 'typeorm';
import {
  conditionKind,
  dispositionKind,
  officerKind,
  petitionKind,
  referralKind,
  supervisionTermKind,
  youthKind,
  type CONDITION_TYPES,
  type DISPOSITION_TYPES,
  type INTAKE_DECISIONS,
  type OFFENSE_LEVELS,
  type OFFICER_UNITS,
  type PETITION_STATUSES,
  type PETITION_TYPES,
  type REFERRING_AGENCIES,
  type SUPERVISION_LEVELS,
  type TERM_STATUSES,
} from './kinds';

type Row = Record<string, unknown>;
type Unit = (typeof OFFICER_UNITS)[number];
type Level = (typeof OFFENSE_LEVELS)[number];
type DispositionType = (typeof DISPOSITION_TYPES)[number];
type ConditionType = (typeof CONDITION_TYPES)[number];
type TermStatus = (typeof TERM_STATUSES)[number];

/** The synthetic county's "today" (generateCounty's default), never later than the real today:
 *  records must not lie in the future, and a fixed date keeps a seed's county the same every day. */
const COUNTY_TODAY = '2026-11-25';
const BATCH = 1000;

/** An alleged offense as probation intake codes it (California code sections). */
interface Offense {
  code: string;
  description: string;
  level: Level;
  /** Property offense (restitution), a victim (no-contact order), drugs or alcohol (testing), a WIC 707(b)
   *  offense (`serious`), at school, truancy, trouble at home. */
  tags: ReadonlyArray<'property' | 'victim' | 'drug' | 'serious' | 'school' | 'truancy' | 'home'>;
}

const offense = (code: string, description: string, level: Level, tags: Offense['tags'], weight: number) =>
  [{ code, description, level, tags }, weight] as const;

/** Offenses intake sees, weighted by how often. `serious`: listed in WIC 707(b) (makes a youth of 14
 *  or over eligible for a secure youth treatment facility, WIC 875). */
// prettier-ignore
const OFFENSES: ReadonlyArray<readonly [Offense, number]> = [
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

const INTAKE_BY_LEVEL: Record<Level, ReadonlyArray<readonly [(typeof INTAKE_DECISIONS)[number], number]>> = {
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
const OFFICER_UNITS_ROSTER = (
  'INTAKE INTAKE FIELD_SUPERVISION FIELD_SUPERVISION FIELD_SUPERVISION FIELD_SUPERVISION FIELD_SUPERVISION ' +
  'PLACEMENT PLACEMENT CAMP CAMP TRANSITION'
).split(' ') as Unit[];
const OFFICER_GIVEN =
  'Maria David Keisha Luis Jennifer Thanh Robert Alicia Marcus Sandra Raymond Priya Gabriel Erica'.split(' ');
const OFFICER_FAMILY =
  'Gutierrez Washington Nguyen Okafor Campbell Ramirez Sullivan Delgado Brooks Tran Singh Moreno Hayes Castillo'.split(
    ' ',
  );

/** Which unit's officers supervise the term a disposition orders. */
const SUPERVISING_UNIT: Record<DispositionType, Unit> = {
  WARDSHIP_PROBATION_HOME: 'FIELD_SUPERVISION',
  NON_WARD_PROBATION_725: 'FIELD_SUPERVISION',
  DEFERRED_ENTRY_OF_JUDGMENT: 'FIELD_SUPERVISION',
  WARDSHIP_PLACEMENT: 'PLACEMENT',
  CAMP: 'CAMP',
  SECURE_YOUTH_TREATMENT_FACILITY: 'TRANSITION',
  DISMISSED: 'INTAKE',
};
/** Length of the supervision a disposition orders, in months [min, max]. */
const TERM_MONTHS: Record<DispositionType, readonly [number, number]> = {
  WARDSHIP_PROBATION_HOME: [6, 18],
  NON_WARD_PROBATION_725: [6, 6], // WIC 725(a): up to six months
  DEFERRED_ENTRY_OF_JUDGMENT: [12, 36], // WIC 791(a)(3)
  WARDSHIP_PLACEMENT: [9, 18],
  CAMP: [4, 9],
  SECURE_YOUTH_TREATMENT_FACILITY: [12, 36],
  DISMISSED: [0, 0],
};

/** 32-bit FNV-1a: a youth's own generator, so its records do not depend on who came before it. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);

/** Whole years from `birth` to `on`. */
function ageOn(birth: string, on: string): number {
  return Number(on.slice(0, 4)) - Number(birth.slice(0, 4)) - (on.slice(5) < birth.slice(5) ? 1 : 0);
}

/** Picks `n` distinct values by weight. */
function pickDistinct<T>(rng: Rng, pairs: Array<readonly [T, number]>, n: number): T[] {
  const pool = pairs.filter(([, w]) => w > 0);
  const out: T[] = [];
  while (out.length < n && pool.length) {
    const v = rng.weighted(pool);
    out.push(v);
    pool.splice(
      pool.findIndex(([x]) => x === v),
      1,
    );
  }
  return out;
}

/** Writes rows in chunks of at most 1000 through the validated upsert path every agency feed
 *  uses: a rejected row is a bug in this generator, so it fails loudly.
 *  Rows are grouped by which optional parent references they carry: `upsertRecords` takes its
 *  column list from the first row of a batch, so a batch whose first row lacks an optional parent
 *  (a term without a disposition) would drop that column for every row (see the report on
 *  shared/src/db/upsert.ts). Grouping keeps the seed right either way. */
async function writeAll(ds: DataSource, kind: AgencyKind, rows: Row[]): Promise<number> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const shape = (kind.parents ?? []).map((p) => (row[p.input] ? '1' : '0')).join('');
    const group = groups.get(shape);
    if (group) group.push(row);
    else groups.set(shape, [row]);
  }
  for (const group of groups.values()) {
    for (let i = 0; i < group.length; i += BATCH) {
      const results = await upsertRecords(ds, kind, group.slice(i, i + BATCH));
      const bad = results.find((r) => r.errors.length);
      if (bad)
        throw new Error(
          `probation seed: ${kind.name} ${JSON.stringify(group[i + bad.index]!.externalId)} rejected: ${JSON.stringify(bad.errors)}`,
        );
    }
  }
  return rows.length;
}

interface Officer {
  externalId: string;
  unit: Unit;
}

function makeOfficers(rng: Rng, sourceSystem: string, rows: Row[], ids: ExternalIdIssuer): Officer[] {
  const given = pickDistinct(
    rng,
    OFFICER_GIVEN.map((g) => [g, 1] as const),
    OFFICER_UNITS_ROSTER.length,
  );
  const family = pickDistinct(
    rng,
    OFFICER_FAMILY.map((f) => [f, 1] as const),
    OFFICER_UNITS_ROSTER.length,
  );
  return OFFICER_UNITS_ROSTER.map((unit, i) => {
    const name = `${given[i]!} ${family[i]!}`;
    const externalId = ids.issue('DPO-', i + 1);
    rows.push({
      sourceSystem,
      externalId,
      name,
      badgeNumber: `J${String(4100 + i * 7).padStart(5, '0')}`,
      unit,
      phone: rng.chance(0.9) ? `(555) 010-${String(1000 + i * 13).slice(-4)}` : null,
      email: rng.chance(0.9) ? `${name.replace(' ', '.')}@probation.example.gov`.toLowerCase() : null,
    });
    return { externalId, unit };
  });
}

const CONDITION_TEXT: Record<ConditionType, (rng: Rng) => string> = {
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

interface Writer {
  referrals: Row[];
  petitions: Row[];
  dispositions: Row[];
  terms: Row[];
  conditions: Row[];
}

/** One youth being seeded: the person, its own generator, its source system's officers, the
 *  county's today, and where the rows go. */
interface Youth {
  p: SyntheticPerson;
  r: Rng;
  roster: Officer[];
  TODAY: string;
  out: Writer;
}

/** Probation's part of the synthetic county. One youth record per person (demographics exactly as
 *  given), 12 officers per source system, and for youth old enough (offenses from age 12 to 17):
 *  1–2 intake referrals, petitions for referrals intake sends to the district attorney, court
 *  dispositions for sustained petitions, and supervision terms (formal or WIC 654 informal) with
 *  2–4 conditions. Records are dated to fit the youth's true age and never lie in the future.
 *  Deterministic for a seed; re-running with the same seed rewrites the same rows. Returns the
 *  number of rows written. */
export async function seed(ds: DataSource, people: SyntheticPerson[], rng: Rng): Promise<number> {
  const TODAY = minDate(COUNTY_TODAY, today());
  // ids probation issues have no order (DPO-001, DPO-002, … could be walked), the same whatever the random state
  const officerIds = ExternalIdIssuer.forCatalogue('probation officers');
  const salt = rng.int(0, 0x7fffffff);
  const officerRows: Row[] = [];
  const officers = new Map<string, Officer[]>();
  const youth: Row[] = [];
  const out: Writer = { referrals: [], petitions: [], dispositions: [], terms: [], conditions: [] };

  for (const p of people) {
    if (!officers.has(p.sourceSystem))
      officers.set(p.sourceSystem, makeOfficers(rng, p.sourceSystem, officerRows, officerIds));
    youth.push(youthRow(p));
    const r = new Rng(hash(`${p.sourceSystem}\u0000${p.externalId}`) ^ salt);
    youthRecords({ p, r, roster: officers.get(p.sourceSystem)!, TODAY, out });
  }

  let n = 0;
  n += await writeAll(ds, officerKind, officerRows);
  n += await writeAll(ds, youthKind, youth);
  n += await writeAll(ds, referralKind, out.referrals);
  n += await writeAll(ds, petitionKind, out.petitions);
  n += await writeAll(ds, dispositionKind, out.dispositions);
  n += await writeAll(ds, supervisionTermKind, out.terms);
  n += await writeAll(ds, conditionKind, out.conditions);
  return n;
}

/** The youth record exactly as the synthetic person gives it (messy demographics included). */
function youthRow(p: SyntheticPerson): Row {
  return {
    sourceSystem: p.sourceSystem,
    externalId: p.externalId,
    givenName: p.givenName,
    middleName: p.middleName,
    familyName: p.familyName,
    birthDate: p.birthDate,
    sex: p.sex,
    race: p.race,
    ethnicity: p.ethnicity,
    primaryLanguage: p.primaryLanguage,
    addressLine: p.addressLine,
    city: p.city,
    postalCode: p.postalCode,
  };
}

/** One youth's referrals and what followed them. */
function youthRecords(y: Youth): void {
  const { p, r, TODAY, out } = y;
  // Offenses between the 12th and the 18th birthday, early enough for intake and court to follow.
  const earliest = addYears(p.trueBirthDate, 12);
  const latest = minDate(addDays(TODAY, -45), addDays(addYears(p.trueBirthDate, 18), -1));
  if (earliest > latest) return;
  const base = { sourceSystem: p.sourceSystem, personExternalId: p.externalId };
  const nReferrals = r.chance(0.35) ? 2 : 1;
  // The first referral falls in the later part of the window (most youth enter probation at 14–17).
  let from = r.chance(0.7) ? maxDate(earliest, addDays(latest, -730)) : earliest;
  let lastTerm: { start: string; end: string | null; status: TermStatus } | null = null;
  for (let i = 1; i <= nReferrals && from <= latest; i++) {
    const referralDate = r.dateBetween(from, latest);
    const offense = r.weighted(OFFENSES);
    const ext = `${p.externalId}-R${i}`;
    const referringAgency: (typeof REFERRING_AGENCIES)[number] = offense.tags.includes('truancy')
      ? 'SCHOOL'
      : offense.tags.includes('home')
        ? r.weighted([
            ['PARENT', 70],
            ['CHILD_WELFARE', p.flags.openChildWelfareCase ? 40 : 5],
            ['LAW_ENFORCEMENT', 15],
          ] as const)
        : r.weighted([
            ['LAW_ENFORCEMENT', 82],
            ['SCHOOL', offense.tags.includes('school') ? 30 : 4],
            ['CHILD_WELFARE', p.flags.openChildWelfareCase ? 10 : 1],
            ['PARENT', 3],
            ['OTHER', 4],
          ] as const);
    const intakeDecision =
      referralDate > addDays(TODAY, -75) && r.chance(0.3)
        ? 'PENDING'
        : r.weighted(INTAKE_BY_LEVEL[offense.level]);
    out.referrals.push({
      ...base,
      externalId: ext,
      referralDate,
      referringAgency,
      offenseCode: offense.code,
      offenseDescription: offense.description,
      offenseLevel: offense.level,
      intakeDecision,
    });
    from = addDays(referralDate, r.int(60, 400));

    if (intakeDecision === 'INFORMAL_PROBATION_654') {
      // Six months of informal supervision (WIC 654) without a petition.
      const start = addDays(referralDate, r.int(7, 21));
      lastTerm = supervisionTerm(y, {
        externalId: `${ext}-T1`,
        dispositionExternalId: null,
        start,
        months: 6,
        unit: r.chance(0.5) ? 'INTAKE' : 'FIELD_SUPERVISION',
        supervisionLevel: 'LOW',
        offense,
      });
      continue;
    }
    if (intakeDecision !== 'PETITION_REQUESTED') continue;

    const filedDate = addDays(referralDate, r.int(2, 20));
    const onProbation =
      lastTerm && lastTerm.start <= filedDate && (lastTerm.end === null || filedDate <= lastTerm.end);
    const petitionType: (typeof PETITION_TYPES)[number] =
      offense.level === 'STATUS_OFFENSE'
        ? 'WIC_601'
        : onProbation && r.chance(0.5)
          ? 'WIC_777_NOTICE'
          : 'WIC_602';
    const recent = filedDate > addDays(TODAY, -75);
    const status: (typeof PETITION_STATUSES)[number] = recent
      ? r.weighted([
          ['FILED', 50],
          ['PENDING', 30],
          ['SUSTAINED', 20],
        ] as const)
      : r.weighted([
          ['SUSTAINED', 80],
          ['DISMISSED', 20],
        ] as const);
    const petitionExt = `${p.externalId}-P${i}`;
    out.petitions.push({
      ...base,
      externalId: petitionExt,
      referralExternalId: ext,
      filedDate,
      petitionType,
      court: `Superior Court, Juvenile Division, Dept. J${r.int(1, 6)}`,
      status,
    });
    if (status !== 'SUSTAINED') continue;

    const dispositionDate = addDays(filedDate, r.int(15, 45));
    if (dispositionDate > TODAY) continue; // sustained, disposition hearing still to come
    const age = ageOn(p.trueBirthDate, dispositionDate);
    const serious = offense.tags.includes('serious');
    const dispositionType: DispositionType =
      petitionType === 'WIC_601'
        ? r.weighted([
            ['WARDSHIP_PROBATION_HOME', 40],
            ['NON_WARD_PROBATION_725', 60],
          ] as const)
        : r.weighted([
            ['WARDSHIP_PROBATION_HOME', 40],
            ['NON_WARD_PROBATION_725', petitionType === 'WIC_602' && offense.level !== 'FELONY' ? 30 : 5],
            [
              'DEFERRED_ENTRY_OF_JUDGMENT',
              petitionType === 'WIC_602' && offense.level === 'FELONY' && age >= 14 ? 20 : 0,
            ], // WIC 790
            ['WARDSHIP_PLACEMENT', 10],
            ['CAMP', petitionType === 'WIC_777_NOTICE' || serious ? 25 : 6],
            ['SECURE_YOUTH_TREATMENT_FACILITY', serious && age >= 14 ? 4 : 0], // WIC 875: 707(b) offenses, 14 and over
            ['DISMISSED', 5], // WIC 782
          ] as const);
    const dualStatus = p.flags.openChildWelfareCase && dispositionType !== 'DISMISSED' && r.chance(0.7);
    const dispositionExt = `${p.externalId}-D${i}`;
    out.dispositions.push({
      ...base,
      externalId: dispositionExt,
      petitionExternalId: petitionExt,
      dispositionDate,
      dispositionType,
      dualStatus,
      notes: dualStatus
        ? 'WIC 241.1 joint assessment completed with child welfare; dual-status protocol applies, child welfare is lead agency.'
        : dispositionType === 'DISMISSED'
          ? 'Petition dismissed in the interests of justice (WIC 782).'
          : `Youth and parent present with counsel. Disposition per probation's recommendation; age ${age} at disposition.`,
    });
    if (dispositionType === 'DISMISSED' || r.chance(0.1)) continue;
    const [minM, maxM] = TERM_MONTHS[dispositionType];
    const level: (typeof SUPERVISION_LEVELS)[number] =
      dispositionType === 'CAMP'
        ? 'HIGH'
        : dispositionType === 'SECURE_YOUTH_TREATMENT_FACILITY'
          ? 'ADMINISTRATIVE'
          : dispositionType === 'WARDSHIP_PLACEMENT'
            ? r.weighted([
                ['HIGH', 40],
                ['MEDIUM', 60],
              ] as const)
            : dispositionType === 'WARDSHIP_PROBATION_HOME'
              ? r.weighted([
                  ['HIGH', 25],
                  ['MEDIUM', 45],
                  ['LOW', 30],
                ] as const)
              : r.weighted([
                  ['MEDIUM', 40],
                  ['LOW', 60],
                ] as const);
    lastTerm = supervisionTerm(y, {
      externalId: `${p.externalId}-T${i}`,
      dispositionExternalId: dispositionExt,
      dispositionType,
      start: addDays(dispositionDate, r.int(0, 3)),
      months: r.int(minM, maxM),
      unit: SUPERVISING_UNIT[dispositionType],
      supervisionLevel: level,
      offense,
    });
  }
}

/** A term the seed is about to write. */
interface TermSpec {
  externalId: string;
  /** Null for WIC 654 informal probation (no petition, no disposition). */
  dispositionExternalId: string | null;
  dispositionType?: DispositionType;
  start: string;
  months: number;
  /** The unit whose officers supervise the term. */
  unit: Unit;
  supervisionLevel: (typeof SUPERVISION_LEVELS)[number];
  offense: Offense;
}

/** A supervision term and its 2–4 conditions. */
function supervisionTerm(
  { p, r, roster, TODAY, out }: Youth,
  {
    externalId,
    dispositionExternalId,
    dispositionType,
    start,
    months,
    unit,
    supervisionLevel,
    offense,
  }: TermSpec,
): { start: string; end: string | null; status: TermStatus } {
  const startDate = minDate(start, TODAY);
  const projected = addDays(startDate, months * 30);
  let status: TermStatus;
  let endDate: string | null;
  if (projected <= TODAY) {
    status = r.weighted([
      ['COMPLETED', 80],
      ['REVOKED', 10],
      ['TERMINATED', 10],
    ] as const);
    endDate = status === 'COMPLETED' ? projected : r.dateBetween(addDays(startDate, 30), projected);
  } else {
    status = 'ACTIVE';
    // Fixed terms carry their scheduled end; wardship runs until the court terminates it.
    const fixed =
      !dispositionType ||
      dispositionType === 'NON_WARD_PROBATION_725' ||
      dispositionType === 'DEFERRED_ENTRY_OF_JUDGMENT' ||
      dispositionType === 'CAMP';
    endDate = fixed ? projected : null;
  }
  const candidates = roster.filter((o) => o.unit === unit);
  const officer = r.chance(0.05) || !candidates.length ? null : r.pick(candidates);
  out.terms.push({
    sourceSystem: p.sourceSystem,
    personExternalId: p.externalId,
    externalId,
    dispositionExternalId,
    officerExternalId: officer?.externalId ?? null,
    startDate,
    endDate,
    supervisionLevel,
    status,
  });

  const has = (t: Offense['tags'][number]) => offense.tags.includes(t);
  const types = pickDistinct<ConditionType>(
    r,
    [
      ['SCHOOL_ATTENDANCE', has('truancy') ? 100 : 10],
      ['CURFEW', has('home') ? 20 : 8],
      ['SEARCH_TERMS', dispositionType ? 7 : 1],
      ['COUNSELING', 6],
      ['COMMUNITY_SERVICE', 5],
      ['DRUG_TESTING', has('drug') || p.flags.substanceUse ? 20 : 2],
      ['RESTITUTION', has('property') ? 20 : 0],
      ['NO_CONTACT', has('victim') ? 15 : 0],
      ['ELECTRONIC_MONITORING', supervisionLevel === 'HIGH' ? 6 : 1],
    ],
    r.int(2, 4),
  );
  types.forEach((conditionType, k) => {
    const cStatus =
      status === 'ACTIVE'
        ? r.weighted([
            ['ACTIVE', 80],
            ['VIOLATED', 10],
            ['MODIFIED', 10],
          ] as const)
        : status === 'COMPLETED'
          ? r.weighted([
              ['MET', 90],
              ['MODIFIED', 10],
            ] as const)
          : k === 0
            ? 'VIOLATED'
            : r.weighted([
                ['MET', 40],
                ['VIOLATED', 30],
                ['MODIFIED', 30],
              ] as const);
    out.conditions.push({
      sourceSystem: p.sourceSystem,
      personExternalId: p.externalId,
      termExternalId: externalId,
      externalId: `${externalId}-C${k + 1}`,
      conditionType,
      description: CONDITION_TEXT[conditionType](r),
      status: cStatus,
    });
  });
  return { start: startDate, end: endDate, status };
}
