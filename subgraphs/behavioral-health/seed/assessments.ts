import {
  addDays,
  ageOn,
  minDate,
  pickDistinct,
  type Rng,
  type SeedRow as Row,
  type SyntheticPerson,
} from '@wholechild/shared';
import { ASSESSORS, CANS_ITEMS, CANS_SHAPE, MH_DIAGNOSES, SUD_DIAGNOSES } from './clinical';
import type { Program } from './providers';

/** An episode of care the seed generated for one child, as its assessments and diagnoses need it. */
export interface EpisodeOfCare {
  externalId: string;
  program: Program;
  start: string;
  end: string | null;
  sud: boolean;
}

/** Where a child's assessments, their rated items and diagnoses go. */
export interface Records {
  assessments: Row[];
  items: Row[];
  diagnoses: Row[];
}

/** Assessments: ASAM at SUD admission; for about half the children of 6 and older, a CANS series
 *  (initial, often a six-month reassessment, sometimes a discharge CANS) with 10 rated items in
 *  their main mental health episode; PSC-35 screenings (no items) elsewhere. */
export function assessPerson(
  rng: Rng,
  person: SyntheticPerson,
  episodes: EpisodeOfCare[],
  now: string,
  out: Records,
): void {
  const { sourceSystem, externalId: ext, trueBirthDate: birth } = person;
  const about = { sourceSystem, personExternalId: ext };
  let a = 0;
  const mhOngoing = episodes.filter((e) => !e.sud && e.program !== 'CRISIS_STABILIZATION');
  const cansAge = mhOngoing.filter((e) => ageOn(birth, e.start) >= 6);
  const cansEpisode = cansAge.length && rng.chance(0.5) ? rng.pick(cansAge) : null;
  for (const ep of episodes) {
    if (ep.program === 'CRISIS_STABILIZATION') continue;
    const assessment = (instrument: string, assessmentDate: string, reason: string) => {
      const externalId = `${ext}-AS${++a}`;
      const row = { ...about, externalId, episodeExternalId: ep.externalId, instrument, assessmentDate };
      out.assessments.push({ ...row, assessor: rng.pick(ASSESSORS), reason });
      return externalId;
    };
    if (ep.sud) {
      assessment('ASAM', ep.start, 'INITIAL');
      continue;
    }
    if (ep !== cansEpisode) {
      if (ageOn(birth, ep.start) >= 4 && rng.chance(0.4))
        assessment('PSC_35', minDate(addDays(ep.start, rng.int(0, 14)), now), 'INITIAL');
      continue;
    }
    const last = ep.end ?? now;
    const instrument = rng.chance(0.8) ? 'CANS_50' : 'CANS';
    const dates: Array<[string, string]> = [[minDate(addDays(ep.start, rng.int(0, 30)), last), 'INITIAL']];
    const reassess = addDays(ep.start, 180);
    if (reassess < last && rng.chance(0.5)) dates.push([reassess, 'REASSESSMENT']);
    if (ep.end && rng.chance(0.4)) dates.push([ep.end, 'DISCHARGE']);
    const rated = CANS_SHAPE.flatMap(([domain, n]) =>
      pickDistinct(
        rng,
        CANS_ITEMS[domain]!.map((item) => [item, 1] as const),
        n,
      ).map((item) => [domain, item] as const),
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
      const assessmentId = assessment(instrument, date, reason);
      rated.forEach(([domain, item], j) => {
        // Needs tend to ease over treatment; strengths tend to grow (a lower score).
        const score = Math.max(0, Math.min(3, baseline[j]! - (k > 0 && rng.chance(0.4) ? 1 : 0)));
        out.items.push({
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
}

/** Diagnoses: an F1x for children in SUD treatment, then 1–3 mental health diagnoses, each given
 *  only at an age it fits (F43.20 fits any) and at most once. */
export function diagnosePerson(
  rng: Rng,
  person: SyntheticPerson,
  episodes: EpisodeOfCare[],
  now: string,
  out: Records,
): void {
  const { sourceSystem, externalId: ext, trueBirthDate: birth } = person;
  let d = 0;
  const diagnosis = (ep: EpisodeOfCare, dx: { code: string; description: string }, date: string) => ({
    sourceSystem,
    externalId: `${ext}-DX${++d}`,
    personExternalId: ext,
    episodeExternalId: ep.externalId,
    code: dx.code,
    description: dx.description,
    diagnosedDate: date,
  });
  const sudEpisode = episodes.find((e) => e.sud);
  if (sudEpisode) {
    const dx = rng.weighted(SUD_DIAGNOSES.map((x) => [x, x.weight] as const));
    out.diagnoses.push({
      ...diagnosis(sudEpisode, dx, sudEpisode.start),
      isPrimary: true,
      substanceUse: true,
    });
  }
  const mhEpisodes = episodes.filter((e) => !e.sud);
  const mhCount = mhEpisodes.length ? (sudEpisode ? rng.int(0, 1) : rng.int(1, 3)) : 0;
  const given = new Set<string>();
  for (let k = 0; k < mhCount; k++) {
    const ep = rng.pick(mhEpisodes);
    const diagnosedDate = minDate(addDays(ep.start, rng.int(0, 30)), ep.end ?? now);
    const codes = MH_DIAGNOSES.filter((x) => ageOn(birth, diagnosedDate) >= x.minAge && !given.has(x.code));
    if (!codes.length) break;
    const dx = rng.weighted(codes.map((x) => [x, x.weight] as const));
    given.add(dx.code);
    out.diagnoses.push({
      ...diagnosis(ep, dx, diagnosedDate),
      isPrimary: !sudEpisode && k === 0,
      substanceUse: false,
    });
  }
}
