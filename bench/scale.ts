/**
 * Benchmark 9: the load model. Every service in a process of its own (the scale-out deployment),
 * on the seeded county: what one cross-system view and one upserted record cost each service (CPU
 * ms of its process, from /proc/<pid>/stat utime + stime before and after), its database
 * (PostgreSQL CPU ms: /proc CPU of the backends connected as that service's own role, found in
 * pg_stat_activity, before and after) and memory (RSS); what the child index spends linking the
 * upserted person records it pulls, and how many it links a second under its one link lock. Then
 * the sizing table (bench/lib/sizing.ts, its assumptions as named constants) for counties of
 * 50,000 / 500,000 / 5,000,000 children.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import {
  appendAudit,
  appRoleName,
  gatewayCredential,
  GATEWAY_CREDENTIAL_HEADER,
  schemaOf,
  serviceToken,
  SUBGRAPH_NAMES,
  type SubgraphName,
} from '@wholechild/shared';
import { tokenFor } from '@wholechild/shared/testing';
import type { Pool } from 'pg';
import type { BenchContext } from './lib/context';
import { cpuMs, postgresCpuMs, postmasterPid } from './lib/cpu';
import { closedLoop, GraphQLClient } from './lib/load';
import { startService, type ServiceProcess } from './lib/procs';
import { RESULTS_DIR, type BenchResult, type Figure } from './lib/report';
import {
  COUNTY_CHILDREN,
  formatSizing,
  sizeCounty,
  type MeasuredCosts,
  type ServiceName,
} from './lib/sizing';
import { viewSetup } from './view';

const MB = 1024 * 1024;
/** Records upserted through the gateway (batches of 500, 4 at a time), at most. */
const UPSERT_RECORDS = 4000;
const BATCH = 500;

/** CPU ms so far of each service process, and of each PostgreSQL backend by the service whose
 *  role it connects as (a backend that ends meanwhile takes its CPU with it). */
async function snapshot(pool: Pool, pids: Record<string, number>, roles: Record<string, SubgraphName>) {
  const procs = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuMs(pid)]));
  const { rows } = await pool.query<{ pid: number; usename: string }>(
    'SELECT pid, usename FROM pg_stat_activity WHERE datname = current_database()',
  );
  const backends = new Map<number, { service: SubgraphName; ms: number }>();
  for (const r of rows) {
    const service = roles[r.usename];
    if (service) backends.set(r.pid, { service, ms: cpuMs(r.pid) });
  }
  return { procs, backends };
}

/** What `run` costs per operation (it resolves to the operations it completed): each service
 *  process's CPU, each service's PostgreSQL backends' CPU, and the whole PostgreSQL server's
 *  (every process of its postmaster: other databases' work on a shared server included). */
async function costPerOp(
  pool: Pool,
  pids: Record<string, number>,
  roles: Record<string, SubgraphName>,
  postmaster: number | null,
  run: () => Promise<number>,
) {
  const before = await snapshot(pool, pids, roles);
  const pg0 = postmaster ? postgresCpuMs(postmaster) : NaN;
  const t0 = performance.now();
  const ops = await run();
  const seconds = (performance.now() - t0) / 1000;
  const pgAll = postmaster ? (postgresCpuMs(postmaster) - pg0) / ops : NaN;
  const after = await snapshot(pool, pids, roles);
  const cpu: Record<string, number> = {};
  for (const [k, ms] of Object.entries(after.procs)) cpu[k] = (ms - before.procs[k]!) / ops;
  const pg: Record<string, number> = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, 0]));
  for (const [pid, b] of after.backends) pg[b.service]! += (b.ms - (before.backends.get(pid)?.ms ?? 0)) / ops;
  return { ops, seconds, cpu, pg, pgAll };
}

