import type { DataSource } from 'typeorm';
import {
  ExternalIdIssuer,
  addDays,
  today,
  upsertRecords,
  type RecordKind,
  type Rng,
  type SyntheticPerson,
} from '@wholechild/shared';
import {
  assessmentItemKind,
  assessmentKind,
  clientKind,
  diagnosisKind,
  episodeKind,
  isValidNpi,
  providerKind,
  SUD_PROGRAMS,
} from './kinds';

type Row = Record<string, unknown>;
type Program = (typeof PROGRAM_RULES)[number]['program'];

/** Rows per `upsertRecords` call (the largest batch the API accepts). */
const CHUNK = 1000;
/** Chunks of one kind written at once (within the default pool of 8 connections). */
const PARALLEL = 4;

/** Programs, who they serve (minimum age), their level of care and typical length (days). */
const PROGRAM_RULES = [
  { program: 'OUTPATIENT_MENTAL_HEALTH', minAge: 2, level: 'OUTPATIENT', days: [60, 540], weight: 50 },
  {
    program: 'INTENSIVE_HOME_BASED_SERVICES',
    minAge: 2,
    level: 'INTENSIVE_OUTPATIENT',
    days: [60, 270],
    weight: 10,
  },
  {
    program: 'INTENSIVE_CARE_COORDINATION',
    minAge: 4,
    level: 'INTENSIVE_OUTPATIENT',
    days: [90, 365],
    weight: 10,
  },
  { program: 'WRAPAROUND', minAge: 6, level: 'INTENSIVE_OUTPATIENT', days: [120, 450], weight: 8 },
  {
    program: 'FULL_SERVICE_PARTNERSHIP',
    minAge: 16,
    level: 'INTENSIVE_OUTPATIENT',
    days: [180, 720],
    weight: 5,
  },
  { program: 'CRISIS_STABILIZATION', minAge: 6, level: 'CRISIS', days: [1, 3], weight: 7 },
  { program: 'SUD_OUTPATIENT', minAge: 12, level: 'OUTPATIENT', days: [60, 240], weight: 0 },
  { program: 'SUD_RESIDENTIAL', minAge: 12, level: 'RESIDENTIAL', days: [30, 90], weight: 0 },
] as const;

/** The county's provider network: which programs each provider runs. */
const PROVIDER_TEMPLATES: Array<{ name: string; type: string; programs: Program[] }> = [
  {
    name: 'County Children’s Mental Health Clinic — Central',
    type: 'COUNTY_CLINIC',
    programs: ['OUTPATIENT_MENTAL_HEALTH', 'INTENSIVE_CARE_COORDINATION'],
  },
  {
    name: 'County Children’s Mental Health Clinic — North',
    type: 'COUNTY_CLINIC',
    programs: ['OUTPATIENT_MENTAL_HEALTH', 'INTENSIVE_CARE_COORDINATION'],
  },
  {
    name: 'County Children’s Mental Health Clinic — South',
    type: 'COUNTY_CLINIC',
    programs: ['OUTPATIENT_MENTAL_HEALTH', 'INTENSIVE_CARE_COORDINATION'],
  },
  {
    name: 'County Youth Crisis Stabilization Unit',
    type: 'COUNTY_CLINIC',
    programs: ['CRISIS_STABILIZATION'],
  },
  {
    name: 'Family Partners Wraparound',
    type: 'CONTRACTED_ORGANIZATION',
    programs: ['WRAPAROUND', 'INTENSIVE_HOME_BASED_SERVICES', 'INTENSIVE_CARE_COORDINATION'],
  },
  {
    name: 'Seneca Family of Agencies',
    type: 'CONTRACTED_ORGANIZATION',
    programs: ['WRAPAROUND', 'INTENSIVE_HOME_BASED_SERVICES', 'CRISIS_STABILIZATION'],
  },
  {
    name: 'Pathways Youth Full Service Partnership',
    type: 'CONTRACTED_ORGANIZATION',
    programs: ['FULL_SERVICE_PARTNERSHIP', 'OUTPATIENT_MENTAL_HEALTH'],
  },
  {
    name: 'New Directions Adolescent Recovery',
    type: 'CONTRACTED_ORGANIZATION',
    programs: ['SUD_OUTPATIENT'],
  },
  {
    name: 'Horizon Youth Residential Treatment',
    type: 'CONTRACTED_ORGANIZATION',
    programs: ['SUD_RESIDENTIAL'],
  },
  {
    name: 'Valley Teen Recovery Services',
    type: 'CONTRACTED_ORGANIZATION',
    programs: ['SUD_OUTPATIENT', 'SUD_RESIDENTIAL'],
  },
  { name: 'La Clínica de la Comunidad', type: 'FQHC', programs: ['OUTPATIENT_MENTAL_HEALTH'] },
  {
    name: 'Eastside Community Health Center',
    type: 'FQHC',
    programs: ['OUTPATIENT_MENTAL_HEALTH', 'SUD_OUTPATIENT'],
  },
  { name: 'Dr. Maya Okafor, PsyD', type: 'INDIVIDUAL_PRACTITIONER', programs: ['OUTPATIENT_MENTAL_HEALTH'] },
  { name: 'Daniel Reyes, LMFT', type: 'INDIVIDUAL_PRACTITIONER', programs: ['OUTPATIENT_MENTAL_HEALTH'] },
  {
    name: 'Priya Nair, LCSW',
    type: 'INDIVIDUAL_PRACTITIONER',
    programs: ['OUTPATIENT_MENTAL_HEALTH', 'INTENSIVE_HOME_BASED_SERVICES'],
  },
];

