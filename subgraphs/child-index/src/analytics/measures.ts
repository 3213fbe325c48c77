import { AGENCIES, type AgencyCode } from '@wholechild/shared';
import type { AnalyticChild, Fact } from './store';

/** A period in days from 1970-01-01, both ends included; `today` bounds open spells. */
export interface Period {
  from: number;
  to: number;
  today: number;
}

export const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
export const isoOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

const endOf = (f: { e: number | null }, p: Period) => f.e ?? p.today;
const overlaps = (f: { s: number; e: number | null }, p: Period) => f.s <= p.to && endOf(f, p) >= p.from;
const startsIn = (f: { s: number }, p: Period) => f.s >= p.from && f.s <= p.to;
const endsIn = (f: { e: number | null }, p: Period) => f.e !== null && f.e >= p.from && f.e <= p.to;
/** Days of the spell inside the period (both ends counted), never past today. */
const daysIn = (f: { s: number; e: number | null }, p: Period) =>
  Math.max(0, Math.min(endOf(f, p), p.to, p.today) - Math.max(f.s, p.from) + 1);

const factsOf = (c: AnalyticChild, agency: AgencyCode, code: string) =>
  c.facts.filter((f) => f.agency === agency && f.code === code);

/** The systems that knew the child in the period: any of their facts overlapping it. */
export const knownTo = (c: AnalyticChild, p: Period): AgencyCode[] =>
  AGENCIES.filter((a) => c.facts.some((f) => f.agency === a && overlaps(f, p)));

/** A child's out-of-home care as spells: placements a day or less apart are one spell (a move
 *  from one home to another is not an exit and a new entry). */
export function placementSpells(c: AnalyticChild): Array<{ s: number; e: number | null }> {
  const placements = factsOf(c, 'CHILD_WELFARE', 'PLACEMENT').sort((x, y) => x.s - y.s);
  const spells: Array<{ s: number; e: number | null }> = [];
  for (const f of placements) {
    const last = spells[spells.length - 1];
    if (last && (last.e === null || f.s <= last.e + 1)) {
      if (last.e !== null) last.e = f.e === null ? null : Math.max(last.e, f.e);
    } else spells.push({ s: f.s, e: f.e });
  }
  return spells;
}

/** The school year (ending in June of) a day falls in: it starts on August 15. */
export function schoolYearOfDay(day: number): number {
  const d = new Date(day * 86_400_000);
  const y = d.getUTCFullYear();
  return d.getUTCMonth() > 7 || (d.getUTCMonth() === 7 && d.getUTCDate() >= 15) ? y + 1 : y;
}

/** What one measure counts: whether the child is in its table (`include`), and the quantity it
 *  adds (days, episodes, events; 0 where the measure is a count of children). */
export interface MeasureValue {
  include: boolean;
  weight: number;
}

export interface MeasureDefinition {
  /** What a cell's `children` are, and what its `total` adds up. */
  children: string;
  total: string | null;
  /** The agencies' facts it reads (a measure needs their contribution). */
  needs: Array<[AgencyCode, string]>;
  value(c: AnalyticChild, p: Period): MeasureValue;
}

const none: MeasureValue = { include: false, weight: 0 };
const inFosterCare = (c: AnalyticChild, p: Period) => placementSpells(c).filter((s) => overlaps(s, p));
const enrolled = (c: AnalyticChild, p: Period) =>
  factsOf(c, 'EDUCATION', 'ENROLLMENT').some((f) => overlaps(f, p));