const student = (i: number) => ({
  sourceSystem: 'SCALE',
  externalId: `SC${i}`,
  givenName: `Given${i % 997}`,
  familyName: `Family${i % 1999}`,
  birthDate: `20${String(5 + (i % 13)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
  sex: i % 2 ? 'F' : 'M',
  stateStudentId: `SCSSID${i}`,
});

/** `n` new education students through the gateway, as a nightly job sends them. */
async function upsertThroughGateway(ctx: BenchContext, url: string, n: number): Promise<number> {
  const token = tokenFor('EDUCATION', { roles: ['INTEGRATION'], purposeOfUse: 'OPERATIONS' }, ctx.config);
  const client = new GraphQLClient(url, token);
  const mutation = `mutation($r: [EducationStudentInput!]!) { upsertEducationStudents(records: $r) { accepted } }`;
  let next = 0;
  let accepted = 0;
  try {
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < n) {
          const from = next;
          next += BATCH;
          const records = Array.from({ length: Math.min(BATCH, n - from) }, (_, i) => student(from + i));
          const res = await client.request<{ upsertEducationStudents: { accepted: number } }>(mutation, {
            r: records,
          });
          accepted += res.upsertEducationStudents.accepted;
        }
      }),
    );
  } finally {
    client.close();
  }
  return accepted;
}

/** The index pulls every feed to its end now (as its interval would), asked directly as the
 *  platform service; resolves to the education records it read. */
async function pullFeeds(ctx: BenchContext, pool: Pool, index: ServiceProcess): Promise<number> {
  const read = async () =>
    Number(
      (
        await pool.query<{ n: string }>(
          `SELECT coalesce(sum(records_read), 0) AS n FROM child_index.feed_cursor WHERE agency = 'EDUCATION'`,
        )
      ).rows[0]!.n,
    );
  const before = await read();
  const res = await fetch(index.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${serviceToken(ctx.config.jwt)}`,
      [GATEWAY_CREDENTIAL_HEADER]: gatewayCredential(ctx.config, 'child-index'),
    },
    body: JSON.stringify({ query: 'mutation { syncAgencyFeeds(wait: true) { agency lastError } }' }),
  });
  const body = (await res.json()) as {
    data?: { syncAgencyFeeds: Array<{ agency: string; lastError: string | null }> };
    errors?: unknown[];
  };
  const failed = body.data?.syncAgencyFeeds.find((s) => s.lastError);
  if (!body.data || failed)
    throw new Error(`syncAgencyFeeds answered ${res.status}: ${JSON.stringify(body.errors ?? failed)}`);
  return (await read()) - before;
}

/** How many one-row appends one agency's audit trail takes a second from 8 writers at once (8
 *  replicas, say, with nothing queued to group): each append holds the trail's one chain lock from
 *  its start to its commit, so this is that lock's ceiling for appends of their own. Housing's
 *  trail, as the database's owner. */
async function auditAppendsPerSecond(ctx: BenchContext, n = 400, writers = 8): Promise<number> {
  const ds = new DataSource({
    type: 'postgres',
    url: ctx.db.url,
    poolSize: writers,
    extra: { options: `-c search_path=${schemaOf('housing')}` },
  });
  await ds.initialize();
  try {
    const viewer = {
      sub: 'bench-scale',
      agency: 'HOUSING' as const,
      roles: ['CASEWORKER' as const],
      purposeOfUse: 'CARE_COORDINATION' as const,
    };
    const entry = {
      childId: null,
      recordIds: [],
      categories: ['IDENTITY'],
      decision: 'PERMIT' as const,
      rule: 'BENCH_SCALE',
      consentId: null,
    };
    for (let i = 0; i < 20; i++) await appendAudit(ds, viewer, `bench-warm-${i}`, [entry]);
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: writers }, async () => {
        while (next < n) await appendAudit(ds, viewer, `bench-${next++}`, [entry]);
      }),
    );
    return n / ((performance.now() - t0) / 1000);
  } finally {
    await ds.destroy();
  }
}

