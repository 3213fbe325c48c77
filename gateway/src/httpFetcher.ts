import http from 'node:http';

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
