import { timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { GraphQLError, type DocumentNode } from 'graphql';
import type { SubgraphName } from '../agencies';
import type { ViewerClaims } from '../auth/claims';
import { authenticate, GATEWAY_CREDENTIAL_HEADER, unauthenticated } from '../auth/authenticate';
import { TokenVerifier } from '../auth/jwt';
import { gatewayCredentials, type PlatformConfig } from '../config';
import { isDatabaseUnavailable, poolOf, type SubgraphDatabase } from '../db/dataSource';
import { errorCodes } from '../errors';
import { createLogger, type Logger } from '../logger';
import { ServiceMetrics } from '../metrics';
import {
  createGraphQLHttpHandler,
  listen,
  refuse,
  sendJson,
  type HttpError,
  type Listening,
  type RouteHandler,
} from '../http/server';
import { failClosedOnLimitPlugin, maskedErrorLogPlugin, maskErrors, requestIdPlugin } from './plugins';
import { denyAuditPlugin, denyAuditWriter, refusalAuditPlugin, type RefusalWriter } from './refusalAudit';

/** What every subgraph resolver gets. */
export interface SubgraphContext<L = unknown> {
  viewer: ViewerClaims;
  /** The caller's bearer token, to pass on when a service calls another. */
  token: string;
  requestId: string;
  logger: Logger;
  loaders: L;
}

export interface SubgraphServiceOptions<L> {
  name: SubgraphName;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<SubgraphContext<L>>;
  db: SubgraphDatabase;
  config: PlatformConfig;
  createLoaders: (viewer: ViewerClaims, requestId: string) => L;
  logger?: Logger;
  /** Every FORBIDDEN refusal is written to the service's trail before the response leaves: `true`,
   *  a DENY row in `audit_event` (denyAuditPlugin; the database needs `audit_event` and
   *  `audit_append`); a function, its own trail (refusalAuditPlugin). @default false */
  auditRefusals?: boolean | RefusalWriter<SubgraphContext<L>>;
  /** Called by `stop()` before the database closes (timers, pullers). */
  onStop?: () => Promise<void>;
  /** Plain HTTP routes (POST) that other services call directly, not through the gateway: the
   *  caller's own token is its credential (verified here as for GraphQL; no gateway credential,
   *  which only the gateway holds). A handler gets a full context and the query parameters; a
   *  FORBIDDEN error it throws is a 403, written to the trail as any refusal; what it returns is
   *  sent as `{ data }`. */
  peerRoutes?: Record<string, PeerRoute<L>>;
}

/** A route of `peerRoutes`. */
export type PeerRoute<L> = (ctx: SubgraphContext<L>, params: URLSearchParams) => Promise<unknown>;

export interface SubgraphService {
  name: SubgraphName;
  db: SubgraphDatabase;
  logger: Logger;
  metrics: ServiceMetrics;
  handler: http.RequestListener;
  start(port?: number, host?: string): Promise<Listening>;
  stop(): Promise<void>;
}

function safeEqual(x: Buffer, y: Buffer): boolean {
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Builds a subgraph: Apollo Server over a federation schema, where every request must carry this
 *  subgraph's own gateway credential and a valid user token, checked here again (never trusting
 *  the gateway); or, without a credential, the platform's service token. */
export async function createSubgraphService<L>(opts: SubgraphServiceOptions<L>): Promise<SubgraphService> {
  const logger = opts.logger ?? createLogger(opts.name, opts.config.logLevel);
  const verifier = new TokenVerifier(opts.config.jwt);
  const metrics = new ServiceMetrics(opts.name);
  metrics.trackPool(() => poolOf(opts.db.dataSource));
  const apollo = new ApolloServer<SubgraphContext<L>>({
    schema: buildSubgraphSchema([{ typeDefs: opts.typeDefs, resolvers: opts.resolvers }]),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // No HTTP caching of consent-checked data, so no per-field cache hints to compute.
      ApolloServerPluginCacheControlDisabled(),
      requestIdPlugin(),
      maskedErrorLogPlugin(logger, { service: opts.name }),
      metrics.plugin(),
      ...(typeof opts.auditRefusals === 'function'
        ? [refusalAuditPlugin<SubgraphContext<L>>(opts.auditRefusals)]
        : opts.auditRefusals
          ? [denyAuditPlugin<SubgraphContext<L>>(opts.db.dataSource)]
          : []),
      failClosedOnLimitPlugin<SubgraphContext<L>>(),
    ],
    formatError: maskErrors({ service: opts.name }),
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    introspection: opts.config.mode === 'development',
  });
  await apollo.start();

  // this subgraph's own credentials (the current one, and the previous one while it rotates):
  // another subgraph's credential opens nothing here
  const accepted = gatewayCredentials(opts.config, opts.name).map((c) => Buffer.from(c));
  const fromGateway = (credential: unknown) =>
    typeof credential === 'string' && accepted.some((c) => safeEqual(Buffer.from(credential), c));

  /** The caller's context from its token, or the 401 to send. */
  const contextOf = (req: http.IncomingMessage, requestId: string): SubgraphContext<L> | HttpError => {
    const caller = authenticate(verifier, req, logger, requestId);
    if ('httpError' in caller) return caller;
    return {
      ...caller,
      requestId,
      logger: logger.child({ requestId }),
      loaders: opts.createLoaders(caller.viewer, requestId),
    };
  };

  const handler = createGraphQLHttpHandler<SubgraphContext<L>>({
    // behind the gateway: its id (server-made, with the caller's beside it) is kept as given
    requestIds: 'trusted',
    apollo,
    logger,
    onResponse: metrics.observeRequest,
    // the platform's own calls (the child index's feed pulls) under its service token
    routine: (ctx) => ctx.viewer.roles.includes('SERVICE'),
    context: async (req, requestId) => {
      const credential = req.headers[GATEWAY_CREDENTIAL_HEADER];
      if (fromGateway(credential)) return contextOf(req, requestId);
      // Without a credential, only the platform's own service token passes (the child index
      // reading a feed): signed under the service key, which no user and no gateway holds, and
      // allowed only what PERMISSIONS gives the SERVICE role. An agency's notifier token is not
      // the index's: it opens the dispatch doors (peer routes) only.
      if (credential === undefined) {
        const ctx = contextOf(req, requestId);
        if (
          !('httpError' in ctx) &&
          ctx.viewer.roles.includes('SERVICE') &&
          ctx.viewer.agency === 'CHILD_INDEX'
        )
          return ctx;
      }
      logger.warn({ requestId }, 'refused: no gateway credential');
      return unauthenticated('Subgraphs answer only the gateway');
    },
    routes: {
      ...Object.fromEntries(
        Object.entries(opts.peerRoutes ?? {}).map(([route, run]) => [route, peerRoute(route, run)]),
      ),
      '/health': (_req, res) => sendJson(res, 200, { status: 'ok', service: opts.name }),
      '/metrics': metrics.route,
      '/ready': async (_req, res) => {
        try {
          await opts.db.dataSource.query('SELECT 1');
          sendJson(res, 200, { status: 'ready', service: opts.name });
        } catch {
          sendJson(res, 503, { status: 'unavailable', service: opts.name, database: 'down' });
        }
      },
    },
  });

  const refusalWriter: RefusalWriter<SubgraphContext<L>> | undefined =
    typeof opts.auditRefusals === 'function'
      ? opts.auditRefusals
      : opts.auditRefusals
        ? denyAuditWriter(opts.db.dataSource)
        : undefined;

  /** Serves one of `peerRoutes`: POST, the caller's token, refusals audited and typed. */
  function peerRoute(route: string, run: PeerRoute<L>): RouteHandler {
    return async (req, res, requestId) => {
      req.resume(); // the parameters are in the URL; a body is not read
      if (req.method !== 'POST')
        return refuse(res, 405, requestId, 'METHOD_NOT_ALLOWED', 'POST only', {}, { allow: 'POST' });
      const ctx = contextOf(req, requestId);
      if ('httpError' in ctx) {
        const { status, code, message, headers } = ctx.httpError;
        return refuse(res, status, requestId, code, message, {}, headers);
      }
      try {
        const data = await run(ctx, new URL(req.url ?? '/', 'http://localhost').searchParams);
        sendJson(res, 200, { data });
      } catch (e) {
        const code = e instanceof GraphQLError ? e.extensions?.code : undefined;
        if (code === errorCodes.FORBIDDEN.code) {
          if (refusalWriter)
            await refusalWriter(ctx, [{ field: route.replace(/^\//, ''), message: (e as Error).message }]);
          return refuse(res, 403, requestId, errorCodes.FORBIDDEN.code, (e as Error).message);
        }
        if (code === errorCodes.BAD_USER_INPUT.code)
          return refuse(res, 400, requestId, String(code), (e as Error).message);
        ctx.logger.error({ err: e instanceof Error ? e.message : String(e), route }, 'peer route failed');
        if (isDatabaseUnavailable(e))
          return refuse(res, 503, requestId, errorCodes.DATABASE_UNAVAILABLE.code, 'Database unavailable');
        refuse(res, 500, requestId, errorCodes.INTERNAL.code, 'Internal server error');
      }
    };
  }

  let listening: Listening | undefined;
  return {
    name: opts.name,
    db: opts.db,
    logger,
    metrics,
    handler,
    async start(port = 0, host = '127.0.0.1') {
      listening = await listen(handler, port, host);
      logger.info({ url: listening.url }, 'subgraph listening');
      return listening;
    },
    async stop() {
      await listening?.close();
      await opts.onStop?.();
      await apollo.stop();
      await opts.db.close();
    },
  };
}