const STREETS = [
  'Main St',
  'Oak Ave',
  'Mission Blvd',
  'Center St',
  'Valley Rd',
  'Harbor Way',
  'Pine St',
  'Lincoln Ave',
];

const DISCHARGE_REASONS = [
  ['TREATMENT_COMPLETED', 40],
  ['GOALS_PARTIALLY_MET', 20],
  ['LEFT_BEFORE_COMPLETION', 15],
  ['REFERRED_ELSEWHERE', 10],
  ['MOVED_OUT_OF_COUNTY', 7],
  ['AGED_OUT', 2],
  ['INCARCERATED', 2],
  ['OTHER', 4],
] as const;

/** Mental health diagnoses (ICD-10-CM) and the youngest age they are given at. */
const MH_DIAGNOSES = [
  { code: 'F43.10', description: 'Post-traumatic stress disorder, unspecified', minAge: 3, weight: 14 },
  {
    code: 'F43.25',
    description: 'Adjustment disorder with mixed disturbance of emotions and conduct',
    minAge: 3,
    weight: 12,
  },
  {
    code: 'F90.2',
    description: 'Attention-deficit hyperactivity disorder, combined type',
    minAge: 4,
    weight: 14,
  },
  { code: 'F91.3', description: 'Oppositional defiant disorder', minAge: 4, weight: 10 },
  { code: 'F84.0', description: 'Autistic disorder', minAge: 2, weight: 5 },
  { code: 'F93.0', description: 'Separation anxiety disorder of childhood', minAge: 3, weight: 5 },
  { code: 'F41.1', description: 'Generalized anxiety disorder', minAge: 8, weight: 12 },
  {
    code: 'F32.1',
    description: 'Major depressive disorder, single episode, moderate',
    minAge: 8,
    weight: 12,
  },
  { code: 'F34.81', description: 'Disruptive mood dysregulation disorder', minAge: 6, weight: 5 },
  { code: 'F94.1', description: 'Reactive attachment disorder of childhood', minAge: 1, weight: 3 },
  { code: 'F43.20', description: 'Adjustment disorder, unspecified', minAge: 0, weight: 4 },
] as const;

/** Substance use disorder diagnoses: 42 CFR Part 2 records. */
const SUD_DIAGNOSES = [
  { code: 'F12.10', description: 'Cannabis abuse, uncomplicated', weight: 50 },
  { code: 'F10.10', description: 'Alcohol abuse, uncomplicated', weight: 25 },
  { code: 'F12.20', description: 'Cannabis dependence, uncomplicated', weight: 15 },
  { code: 'F11.20', description: 'Opioid dependence, uncomplicated', weight: 10 },
] as const;

