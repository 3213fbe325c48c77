/**
 * Benchmark 1: one child's cross-system view (index + all five agency sections) through the
 * gateway, with a real token and every holder's policy check and audit write, against the floor:
 * the same rows read with plain SQL in the same run. Measured with every service in a process of
 * its own (the scale-out deployment) and with the whole platform in one process (`npm start`);
 * beside them, the federation stack's own ceiling (no-work subgraphs) on this machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SUBGRAPH_NAMES } from '@wholechild/shared';
import type { BenchContext } from './lib/context';
import { cpuPerOp, postmasterPid } from './lib/cpu';
import { explainHot } from './lib/explain';
import { readChildDirect, sectionTables } from './lib/floor';
import { closedLoop, GraphQLClient, sequential } from './lib/load';
import { startService, type ServiceProcess } from './lib/procs';
import { stubAnswers } from './lib/stubs';
import { crossSystemSelection, VIEW_QUERY } from './lib/query';
import { RESULTS_DIR, type BenchResult } from './lib/report';

export const TARGET_VS_FLOOR = 5;
export const TARGET_RPS = 500;

/** Unmeasured load before the throughput run (and the CPU counted under it): a Node service is
 *  not at its steady speed until V8 has optimised its hot paths, which takes thousands of requests
 *  (measured here: after 2 s of load the no-work stack still spent about twice its warm CPU per
 *  view). */
async function warmUp(ctx: BenchContext, view: (caller: number, i: number) => Promise<unknown>) {
  await closedLoop(view, ctx.opts.concurrency, Math.min(6, ctx.opts.seconds / 2), 0).catch(() => undefined);
}

/**
 * The view through the gateway at `url`: throughput and CPU per view of `pids` (and PostgreSQL)
 * under the 32-client load, then the one-client latency. Throughput first, after a warm-up: the
 * one-client latency is then that of a running service, not of processes that have served ten
 * requests. Every caller has a token of their own; the one client takes turns with them, since a
 * fast view could outrun one caller's rate limit (100 a second), which is not what is measured.
 */
async function measureView(
  ctx: BenchContext,
  url: string,
  pids: Record<string, number>,
  postmaster: number | null,
  query: string,
  ids: string[],
) {
  const client = new GraphQLClient(url, ctx.token('CHILD_WELFARE', 'CASE_PLANNING'));
  try {
    const callers = ctx.callerTokens(ctx.opts.concurrency);
    const view = (caller: number, i: number) =>
      client.request(query, { id: ids[(caller * 7 + i) % ids.length] }, callers[caller]);
    await warmUp(ctx, view);
    let many!: Awaited<ReturnType<typeof closedLoop>>;
    const cpu = await cpuPerOp(pids, postmaster, async () => {
      let views = 0;
      many = await closedLoop(
        (caller, i) => view(caller, i).finally(() => views++),
        ctx.opts.concurrency,
        ctx.opts.seconds,
        0,
      );
      return views;
    });
    let j = 0;
    const one = await sequential(
      () => client.request(query, { id: ids[j % ids.length] }, callers[j++ % callers.length]),
      ctx.opts.samples,
      ctx.opts.samples,
    );
    return { one, many, cpu };
  } finally {
    client.close();
  }
}

/** The same view with the whole platform in one process, as `npm start` runs it (the gateway calls
 *  the subgraphs through their request listeners): for the README's small-deployment figures. */
async function singleProcess(ctx: BenchContext, postmaster: number | null, query: string, ids: string[]) {
  const all = await startService('all', { DATABASE_URL: ctx.db.url });
  try {
    return await measureView(ctx, all.url, { platform: all.pid }, postmaster, query, ids);
  } finally {
    await all.stop();
  }
}

/** The viewer: a child welfare case worker planning a case. Child welfare's own section, probation
 *  (WIC 827 lets child welfare see it) and education (FERPA's Uninterrupted Scholars Act, with an
 *  open case) are permitted; behavioral health and housing answer Restricted — so every holder's
 *  policy runs and writes its audit row. */
export async function viewSetup(ctx: BenchContext, gatewayUrl: string) {
  const client = new GraphQLClient(gatewayUrl, ctx.token('CHILD_WELFARE', 'CASE_PLANNING'));
  const { selection, fields } = await crossSystemSelection(client, { perListFields: 2 });
  const ids = await ctx.crossSystemChildren(50);
  return { client, selection, fields, ids, query: VIEW_QUERY(selection) };
}

