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
import type { DocumentNode } from 'graphql';
import type { SubgraphName } from '../agencies';
import type { ViewerClaims } from '../auth/claims';
import { AuthError, TokenVerifier } from '../auth/jwt';
import type { PlatformConfig } from '../config';
import { poolOf, type SubgraphDatabase } from '../db/dataSource';
import { createLogger, type Logger } from '../logger';
import { ServiceMetrics } from '../metrics';
import { createGraphQLHttpHandler, listen, sendJson, type HttpError, type Listening } from '../http/server';
import {
  denyAuditPlugin,
  failClosedOnLimitPlugin,
  maskedErrorLogPlugin,
  maskErrors,
  refusalAuditPlugin,
  requestIdPlugin,
  type RefusalWriter,
} from './plugins';

/** Header carrying the gateway's credential to subgraphs. */
export const GATEWAY_CREDENTIAL_HEADER = 'x-gateway-credential';

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
}

export interface SubgraphService {
  name: SubgraphName;
  db: SubgraphDatabase;
  logger: Logger;
  metrics: ServiceMetrics;
  handler: http.RequestListener;
  start(port?: number, host?: string): Promise<Listening>;
  stop(): Promise<void>;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Builds a subgraph: Apollo Server over a federation schema, where every request must carry the
 *  gateway credential and a valid user token, checked here again (never trusting the gateway). */
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

  const unauthenticated = (message: string): HttpError => ({
    httpError: { status: 401, code: 'UNAUTHENTICATED', message, headers: { 'www-authenticate': 'Bearer' } },
  });

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
      if (typeof credential !== 'string' || !safeEqual(credential, opts.config.gatewaySecret)) {
        logger.warn({ requestId }, 'refused: no gateway credential');
        return unauthenticated('Subgraphs answer only the gateway');
      }
      try {
        const viewer = verifier.verifyHeader(req.headers.authorization);
        const token = req.headers.authorization!.replace(/^Bearer\s+/i, '');
        return {
          viewer,
          token,
          requestId,
          logger: logger.child({ requestId }),
          loaders: opts.createLoaders(viewer, requestId),
        };
      } catch (e) {
        logger.warn(
          { requestId, reason: e instanceof AuthError ? e.message : 'error' },
          'refused: bad token',
        );
        return unauthenticated(e instanceof AuthError ? `Unauthenticated: ${e.message}` : 'Unauthenticated');
      }
    },
    routes: {
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