/** CANS items by domain (codes as the county's EHR exports them). */
const CANS_ITEMS: Record<string, readonly string[]> = {
  LIFE_FUNCTIONING: [
    'FAMILY_FUNCTIONING',
    'LIVING_SITUATION',
    'SOCIAL_FUNCTIONING',
    'SCHOOL_ACHIEVEMENT',
    'SCHOOL_ATTENDANCE',
    'SLEEP',
  ],
  BEHAVIORAL_EMOTIONAL_NEEDS: [
    'DEPRESSION',
    'ANXIETY',
    'IMPULSIVITY_HYPERACTIVITY',
    'OPPOSITIONAL',
    'ADJUSTMENT_TO_TRAUMA',
    'ANGER_CONTROL',
    'SUBSTANCE_USE',
  ],
  RISK_BEHAVIORS: [
    'SUICIDE_RISK',
    'NON_SUICIDAL_SELF_INJURY',
    'DANGER_TO_OTHERS',
    'RUNAWAY',
    'DELINQUENT_BEHAVIOR',
  ],
  STRENGTHS: [
    'FAMILY_STRENGTHS',
    'INTERPERSONAL',
    'OPTIMISM',
    'TALENTS_INTERESTS',
    'NATURAL_SUPPORTS',
    'RESILIENCY',
  ],
  CAREGIVER_RESOURCES: [
    'SUPERVISION',
    'INVOLVEMENT_WITH_CARE',
    'KNOWLEDGE',
    'SOCIAL_RESOURCES',
    'FAMILY_STRESS',
  ],
  ACCULTURATION: ['LANGUAGE', 'IDENTITY', 'CULTURAL_STRESS'],
  TRAUMA: [
    'PHYSICAL_ABUSE',
    'NEGLECT',
    'EMOTIONAL_ABUSE',
    'WITNESS_TO_FAMILY_VIOLENCE',
    'COMMUNITY_VIOLENCE',
    'DISRUPTIONS_IN_CAREGIVING',
  ],
};
/** How many items of each domain one seeded CANS rates (10 in all). */
const CANS_SHAPE: Array<[string, number]> = [
  ['LIFE_FUNCTIONING', 2],
  ['BEHAVIORAL_EMOTIONAL_NEEDS', 3],
  ['RISK_BEHAVIORS', 2],
  ['STRENGTHS', 1],
  ['CAREGIVER_RESOURCES', 1],
  ['TRAUMA', 1],
];

const ASSESSORS = [
  'A. Martinez, LMFT',
  'K. Chen, LCSW',
  'R. Johnson, PsyD',
  'S. Patel, LPCC',
  'T. Nguyen, ASW',
  'M. Brooks, AMFT',
  'L. Garcia, LCSW',
];