export async function run(ctx: BenchContext): Promise<BenchResult> {
  const gw = await ctx.startGateway('gateway');
  const subgraphs = await ctx.startSubgraphs();
  const pool = ctx.sql();
  const [{ db }] = (await pool.query<{ db: string }>('SELECT current_database() AS db')).rows;
  const roles = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [appRoleName(db!, schemaOf(n)), n])) as Record<
    string,
    SubgraphName
  >;
  const pids: Record<string, number> = {
    gateway: gw.pid,
    ...Object.fromEntries(Object.entries(subgraphs).map(([n, s]) => [n, s.pid])),
  };
  const postmaster = await postmasterPid(pool);

  // views: warmed up first (V8 optimises the hot paths over thousands of requests), then counted
  const { client, query, ids } = await viewSetup(ctx, gw.url);
  const callers = ctx.callerTokens(ctx.opts.concurrency);
  const view = (c: number, i: number) =>
    client.request(query, { id: ids[(c * 7 + i) % ids.length] }, callers[c]);
  await closedLoop(view, ctx.opts.concurrency, Math.min(8, ctx.opts.seconds * 0.8), 0).catch(() => undefined);
  let viewErrors = 0;
  const views = await costPerOp(pool, pids, roles, postmaster, async () => {
    let n = 0;
    const load = await closedLoop(
      (c, i) => view(c, i).finally(() => n++),
      ctx.opts.concurrency,
      ctx.opts.seconds,
      0,
    );
    viewErrors = load.errors;
    return n;
  });
  client.close();

  const n = Math.min(UPSERT_RECORDS, Math.max(BATCH, ctx.opts.ingestRecords));
  const upserts = await costPerOp(pool, pids, roles, postmaster, () => upsertThroughGateway(ctx, gw.url, n));
  // a second index replica, told where the agencies' feeds are, pulls and links the new records
  const agencyUrls = Object.fromEntries(
    Object.entries(subgraphs)
      .filter(([name]) => name !== 'child-index')
      .map(([name, s]) => [name, s.url]),
  );
  const puller = await startService('child-index', {
    DATABASE_URL: ctx.db.url,
    SUBGRAPH_URLS: JSON.stringify(agencyUrls),
  });
  let links;
  try {
    links = await costPerOp(pool, { ...pids, 'child-index': puller.pid }, roles, postmaster, () =>
      pullFeeds(ctx, pool, puller),
    );
  } finally {
    await puller.stop();
  }
  const stats = await Promise.all(
    [gw, ...Object.values(subgraphs)].map(async (s) => ({ what: s.what, ...(await s.stats()) })),
  );

  const costs: MeasuredCosts = {
    viewCpuMs: views.cpu as MeasuredCosts['viewCpuMs'],
    viewPgMs: views.pg as MeasuredCosts['viewPgMs'],
    upsertCpuMs: { gateway: upserts.cpu.gateway!, agency: upserts.cpu.education! },
    upsertPgMs: upserts.pg.education!,
    linkCpuMs: links.cpu['child-index']!,
    linkPgMs: links.pg['child-index']!,
    linkRecordsPerSecond: links.ops / links.seconds,
    auditAppendsPerSecond: await auditAppendsPerSecond(ctx),
  };
  const sizing = COUNTY_CHILDREN.map((c) => sizeCounty(c, costs));
  const table = formatSizing(sizing);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RESULTS_DIR, 'sizing.txt'), `${table}\n`);
  process.stderr.write(`\n${table}\n\n`);

  const f = (name: string, value: number, unit: string): Figure => ({ bench: 'scale', name, value, unit });
  const services = ['gateway', ...SUBGRAPH_NAMES] as ServiceName[];
  const figures: Figure[] = [
    f(`views measured (${ctx.opts.concurrency} clients, errors ${viewErrors})`, views.ops, ''),
    ...services.map((s) => f(`CPU per view: ${s}`, views.cpu[s]!, 'ms')),
    ...SUBGRAPH_NAMES.map((s) => f(`PostgreSQL CPU per view: ${s}'s backends`, views.pg[s]!, 'ms')),
    f('PostgreSQL CPU per view: whole server', views.pgAll, 'ms'),
    f(`upserted records (education, batches of ${BATCH})`, upserts.ops, ''),
    f('CPU per upsert: gateway', upserts.cpu.gateway!, 'ms'),
    f('CPU per upsert: education', upserts.cpu.education!, 'ms'),
    f("PostgreSQL CPU per upsert: education's backends", upserts.pg.education!, 'ms'),
    f('PostgreSQL CPU per upsert: whole server', upserts.pgAll, 'ms'),
    f('person records pulled and linked by the index', links.ops, ''),
    f('CPU per linked record: child-index', links.cpu['child-index']!, 'ms'),
    f("PostgreSQL CPU per linked record: child-index's backends", links.pg['child-index']!, 'ms'),
    f('records linked per second (one link lock)', costs.linkRecordsPerSecond, '/s'),
    f(
      'one-row audit appends per second, 8 writers at once (one chain lock)',
      costs.auditAppendsPerSecond,
      '/s',
    ),
    ...stats.map((s) => f(`RSS after the load: ${s.what}`, s.rss / MB, 'MB')),
    ...stats.map((s) => f(`peak RSS: ${s.what}`, s.peakRss / MB, 'MB')),
    ...sizing.flatMap((r) => [
      ...r.services.map((s) => f(`${r.load.children} children: ${s.service} replicas`, s.replicas, '')),
      f(`${r.load.children} children: PostgreSQL cores, child index`, r.pg['child-index'], ''),
      f(`${r.load.children} children: PostgreSQL cores, busiest agency`, r.busiestAgencyPg, ''),
    ]),
  ];
  return { bench: 'scale', figures, details: { costs, views, upserts, links, stats, sizing, table } };
}
