import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

/** Default limit on a request body (2 MB), per the security defaults. */
export const DEFAULT_BODY_LIMIT = 2 * 1024 * 1024;

export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

export interface GraphQLHttpOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  /** Builds the context, or returns an HTTP error response (e.g. 401) to send instead. */
  context: (req: http.IncomingMessage, requestId: string) => Promise<TContext | HttpError>;
  path?: string;
  routes?: Record<string, RouteHandler>;
  bodyLimit?: number;
}

export interface HttpError {
  httpError: { status: number; code: string; message: string; headers?: Record<string, string> };
}

export function isHttpError(v: unknown): v is HttpError {
  return typeof v === 'object' && v !== null && 'httpError' in v;
}

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A plain node:http handler serving Apollo Server on `path` plus extra routes (health, …). */
export function createGraphQLHttpHandler<TContext extends BaseContext>(opts: GraphQLHttpOptions<TContext>) {
  const path = opts.path ?? '/graphql';
  const limit = opts.bodyLimit ?? DEFAULT_BODY_LIMIT;
  return async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const requestId = sanitizeRequestId(req.headers['x-request-id']) ?? randomUUID();
    res.setHeader('x-request-id', requestId);
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const route = opts.routes?.[url.pathname];
      if (route) return await route(req, res);
      if (url.pathname !== path) return sendJson(res, 404, { error: 'not found' });
      const raw = req.method === 'POST' ? await readBody(req, limit) : '';
      if (raw === null) {
        return sendJson(res, 413, {
          errors: [
            {
              message: `Request body exceeds ${limit} bytes`,
              extensions: { code: 'BAD_REQUEST', requestId },
            },
          ],
        });
      }
      const headers = new HeaderMap();
      for (const [k, v] of Object.entries(req.headers))
        if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      let body: unknown = undefined;
      if (raw) {
        const ct = headers.get('content-type') ?? '';
        if (ct.includes('json')) {
          try {
            body = JSON.parse(raw);
          } catch {
            return sendJson(res, 400, {
              errors: [
                { message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST', requestId } },
              ],
            });
          }
        } else body = raw;
      }
      const context = await opts.context(req, requestId);
      if (isHttpError(context)) {
        const e = context.httpError;
        return sendJson(
          res,
          e.status,
          { errors: [{ message: e.message, extensions: { code: e.code, requestId } }] },
          e.headers,
        );
      }
      const response = await opts.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: (req.method ?? 'GET').toUpperCase(),
          headers,
          search: url.search,
          body,
        },
        context: async () => context,
      });
      for (const [k, v] of response.headers) res.setHeader(k, v);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        res.end(response.body.string);
      } else {
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch {
      if (!res.headersSent)
        sendJson(res, 500, {
          errors: [
            { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } },
          ],
        });
      else res.end();
    }
  };
}

/** Accepts a caller's request id only if it is short and plain; otherwise we make our own. */
export function sanitizeRequestId(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s && /^[A-Za-z0-9._:-]{1,100}$/.test(s) ? s : undefined;
}

export interface Listening {
  server: http.Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

/** Listens on host:port (port 0 picks a free one) and returns the bound address. */
export function listen(
  handler: http.RequestListener,
  port: number,
  host = '127.0.0.1',
  path = '/graphql',
): Promise<Listening> {
  const server = http.createServer(handler);
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const addr = server.address() as AddressInfo;
      resolve({
        server,
        port: addr.port,
        url: `http://${host}:${addr.port}${path}`,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