/** A valid NPI: 9 random digits (first 1 or 2) and the Luhn check digit over `80840` + them. */
function makeNpi(rng: Rng): string {
  const base = `${rng.int(1, 2)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
  for (let d = 0; d <= 9; d++) if (isValidNpi(`${base}${d}`)) return `${base}${d}`;
  throw new Error('unreachable: every NPI prefix has one check digit');
}

const addYears = (date: string, years: number) =>
  `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`.replace('-02-29', '-02-28');
const maxDate = (a: string, b: string) => (a > b ? a : b);
/** Whole years from `birth` to `date`. */
const ageOn = (birth: string, date: string) =>
  Number(date.slice(0, 4)) - Number(birth.slice(0, 4)) - (date.slice(5) < birth.slice(5) ? 1 : 0);
const minDate = (a: string, b: string) => (a < b ? a : b);

/** Picks `n` distinct values. */
function sample<T>(rng: Rng, xs: readonly T[], n: number): T[] {
  const pool = [...xs];
  const out: T[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(rng.int(0, pool.length - 1), 1)[0]!);
  return out;
}

/** Writes `rows` in chunks of at most CHUNK rows, PARALLEL chunks at a time (distinct natural
 *  keys, so concurrent chunks never touch the same row); throws on the first rejected row. */
async function write(ds: DataSource, kind: RecordKind, rows: Row[]): Promise<number> {
  const chunks: Row[][] = [];
  for (let start = 0; start < rows.length; start += CHUNK) chunks.push(rows.slice(start, start + CHUNK));
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < chunks.length && !failed) {
      const chunk = chunks[next++]!;
      const results = await upsertRecords(ds, kind, chunk);
      const bad = results.find((r) => r.errors.length);
      if (bad) {
        failed = true;
        const row = chunk[bad.index]!;
        throw new Error(
          `seed: ${kind.name} ${String(row.sourceSystem)}/${String(row.externalId)} rejected: ${bad.errors.map((e) => `${e.field} ${e.code} (${e.reason})`).join('; ')}`,
        );
      }
    }
  };
  // Settle every worker before reporting, so nothing is still writing when seed() returns.
  const settled = await Promise.allSettled(Array.from({ length: Math.min(PARALLEL, chunks.length) }, worker));
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw failure.reason;
  return rows.length;
}

/** Seeds behavioral health for these (behavioral health) person records: one client per person,
 *  written exactly as the synthetic record has it, plus a provider network (15 providers per
 *  source system) and, per client, 1–3 episodes of care, CANS assessments with 10 rated items
 *  for some, and 1–3 diagnoses, all dated within the child's true life. Children flagged for
 *  substance use get an SUD program episode and an F1x diagnosis (both 42 CFR Part 2 records).
 *  Deterministic for a given `rng` state, and keyed by external ids derived from the person's,
 *  so re-running it updates rows in place. Returns the number of rows written. */
export async function seed(ds: DataSource, people: SyntheticPerson[], rng: Rng): Promise<number> {
  const now = today();
  const localities = [...new Set(people.map((p) => p.locality).filter(Boolean))].sort();
  const sourceSystems = [...new Set(people.map((p) => p.sourceSystem))].sort();

  // Providers: one network per source system (parent references stay within a source system),
  // with catalogue ids of no order (the same whatever the random state).
  const providerIds = ExternalIdIssuer.forCatalogue('behavioral health providers');
  const providerRows: Row[] = [];
  const network = PROVIDER_TEMPLATES.map((t, i) => ({
    ...t,
    externalId: providerIds.issue('PRV-', i + 1),
    npi: makeNpi(rng),
    addressLine: `${rng.int(100, 9899)} ${rng.pick(STREETS)}`,
    city: localities.length ? localities[i % localities.length]! : null,
  }));
  for (const sourceSystem of sourceSystems) {
    for (const p of network) {
      providerRows.push({
        sourceSystem,
        externalId: p.externalId,
        name: p.name,
        providerType: p.type,
        npi: p.npi,
        addressLine: p.addressLine,
        city: p.city,
      });
    }
  }
  const providersFor = (program: Program) => network.filter((p) => p.programs.includes(program));

  const clients: Row[] = [];
  const episodes: Row[] = [];
  const assessments: Row[] = [];
  const items: Row[] = [];
  const diagnoses: Row[] = [];

  for (const person of people) {
    const { sourceSystem, externalId: ext } = person;
    clients.push({
      sourceSystem,
      externalId: ext,
      givenName: person.givenName,
      middleName: person.middleName,
      familyName: person.familyName,
      birthDate: person.birthDate,
      sex: person.sex,
      race: person.race,
      ethnicity: person.ethnicity,
      primaryLanguage: person.primaryLanguage,
      addressLine: person.addressLine,
      city: person.city,
      postalCode: person.postalCode,
    });

    const birth = person.trueBirthDate;
    const age = person.ageYears;
    // Services begin no earlier than age 2 (a few weeks old for the youngest) and within 8 years.
    const from = minDate(maxDate(age >= 2 ? addYears(birth, 2) : addDays(birth, 30), addYears(now, -8)), now);

    const plan: Program[] = [];
    if (person.flags.substanceUse) plan.push(rng.chance(0.75) ? 'SUD_OUTPATIENT' : 'SUD_RESIDENTIAL');
    const eligible = PROGRAM_RULES.filter((r) => r.weight > 0 && age >= r.minAge);
    const mhEpisodes = person.flags.substanceUse ? rng.int(0, 2) : rng.int(1, 3);
    for (let i = 0; i < mhEpisodes; i++) {
      plan.push(
        eligible.length
          ? rng.weighted(eligible.map((r) => [r.program, r.weight] as const))
          : 'OUTPATIENT_MENTAL_HEALTH',
      );
    }

    const personEpisodes: Array<{
      externalId: string;
      program: Program;
      start: string;
      end: string | null;
      sud: boolean;
    }> = [];
    plan.forEach((program, i) => {
      const rule = PROGRAM_RULES.find((r) => r.program === program)!;
      const sud = SUD_PROGRAMS.includes(program);
      // Starts once the child is old enough for the program (SUD treatment at 12, say), or as
      // late as the child's age allows.
      const lower = minDate(maxDate(from, addYears(birth, Math.min(rule.minAge, age))), now);
      const start = rng.dateBetween(lower, now);
      const plannedEnd = addDays(start, rng.int(rule.days[0], rule.days[1]));
      const end =
        plannedEnd <= now && (program === 'CRISIS_STABILIZATION' || rng.chance(0.7)) ? plannedEnd : null;
      const provider = rng.pick(providersFor(program));
      const episodeId = `${ext}-EP${i + 1}`;
      episodes.push({
        sourceSystem,
        externalId: episodeId,
        personExternalId: ext,
        providerExternalId: provider.externalId,
        program,
        levelOfCare:
          rule.level === 'OUTPATIENT' && sud && rng.chance(0.4) ? 'INTENSIVE_OUTPATIENT' : rule.level,
        startDate: start,
        endDate: end,
        dischargeReason: end
          ? program === 'CRISIS_STABILIZATION'
            ? 'REFERRED_ELSEWHERE'
            : rng.weighted(DISCHARGE_REASONS)
          : null,
        isSubstanceUse: sud,
      });
      personEpisodes.push({ externalId: episodeId, program, start, end, sud });
    });

    // Assessments: ASAM at SUD admission; for about half the children of 6 and older, a CANS
    // series (initial, often a six-month reassessment, sometimes a discharge CANS) with 10 rated
    // items in their main mental health episode; PSC-35 screenings (no items) elsewhere.
    let a = 0;
    const mhOngoing = personEpisodes.filter((e) => !e.sud && e.program !== 'CRISIS_STABILIZATION');
    const cansAge = mhOngoing.filter((e) => ageOn(birth, e.start) >= 6);
    const cansEpisode = cansAge.length && rng.chance(0.5) ? rng.pick(cansAge) : null;
    for (const ep of personEpisodes) {
      if (ep.program === 'CRISIS_STABILIZATION') continue;
      if (ep.sud) {
        assessments.push({
          sourceSystem,
          externalId: `${ext}-AS${++a}`,
          personExternalId: ext,
          episodeExternalId: ep.externalId,
          instrument: 'ASAM',
          assessmentDate: ep.start,
          assessor: rng.pick(ASSESSORS),
          reason: 'INITIAL',
        });
        continue;
      }
      if (ep !== cansEpisode) {
        if (ageOn(birth, ep.start) >= 4 && rng.chance(0.4)) {
          assessments.push({
            sourceSystem,
            externalId: `${ext}-AS${++a}`,
            personExternalId: ext,
            episodeExternalId: ep.externalId,
            instrument: 'PSC_35',
            assessmentDate: minDate(addDays(ep.start, rng.int(0, 14)), now),
            assessor: rng.pick(ASSESSORS),
            reason: 'INITIAL',
          });
        }
        continue;
      }
      const last = ep.end ?? now;
      const instrument = rng.chance(0.8) ? 'CANS_50' : 'CANS';
      const dates: Array<[string, string]> = [[minDate(addDays(ep.start, rng.int(0, 30)), last), 'INITIAL']];
      const reassess = addDays(ep.start, 180);
      if (reassess < last && rng.chance(0.5)) dates.push([reassess, 'REASSESSMENT']);
      if (ep.end && rng.chance(0.4)) dates.push([ep.end, 'DISCHARGE']);
      const rated = CANS_SHAPE.flatMap(([domain, n]) =>
        sample(rng, CANS_ITEMS[domain]!, n).map((item) => [domain, item] as const),
      );
      const baseline = rated.map(([domain, item]) => {
        if (item === 'SUBSTANCE_USE' && person.flags.substanceUse) return rng.int(2, 3);
        if (domain === 'STRENGTHS')
          return rng.weighted([
            [0, 20],
            [1, 40],
            [2, 30],
            [3, 10],
          ] as const);
        return rng.weighted([
          [0, 30],
          [1, 35],
          [2, 25],
          [3, 10],
        ] as const);
      });
      dates.forEach(([date, reason], k) => {
        const assessmentId = `${ext}-AS${++a}`;
        assessments.push({
          sourceSystem,
          externalId: assessmentId,
          personExternalId: ext,
          episodeExternalId: ep.externalId,
          instrument,
          assessmentDate: date,
          assessor: rng.pick(ASSESSORS),
          reason,
        });
        rated.forEach(([domain, item], j) => {
          // Needs tend to ease over treatment; strengths tend to grow (a lower score).
          const score = Math.max(0, Math.min(3, baseline[j]! - (k > 0 && rng.chance(0.4) ? 1 : 0)));
          items.push({
            sourceSystem,
            externalId: `${assessmentId}-${item}`,
            assessmentExternalId: assessmentId,
            personExternalId: ext,
            domain,
            item,
            score,
          });
        });
      });
    }

    // Diagnoses: an F1x for children in SUD treatment, then 1–3 mental health diagnoses.
    let d = 0;
    const sudEpisode = personEpisodes.find((e) => e.sud);
    if (sudEpisode) {
      const dx = rng.weighted(SUD_DIAGNOSES.map((x) => [x, x.weight] as const));
      diagnoses.push({
        sourceSystem,
        externalId: `${ext}-DX${++d}`,
        personExternalId: ext,
        episodeExternalId: sudEpisode.externalId,
        code: dx.code,
        description: dx.description,
        diagnosedDate: sudEpisode.start,
        isPrimary: true,
        substanceUse: true,
      });
    }
    const mhEpisodesOfPerson = personEpisodes.filter((e) => !e.sud);
    const mhCount = mhEpisodesOfPerson.length ? (sudEpisode ? rng.int(0, 1) : rng.int(1, 3)) : 0;
    const given = new Set<string>();
    for (let k = 0; k < mhCount; k++) {
      const ep = rng.pick(mhEpisodesOfPerson);
      const diagnosedDate = minDate(addDays(ep.start, rng.int(0, 30)), ep.end ?? now);
      // Only diagnoses given at the child's age then (F43.20 fits any age), each at most once.
      const codes = MH_DIAGNOSES.filter((x) => ageOn(birth, diagnosedDate) >= x.minAge && !given.has(x.code));
      if (!codes.length) break;
      const dx = rng.weighted(codes.map((x) => [x, x.weight] as const));
      given.add(dx.code);
      diagnoses.push({
        sourceSystem,
        externalId: `${ext}-DX${++d}`,
        personExternalId: ext,
        episodeExternalId: ep.externalId,
        code: dx.code,
        description: dx.description,
        diagnosedDate,
        isPrimary: !sudEpisode && k === 0,
        substanceUse: false,
      });
    }
  }

  let written = 0;
  written += await write(ds, providerKind, providerRows);
  written += await write(ds, clientKind, clients);
  written += await write(ds, episodeKind, episodes);
  written += await write(ds, assessmentKind, assessments);
  written += await write(ds, assessmentItemKind, items);
  written += await write(ds, diagnosisKind, diagnoses);
  return written;
}
