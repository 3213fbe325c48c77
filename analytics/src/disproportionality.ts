import { AnalyticsInputError } from './errors';
import { rateRatio, ratePer, ratioToTotal, type RatioEstimate } from './intervals';

/** A rate with its 95% interval; low and high are null when the count exceeds its denominator
 *  (possible with rounded counts), and `notes` on the row says so. */
export interface Rate {
  value: number;
  low: number | null;
  high: number | null;
}

/** A ratio of exactly 1 by definition (the reference group against itself, the total against
 *  itself): no interval. */
const IDENTITY: RatioEstimate = { ratio: 1, low: null, high: null, corrected: false };

/** One stage of a system's pathway (e.g. referral, substantiation, placement) and its published
 *  counts per group; null is a withheld (suppressed) count. */
export interface DisproportionalityStage {
  name: string;
  counts: Record<string, number | null>;
  /** The published count for everyone (the table's TOTAL margin, which may include children in
   *  no listed group). @default the sum of the groups' counts, null if any is null */
  total?: number | null;
}

/** Input of `disproportionality`. */
export interface DisproportionalityInput {
  /** The groups compared, e.g. the race/ethnicity categories, in display order. */
  groups: string[];
  /** The group every other is compared with for the relative rate index. */
  referenceGroup: string;
  /** Reference population per group (e.g. children 0–17 in the county). */
  population: Record<string, number>;
  /** Reference population of everyone. @default the sum of `population` over `groups` */
  populationTotal?: number;
  /** The stages in pathway order (at least one). */
  stages: DisproportionalityStage[];
}

/** One group (or the total) at one stage. Every figure is null when it would be computed from a
 *  withheld count or a zero denominator. */
export interface DisproportionalityRow {
  /** The group, or null for the total. */
  group: string | null;
  count: number | null;
  /** Count per 1,000 of the group's reference population, with its 95% Wilson interval. */
  ratePer1000: Rate | null;
  /** Count per 100 of the group's count at the previous stage (null at the first stage). */
  ratePer100Previous: Rate | null;
  /** Relative rate index against the reference group: population basis at the first stage,
   *  previous-stage basis after it (OJJDP's convention). Null on the total's row. */
  relativeRateIndex: RatioEstimate | null;
  /** The group's rate per 1,000 of population over the total's (1 on the total's row). */
  disparityIndex: RatioEstimate | null;
  /** Why a figure has no interval when that is not obvious, in plain words. */
  notes: string[];
}

/** Output of `disproportionality`: the stages in input order. */
export interface DisproportionalityResult {
  stages: Array<{ name: string; rows: DisproportionalityRow[] }>;
}

const OVER_DENOMINATOR =
  'count exceeds its denominator (rounding or population data): figure given without interval';

function requireNonNegativeInteger(field: string, x: number): void {
  if (!Number.isInteger(x) || x < 0)
    throw new AnalyticsInputError(field, `must be a non-negative integer, got ${x}`);
}

/** A rate per `per` with a Wilson interval; no interval when k > n; null when n = 0 or k null. */
function rate(k: number | null, n: number | null, per: number, notes: string[]): Rate | null {
  if (k === null || n === null || n === 0) return null;
  if (k > n) {
    notes.push(OVER_DENOMINATOR);
    return { value: (k / n) * per, low: null, high: null };
  }
  return ratePer(k, n, per);
}

/** Runs `f`; if a count exceeds its denominator, gives the bare ratio without interval instead. */
function ratio(
  k1: number | null,
  n1: number | null,
  k2: number | null,
  n2: number | null,
  f: (k1: number, n1: number, k2: number, n2: number) => RatioEstimate,
  notes: string[],
): RatioEstimate | null {
  if (k1 === null || n1 === null || k2 === null || n2 === null || n1 === 0 || n2 === 0) return null;
  if (k2 === 0) return { ratio: null, low: null, high: null, corrected: false };
  if (k1 > n1 || k2 > n2 || (f === ratioToTotal && (k2 < k1 || n2 < n1 || k2 - k1 > n2 - n1))) {
    notes.push(OVER_DENOMINATOR);
    return { ratio: k1 / n1 / (k2 / n2), low: null, high: null, corrected: false };
  }
  return f(k1, n1, k2, n2);
}

