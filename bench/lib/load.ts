import http from 'node:http';

/** A keep-alive GraphQL client for one endpoint (node:http, one socket per concurrent caller). */
export class GraphQLClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  private readonly target: URL;
  constructor(
    url: string,
    private readonly token: string,
  ) {
    this.target = new URL(url);
  }

  /** Posts one operation (as `token`'s caller when given, else the client's); resolves to the
   *  parsed body, rejects on a non-200 or GraphQL errors. */
  request<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token: string = this.token,
  ): Promise<T> {
    const body = JSON.stringify({ query, variables });
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent: this.agent,
          host: this.target.hostname,
          port: this.target.port,
          path: this.target.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            authorization: `Bearer ${token}`,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              const parsed = JSON.parse(text) as { data?: T; errors?: unknown[] };
              if (res.statusCode !== 200 || parsed.errors?.length)
                reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 500)}`));
              else resolve(parsed.data as T);
            } catch {
              reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 500)}`));
            }
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export const percentile = (sorted: number[], p: number): number =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;

export interface Latency {
  n: number;
  p50: number;
  p99: number;
  mean: number;
}

export function summarize(ms: number[]): Latency {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1),
  };
}

/** Runs `fn` one at a time: `warmup` unmeasured calls, then `n` timed ones (milliseconds). */
export async function sequential(fn: () => Promise<unknown>, n: number, warmup = 10): Promise<Latency> {
  for (let i = 0; i < warmup; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return summarize(ms);
}

export interface Throughput extends Latency {
  concurrency: number;
  seconds: number;
  requests: number;
  perSecond: number;
  errors: number;
}

/** `concurrency` callers each calling `fn` back to back for `seconds` (after a short warm-up). */
export async function closedLoop(
  fn: (caller: number, i: number) => Promise<unknown>,
  concurrency: number,
  seconds: number,
  warmupSeconds = Math.min(2, seconds / 4),
): Promise<Throughput> {
  const run = async (secs: number, record: boolean) => {
    const ms: number[] = [];
    let errors = 0;
    let firstError: unknown;
    const end = performance.now() + secs * 1000;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async (_, caller) => {
        for (let i = 0; performance.now() < end; i++) {
          const t = performance.now();
          try {
            await fn(caller, i);
            if (record) ms.push(performance.now() - t);
          } catch (e) {
            errors++;
            firstError ??= e;
          }
        }
      }),
    );
    if (errors && record && !ms.length) throw firstError;
    return { ms, errors, elapsed: (performance.now() - t0) / 1000, firstError };
  };
  if (warmupSeconds > 0) await run(warmupSeconds, false);
  const { ms, errors, elapsed, firstError } = await run(seconds, true);
  if (errors) console.error(`  ${errors} failed requests; first: ${String(firstError).slice(0, 300)}`);
  return {
    ...summarize(ms),
    concurrency,
    seconds: elapsed,
    requests: ms.length,
    perSecond: ms.length / elapsed,
    errors,
  };
}
