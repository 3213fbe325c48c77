import type { DataSource } from 'typeorm';
import {
  addDays,
  ExternalIdIssuer,
  today,
  upsertRecords,
  Rng,
  type RecordKind,
  type SyntheticPerson,
} from '@wholechild/shared';
import { clientKind, enrollmentKind, homelessnessEpisodeKind, householdKind, projectKind } from './kinds';

/** Rows per `upsertRecords` call (the batch limit of the upsert mutations). */
const CHUNK = 1000;

type Row = Record<string, unknown>;

interface ProjectTemplate {
  name: string;
  projectType: string;
  victimServiceProvider: boolean;
}

/** The continuum of care's 25 projects (HMIS 2.02), the same in every county seeded. */
const PROJECTS: ProjectTemplate[] = [
  ...[
    'Harbor Family Shelter',
    'Eastside Emergency Shelter',
    'Mission Street Shelter',
    'Valley Winter Shelter',
    'Riverside Family Center',
  ].map((name) => ({ name, projectType: 'EMERGENCY_SHELTER', victimServiceProvider: false })),
  ...['Bridge House Transitional', 'Youth Transitional Living Program', 'New Start Transitional Housing'].map(
    (name) => ({
      name,
      projectType: 'TRANSITIONAL_HOUSING',
      victimServiceProvider: false,
    }),
  ),
  ...[
    'Families First Rapid Rehousing',
    'Youth Rapid Rehousing',
    'County Rapid Rehousing',
    'Home Again Rapid Rehousing',
  ].map((name) => ({
    name,
    projectType: 'RAPID_REHOUSING',
    victimServiceProvider: false,
  })),
  ...['Cedar Court Supportive Housing', 'Maple Commons PSH', 'Family Supportive Housing Scattered Site'].map(
    (name) => ({
      name,
      projectType: 'PERMANENT_SUPPORTIVE_HOUSING',
      victimServiceProvider: false,
    }),
  ),
  ...['Downtown Street Outreach', 'Youth Street Outreach', 'Encampment Outreach Team'].map((name) => ({
    name,
    projectType: 'STREET_OUTREACH',
    victimServiceProvider: false,
  })),
  ...['Keep Families Housed Prevention', 'Emergency Rental Assistance', 'Youth Diversion and Prevention'].map(
    (name) => ({
      name,
      projectType: 'HOMELESSNESS_PREVENTION',
      victimServiceProvider: false,
    }),
  ),
  { name: 'Lighthouse Safe Haven', projectType: 'SAFE_HAVEN', victimServiceProvider: false },
  { name: 'Coordinated Entry Access Point', projectType: 'COORDINATED_ENTRY', victimServiceProvider: false },
  { name: 'Safe Passage DV Shelter', projectType: 'EMERGENCY_SHELTER', victimServiceProvider: true },
  {
    name: 'Safe Passage Transitional Housing',
    projectType: 'TRANSITIONAL_HOUSING',
    victimServiceProvider: true,
  },
];

const OPERATORS = [
  'County Department of Housing',
  'Salvation Army',
  'Catholic Charities',
  'Youth Services Alliance',
  'Community Action Partnership',
  'Family Promise',
  'Volunteers of America',
];
const VSP_OPERATOR = 'Safe Passage Domestic Violence Services';

/** 32-bit FNV-1a: a stable number per record key. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const hex = (n: number) => n.toString(16).padStart(8, '0');
const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);
const monthsBetween = (from: string, to: string) =>
  Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / (30.44 * 86_400_000)));

/** Writes rows of one kind in chunks; any rejected row is a bug in the generator. */
async function write(ds: DataSource, kind: RecordKind, rows: Row[]): Promise<number> {
  let written = 0;
  for (let start = 0; start < rows.length; start += CHUNK) {
    const results = await upsertRecords(ds, kind, rows.slice(start, start + CHUNK));
    const bad = results.find((r) => r.errors.length);
    if (bad) {
      const row = rows[start + bad.index]!;
      throw new Error(
        `housing seed: ${kind.name} ${String(row.externalId)} rejected: ${JSON.stringify(bad.errors)}`,
      );
    }
    written += results.length;
  }
  return written;
}

