import { AGENCIES, AGENCY_SUBGRAPH, loadConfig, SUBGRAPH_NAMES, type SubgraphName } from '@wholechild/shared';
import { tokenFor } from '@wholechild/shared/testing';
import { Pool } from 'pg';
import { openBenchDatabase, type BenchDatabase } from './db';
import { startService, type ServiceProcess } from './procs';

/** Sizes and durations of a run. `npm run bench` uses DEFAULTS; the smoke test uses SMOKE. */
export interface BenchOptions {
  /** Children in the synthetic county. @default 5000 */
  seedChildren: number;
  /** Children of the population measures' county (benchmark 8; its own database unless it is
   *  seedChildren). @default 100000, or BENCH_ANALYTICS_CHILDREN */
  analyticsChildren: number;
  /** Timed one-client requests per latency figure. @default 200 */
  samples: number;
  /** Seconds of each throughput run. @default 10 */
  seconds: number;
  /** Concurrent clients of a throughput run. @default 32 */
  concurrency: number;
  /** Children on the dashboard page (benchmark 2). @default 100 */
  pageSize: number;
  /** Records sent through the gateway's batch upserts, and rows of the bulk file (benchmark 4). */
  ingestRecords: number;
  bulkRows: number;
}

export const DEFAULTS: BenchOptions = {
  seedChildren: 5000,
  analyticsChildren: Number(process.env.BENCH_ANALYTICS_CHILDREN ?? 100_000),
  samples: 200,
  seconds: 10,
  concurrency: 32,
  pageSize: 100,
  ingestRecords: 20_000,
  bulkRows: 100_000,
};

export const SMOKE: BenchOptions = {
  seedChildren: 150,
  analyticsChildren: 150,
  samples: 5,
  seconds: 0.5,
  concurrency: 4,
  pageSize: 20,
  ingestRecords: 200,
  bulkRows: 500,
};

export type GatewayKind = 'gateway' | 'apollo-bare' | 'hive';

/** One benchmark run's shared state: the database, the seeded county, the services started as
 *  separate processes (started once, reused by each benchmark, stopped at the end). */
export class BenchContext {
  readonly config = loadConfig({ WHOLECHILD_MODE: 'development', LOG_LEVEL: 'silent' });
  private subgraphs?: Promise<Record<SubgraphName, ServiceProcess>>;
  private readonly gateways = new Map<GatewayKind, Promise<ServiceProcess>>();
  private seeded?: Promise<{ startMs: number }>;
  private pool?: Pool;

  private constructor(
    readonly db: BenchDatabase,
    readonly opts: BenchOptions,
  ) {}

  static async open(opts: BenchOptions, databaseUrl?: string): Promise<BenchContext> {
    const db = databaseUrl
      ? { adminUrl: databaseUrl, url: databaseUrl, stop: async () => undefined }
      : await openBenchDatabase();
    return new BenchContext(db, opts);
  }

  /** Migrates and seeds the synthetic county (through the single-process platform, as `npm start`
   *  does on first start), pulls every feed into the index. Returns that first start-up time. */
  seed(): Promise<{ startMs: number }> {
    this.seeded ??= (async () => {
      const t0 = performance.now();
      const all = await startService('all', {
        DATABASE_URL: this.db.url,
        BENCH_SEED: String(this.opts.seedChildren),
      });
      const startMs = performance.now() - t0;
      await all.stop();
      return { startMs };
    })();
    return this.seeded;
  }

  /** Every subgraph as its own process, started together. */
  startSubgraphs(): Promise<Record<SubgraphName, ServiceProcess>> {
    this.subgraphs ??= (async () => {
      await this.seed();
      const started = await Promise.all(
        SUBGRAPH_NAMES.map((name) => startService(name, { DATABASE_URL: this.db.url })),
      );
      return Object.fromEntries(started.map((s) => [s.what, s])) as Record<SubgraphName, ServiceProcess>;
    })();
    return this.subgraphs;
  }

  /** A gateway process of `kind` over the running subgraphs. */
  startGateway(kind: GatewayKind = 'gateway'): Promise<ServiceProcess> {
    let gw = this.gateways.get(kind);
    if (!gw) {
      gw = (async () => {
        const subgraphs = await this.startSubgraphs();
        const urls = Object.fromEntries(Object.entries(subgraphs).map(([n, s]) => [n, s.url]));
        return startService(kind, { SUBGRAPH_URLS: JSON.stringify(urls) });
      })();
      this.gateways.set(kind, gw);
    }
    return gw;
  }

  async stopGateway(kind: GatewayKind): Promise<void> {
    const gw = this.gateways.get(kind);
    this.gateways.delete(kind);
    if (gw) await (await gw).stop();
  }

  /** Stops every service process (the next benchmark starts them again). */
  async stopAll(): Promise<void> {
    for (const s of await this.running()) await s.stop();
    this.gateways.clear();
    this.subgraphs = undefined;
  }

  /** Every service process running now, by name. */
  async running(): Promise<ServiceProcess[]> {
    const list: ServiceProcess[] = [];
    if (this.subgraphs) list.push(...Object.values(await this.subgraphs));
    for (const g of this.gateways.values()) list.push(await g);
    return list;
  }

  /** Direct connection to the benchmark database (floors, EXPLAIN, picking children). */
  sql(): Pool {
    this.pool ??= new Pool({ connectionString: this.db.url, max: 16 });
    return this.pool;
  }

  token(agency = 'CHILD_WELFARE' as const, purposeOfUse = 'CASE_PLANNING' as const, sub?: string): string {
    return tokenFor(agency, { roles: ['CASEWORKER'], purposeOfUse, sub }, this.config);
  }

  /** One token per concurrent caller of a throughput run: each is its own case worker, as many
   *  people at their desks are (the gateway's rate limit is per caller). */
  callerTokens(
    n: number,
    agency = 'CHILD_WELFARE' as const,
    purposeOfUse = 'CASE_PLANNING' as const,
  ): string[] {
    return Array.from({ length: n }, (_, i) => this.token(agency, purposeOfUse, `caseworker-${i + 1}`));
  }

  /** The children known to every agency (the richest cross-system views), most records first. */
  async crossSystemChildren(limit: number): Promise<string[]> {
    const rows = await this.sql().query<{ child_id: string }>(
      `SELECT child_id FROM child_index.agency_record WHERE child_id IS NOT NULL AND status IN ('AUTO','CONFIRMED')
        GROUP BY child_id ORDER BY count(DISTINCT agency) DESC, count(*) DESC, child_id LIMIT $1`,
      [limit],
    );
    return rows.rows.map((r) => r.child_id);
  }

  async close(): Promise<void> {
    for (const s of await this.running().catch(() => [])) await s.stop().catch(() => undefined);
    await this.pool?.end().catch(() => undefined);
    await this.db.stop();
  }
}

export const agencySchemas = AGENCIES.map((a) => AGENCY_SUBGRAPH[a]);
