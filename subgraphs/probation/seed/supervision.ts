import {
  addDays,
  minDate,
  pickDistinct,
  type Rng,
  type SeedRow as Row,
  type SyntheticPerson,
} from '@wholechild/shared';
import type { SUPERVISION_LEVELS } from '../src/kinds';
import {
  CONDITION_TEXT,
  type ConditionType,
  type DispositionType,
  type Offense,
  type TermStatus,
  type Unit,
} from './catalogue';

/** An officer of a source system's roster: who may supervise a term. */
export interface Officer {
  externalId: string;
  unit: Unit;
}

/** Where the seed collects probation's records of its youth, by kind. */
export interface Writer {
  referrals: Row[];
  petitions: Row[];
  dispositions: Row[];
  terms: Row[];
  conditions: Row[];
}

/** One youth being seeded: the person, its own generator, its source system's officers, the
 *  county's today, and where the rows go. */
export interface Youth {
  p: SyntheticPerson;
  r: Rng;
  roster: Officer[];
  TODAY: string;
  out: Writer;
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
export function supervisionTerm(
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