/** The measures of a population table. Every one counts children (distinct); most add a quantity. */
export const MEASURES: Record<string, MeasureDefinition> = {
  CHILDREN: {
    children: 'children known to the systems asked in the period',
    total: null,
    needs: [],
    value: () => ({ include: true, weight: 0 }),
  },
  PLACEMENT_DAYS: {
    children: 'children in out-of-home care on any day of the period',
    total: 'days in out-of-home care within the period',
    needs: [['CHILD_WELFARE', 'PLACEMENT']],
    value: (c, p) => {
      const spells = inFosterCare(c, p);
      return spells.length ? { include: true, weight: spells.reduce((n, s) => n + daysIn(s, p), 0) } : none;
    },
  },
  DAYS_HOMELESS: {
    children: 'children homeless on any day of the period',
    total: 'days homeless within the period',
    needs: [['HOUSING', 'HOMELESSNESS']],
    value: (c, p) => {
      const eps = factsOf(c, 'HOUSING', 'HOMELESSNESS').filter((f) => overlaps(f, p));
      return eps.length ? { include: true, weight: eps.reduce((n, f) => n + daysIn(f, p), 0) } : none;
    },
  },
  CARE_EPISODES: {
    children: 'children in behavioral health care in the period',
    total: 'episodes of care open in the period',
    needs: [['BEHAVIORAL_HEALTH', 'EPISODE']],
    value: (c, p) => {
      const n = factsOf(c, 'BEHAVIORAL_HEALTH', 'EPISODE').filter((f) => overlaps(f, p)).length;
      return n ? { include: true, weight: n } : none;
    },
  },
  PLACEMENT_ENTRIES: {
    children: 'children who entered out-of-home care in the period',
    total: 'entries (spells begun) in the period',
    needs: [['CHILD_WELFARE', 'PLACEMENT']],
    value: (c, p) => {
      const n = placementSpells(c).filter((s) => startsIn(s, p)).length;
      return n ? { include: true, weight: n } : none;
    },
  },
  PLACEMENT_EXITS: {
    children: 'children who left out-of-home care in the period',
    total: 'exits (spells ended) in the period',
    needs: [['CHILD_WELFARE', 'PLACEMENT']],
    value: (c, p) => {
      const n = placementSpells(c).filter((s) => endsIn(s, p)).length;
      return n ? { include: true, weight: n } : none;
    },
  },
  PLACEMENT_REENTRIES: {
    children: 'children who re-entered out-of-home care in the period within 12 months of an exit',
    total: 're-entries in the period',
    needs: [['CHILD_WELFARE', 'PLACEMENT']],
    value: (c, p) => {
      const spells = placementSpells(c);
      let n = 0;
      for (let i = 1; i < spells.length; i++) {
        const prev = spells[i - 1]!;
        if (startsIn(spells[i]!, p) && prev.e !== null && spells[i]!.s - prev.e <= 365) n++;
      }
      return n ? { include: true, weight: n } : none;
    },
  },
  SCHOOL_CHANGES_IN_FOSTER_CARE: {
    children: 'children in out-of-home care and enrolled in school in the period',
    total: 'school changes while in care (an enrollment begun after another in the same school year)',
    needs: [
      ['CHILD_WELFARE', 'PLACEMENT'],
      ['EDUCATION', 'ENROLLMENT'],
    ],
    value: (c, p) => {
      const spells = inFosterCare(c, p);
      if (!spells.length || !enrolled(c, p)) return none;
      const starts = factsOf(c, 'EDUCATION', 'ENROLLMENT').map((f) => f.s);
      const changes = starts.filter(
        (s) =>
          s >= p.from &&
          s <= p.to &&
          spells.some((sp) => s >= sp.s && s <= endOf(sp, p)) &&
          starts.some((o) => o < s && schoolYearOfDay(o) === schoolYearOfDay(s)),
      ).length;
      return { include: true, weight: changes };
    },
  },
  CHRONIC_ABSENCE_IN_FOSTER_CARE: {
    children: 'children in out-of-home care and enrolled in school in the period',
    total: 'of them, chronically absent in a school year overlapping the period',
    needs: [
      ['CHILD_WELFARE', 'PLACEMENT'],
      ['EDUCATION', 'ENROLLMENT'],
      ['EDUCATION', 'CHRONIC_ABSENCE'],
    ],
    value: (c, p) => {
      if (!inFosterCare(c, p).length || !enrolled(c, p)) return none;
      const absent = factsOf(c, 'EDUCATION', 'CHRONIC_ABSENCE').some((f) => overlaps(f, p));
      return { include: true, weight: absent ? 1 : 0 };
    },
  },
};
export type MeasureName = keyof typeof MEASURES;

/** The stages of a system's process, each reached by a fact begun in the period. */
export const STAGES: Partial<Record<AgencyCode, Array<{ stage: string; code: string }>>> = {
  CHILD_WELFARE: [
    { stage: 'REFERRAL', code: 'REFERRAL' },
    { stage: 'SUBSTANTIATION', code: 'SUBSTANTIATION' },
    { stage: 'CASE_OPENED', code: 'CASE' },
    { stage: 'PLACEMENT_ENTRY', code: 'PLACEMENT' },
  ],
  PROBATION: [
    { stage: 'REFERRAL', code: 'REFERRAL' },
    { stage: 'PETITION', code: 'PETITION' },
    { stage: 'DISPOSITION', code: 'DISPOSITION' },
  ],
};

/** Whether the child reached the stage (`code` of `agency` begun in the period). */
export const reached = (c: AnalyticChild, agency: AgencyCode, code: string, p: Period) =>
  c.facts.some((f: Fact) => f.agency === agency && f.code === code && startsIn(f, p));
