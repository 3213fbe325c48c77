import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { DEFAULT_LIMITS } from '../config';
import { errorCodes } from '../errors';
import type { Logger } from '../logger';

/** Default limit on a request body (2 MB), per the security defaults. Env MAX_BODY_BYTES. */
export const DEFAULT_BODY_LIMIT = DEFAULT_LIMITS.maxBodyBytes;

/** What the handler reports of each request once its response is sent (logs, metrics). */
export interface RequestRecord {
  requestId: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  /** The error code when the handler itself refused the request (401, 413, 429, …). */
  errorCode?: string;
}

/** Error codes of the responses the handler itself sent, for the request record. */
const refusedWith = new WeakMap<http.ServerResponse, string>();
/** Responses to routine callers (GraphQLHttpOptions.routine): their request line is debug. */
const routineResponses = new WeakSet<http.ServerResponse>();

/** Sends a typed error response built by the handler (not by Apollo). */
export function refuse(
  res: http.ServerResponse,
  status: number,
  requestId: string,
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  refusedWith.set(res, code);
  sendJson(res, status, errorBody(requestId, code, message, extensions), headers);
}

export type RouteHandler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  requestId: string,
) => void | Promise<void>;

export interface GraphQLHttpOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  /** Builds the context, or returns an HTTP error response (e.g. 401) to send instead. */
  context: (req: http.IncomingMessage, requestId: string) => Promise<TContext | HttpError>;
  path?: string;
  /** Extra routes by exact path; a key ending in `/*` (e.g. `/app/*`) serves every path under
   *  its prefix (static files of a web app), an exact key winning over it. */
  routes?: Record<string, RouteHandler>;
  /** Largest request body in bytes; a larger one gets 413 LIMIT_EXCEEDED. @default 2 MB */
  bodyLimit?: number;
  /** Operations allowed in one batched (JSON array) request; 0 refuses batches. @default 0 */
  maxBatch?: number;
  /** Logs one line per request (with its request id). */
  logger?: Logger;
  /** Whether a request, by its verified context, is the platform's routine traffic (the child
   *  index's feed pulls, every few seconds): its request line, when it succeeded, is logged at
   *  debug rather than info. Decided on the verified caller only, never on what a caller sends. */
  routine?: (context: TContext) => boolean;
  /** Called once per request after the response is sent. */
  onResponse?: (record: RequestRecord) => void;
  /** Called once the request whose context `context` built is answered (or failed): releases what
   *  the context took (the gateway's per-caller concurrency places). */
  onSettled?: (context: TContext) => void;
  /** Largest response body in bytes: a larger one is refused with 400 LIMIT_EXCEEDED
   *  (`limit: maxResponseBytes`), never sent. Absent: no limit. */
  maxResponseBytes?: number;
  /** Whose `x-request-id` is kept as given. `edge` (the gateway, facing callers): never alone — a
   *  server-made id always leads, the caller's follows it (`<uuid>:<caller's id>`), so that two
   *  callers' audit rows can never share an id. `trusted` (a subgraph behind the gateway): the
   *  gateway's id as given. @default 'edge' */
  requestIds?: 'edge' | 'trusted';
}

export interface HttpError {
  httpError: {
    status: number;
    code: string;
    message: string;
    headers?: Record<string, string>;
    extensions?: Record<string, unknown>;
  };
}

