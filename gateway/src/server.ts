import type http from 'node:http';
import type { GraphQLFormattedError } from 'graphql';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import {
  authenticate,
  GATEWAY_CREDENTIAL_HEADER,
  TokenVerifier,
  type ViewerClaims,
} from '@wholechild/shared/auth';
import {
  createLogger,
  gatewayCredential,
  ServiceMetrics,
  type Logger,
  type PlatformConfig,
  type SubgraphName,
} from '@wholechild/shared/core';
import {
  failClosedOnLimitPlugin,
  maskedErrorLogPlugin,
  maskErrors,
  requestIdPlugin,
} from '@wholechild/shared/graphql';
import {
  createGraphQLHttpHandler,
  listen,
  sendJson,
  type HttpError,
  type Listening,
} from '@wholechild/shared/http';
import { graphiqlRoutes } from './graphiql';
import { webAppRoutes } from './webApp';
import { readManifest, TrustedDocuments } from './trustedDocuments';
import type { LocalSubgraph } from './httpFetcher';
import { SubgraphDataSource } from './subgraphDataSource';
import { ConcurrencyLimiter, operationLimits, rateLimited, tooManyInFlight } from './limits';
import { rateLimitStore, type RateLimitStore } from './rateLimitStore';

/** Apollo Gateway reports its own usage to Apollo's servers (hourly and when it stops, after
 *  probing cloud metadata addresses for resource attributes) unless this is set. A county's child
 *  data platform talks to nothing it was not configured to: always off. */
export function disableVendorTelemetry(env: NodeJS.ProcessEnv = process.env): void {
  env.APOLLO_TELEMETRY_DISABLED = 'true';
}

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
  /** Subgraphs served in this process (`npm start`): called through their request listeners
   *  instead of over loopback HTTP (same checks, no sockets). */
  localSubgraphs?: Partial<Record<SubgraphName, LocalSubgraph>>;
  logger?: Logger;
  /** The built web app served at /app (files only). @default web/dist (WEB_APP_DIR) */
  webAppDir?: string;
}

export interface Gateway {
  handler: http.RequestListener;
  metrics: ServiceMetrics;
  start(port?: number, host?: string): Promise<Listening>;
  stop(): Promise<void>;
}

/** The federated gateway: verifies the caller's token, routes, forwards the token, the request id
 *  and its own credential to subgraphs. It decides no access: each subgraph does, for its data. */
