import type http from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  AuthError,
  createGraphQLHttpHandler,
  createLogger,
  GATEWAY_CREDENTIAL_HEADER,
  listen,
  maskErrors,
  requestIdPlugin,
  sendJson,
  TokenVerifier,
  type Listening,
  type Logger,
  type PlatformConfig,
  type SubgraphName,
  type ViewerClaims,
} from '@wholechild/shared';
import { graphiqlRoutes } from './graphiql';
import { SubgraphDataSource } from './subgraphDataSource';

export interface GatewayContext {
  viewer: ViewerClaims;
  token: string;
  requestId: string;
}

export interface GatewayOptions {
  config: PlatformConfig;
  supergraphSdl: string;
  /** GraphQL URL of each subgraph (overrides the URLs written in the supergraph). */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  logger?: Logger;
}

export interface Gateway {
  handler: http.RequestListener;
  start(port?: number, host?: string): Promise<Listening>;
  stop(): Promise<void>;
}

/** The federated gateway: verifies the caller's token, routes, forwards the token, the request id
 *  and its own credential to subgraphs. It decides no access: each subgraph does, for its data. */
export async function createGateway(opts: GatewayOptions): Promise<Gateway> {
  const logger = opts.logger ?? createLogger('gateway', opts.config.logLevel);
  const verifier = new TokenVerifier(opts.config.jwt);
  const gateway = new ApolloGateway({
    supergraphSdl: opts.supergraphSdl,
    buildService: ({ name }) =>
      new SubgraphDataSource<GatewayContext>({
        name: name as SubgraphName,
        url: opts.subgraphUrls[name as SubgraphName],
        timeoutMs: opts.config.subgraphTimeoutMs,
        logger,
        willSendRequest({ request, context }) {
          request.http?.headers.set('authorization', `Bearer ${context.token}`);
          request.http?.headers.set('x-request-id', context.requestId);
          request.http?.headers.set(GATEWAY_CREDENTIAL_HEADER, opts.config.gatewaySecret);
        },
      }),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    plugins: [ApolloServerPluginLandingPageDisabled(), requestIdPlugin()],
    formatError: maskErrors(logger, { downstream: true }),
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    introspection: opts.config.mode === 'development',
  });
  await apollo.start();

  const dev = opts.config.mode === 'development';
  const handler = createGraphQLHttpHandler<GatewayContext>({
    apollo,
    context: async (req, requestId) => {
      try {
        const viewer = verifier.verifyHeader(req.headers.authorization);
        return { viewer, token: req.headers.authorization!.replace(/^Bearer\s+/i, ''), requestId };
      } catch (e) {
        logger.warn(
          { requestId, reason: e instanceof AuthError ? e.message : 'error' },
          'refused: bad token',
        );
        return {
          httpError: {
            status: 401,
            code: 'UNAUTHENTICATED',
            message: e instanceof AuthError ? `Unauthenticated: ${e.message}` : 'Unauthenticated',
            headers: { 'www-authenticate': 'Bearer' },
          },
        };
      }
    },
    routes: {
      ...(dev ? graphiqlRoutes() : {}),
      '/health': (_req, res) => sendJson(res, 200, { status: 'ok', service: 'gateway' }),
      '/ready': async (_req, res) => {
        const checks = await Promise.all(
          Object.entries(opts.subgraphUrls).map(async ([name, url]) => {
            try {
              const r = await fetch(new URL('/ready', url), { signal: AbortSignal.timeout(2000) });
              return [name, r.ok ? 'ready' : 'unavailable'] as const;
            } catch {
              return [name, 'unavailable'] as const;
            }
          }),
        );
        const subgraphs = Object.fromEntries(checks);
        const ok = checks.every(([, s]) => s === 'ready');
        sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'degraded', subgraphs });
      },
    },
  });

  let listening: Listening | undefined;
  return {
    handler,
    async start(port = 0, host = '127.0.0.1') {
      listening = await listen(handler, port, host);
      logger.info({ url: listening.url }, 'gateway listening');
      return listening;
    },
    async stop() {
      await listening?.close();
      await apollo.stop();
    },
  };
}
