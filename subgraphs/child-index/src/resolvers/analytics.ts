import {
  AGENCIES,
  assertArgs,
  assertMay,
  fieldError,
  type AgencyCode,
  type FieldError,
  type PlatformConfig,
  type SubgraphContext,
} from '@wholechild/shared';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { POPULATION_DIMENSIONS, type Dimension } from '../analytics/dimensions';
import { dayOf, isoOf, MEASURES, STAGES, type Period } from '../analytics/measures';
import { readPopulation } from '../analytics/population';
import type { AnalyticsService } from '../analytics/service';
import type { IndexLoaders } from '../loaders';
import type { DataSource } from 'typeorm';

type Ctx = SubgraphContext<IndexLoaders>;
type Interval = 'WHOLE' | 'YEAR' | 'QUARTER' | 'MONTH';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TEN_YEARS = 3653;

/** The period asked, checked: real dates, from ≤ to ≤ today, at most ten years. */
function periodOf(p: { from: string; to: string }, errors: FieldError[]): Period {
  const today = Math.floor(Date.now() / 86_400_000);
  const valid = (v: string) => ISO_DATE.test(v) && isoOf(dayOf(v)) === v;
  if (!valid(p.from)) errors.push(fieldError('period.from', 'INVALID_DATE', 'a date YYYY-MM-DD'));
  if (!valid(p.to)) errors.push(fieldError('period.to', 'INVALID_DATE', 'a date YYYY-MM-DD'));
  const from = dayOf(p.from);
  const to = dayOf(p.to);
  if (valid(p.from) && valid(p.to)) {
    if (from > to) errors.push(fieldError('period', 'DATE_ORDER', 'from must not be after to'));
    if (to > today) errors.push(fieldError('period.to', 'OUT_OF_RANGE', 'not after today'));
    if (to - from > TEN_YEARS) errors.push(fieldError('period', 'OUT_OF_RANGE', 'at most ten years'));
  }
  return { from, to, today };
}

/** A period cut into calendar years, quarters or months (the first and last cut to it). */
function intervalsOf(p: Period, interval: Interval): Period[] {
  if (interval === 'WHOLE') return [p];
  const months = interval === 'YEAR' ? 12 : interval === 'QUARTER' ? 3 : 1;
  const out: Period[] = [];
  let start = p.from;
  while (start <= p.to) {
    const d = new Date(start * 86_400_000);
    const m = d.getUTCMonth() - (d.getUTCMonth() % months) + months;
    const next = Date.UTC(d.getUTCFullYear(), m, 1) / 86_400_000;
    out.push({ from: start, to: Math.min(next - 1, p.to), today: p.today });
    start = next;
  }
  return out;
}

const systemsOf = (list: AgencyCode[] | null | undefined, field: string, errors: FieldError[], min = 1) => {
  const systems = list?.length ? [...new Set(list)] : [...AGENCIES];
  if (systems.length < min) errors.push(fieldError(field, 'OUT_OF_RANGE', `at least ${min} systems`));
  return AGENCIES.filter((a) => systems.includes(a));
};

function dimensionsOf(by: Dimension[] | null | undefined, max: number, errors: FieldError[], field = 'by') {
  const dims = by ?? [];
  if (dims.length > max) errors.push(fieldError(field, 'OUT_OF_RANGE', `at most ${max} dimensions`));
  if (new Set(dims).size !== dims.length)
    errors.push(fieldError(field, 'INVALID_FORMAT', 'a dimension twice'));
  return dims;
}

