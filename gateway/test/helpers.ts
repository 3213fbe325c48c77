import { Writable } from 'node:stream';
import request from 'supertest';
import {
  createLogger,
  loadConfig,
  type AgencyCode,
  type Logger,
  type PurposeOfUse,
  type Role,
  type SubgraphName,
} from '@wholechild/shared';
import {
  createTestDatabase,
  ownerConnection,
  tokenFor,
  type OwnerConnection,
} from '@wholechild/shared/testing';
import { startPlatform, type Platform } from '../../scripts/platform';

export interface TestPlatform extends Platform {
  /** POST a GraphQL operation to the gateway with a token of `agency`. */
  gql(
    agency: AgencyCode | null,
    query: string,
    variables?: Record<string, unknown>,
    opts?: { roles?: Role[]; purposeOfUse?: PurposeOfUse; breakGlassReason?: string; sub?: string },
  ): Promise<request.Response>;
  /** The test database's URL as its owner (the services connect as their own app roles). */
  databaseUrl: string;
  /** An owner connection in `subgraph`'s schema, for what the service's role may not do (DDL,
   *  tampering with an audit trail); closed by dispose. */
  owner(subgraph: SubgraphName): OwnerConnection;
  dispose(): Promise<void>;
}

export interface TestPlatformOptions {
  /** More settings (as environment variables), e.g. SUBGRAPH_TIMEOUT_MS. */
  env?: Record<string, string>;
  /** PostgreSQL to make the fresh database on (default: the run's, WHOLECHILD_TEST_ADMIN_URL). */
  adminUrl?: string;
  /** Where the services log (default: silent). */
  logger?: Logger;
}

/** Starts the real platform (every subgraph and the gateway) on a fresh database, on ephemeral
 *  loopback ports. */
export async function startTestPlatform(opts: TestPlatformOptions = {}): Promise<TestPlatform> {
  const db = await createTestDatabase(opts.adminUrl);
  const config = loadConfig({
    WHOLECHILD_MODE: 'development',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    FEED_PULL_INTERVAL_MS: '0',
    // no webhook worker polling in the background (a test counting statements would count its);
    // the webhook tests turn it on, or run its passes themselves
    WEBHOOK_POLL_INTERVAL_MS: '0',
    ...opts.env,
  });
  const platform = await startPlatform({
    config,
    logger: opts.logger,
    databaseUrl: db.url,
    ports: 'ephemeral',
    useCommittedSupergraph: true,
  });
  const url = new URL(platform.gatewayUrl);
  const owners = new Map<SubgraphName, OwnerConnection>();
  return {
    ...platform,
    databaseUrl: db.url,
    owner(subgraph) {
      let c = owners.get(subgraph);
      if (!c) owners.set(subgraph, (c = ownerConnection(db.url, subgraph)));
      return c;
    },
    gql(agency, query, variables, opts) {
      const req = request(url.origin).post(url.pathname).set('content-type', 'application/json');
      if (agency) req.set('authorization', `Bearer ${tokenFor(agency, opts ?? {}, config)}`);
      return req.send({ query, variables });
    },
    async dispose() {
      for (const c of owners.values()) await c.close();
      await platform.stop();
      await db.drop();
    },
  };
}

/** A logger for the whole platform that keeps every JSON line it writes (`raw`) and parsed
 *  (`lines`): for tests of what the services log. @default level 'info' */
export function captureLogs(level = 'info') {
  const lines: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n'))
        if (l.trim()) {
          raw.push(l);
          lines.push(JSON.parse(l));
        }
      done();
    },
  });
  return { lines, raw, logger: createLogger('platform', level, sink) };
}
