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
import { agencyFactories, createChildIndexService, servedSdl, type ChildIndexService } from './services';
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
  const byName: Partial<Record<SubgraphName, SubgraphService>> = {};
  const names = AGENCIES.map((a) => [a, AGENCY_SUBGRAPH[a]] as const).filter(([, n]) => n in agencyFactories);
  // one order whatever order they were built in: agencies, then the index (stopped in reverse)
  const order: SubgraphName[] = [...names.map(([, n]) => n), 'child-index'];
  const stopAll = async (quiet: boolean) => {
    for (const name of [...order].reverse()) {
      const stopping = byName[name]?.stop();
      await (quiet ? stopping?.catch(() => undefined) : stopping);
    }
  };
  try {
    // the six services are built side by side: each waits mostly on its own database (its owner's
    // lock, migrations, grants or the fingerprint that skips them, the pool), so one's waits
    // overlap another's schema building; each then listens as soon as it is built
    const builds = [
      ...names.map(([, name]) =>
        agencyFactories[name as Exclude<SubgraphName, 'child-index'>]({
          config,
          databaseUrl: dbUrl(name),
          logger: serviceLogger(logger, name),
        }),
      ),
      createChildIndexService({
        config,
        databaseUrl: dbUrl('child-index'),
        logger: serviceLogger(logger, 'child-index'),
      }),
    ].map(async (building, i) => {
      const service = await building;
      const name = order[i]!;
      byName[name] = service;
      listening[name] = await service.start(portOf(name), config.host);
      return service;
    });
    const failed = (await Promise.allSettled(builds)).find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    for (const [agency, name] of names) agencies[agency] = byName[name] as AgencySubgraphService;
    const index = byName['child-index'] as ChildIndexService;
    const ports = Object.fromEntries(order.map((n) => [n, listening[n]!.port])) as Partial<
      Record<SubgraphName, number>
    >;
    const subgraphUrls = Object.fromEntries(order.map((n) => [n, listening[n]!.url])) as Partial<
      Record<SubgraphName, string>
    >;
    // each agency tells the index, on the index's own port, of records it withdraws (VAWA) or
    // protects (42 CFR Part 2), before the write answers
    for (const service of Object.values(agencies)) service.setIndexUrl(subgraphUrls['child-index']);
    index.feeds.setSources(
      Object.fromEntries(
        Object.entries(agencies).map(([a]) => [a, subgraphUrls[AGENCY_SUBGRAPH[a as AgencyCode]]]),
      ),
    );
    const supergraphSdl = opts.useCommittedSupergraph
      ? readSupergraph()
      : composeSupergraph(subgraphUrls, servedSdl);
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
    // each agency asks the conveners of a viewer's team memberships at decision time: on their own
    // ports, or through their listeners when the gateway calls the subgraphs in this process
    for (const service of Object.values(agencies)) service.setSubgraphUrls(subgraphUrls, localSubgraphs);
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
        await stopAll(false);
      },
    };
  } catch (e) {
    await stopAll(true);
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
