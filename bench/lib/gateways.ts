import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import {
  GATEWAY_CREDENTIAL_HEADER,
  gatewayCredential,
  type PlatformConfig,
  type SubgraphName,
} from '@wholechild/shared';
import { disableVendorTelemetry } from '../../gateway/src/server';
import { readSupergraph } from '../../gateway/src/supergraph';

export interface RunningGateway {
  url: string;
  stop(): Promise<void>;
}

/** The committed supergraph with each subgraph's URL replaced by where it runs now. */
export function supergraphWithUrls(urls: Partial<Record<SubgraphName, string>>): string {
  return readSupergraph().replace(
    /@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g,
    (whole, name: SubgraphName) =>
      urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : whole,
  );
}

/** The reference point: ApolloServer + ApolloGateway out of the box, a plain
 *  RemoteGraphQLDataSource forwarding only what the subgraphs need (the caller's token and the
 *  gateway credential). No token check at the gateway, no request ids, no error masking. */
export async function startBareApolloGateway(
  config: PlatformConfig,
  urls: Partial<Record<SubgraphName, string>>,
): Promise<RunningGateway> {
  disableVendorTelemetry(); // no traffic off this machine (as ours)
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphWithUrls(urls),
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<{ authorization?: string }>({
        url,
        willSendRequest({ request, context }) {
          if (context.authorization) request.http?.headers.set('authorization', context.authorization);
          request.http?.headers.set(
            GATEWAY_CREDENTIAL_HEADER,
            gatewayCredential(config, name as SubgraphName),
          );
        },
      }),
  });
  const server = new ApolloServer<{ authorization?: string }>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  return { url: url.replace('localhost', '127.0.0.1'), stop: () => server.stop() };
}

/** Hive Gateway's runtime with the Rust query planner (router-runtime) over the same supergraph,
 *  forwarding the same two headers. `HIVE_PLANNER=js` uses its JavaScript planner
 *  (@graphql-tools/stitch), which cannot plan this supergraph: child welfare's and education's
 *  sections each @require a fact the other lends, and the stitcher plans all of a subgraph's
 *  @requires fields as one unit, so it sees a cycle (a SATISFIABILITY_ERROR on the view). */
export async function startHiveGateway(
  config: PlatformConfig,
  urls: Partial<Record<SubgraphName, string>>,
): Promise<RunningGateway> {
  const { createGatewayRuntime } = await import('@graphql-hive/gateway-runtime');
  const { unifiedGraphHandler } = await import('@graphql-hive/router-runtime');
  const http_ = await import('@graphql-mesh/transport-http');
  const runtime = createGatewayRuntime({
    supergraph: supergraphWithUrls(urls),
    ...(process.env.HIVE_PLANNER === 'js' ? {} : { unifiedGraphHandler }),
    transports: { http: http_ },
    logging: process.env.HIVE_LOG === '1' ? 'debug' : false,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    propagateHeaders: {
      // each subgraph its own credential
      fromClientToSubgraphs: ({ request, subgraphName }) => ({
        authorization: request.headers.get('authorization'),
        [GATEWAY_CREDENTIAL_HEADER]: gatewayCredential(config, subgraphName as SubgraphName),
      }),
    },
  });
  const server = http.createServer(runtime as unknown as http.RequestListener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.dispose();
    },
  };
}