export function analyticsResolvers(
  analytics: AnalyticsService,
  ds: DataSource,
  config: PlatformConfig['analytics'],
): GraphQLResolverMap<Ctx> {
  const disclosure = {
    threshold: config.threshold,
    roundingBase: config.roundingBase,
    method:
      `Counts rounded at random to a multiple of ${config.roundingBase}, keyed by the cell's children (the same children, the same number); ` +
      `counts under ${config.threshold} suppressed, with complementary cells along every row and column; ` +
      'records an agency protects never in a cell that could single them out.',
  };
  /** PERMISSIONS.READ_AGGREGATES, and one row in the index's trail per request (no child). */
  const allow = async (ctx: Ctx, what: string, terms: Record<string, string | number | null>) => {
    assertMay(ctx.viewer, 'READ_AGGREGATES');
    await ctx.loaders.trail({
      action: 'AGGREGATE',
      decision: 'PERMIT',
      rule: 'READ_AGGREGATES',
      terms: { query: what, ...terms },
      childIds: [],
      recordRefs: [],
    });
  };
  const tableOf = async (
    measure: keyof typeof MEASURES,
    period: Period,
    by: Dimension[],
    u: { systems: AgencyCode[]; knownTo: AgencyCode[]; notKnownTo: AgencyCode[] },
  ) => {
    const { cells, sources, populationSource } = await analytics.table({ measure, period, by, ...u });
    const m = MEASURES[measure]!;
    return {
      measure,
      childrenMeans: m.children,
      totalMeans: m.total,
      period: { from: isoOf(period.from), to: isoOf(period.to) },
      dimensions: by,
      cells,
      disclosure,
      sources,
      populationSource,
    };
  };

  return {
    Query: {
      crossover: async (
        _: unknown,
        a: { period: { from: string; to: string }; systems?: AgencyCode[] | null; by?: Dimension[] | null },
        ctx: Ctx,
      ) => {
        const errors: FieldError[] = [];
        const period = periodOf(a.period, errors);
        const systems = systemsOf(a.systems, 'systems', errors, 2);
        const by = dimensionsOf(a.by, 2, errors);
        if (by.includes('SYSTEMS'))
          errors.push(fieldError('by', 'INVALID_ENUM', 'SYSTEMS is the table itself'));
        assertArgs(...errors);
        await allow(ctx, 'crossover', {
          from: a.period.from,
          to: a.period.to,
          systems: systems.join('+'),
          by: by.join(','),
        });
        return tableOf('CHILDREN', period, ['SYSTEMS', ...by], { systems, knownTo: [], notKnownTo: [] });
      },
      populationMeasure: async (
        _: unknown,
        a: {
          measure: keyof typeof MEASURES;
          period: { from: string; to: string };
          by?: Dimension[] | null;
          systems?: AgencyCode[] | null;
          knownTo?: AgencyCode[] | null;
          notKnownTo?: AgencyCode[] | null;
          interval?: Interval | null;
        },
        ctx: Ctx,
      ) => {
        const errors: FieldError[] = [];
        const period = periodOf(a.period, errors);
        const systems = systemsOf(a.systems, 'systems', errors);
        const by = dimensionsOf(a.by, 3, errors);
        const knownTo = [...new Set(a.knownTo ?? [])];
        const notKnownTo = [...new Set(a.notKnownTo ?? [])];
        if (knownTo.some((x) => notKnownTo.includes(x)))
          errors.push(fieldError('notKnownTo', 'INVALID_FORMAT', 'a system both in knownTo and notKnownTo'));
        assertArgs(...errors);
        const interval = a.interval ?? 'WHOLE';
        await allow(ctx, 'populationMeasure', {
          measure: a.measure,
          from: a.period.from,
          to: a.period.to,
          by: by.join(','),
          systems: systems.join('+'),
          knownTo: knownTo.join('+'),
          notKnownTo: notKnownTo.join('+'),
          interval,
        });
        const tables = [];
        for (const p of intervalsOf(period, interval))
          tables.push(await tableOf(a.measure, p, by, { systems, knownTo, notKnownTo }));
        return tables;
      },
      disproportionality: async (
        _: unknown,
        a: {
          system: AgencyCode;
          period: { from: string; to: string };
          by?: Dimension | null;
          referenceGroup: string;
          knownTo?: AgencyCode[] | null;
        },
        ctx: Ctx,
      ) => {
        const errors: FieldError[] = [];
        const period = periodOf(a.period, errors);
        const by = a.by ?? 'RACE_ETHNICITY';
        if (!STAGES[a.system])
          errors.push(fieldError('system', 'INVALID_ENUM', `one of ${Object.keys(STAGES).join(', ')}`));
        if (!POPULATION_DIMENSIONS.includes(by))
          errors.push(fieldError('by', 'INVALID_ENUM', `one of ${POPULATION_DIMENSIONS.join(', ')}`));
        assertArgs(...errors);
        await allow(ctx, 'disproportionality', {
          system: a.system,
          from: a.period.from,
          to: a.period.to,
          by,
          referenceGroup: a.referenceGroup,
          knownTo: (a.knownTo ?? []).join('+'),
        });
        const knownTo = [...new Set(a.knownTo ?? [])];
        const d = await analytics.disproportionality({
          system: a.system,
          period,
          by,
          referenceGroup: a.referenceGroup,
          knownTo,
        });
        if (!d.groups.includes(a.referenceGroup))
          assertArgs(
            fieldError(
              'referenceGroup',
              'INVALID_ENUM',
              d.groups.length
                ? `one of the groups with a reference population: ${d.groups.join(', ')}`
                : 'no reference population is loaded (npm run population:load)',
            ),
          );
        return {
          system: a.system,
          period: { from: isoOf(period.from), to: isoOf(period.to) },
          dimension: by,
          referenceGroup: a.referenceGroup,
          knownTo,
          stages: d.stages,
          disclosure,
          sources: d.sources,
          populationSource: d.populationSource,
        };
      },
      referencePopulation: async (_: unknown, a: { by?: Dimension[] | null }, ctx: Ctx) => {
        const errors: FieldError[] = [];
        const by = dimensionsOf(a.by, 4, errors);
        if (by.some((d) => !POPULATION_DIMENSIONS.includes(d)))
          errors.push(fieldError('by', 'INVALID_ENUM', `among ${POPULATION_DIMENSIONS.join(', ')}`));
        assertArgs(...errors);
        await allow(ctx, 'referencePopulation', { by: by.join(',') });
        const field = {
          RACE_ETHNICITY: 'raceEthnicity',
          AGE_BAND: 'ageBand',
          SEX: 'sex',
          LOCALITY: 'locality',
        } as const;
        const cells = new Map<string, { group: string[]; count: number }>();
        for (const r of (await readPopulation(ds)).rows) {
          const group = by.map((d) => r[field[d as keyof typeof field]]);
          const key = group.join('|');
          const cell = cells.get(key) ?? { group, count: 0 };
          cell.count += r.count;
          cells.set(key, cell);
        }
        return [...cells.values()].sort((x, y) => x.group.join('|').localeCompare(y.group.join('|')));
      },
    },
  };
}