export async function run(ctx: BenchContext): Promise<BenchResult> {
  const gw = await ctx.startGateway('gateway');
  const { client, fields, ids, query } = await viewSetup(ctx, gw.url);
  const pool = ctx.sql();
  const tables = await sectionTables(pool);
  const sample = (
    await client.request<{ child: Record<string, { __typename?: string } | null> }>(query, { id: ids[0] })
  ).child;
  const sections = Object.fromEntries(
    ['childWelfare', 'behavioralHealth', 'probation', 'education', 'housing'].map((k) => [
      k,
      sample[k]?.__typename ?? null,
    ]),
  );
  const subgraphs = await ctx.startSubgraphs();
  const pids = {
    gateway: gw.pid,
    ...Object.fromEntries(Object.entries(subgraphs).map(([n, s]) => [n, s.pid])),
  };
  const postmaster = await postmasterPid(pool);
  const { many, cpu, one } = await measureView(ctx, gw.url, pids, postmaster, query, ids);
  const cpuTotal = Object.values(cpu).reduce((a, b) => a + b, 0);
  // The floor, one client, warmed as much as the view (its code runs in this process).
  let k = 0;
  const floor = await sequential(
    () => readChildDirect(pool, tables, ids[k++ % ids.length]!),
    ctx.opts.samples,
    ctx.opts.samples,
  );
  const cores = os.availableParallelism();
  client.close();
  const ceiling = await stackCeiling(ctx, sample as Record<string, unknown>, query, ids);
  const single = await singleProcess(ctx, postmaster, query, ids);
  const explain = await explainHot(pool, ids[0]!);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RESULTS_DIR, 'explain.txt'), `${explain}\n`);
  const limit = floor.p50 * TARGET_VS_FLOOR;
  return {
    bench: 'view',
    figures: [
      { bench: 'view', name: 'leaf fields selected', value: fields, unit: '' },
      { bench: 'view', name: 'floor (direct SQL) p50, 1 client', value: floor.p50, unit: 'ms' },
      { bench: 'view', name: 'floor (direct SQL) p99, 1 client', value: floor.p99, unit: 'ms' },
      {
        bench: 'view',
        name: 'gateway p50, 1 client',
        value: one.p50,
        unit: 'ms',
        target: `≤ ${TARGET_VS_FLOOR}× floor (${limit.toFixed(1)} ms)`,
        pass: one.p50 <= limit,
      },
      { bench: 'view', name: 'gateway p99, 1 client', value: one.p99, unit: 'ms' },
      {
        bench: 'view',
        name: `throughput, ${many.concurrency} clients`,
        value: many.perSecond,
        unit: 'req/s',
        target: `≥ ${TARGET_RPS} req/s`,
        pass: many.perSecond >= TARGET_RPS && many.errors === 0,
      },
      { bench: 'view', name: `p99 at ${many.concurrency} clients`, value: many.p99, unit: 'ms' },
      ...Object.entries(cpu).map(([who, ms]) => ({
        bench: 'view',
        name: `CPU per view at ${ctx.opts.concurrency} clients: ${who}`,
        value: ms,
        unit: 'ms',
      })),
      {
        bench: 'view',
        name: `CPU per view at ${ctx.opts.concurrency} clients: all processes`,
        value: cpuTotal,
        unit: 'ms',
      },
      {
        bench: 'view',
        name: `CPU ceiling on ${cores} cores (cores × 1000 / CPU per view)`,
        value: (cores * 1000) / cpuTotal,
        unit: 'req/s',
      },
      {
        bench: 'view',
        name: 'one process (npm start): p50, 1 client',
        value: single.one.p50,
        unit: 'ms',
        target: `≤ ${TARGET_VS_FLOOR}× floor (${limit.toFixed(1)} ms)`,
        pass: single.one.p50 <= limit,
      },
      { bench: 'view', name: 'one process (npm start): p99, 1 client', value: single.one.p99, unit: 'ms' },
      {
        bench: 'view',
        name: `one process (npm start): throughput, ${single.many.concurrency} clients`,
        value: single.many.perSecond,
        unit: 'req/s',
        target: `≥ ${TARGET_RPS} req/s`,
        pass: single.many.perSecond >= TARGET_RPS && single.many.errors === 0,
      },
      {
        bench: 'view',
        name: `one process (npm start): CPU per view at ${ctx.opts.concurrency} clients`,
        value: Object.values(single.cpu).reduce((a, b) => a + b, 0),
        unit: 'ms',
      },
      {
        bench: 'view',
        name: 'stack ceiling (no-work subgraphs): p50, 1 client',
        value: ceiling.one.p50,
        unit: 'ms',
      },
      {
        bench: 'view',
        name: `stack ceiling (no-work subgraphs): throughput, ${ceiling.many.concurrency} clients`,
        value: ceiling.many.perSecond,
        unit: 'req/s',
      },
      {
        bench: 'view',
        name: `stack ceiling (no-work subgraphs): CPU per view at ${ctx.opts.concurrency} clients`,
        value: Object.values(ceiling.cpu).reduce((a, b) => a + b, 0),
        unit: 'ms',
      },
    ],
    details: {
      fields,
      sections,
      floor,
      one,
      many,
      cpuPerView: cpu,
      viewer: 'CHILD_WELFARE CASEWORKER CASE_PLANNING',
      ceiling,
      single,
      explain,
    },
  };
}

/** The federation stack's own ceiling for this view on this machine: the same query through the
 *  same gateway (a process of its own) over subgraphs that do no work — plain Apollo Servers over
 *  the same schemas answering the same data the real view returned (bench/lib/stubs.ts), each in
 *  its own process, over loopback HTTP. Nothing the real subgraphs do (tokens, SQL, policy, audit)
 *  can make the separate-process view faster than this; the one-process platform, which calls its
 *  subgraphs without sockets, is not bound by it. */
export async function stackCeiling(
  ctx: BenchContext,
  child: Record<string, unknown>,
  query: string,
  ids: string[],
) {
  const answers = stubAnswers(child, { CHILD_WELFARE: true });
  const procs: ServiceProcess[] = [];
  try {
    const stubs = await Promise.all(
      SUBGRAPH_NAMES.map((name) =>
        startService(`stub:${name}`, { STUB_ANSWER: JSON.stringify(answers[name]) }),
      ),
    );
    procs.push(...stubs);
    const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name, i) => [name, stubs[i]!.url]));
    const gw = await startService('gateway', { SUBGRAPH_URLS: JSON.stringify(urls) });
    procs.push(gw);
    const pids = Object.fromEntries(procs.map((p) => [p.what, p.pid]));
    return await measureView(ctx, gw.url, pids, null, query, ids);
  } finally {
    for (const p of procs) await p.stop().catch(() => undefined);
  }
}