export async function createGateway(opts: GatewayOptions): Promise<Gateway> {
  const logger = opts.logger ?? createLogger('gateway', opts.config.logLevel);
  const verifier = new TokenVerifier(opts.config.jwt);
  const metrics = new ServiceMetrics('gateway');
  const sources: SubgraphDataSource<GatewayContext>[] = [];
  disableVendorTelemetry();
  const gateway = new ApolloGateway({
    supergraphSdl: opts.supergraphSdl,
    buildService: ({ name }) => {
      // each subgraph its own credential: the one its list names first (README "Operations")
      const credential = gatewayCredential(opts.config, name as SubgraphName);
      const source = new SubgraphDataSource<GatewayContext>({
        name: name as SubgraphName,
        url: opts.subgraphUrls[name as SubgraphName],
        timeoutMs: opts.config.subgraphTimeoutMs,
        local: opts.localSubgraphs?.[name as SubgraphName],
        logger,
        metrics,
        willSendRequest({ request, context }) {
          request.http?.headers.set('authorization', `Bearer ${context.token}`);
          request.http?.headers.set('x-request-id', context.requestId);
          request.http?.headers.set(GATEWAY_CREDENTIAL_HEADER, credential);
        },
      });
      sources.push(source);
      return source;
    },
  });
  const { limits } = opts.config;
  const armor = operationLimits(limits, { fieldSuggestions: opts.config.fieldSuggestions });
  const mask = maskErrors({ downstream: true });
  // trusted documents: registered operations by id (APQ), and in enforce mode nothing else
  const trusted = new TrustedDocuments(
    readManifest(opts.config.operations.manifest),
    opts.config.operations.safelist,
  );
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    persistedQueries: { cache: trusted.apqCache() },
    plugins: [
      trusted.plugin<GatewayContext>(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      requestIdPlugin(),
      maskedErrorLogPlugin(logger, { downstream: true }),
      metrics.plugin(),
      ...armor.plugins,
      failClosedOnLimitPlugin({ status: 400 }),
    ],
    validationRules: armor.validationRules,
    parseOptions: armor.parseOptions,
    formatError: opts.config.fieldSuggestions ? mask : (f, e) => withoutSuggestions(mask(f, e)),
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: limits.maxBatch > 0,
    introspection: opts.config.introspection,
  });
  await apollo.start();

  // shared by every gateway replica when RATE_LIMIT_DATABASE_URL names a database
  const rateLimiter: RateLimitStore = rateLimitStore(
    {
      burst: limits.rateLimitBurst,
      perSecond: limits.rateLimitPerSecond,
      databaseUrl: opts.config.rateLimitDatabaseUrl,
      timeoutMs: opts.config.rateLimitStoreTimeoutMs,
    },
    logger,
  );
  // a store down at boot does not stop the gateway: its requests fall back as take() says
  await rateLimiter
    .init()
    .catch((err: unknown) => logger.warn({ err: String(err) }, 'rate-limit store not ready at start'));
  const inFlight = new ConcurrencyLimiter(limits.maxConcurrentPerCaller);
  const callerKey = (viewer: ViewerClaims) => `${viewer.agency}\u0000${viewer.sub}`;
  const handler = createGraphQLHttpHandler<GatewayContext>({
    apollo,
    bodyLimit: limits.maxBodyBytes,
    maxResponseBytes: limits.maxResponseBytes,
    onSettled: (ctx) => inFlight.release(callerKey(ctx.viewer)),
    maxBatch: limits.maxBatch,
    logger,
    onResponse: metrics.observeRequest,
    context: async (req, requestId): Promise<GatewayContext | HttpError> => {
      const caller = authenticate(verifier, req, logger, requestId);
      if ('httpError' in caller) return caller;
      const { viewer } = caller;
      // Per caller, after authentication: an unauthenticated flood is refused by the token check.
      const retryAfter = await rateLimiter.take(callerKey(viewer));
      if (retryAfter !== null) {
        logger.warn({ requestId, sub: viewer.sub, agency: viewer.agency }, 'refused: rate limit');
        return rateLimited(limits, retryAfter);
      }
      // Released by onSettled once the request is answered.
      if (!inFlight.acquire(callerKey(viewer))) {
        logger.warn({ requestId, sub: viewer.sub, agency: viewer.agency }, 'refused: concurrency limit');
        return tooManyInFlight(limits.maxConcurrentPerCaller);
      }
      return { ...caller, requestId };
    },
    routes: {
      ...(opts.config.graphiql ? graphiqlRoutes() : {}),
      ...webAppRoutes(opts.webAppDir),
      '/health': (_req, res) => sendJson(res, 200, { status: 'ok', service: 'gateway' }),
      '/metrics': metrics.route,
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
    metrics,
    async start(port = 0, host = '127.0.0.1') {
      listening = await listen(handler, port, host);
      logger.info({ url: listening.url }, 'gateway listening');
      return listening;
    },
    async stop() {
      await listening?.close();
      await apollo.stop();
      for (const s of sources) s.close();
      await rateLimiter.close();
    },
  };
}

/** Production: graphql-armor hides field suggestions, but graphql-js also suggests enum values,
 *  arguments and types ("Did you mean the enum value "PERSON"?"): with introspection off, no
 *  message may map the schema. */
export function withoutSuggestions(e: GraphQLFormattedError): GraphQLFormattedError {
  const message = e.message.replace(/\s*Did you mean [^?]*\?/g, '');
  return message === e.message ? e : { ...e, message };
}
