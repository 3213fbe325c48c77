/**
 * Benchmark 6: memory and start-up. Peak RSS (VmHWM) of the gateway and of each subgraph, each its
 * own process, over the cross-system view load of benchmark 1 (run again here so this benchmark
 * stands alone). Then the single-process mode `npm start` uses (every subgraph and the gateway in
 * one Node process): its start-up time and peak RSS under the same load, against the multi-process
 * figures. The multi-process services are stopped first, so both modes have the machine alone.
 */
import type { BenchContext } from './lib/context';
import { closedLoop } from './lib/load';
import { startService } from './lib/procs';
import type { BenchResult, Figure } from './lib/report';
import { viewSetup } from './view';

export const TARGET_RSS_MB = 250;
const MB = 1024 * 1024;

async function viewLoad(ctx: BenchContext, url: string) {
  const { client, query, ids } = await viewSetup(ctx, url);
  const callers = ctx.callerTokens(ctx.opts.concurrency);
  const load = await closedLoop(
    (c, i) => client.request(query, { id: ids[(c * 7 + i) % ids.length] }, callers[c]),
    ctx.opts.concurrency,
    ctx.opts.seconds / 2,
  );
  client.close();
  return load;
}

export async function run(ctx: BenchContext): Promise<BenchResult> {
  // Fresh processes: a peak (VmHWM) never falls, so processes that already served the other
  // benchmarks (the 100-child pages, the ingest) would report those, not benchmark 1's load.
  await ctx.stopAll();
  const gw = await ctx.startGateway('gateway');
  const subgraphs = await ctx.startSubgraphs();
  const multiLoad = await viewLoad(ctx, gw.url);
  const services = [...Object.values(subgraphs), gw];
  const stats = await Promise.all(
    services.map(async (s) => ({ what: s.what, startMs: s.startMs, ...(await s.stats()) })),
  );
  // Subgraphs start side by side; the gateway after them (it needs their URLs).
  const multiStartMs = Math.max(...Object.values(subgraphs).map((s) => s.startMs)) + gw.startMs;
  const multiPeak = stats.reduce((a, s) => a + s.peakRss, 0);
  await ctx.stopAll();

  const single = await startService('all', { DATABASE_URL: ctx.db.url });
  let singleStats;
  let singleLoad;
  try {
    singleLoad = await viewLoad(ctx, single.url);
    singleStats = await single.stats();
  } finally {
    await single.stop();
  }
  const figures: Figure[] = stats.map((s) => ({
    bench: 'memory',
    name: `peak RSS ${s.what} (own process)`,
    value: s.peakRss / MB,
    unit: 'MB',
    target: `< ${TARGET_RSS_MB} MB`,
    pass: s.peakRss / MB < TARGET_RSS_MB,
  }));
  figures.push(
    { bench: 'memory', name: 'multi-process: peak RSS, all 7 processes', value: multiPeak / MB, unit: 'MB' },
    {
      bench: 'memory',
      name: 'multi-process: start-up (subgraphs in parallel, then gateway)',
      value: multiStartMs / 1000,
      unit: 's',
    },
    {
      bench: 'memory',
      name: 'multi-process: view throughput (same load)',
      value: multiLoad.perSecond,
      unit: 'req/s',
    },
    {
      bench: 'memory',
      name: 'single process (npm start mode): peak RSS',
      value: singleStats.peakRss / MB,
      unit: 'MB',
    },
    {
      bench: 'memory',
      name: 'single process: start-up (migrated database)',
      value: single.startMs / 1000,
      unit: 's',
    },
    {
      bench: 'memory',
      name: 'single process: view throughput (same load)',
      value: singleLoad.perSecond,
      unit: 'req/s',
    },
  );
  return {
    bench: 'memory',
    figures,
    details: {
      multi: { stats, startMs: multiStartMs, load: multiLoad },
      single: { stats: singleStats, startMs: single.startMs, load: singleLoad },
    },
  };
}
