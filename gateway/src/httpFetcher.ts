import http from 'node:http';
import { localRequest } from '@wholechild/shared/http';

/** The part of a fetch Response that Apollo's RemoteGraphQLDataSource reads. */
export interface FetcherResponse {
  ok: boolean;
  status: number;
  statusText: string;
  url: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  json(): Promise<unknown>;
}

export interface FetcherInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer | null;
}

/** An error whose name says the request ran out of time (SubgraphDataSource maps it to
 *  SUBGRAPH_TIMEOUT). */
class FetchTimeoutError extends Error {
  override name = 'TimeoutError';
}

/**
 * A subgraph fetcher on node:http with a keep-alive connection pool, for the gateway's calls to
 * subgraphs. Node's global fetch (undici behind WHATWG streams, AbortSignal and Headers) was a
 * quarter of the gateway's CPU time per cross-system view; this path does the same HTTP/1.1
 * exchange with a plain request/response and one buffer per body. Each call is bounded by
 * `timeoutMs` (connect to last byte); the socket is destroyed when it runs out.
 */
export function createHttpFetcher(opts: { timeoutMs: number; maxSockets?: number; idleMs?: number }) {
  const agent = new http.Agent({
    keepAlive: true,
    keepAliveMsecs: 1000,
    // An idle pooled connection is closed by us before the subgraph's server would close it (Node
    // servers: 5 s), so that a request is never written to a socket the server is closing.
    timeout: opts.idleMs ?? 4000,
    maxSockets: opts.maxSockets ?? 64,
    maxFreeSockets: opts.maxSockets ?? 64,
    scheduling: 'lifo',
  });
  const fetcher = (url: string, init: FetcherInit = {}): Promise<FetcherResponse> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = { ...init.headers };
      const body = init.body ?? undefined;
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      let done = false;
      const req = http.request(url, { method: init.method ?? 'GET', headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', fail);
        res.on('end', () => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8');
          const status = res.statusCode ?? 0;
          resolve({
            ok: status >= 200 && status < 300,
            status,
            statusText: res.statusMessage ?? '',
            url,
            headers: {
              get: (name: string) => {
                const v = res.headers[name.toLowerCase()];
                return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
              },
            },
            text: async () => text,
            json: async () => JSON.parse(text) as unknown,
          });
        });
      });
      function fail(e: Error) {
        if (done) return;
        done = true;
        clearTimeout(timer);
        reject(e);
      }
      const timer = setTimeout(() => {
        const e = new FetchTimeoutError(`no answer from ${new URL(url).host} in ${opts.timeoutMs} ms`);
        fail(e);
        req.destroy(e);
      }, opts.timeoutMs);
      req.on('error', fail);
      req.end(body);
    });
  return { fetcher, close: () => agent.destroy() };
}

/** The listener of a subgraph served in this process, or null while it is not listening (it is
 *  then as unreachable as a stopped server). */
export type LocalSubgraph = () => http.RequestListener | null;

/**
 * A subgraph fetcher for a subgraph served in this process (`npm start`): the request goes to the
 * subgraph's own request listener (`localRequest`), which checks the gateway credential and the
 * token as over HTTP; no socket, no HTTP parsing. Same timeout and errors as `createHttpFetcher`:
 * TimeoutError after `timeoutMs`, ECONNREFUSED while the subgraph is not listening.
 */
export function createLocalFetcher(opts: { timeoutMs: number; subgraph: LocalSubgraph }) {
  const fetcher = (url: string, init: FetcherInit = {}): Promise<FetcherResponse> => {
    const handler = opts.subgraph();
    if (!handler)
      return Promise.reject(
        Object.assign(new Error(`connect ECONNREFUSED ${new URL(url).host}`), { code: 'ECONNREFUSED' }),
      );
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(init.headers ?? {})) headers[k.toLowerCase()] = v;
    const target = new URL(url);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new FetchTimeoutError(`no answer from ${target.host} in ${opts.timeoutMs} ms`)),
        opts.timeoutMs,
      );
      localRequest(handler, {
        method: init.method ?? 'GET',
        path: `${target.pathname}${target.search}`,
        headers,
        body: init.body ?? undefined,
      }).then(
        (r) => {
          clearTimeout(timer);
          const text = r.body.toString('utf8');
          resolve({
            ok: r.status >= 200 && r.status < 300,
            status: r.status,
            statusText: r.statusText,
            url,
            headers: { get: (name: string) => r.headers[name.toLowerCase()] ?? null },
            text: async () => text,
            json: async () => JSON.parse(text) as unknown,
          });
        },
        (e: unknown) => {
          clearTimeout(timer);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  };
  return { fetcher, close: () => undefined };
}
