import type { DataSource } from 'typeorm';
import {
  addDays,
  ExternalIdIssuer,
  fnv1a32,
  maxDate,
  minDate,
  monthsBetween,
  personRow,
  today,
  writeSeed,
  Rng,
  type SeedRow as Row,
  type SyntheticPerson,
} from '@wholechild/shared';
import {
  clientKind,
  enrollmentKind,
  homelessnessEpisodeKind,
  householdKind,
  projectKind,
} from '../src/kinds';
import { OPERATORS, PROJECTS, VSP_OPERATOR } from './projects';

const hex = (n: number) => n.toString(16).padStart(8, '0');

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
    const shape = new Rng(fnv1a32(`${sourceSystem}\u0000${externalId}`));
    const birth = minDate(p.trueBirthDate, end);
    const dv = p.flags.dvSurvivor;

    // Household: an opaque id (households are directory data any viewer may look up, so the id
    // must not reveal which client it belongs to), stable per client for idempotence.
    const householdExternalId = `HH-${hex(fnv1a32(`household\u0000${sourceSystem}\u0000${externalId}`))}${hex(fnv1a32(`${externalId}\u0000household`))}`;
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
    clientRows.push(
      personRow(p, {
        householdExternalId,
        relationshipToHoH:
          householdType === 'FAMILY_WITH_CHILDREN' ? (rng.chance(0.9) ? 'CHILD' : 'OTHER_RELATIVE') : 'SELF',
        dvSurvivor: dv,
      }),
    );

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

  // Parents before children: projects and households, then clients, then their records.
  return writeSeed(ds, [
    [
      [projectKind, projects],
      [householdKind, households],
    ],
    [[clientKind, clientRows]],
    [
      [enrollmentKind, enrollments],
      [homelessnessEpisodeKind, episodes],
    ],
  ]);
}
