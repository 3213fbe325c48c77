/**
 * One benchmark service process. `node --import tsx bench/lib/service.ts <what>` where <what> is
 *   all                 the whole platform in one process (what `npm start` runs)
 *   <subgraph name>     one subgraph (child-index, child-welfare, …; the index pulls the feeds of
 *                       the agencies SUBGRAPH_URLS names)
 *   gateway             our gateway        (SUBGRAPH_URLS = JSON of name → url)
 *   apollo-bare         a bare ApolloGateway over the committed supergraph
 *   hive                Hive Gateway runtime over the committed supergraph
 *   stub:<subgraph>     a subgraph that does no work: plain Apollo Server, same schema, answering
 *                       STUB_ANSWER (JSON) — see bench/lib/stubs.ts
 * Environment: DATABASE_URL (required for subgraphs), BENCH_SEED=<children> (with `all`: seed the
 * synthetic county when the database is empty, then pull every feed).
 * Prints one line `READY {"url":…,"subgraphUrls":…}` on stdout. Answers IPC messages
 * `{ type: 'stats' }` with statement counts and memory figures; stops on SIGTERM.
 */
import fs from 'node:fs';
import {
  AGENCIES,
  AGENCY_SUBGRAPH,
  createAgencySubgraph,
  loadConfig,
  type AgencySubgraphSpec,
  type PlatformConfig,
  type SubgraphName,
  type SubgraphService,
} from '@wholechild/shared';

// Each mode loads only what it runs (a subgraph process its own subgraph, as its index.ts does):
// loading every agency, the seeds and the gateways in each of seven processes started together
// cost seconds of their start-up figures on two cores.
const load = {
  gateway: () => import('../../gateway/src/server.js'),
  supergraph: () => import('../../gateway/src/supergraph.js'),
  platform: () => import('../../scripts/platform.js'),
  seed: () => import('../../scripts/seedCounty.js'),
  gateways: () => import('./gateways.js'),
  stubs: () => import('./stubs.js'),
  index: () => import('../../subgraphs/child-index/src/server.js'),
  agency: async (name: SubgraphName) =>
    ((await import(`../../subgraphs/${name}/src/server.js`)) as { spec: AgencySubgraphSpec }).spec,
};

export interface ServiceStats {
  statements: Record<string, number>;
  rss: number;
  /** Peak resident set size of this process so far (VmHWM), bytes. */
  peakRss: number;
  heapUsed: number;
}

function peakRss(): number {
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux: fall back to the current figure
  }
  return process.memoryUsage().rss;
}

async function main() {
  const what = process.argv[2];
  if (!what) throw new Error('usage: service.ts <all|gateway|apollo-bare|hive|subgraph>');
  const config: PlatformConfig = loadConfig(
    {
      ...process.env,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
      FEED_PULL_INTERVAL_MS: '0',
      // no webhook worker polling the outbox: the benchmarks count every statement a subgraph
      // runs (the page benchmark's batching check); the worker's cost is the webhook tests'
      WEBHOOK_POLL_INTERVAL_MS: process.env.WEBHOOK_POLL_INTERVAL_MS ?? '0',
    },
    { defaultMode: 'development' },
  );
  const databaseUrl = process.env.DATABASE_URL ?? '';
  const subgraphUrls = JSON.parse(process.env.SUBGRAPH_URLS ?? '{}') as Partial<Record<SubgraphName, string>>;
  const counters: Record<string, { statements: number }> = {};
  let ready: Record<string, unknown>;
  let stop: () => Promise<void>;

  if (what === 'all') {
    const [{ startPlatform }, { alreadySeeded, seedCounty }] = await Promise.all([
      load.platform(),
      load.seed(),
    ]);
    const p = await startPlatform({ config, databaseUrl, ports: 'ephemeral', useCommittedSupergraph: true });
    for (const s of [...Object.values(p.agencies), p.index] as SubgraphService[])
      counters[s.name] = s.db.counter;
    const seedSize = Number(process.env.BENCH_SEED ?? 0);
    if (seedSize > 0 && !(await alreadySeeded(p.agencies))) {
      await seedCounty(p.agencies, { size: seedSize, seed: 2026, populationInto: p.index.db.dataSource });
      await p.syncFeeds();
    }
    ready = { url: p.gatewayUrl, subgraphUrls: p.subgraphUrls };
    stop = () => p.stop();
  } else if (what === 'gateway') {
    const [{ createGateway }, { readSupergraph }] = await Promise.all([load.gateway(), load.supergraph()]);
    const gw = await createGateway({ config, supergraphSdl: readSupergraph(), subgraphUrls });
    const l = await gw.start(0, '127.0.0.1');
    ready = { url: l.url };
    stop = () => gw.stop();
  } else if (what === 'apollo-bare') {
    const gw = await (await load.gateways()).startBareApolloGateway(config, subgraphUrls);
    ready = { url: gw.url };
    stop = gw.stop;
  } else if (what === 'hive') {
    const gw = await (await load.gateways()).startHiveGateway(config, subgraphUrls);
    ready = { url: gw.url };
    stop = gw.stop;
  } else if (what.startsWith('stub:')) {
    const stub = await (
      await load.stubs()
    ).startStubSubgraph(
      what.slice(5) as SubgraphName,
      JSON.parse(process.env.STUB_ANSWER ?? '{}') as Record<string, unknown>,
    );
    ready = { url: stub.url };
    stop = stub.stop;
  } else {
    const name = what as SubgraphName;
    const opts = { config, databaseUrl };
    let service: SubgraphService;
    if (name === 'child-index') {
      const index = await (await load.index()).createChildIndexService(opts);
      // the agencies' feeds, where SUBGRAPH_URLS names them (as <NAME>_URL does for npm start)
      index.feeds.setSources(
        Object.fromEntries(
          AGENCIES.filter((a) => subgraphUrls[AGENCY_SUBGRAPH[a]]).map((a) => [
            a,
            subgraphUrls[AGENCY_SUBGRAPH[a]],
          ]),
        ),
      );
      service = index;
    } else service = await createAgencySubgraph(await load.agency(name), opts);
    counters[name] = service.db.counter;
    const l = await service.start(0, '127.0.0.1');
    ready = { url: l.url };
    stop = () => service.stop();
  }

  process.on('message', (msg: { type?: string; id?: number }) => {
    if (msg?.type !== 'stats') return;
    const stats: ServiceStats = {
      statements: Object.fromEntries(Object.entries(counters).map(([k, c]) => [k, c.statements])),
      rss: process.memoryUsage().rss,
      peakRss: peakRss(),
      heapUsed: process.memoryUsage().heapUsed,
    };
    process.send?.({ type: 'stats', id: msg.id, stats });
  });
  const shutdown = () =>
    void stop()
      .catch(() => undefined)
      .finally(() => process.exit(0));
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  process.on('disconnect', shutdown);
  process.stdout.write(`READY ${JSON.stringify(ready)}\n`);
}

void main().catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
