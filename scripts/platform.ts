import {
  AGENCY_SUBGRAPH,
  AGENCIES,
  createLogger,
  serviceLogger,
  loadConfig,
  type AgencyCode,
  type AgencySubgraphService,
  type Listening,
  type Logger,
  type PlatformConfig,
  type SubgraphName,
  type SubgraphService,
} from '@wholechild/shared';
import { createGateway, type Gateway } from '../gateway/src/server';
import { composeSupergraph, readSupergraph } from '../gateway/src/supergraph';
import { agencyFactories, createChildIndexService, type ChildIndexService } from './services';
import type { FeedPassReport } from '../subgraphs/child-index/src/services/feedPuller';

export interface Platform {
  config: PlatformConfig;
  gatewayUrl: string;
  index: ChildIndexService;
  agencies: Partial<Record<AgencyCode, AgencySubgraphService>>;
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  gateway: Gateway;
  /** Pull every agency feed into the index now; reports how each agency's pull went. */
  syncFeeds(): Promise<FeedPassReport>;
  /** Closes one subgraph's listener (its service and database stay): to the gateway it is down. */
  stopSubgraph(name: SubgraphName): Promise<void>;
  /** Listens again on the port it had: the gateway finds it back without a restart. */
  restartSubgraph(name: SubgraphName): Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  config?: PlatformConfig;
  databaseUrl: string;
  /** Listen on the configured ports (npm start) or on free ephemeral ports (tests). */
  ports: 'configured' | 'ephemeral';
  /** Use the committed supergraph file instead of composing in memory. */
  useCommittedSupergraph?: boolean;
  /** Where every service logs (tests capture it); by default a pino logger at config.logLevel. */
  logger?: Logger;
}

/** Starts every subgraph and the gateway in this process: the whole platform. */
export async function startPlatform(opts: StartOptions): Promise<Platform> {
  const config = opts.config ?? loadConfig();
  const logger = opts.logger ?? createLogger('platform', config.logLevel);
  const portOf = (name: SubgraphName | 'gateway') => (opts.ports === 'configured' ? config.ports[name] : 0);
  const dbUrl = (name: SubgraphName) => config.databaseUrls[name] ?? opts.databaseUrl;
  const agencies: Partial<Record<AgencyCode, AgencySubgraphService>> = {};
  const listening: Partial<Record<SubgraphName, Listening>> = {};
  const started: SubgraphService[] = [];
  const byName: Partial<Record<SubgraphName, SubgraphService>> = {};
  try {
    for (const agency of AGENCIES) {
      const name = AGENCY_SUBGRAPH[agency];
      const factory = agencyFactories[name as Exclude<SubgraphName, 'child-index'>];
      if (!factory) continue;
      const service = await factory({
        config,
        databaseUrl: dbUrl(name),
        logger: serviceLogger(logger, name),
      });
      started.push(service);
      byName[name] = service;
      agencies[agency] = service;
      listening[name] = await service.start(portOf(name), config.host);
    }
    const index = await createChildIndexService({
      config,
      databaseUrl: dbUrl('child-index'),
      logger: serviceLogger(logger, 'child-index'),
    });
    started.push(index);
    byName['child-index'] = index;
    listening['child-index'] = await index.start(portOf('child-index'), config.host);
    const ports = Object.fromEntries(Object.entries(listening).map(([n, l]) => [n, l!.port])) as Partial<
      Record<SubgraphName, number>
    >;
    const subgraphUrls = Object.fromEntries(
      Object.entries(listening).map(([n, l]) => [n, l!.url]),
    ) as Partial<Record<SubgraphName, string>>;
    // each agency tells the index, on the index's own port, of records it withdraws (VAWA) or
    // protects (42 CFR Part 2), before the write answers
    for (const service of Object.values(agencies)) service.setIndexUrl(subgraphUrls['child-index']);
    index.feeds.setSources(
      Object.fromEntries(
        Object.entries(agencies).map(([a]) => [a, subgraphUrls[AGENCY_SUBGRAPH[a as AgencyCode]]]),
      ),
    );
    const supergraphSdl = opts.useCommittedSupergraph ? readSupergraph() : composeSupergraph(subgraphUrls);
    // In one process the gateway calls each subgraph's request listener directly (the same
    // checks, no loopback sockets), as long as that subgraph is listening.
    const localSubgraphs =
      config.subgraphTransport === 'local'
        ? Object.fromEntries(
            Object.entries(byName).map(([name, service]) => [
              name,
              () => (listening[name as SubgraphName] ? service!.handler : null),
            ]),
          )
        : undefined;
    const gateway = await createGateway({
      config,
      supergraphSdl,
      subgraphUrls,
      localSubgraphs,
      logger: serviceLogger(logger, 'gateway'),
    });
    const gw = await gateway.start(portOf('gateway'), config.host);
    return {
      config,
      gatewayUrl: gw.url,
      index,
      agencies,
      subgraphUrls,
      gateway,
      syncFeeds: () => index.feeds.syncAll(),
      async stopSubgraph(name) {
        const l = listening[name];
        delete listening[name];
        await l?.close();
      },
      async restartSubgraph(name) {
        const service = byName[name];
        const port = ports[name];
        if (!service || port === undefined) throw new Error(`no subgraph ${name} in this platform`);
        listening[name] = await service.start(port, config.host);
      },
      async stop() {
        await gateway.stop();
        for (const s of started.reverse()) await s.stop();
      },
    };
  } catch (e) {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    throw e;
  }
}

/** One line per agency of a feed pass, as the start banner shows it: `pulled N` or `failed: why`. */
export function describeFeedPass(report: FeedPassReport): string[] {
  return report.map((r) =>
    r.ok
      ? `  ${r.agency}: pulled ${r.recordsRead}`
      : `  ${r.agency}: failed: ${r.error ?? 'error'}${r.recordsRead ? ` (after ${r.recordsRead} records)` : ''}`,
  );
}
