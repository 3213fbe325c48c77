import type { DataSource } from 'typeorm';
import {
  ExternalIdIssuer,
  addDays,
  addYears,
  maxDate,
  minDate,
  personRow,
  today,
  writeSeed,
  type Rng,
  type SeedRow as Row,
  type SyntheticPerson,
} from '@wholechild/shared';
import {
  assessmentItemKind,
  assessmentKind,
  clientKind,
  diagnosisKind,
  episodeKind,
  providerKind,
  SUD_PROGRAMS,
} from '../src/kinds';
import { assessPerson, diagnosePerson, type EpisodeOfCare, type Records } from './assessments';
import {
  DISCHARGE_REASONS,
  makeNpi,
  PROGRAM_RULES,
  PROVIDER_TEMPLATES,
  STREETS,
  type Program,
} from './providers';

/** Behavioral health's seed has always put a 29 February birthday on the 28th (see addYears). */
const addYearsBh = (date: string, years: number) => addYears(date, years, true);

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
  const out: Records = { assessments: [], items: [], diagnoses: [] };

  for (const person of people) {
    const { sourceSystem, externalId: ext } = person;
    clients.push(personRow(person));

    const birth = person.trueBirthDate;
    const age = person.ageYears;
    // Services begin no earlier than age 2 (a few weeks old for the youngest) and within 8 years.
    const from = minDate(
      maxDate(age >= 2 ? addYearsBh(birth, 2) : addDays(birth, 30), addYearsBh(now, -8)),
      now,
    );

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

    const personEpisodes: EpisodeOfCare[] = [];
    plan.forEach((program, i) => {
      const rule = PROGRAM_RULES.find((r) => r.program === program)!;
      const sud = SUD_PROGRAMS.includes(program);
      // Starts once the child is old enough for the program (SUD treatment at 12, say), or as
      // late as the child's age allows.
      const lower = minDate(maxDate(from, addYearsBh(birth, Math.min(rule.minAge, age))), now);
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

    assessPerson(rng, person, personEpisodes, now, out);
    diagnosePerson(rng, person, personEpisodes, now, out);
  }

  return writeSeed(ds, [
    [
      [providerKind, providerRows],
      [clientKind, clients],
    ],
    [[episodeKind, episodes]],
    [
      [assessmentKind, out.assessments],
      [diagnosisKind, out.diagnoses],
    ],
    [[assessmentItemKind, out.items]],
  ]);
}
