import type http from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RequestRecord } from './http/server';

/** Paths reported by name; anything else is `other`, so a caller cannot grow the label set. */
const KNOWN_PATHS = new Set(['/graphql', '/health', '/ready', '/metrics', '/graphiql']);

/** What a pg Pool tells about itself (TypeORM's postgres driver keeps one as `driver.master`). */
export interface PoolLike {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** Prometheus metrics of one service (gateway or subgraph), on its own registry: several
 *  services may run in one process (tests, `npm start`), each exports only its own. No label
 *  carries anything a caller chose freely (no operation names, no ids). */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'path' | 'status'>;
  private readonly duration: Histogram<'path'>;
  private readonly operations: Counter<'type'>;
  private readonly errors: Counter<'code'>;
  private fetches?: Histogram<'subgraph' | 'outcome'>;

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'wholechild_http_requests_total',
      help: 'HTTP requests answered, by method, path and status.',
      labelNames: ['method', 'path', 'status'],
      registers,
    });
    this.duration = new Histogram({
      name: 'wholechild_http_request_duration_seconds',
      help: 'Time from request to response sent, by path.',
      labelNames: ['path'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.operations = new Counter({
      name: 'wholechild_graphql_operations_total',
      help: 'GraphQL operations executed, by type (query, mutation).',
      labelNames: ['type'],
      registers,
    });
    this.errors = new Counter({
      name: 'wholechild_graphql_errors_total',
      help: 'Errors returned to callers, by extensions.code (as the caller saw it, after masking).',
      labelNames: ['code'],
      registers,
    });
  }

  /** Records one answered HTTP request (the handler's onResponse). */
  observeRequest = (r: RequestRecord): void => {
    const path = KNOWN_PATHS.has(r.path) ? r.path : r.path.startsWith('/graphiql/') ? '/graphiql' : 'other';
    this.requests.inc({ method: r.method, path, status: String(r.status) });
    this.duration.observe({ path }, r.durationMs / 1000);
    // Refusals by the HTTP handler (401, 413, 429) never reach Apollo's plugins.
    if (r.errorCode) this.errors.inc({ code: r.errorCode });
  };

  /** Counts operations by type and returned errors by code. */
  plugin<T extends BaseContext>(): ApolloServerPlugin<T> {
    return {
      requestDidStart: async () => ({
        executionDidStart: async ({ operation }) => {
          this.operations.inc({ type: operation.operation });
        },
        willSendResponse: async ({ response }) => {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          for (const e of errors ?? []) this.errors.inc({ code: String(e.extensions?.code ?? 'UNKNOWN') });
        },
      }),
    };
  }

  /** Exports the pool's connections (total, idle, waiting clients) as gauges read at scrape time. */
  trackPool(pool: () => PoolLike | undefined): void {
    const gauge = (name: string, help: string, read: (p: PoolLike) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          const p = pool();
          if (p) this.set(read(p));
        },
      });
    gauge('wholechild_db_pool_connections', 'Connections the database pool holds.', (p) => p.totalCount);
    gauge('wholechild_db_pool_idle_connections', 'Pool connections not in use.', (p) => p.idleCount);
    gauge(
      'wholechild_db_pool_waiting_clients',
      'Queries waiting for a pool connection.',
      (p) => p.waitingCount,
    );
  }

  /** Times a call to a subgraph (gateway): `outcome` is ok or error. */
  async timeFetch<R>(subgraph: string, fetch: () => Promise<R>): Promise<R> {
    this.fetches ??= new Histogram({
      name: 'wholechild_subgraph_fetch_duration_seconds',
      help: 'Time the gateway waited for each subgraph fetch, by subgraph and outcome.',
      labelNames: ['subgraph', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    const end = this.fetches.startTimer({ subgraph });
    try {
      const result = await fetch();
      end({ outcome: 'ok' });
      return result;
    } catch (e) {
      end({ outcome: 'error' });
      throw e;
    }
  }

  /** The `/metrics` route, in Prometheus text format. */
  route = async (_req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const text = await this.registry.metrics();
    res.writeHead(200, { 'content-type': this.registry.contentType });
    res.end(text);
  };
}