/**
 * Seeds housing (HMIS) records for synthetic children: the continuum of care's projects, then a
 * household, a client record, 1–3 enrollments and some homelessness episodes per child, all
 * dated within the child's life. Only `agency: 'HOUSING'` people are used.
 *
 * Idempotent: how many records a child gets and their external ids come from a hash of the
 * child's (sourceSystem, externalId), so re-seeding the same people updates rows in place and
 * never adds any; the values come from `rng` (the same seed gives the same county).
 * Returns the number of rows written.
 */
export async function seed(ds: DataSource, people: SyntheticPerson[], rng: Rng): Promise<number> {
  const clients = people.filter((p) => p.agency === 'HOUSING');
  // ids housing issues have no order (PRJ-001, PRJ-002, … could be walked), the same whatever the random state
  const projectIds = ExternalIdIssuer.forCatalogue('housing projects');
  const projectExternalId = (i: number) => projectIds.issue('PRJ-', i + 1);
  const end = today();
  const projects: Row[] = [];
  const households: Row[] = [];
  const clientRows: Row[] = [];
  const enrollments: Row[] = [];
  const episodes: Row[] = [];

  for (const sourceSystem of [...new Set(clients.map((p) => p.sourceSystem))]) {
    PROJECTS.forEach((t, i) =>
      projects.push({
        sourceSystem,
        externalId: projectExternalId(i),
        name: t.name,
        projectType: t.projectType,
        operator: t.victimServiceProvider ? VSP_OPERATOR : rng.pick(OPERATORS),
        victimServiceProvider: t.victimServiceProvider,
      }),
    );
  }
  const vspProjects = PROJECTS.flatMap((t, i) => (t.victimServiceProvider ? [i] : []));
  const byType = (type: string) =>
    PROJECTS.flatMap((t, i) => (t.projectType === type && !t.victimServiceProvider ? [i] : []));
  const projectTypeWeights: Array<readonly [string, number]> = [
    ['EMERGENCY_SHELTER', 30],
    ['COORDINATED_ENTRY', 20],
    ['RAPID_REHOUSING', 15],
    ['TRANSITIONAL_HOUSING', 10],
    ['HOMELESSNESS_PREVENTION', 10],
    ['STREET_OUTREACH', 7],
    ['PERMANENT_SUPPORTIVE_HOUSING', 6],
    ['SAFE_HAVEN', 2],
  ];

  for (const p of clients) {
    const { sourceSystem, externalId } = p;
    const shape = new Rng(hash(`${sourceSystem}\u0000${externalId}`));
    const birth = minDate(p.trueBirthDate, end);
    const dv = p.flags.dvSurvivor;

    // Household: an opaque id (households are directory data any viewer may look up, so the id
    // must not reveal which client it belongs to), stable per client for idempotence.
    const householdExternalId = `HH-${hex(hash(`household\u0000${sourceSystem}\u0000${externalId}`))}${hex(hash(`${externalId}\u0000household`))}`;
    const householdType =
      p.ageYears >= 18
        ? rng.chance(0.3)
          ? 'PARENTING_YOUTH'
          : 'YOUTH_ONLY'
        : p.ageYears >= 14 && rng.chance(0.12)
          ? rng.chance(0.2)
            ? 'PARENTING_YOUTH'
            : 'YOUTH_ONLY'
          : 'FAMILY_WITH_CHILDREN';
    const size =
      householdType === 'FAMILY_WITH_CHILDREN'
        ? rng.weighted([
            [2, 25],
            [3, 30],
            [4, 22],
            [5, 12],
            [6, 7],
            [7, 4],
          ] as const)
        : householdType === 'PARENTING_YOUTH'
          ? rng.int(2, 3)
          : rng.chance(0.9)
            ? 1
            : 2;
    households.push({
      sourceSystem,
      externalId: householdExternalId,
      householdType,
      size,
      city: p.city ?? p.locality,
    });

    // Client: the person's (possibly messy) demographics exactly as generated.
    clientRows.push({
      sourceSystem,
      externalId,
      householdExternalId,
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
      relationshipToHoH:
        householdType === 'FAMILY_WITH_CHILDREN' ? (rng.chance(0.9) ? 'CHILD' : 'OTHER_RELATIVE') : 'SELF',
      dvSurvivor: dv,
    });

    // Enrollments: entries in date order, each exited before the next begins; the last may be open.
    const n = shape.int(1, 3);
    const entries = Array.from({ length: n }, () => rng.dateBetween(birth, end)).sort();
    entries.forEach((entryDate, i) => {
      const next = entries[i + 1];
      const exited = next !== undefined || (entryDate < end && rng.chance(0.7));
      const exitDate = exited
        ? rng.dateBetween(entryDate, minDate(next ?? end, addDays(entryDate, 365)))
        : null;
      const project =
        dv && rng.chance(0.5) ? rng.pick(vspProjects) : rng.pick(byType(rng.weighted(projectTypeWeights)));
      enrollments.push({
        sourceSystem,
        externalId: `${externalId}-E${i + 1}`,
        personExternalId: externalId,
        projectExternalId: projectExternalId(project),
        householdExternalId,
        entryDate,
        exitDate,
        livingSituationAtEntry: rng.weighted([
          ['LITERALLY_HOMELESS', 55],
          ['TEMPORARY', 25],
          ['PERMANENT', 12],
          ['INSTITUTIONAL', 8],
        ] as const),
        destination: exitDate
          ? rng.weighted([
              ['PERMANENT_RENTAL', 35],
              ['PERMANENT_WITH_FAMILY', 15],
              ['TEMPORARY_WITH_FAMILY', 15],
              ['EMERGENCY_SHELTER', 12],
              ['PLACE_NOT_MEANT_FOR_HABITATION', 5],
              ['INSTITUTIONAL', 3],
              ['UNKNOWN', 15],
            ] as const)
          : null,
      });
    });

    // Homelessness episodes.
    const m = shape.chance(0.6) ? shape.int(1, 2) : 0;
    for (let i = 0; i < m; i++) {
      const startDate = rng.dateBetween(maxDate(birth, addDays(end, -5 * 365)), end);
      const endDate =
        startDate < end && rng.chance(0.75)
          ? rng.dateBetween(startDate, minDate(end, addDays(startDate, 400)))
          : null;
      const episodeType = dv && rng.chance(0.6) ? 'FLEEING_DV' : rng.chance(0.65) ? 'LITERAL' : 'AT_RISK';
      const timesHomelessPastThreeYears = rng.weighted([
        [1, 50],
        [2, 25],
        [3, 12],
        [4, 13],
      ] as const);
      const monthsHomelessPastThreeYears = rng.int(0, Math.min(36, monthsBetween(birth, startDate)));
      episodes.push({
        sourceSystem,
        externalId: `${externalId}-H${i + 1}`,
        personExternalId: externalId,
        startDate,
        endDate,
        episodeType,
        // HUD: four or more occasions in three years adding up to at least twelve months.
        chronic:
          episodeType !== 'AT_RISK' && timesHomelessPastThreeYears >= 4 && monthsHomelessPastThreeYears >= 12,
        timesHomelessPastThreeYears,
        monthsHomelessPastThreeYears,
      });
    }
  }

  // Parents before children: projects and households, then clients, then their records (kinds
  // that do not depend on each other are written side by side).
  const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);
  let written = sum(
    await Promise.all([write(ds, projectKind, projects), write(ds, householdKind, households)]),
  );
  written += await write(ds, clientKind, clientRows);
  written += sum(
    await Promise.all([write(ds, enrollmentKind, enrollments), write(ds, homelessnessEpisodeKind, episodes)]),
  );
  return written;
}
