/**
 * Benchmark 8: population measures for analysts on a large county (issue 21). A crossover table
 * (children by combination of systems and race/ethnicity) and a disproportionality table (child
 * welfare's four stages by race/ethnicity), each through the gateway with an analyst's token, as
 * the platform answers them: every agency's door asked whether its records changed, the join on
 * the index's links held in memory, the table counted and put through disclosure control. Beside
 * them, the floor: the same crossover counts from ONE SQL statement over the agencies' tables and
 * the index's links (bench/lib/analyticsFloor.ts), and the counts of both side by side.
 *
 * The county is BENCH_ANALYTICS_CHILDREN children (default 100,000), seeded once into a database
 * of its own on the benchmark's server (`wholechild_bench_analytics_<n>`, reused by the next run:
 * seeding and linking 100,000 children takes minutes; drop it to start again).
 */
import { Pool } from 'pg';
import { ensureDatabase } from '@wholechild/shared';
import { tokenFor } from '@wholechild/shared/testing';
import { agencySpecs } from '../scripts/services';
import { crossoverFloorSql } from './lib/analyticsFloor';
import type { BenchContext } from './lib/context';
import { GraphQLClient, sequential } from './lib/load';
import { startService } from './lib/procs';
import type { BenchResult, Figure } from './lib/report';

export const TARGET_P50_MS = 1000;

const CROSSOVER = `query($period: AnalyticsPeriodInput!, $by: [AnalyticsDimension!]) {
  crossover(period: $period, by: $by) { cells { group children suppressed } } }`;
const DISPROPORTIONALITY = `query($period: AnalyticsPeriodInput!) {
  disproportionality(system: CHILD_WELFARE, period: $period, referenceGroup: "WHITE") {
    stages { stage rows { group children suppressed ratePer1000 { value low high }
      relativeRateIndex { value low high } disparityIndex { value low high } } } } }`;

type Cells = { crossover: { cells: Array<{ group: Array<string | null>; children: number | null }> } };

export async function run(ctx: BenchContext): Promise<BenchResult> {
  const children = ctx.opts.analyticsChildren;
  const own = children !== ctx.opts.seedChildren;
  const url = own
    ? await ensureDatabase(ctx.db.adminUrl, `wholechild_bench_analytics_${children}`)
    : ctx.db.url;
  if (!own) await ctx.seed();
  const t0 = performance.now();
  const all = await startService('all', { DATABASE_URL: url, BENCH_SEED: String(children) }, 3 * 3600_000);
  const startMs = performance.now() - t0;
  const pool = new Pool({ connectionString: url, max: 2 });
  const client = new GraphQLClient(
    all.url,
    tokenFor(
      'EDUCATION',
      { roles: ['ANALYST'], purposeOfUse: 'ANALYTICS', sub: 'bench-analyst' },
      ctx.config,
    ),
  );
  try {
    const y = new Date().getUTCFullYear() - 1;
    const period = { from: `${y}-01-01`, to: `${y}-12-31` };
    const [{ n: known }] = (await pool.query('SELECT count(*)::int AS n FROM child_index.child')).rows;
    // the first question builds the join (every agency's contribution read and joined)
    const c0 = performance.now();
    const first = await client.request<Cells>(CROSSOVER, { period, by: ['RACE_ETHNICITY'] });
    const coldMs = performance.now() - c0;
    const samples = Math.max(5, Math.min(ctx.opts.samples, 50));
    const crossover = await sequential(
      () => client.request(CROSSOVER, { period, by: ['RACE_ETHNICITY'] }),
      samples,
      3,
    );
    const dispro = await sequential(() => client.request(DISPROPORTIONALITY, { period }), samples, 3);
    const floorSql = crossoverFloorSql(agencySpecs);
    const floor = await sequential(() => pool.query(floorSql, [period.from, period.to]), samples, 2);
    const truth = (await pool.query<{ systems: string; n: number }>(floorSql, [period.from, period.to])).rows;
    const trueTotal = truth.reduce((a, r) => a + r.n, 0);
    const published = first.crossover.cells.find((c) => c.group.every((v) => v === null))?.children ?? NaN;
    const dual = (rows: Array<{ systems: string; n: number }>) =>
      rows
        .filter((r) => r.systems.includes('CHILD_WELFARE') && r.systems.includes('PROBATION'))
        .reduce((a, r) => a + r.n, 0);
    const publishedDual = first.crossover.cells
      .filter(
        (c) =>
          c.group[1] === null && c.group[0]?.includes('CHILD_WELFARE') && c.group[0]?.includes('PROBATION'),
      )
      .reduce((a, c) => a + (c.children ?? 0), 0);
    const bench = 'analytics';
    const figures: Figure[] = [
      { bench, name: 'county: children in the index', value: known, unit: '', digits: 0 },
      { bench, name: 'platform start (seed and link when new)', value: startMs / 1000, unit: 's' },
      { bench, name: 'first question (builds the join)', value: coldMs, unit: 'ms' },
      {
        bench,
        name: 'crossover × race/ethnicity p50',
        value: crossover.p50,
        unit: 'ms',
        target: `< ${TARGET_P50_MS} ms`,
        pass: crossover.p50 < TARGET_P50_MS,
      },
      { bench, name: 'crossover × race/ethnicity p99', value: crossover.p99, unit: 'ms' },
      {
        bench,
        name: 'disproportionality (4 stages) p50',
        value: dispro.p50,
        unit: 'ms',
        target: `< ${TARGET_P50_MS} ms`,
        pass: dispro.p50 < TARGET_P50_MS,
      },
      { bench, name: 'floor: crossover in one SQL p50', value: floor.p50, unit: 'ms' },
      { bench, name: 'crossover / floor', value: crossover.p50 / floor.p50, unit: '×' },
      { bench, name: 'children known in the year: published', value: published, unit: '', digits: 0 },
      { bench, name: 'children known in the year: floor (true)', value: trueTotal, unit: '', digits: 0 },
      {
        bench,
        name: 'dual-system (CW ∩ probation): sum of published cells',
        value: publishedDual,
        unit: '',
        digits: 0,
      },
      { bench, name: 'dual-system (CW ∩ probation): floor (true)', value: dual(truth), unit: '', digits: 0 },
    ];
    return { bench, figures, details: { crossover, dispro, floor, period } };
  } finally {
    client.close();
    await pool.end();
    await all.stop();
  }
}