function validate(input: DisproportionalityInput): void {
  const { groups, referenceGroup, population, stages } = input;
  if (groups.length === 0) throw new AnalyticsInputError('groups', 'at least one is needed');
  if (new Set(groups).size !== groups.length) throw new AnalyticsInputError('groups', 'duplicates');
  if (!groups.includes(referenceGroup))
    throw new AnalyticsInputError('referenceGroup', 'not among the groups');
  if (stages.length === 0) throw new AnalyticsInputError('stages', 'at least one is needed');
  for (const g of groups) requireNonNegativeInteger(`population.${g}`, population[g]);
  if (input.populationTotal !== undefined)
    requireNonNegativeInteger('populationTotal', input.populationTotal);
  stages.forEach((s, i) => {
    for (const g of groups) {
      const c = s.counts[g];
      if (c === undefined)
        throw new AnalyticsInputError(`stages[${i}].counts.${g}`, 'missing (null means withheld)');
      if (c !== null) requireNonNegativeInteger(`stages[${i}].counts.${g}`, c);
    }
    if (s.total !== undefined && s.total !== null) requireNonNegativeInteger(`stages[${i}].total`, s.total);
  });
}

/**
 * Disproportionality along a pathway, for each stage and group (and the total):
 * - rate per 1,000 of the reference population: 1000·count/population, Wilson interval;
 * - rate per 100 of the previous stage (second stage on): 100·count/previous count, Wilson;
 * - relative rate index (RRI) = group rate / reference group rate, Katz log interval, where the
 *   rate is per population at the first stage and per previous stage afterwards (OJJDP);
 * - disparity index (DI) = group rate / total rate, both per population, at every stage, with
 *   the delta-method interval for a part against its whole (ratioToTotal).
 * Pass published (rounded) counts and null for withheld ones; see README for the limits.
 */
export function disproportionality(input: DisproportionalityInput): DisproportionalityResult {
  validate(input);
  const { groups, referenceGroup, population, stages } = input;
  const popTotal = input.populationTotal ?? groups.reduce((s, g) => s + population[g], 0);
  const totalOf = (s: DisproportionalityStage): number | null =>
    s.total !== undefined
      ? s.total
      : groups.some((g) => s.counts[g] === null)
        ? null
        : groups.reduce((sum, g) => sum + (s.counts[g] as number), 0);
  return {
    stages: stages.map((stage, si) => {
      const prev = si > 0 ? stages[si - 1] : null;
      const total = totalOf(stage);
      const basis = (g: string): [number | null, number | null] =>
        prev ? [stage.counts[g], prev.counts[g]] : [stage.counts[g], population[g]];
      const [refK, refN] = basis(referenceGroup);
      const rows: DisproportionalityRow[] = groups.map((g) => {
        const notes: string[] = [];
        const k = stage.counts[g];
        const [bk, bn] = basis(g);
        return {
          group: g,
          count: k,
          ratePer1000: rate(k, population[g], 1000, notes),
          ratePer100Previous: prev ? rate(k, prev.counts[g], 100, notes) : null,
          relativeRateIndex:
            g !== referenceGroup
              ? ratio(bk, bn, refK, refN, rateRatio, notes)
              : bk && bn // the reference against itself: 1 when its rate is defined and not 0
                ? { ...IDENTITY }
                : null,
          disparityIndex: ratio(k, population[g], total, popTotal, ratioToTotal, notes),
          notes: [...new Set(notes)],
        };
      });
      const notes: string[] = [];
      rows.push({
        group: null,
        count: total,
        ratePer1000: rate(total, popTotal, 1000, notes),
        ratePer100Previous: prev ? rate(total, totalOf(prev), 100, notes) : null,
        relativeRateIndex: null,
        disparityIndex: total && popTotal ? { ...IDENTITY } : null,
        notes: [...new Set(notes)],
      });
      return { name: stage.name, rows };
    }),
  };
}