function errorBody(
  requestId: string,
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
) {
  return { errors: [{ message, extensions: { ...extensions, code, requestId } }] };
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
    // A declared length over the limit is refused before reading anything.
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      req.resume();
      return resolve(null);
    }
    req.on('data', (c: Buffer) => {
      size += c.length;
      // Over the limit: stop keeping it, let the rest drain so that the 413 reaches the caller
      // (the connection is closed after it).
      if (size > limit) resolve(null);
      else chunks.push(c);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The route of the longest `/prefix/*` key that `pathname` is under. */
function prefixRoute(routes: Record<string, RouteHandler> | undefined, pathname: string) {
  let best: { len: number; route: RouteHandler } | undefined;
  for (const [key, route] of Object.entries(routes ?? {}))
    if (key.endsWith('/*') && pathname.startsWith(key.slice(0, -1)) && (!best || key.length > best.len))
      best = { len: key.length, route };
  return best?.route;
}

/** A plain node:http handler serving Apollo Server on `path` plus extra routes (health, …). */
export function createGraphQLHttpHandler<TContext extends BaseContext>(opts: GraphQLHttpOptions<TContext>) {
  const path = opts.path ?? '/graphql';
  const limit = opts.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const maxBatch = opts.maxBatch ?? 0;
  return async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const started = performance.now();
    const requestId = requestIdOf(req.headers['x-request-id'], opts.requestIds ?? 'edge');
    res.setHeader('x-request-id', requestId);
    const url = new URL(req.url ?? '/', 'http://localhost');
    res.once('finish', () => {
      const record: RequestRecord = {
        requestId,
        method: req.method ?? 'GET',
        path: url.pathname,
        status: res.statusCode,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        errorCode: refusedWith.get(res),
      };
      if (routineResponses.has(res) && record.status < 400) opts.logger?.debug(record, 'request');
      else opts.logger?.info(record, 'request');
      opts.onResponse?.(record);
    });
    try {
      const route = opts.routes?.[url.pathname] ?? prefixRoute(opts.routes, url.pathname);
      if (route) return await route(req, res, requestId);
      if (url.pathname !== path) return refuse(res, 404, requestId, 'NOT_FOUND', 'Not found');
      await serveGraphQL(opts, req, res, url, requestId, limit, maxBatch);
    } catch (e) {
      opts.logger?.error({ requestId, err: e instanceof Error ? e.message : String(e) }, 'request failed');
      if (!res.headersSent) refuse(res, 500, requestId, errorCodes.INTERNAL.code, 'Internal server error');
      else res.end();
    }
  };
}

async function serveGraphQL<TContext extends BaseContext>(
  opts: GraphQLHttpOptions<TContext>,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  requestId: string,
  limit: number,
  maxBatch: number,
) {
  const raw = req.method === 'POST' ? await readBody(req, limit) : '';
  if (raw === null) {
    return refuse(
      res,
      413,
      requestId,
      errorCodes.LIMIT_EXCEEDED.code,
      `Request body exceeds ${limit} bytes`,
      { limit: 'maxBodyBytes', max: limit },
      { connection: 'close' },
    );
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
        return refuse(res, 400, requestId, 'BAD_REQUEST', 'Request body is not valid JSON');
      }
    } else body = raw;
  }
  if (Array.isArray(body) && body.length > maxBatch) {
    return refuse(
      res,
      400,
      requestId,
      errorCodes.LIMIT_EXCEEDED.code,
      maxBatch === 0
        ? 'Batched requests are not accepted: send one operation per request'
        : `A batched request holds at most ${maxBatch} operations`,
      { limit: 'maxBatch', max: maxBatch },
    );
  }
  const context = await opts.context(req, requestId);
  if (isHttpError(context)) {
    const e = context.httpError;
    return refuse(res, e.status, requestId, e.code, e.message, e.extensions, e.headers);
  }
  if (opts.routine?.(context)) routineResponses.add(res);
  let response: Awaited<ReturnType<typeof opts.apollo.executeHTTPGraphQLRequest>>;
  try {
    response = await opts.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: (req.method ?? 'GET').toUpperCase(),
        headers,
        search: url.search,
        body,
      },
      context: async () => context,
    });
  } finally {
    opts.onSettled?.(context);
  }
  const max = opts.maxResponseBytes;
  // Refused whole, never cut: a caller gets all of an answer or none of it.
  if (
    max !== undefined &&
    response.body.kind === 'complete' &&
    Buffer.byteLength(response.body.string) > max
  ) {
    return refuse(
      res,
      400,
      requestId,
      errorCodes.LIMIT_EXCEEDED.code,
      `Response size limit of ${max} bytes exceeded: ask for fewer records or fields`,
      { limit: 'maxResponseBytes', max },
    );
  }
  for (const [k, v] of response.headers) res.setHeader(k, v);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(res.statusCode >= 400 ? withRequestId(response.body.string, requestId) : response.body.string);
  } else {
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }
}

/** Errors Apollo answers before any plugin runs (a bad request, a refused parse) carry no request
 *  id: put it on, so that every error a caller sees has one. */
function withRequestId(text: string, requestId: string): string {
  try {
    const parsed = JSON.parse(text) as { errors?: Array<{ extensions?: Record<string, unknown> }> };
    if (!Array.isArray(parsed.errors) || parsed.errors.every((e) => e.extensions?.requestId)) return text;
    for (const e of parsed.errors) e.extensions = { ...e.extensions, requestId };
    return JSON.stringify(parsed);
  } catch {
    return text;
  }
}

/** Accepts a caller's request id only if it is short and plain; otherwise we make our own. */
/** Longest caller-chosen part kept beside the server's id (the audit column holds 100). */
export const MAX_CALLER_REQUEST_ID = 60;

/** The request id a request is known by (see `GraphQLHttpOptions.requestIds`). */
export function requestIdOf(header: string | string[] | undefined, mode: 'edge' | 'trusted'): string {
  const given = sanitizeRequestId(header);
  if (mode === 'trusted') return given ?? randomUUID();
  const own = randomUUID();
  return given ? `${own}:${given.slice(0, MAX_CALLER_REQUEST_ID)}` : own;
}

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
