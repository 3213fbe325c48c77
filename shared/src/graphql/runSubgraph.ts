import { loadConfig, type PlatformConfig } from '../config';
import type { SubgraphName } from '../agencies';
import type { AgencySubgraphService } from '../agency/spec';
import type { SubgraphService } from './subgraphService';

/** Runs one subgraph as its own process (`npm start -w @wholechild/<name>`): DATABASE_URL or
 *  <NAME>_DATABASE_URL must be set. Stops cleanly on SIGINT/SIGTERM. */
export function runSubgraph(
  name: SubgraphName,
  create: (opts: { config: PlatformConfig; databaseUrl: string }) => Promise<SubgraphService>,
  afterStart?: (service: SubgraphService, config: PlatformConfig) => void,
): void {
  const main = async () => {
    const config = loadConfig();
    const databaseUrl = config.databaseUrls[name] ?? config.databaseUrl;
    if (!databaseUrl)
      throw new Error(
        `Set DATABASE_URL or ${name.toUpperCase().replace(/-/g, '_')}_DATABASE_URL (or use \`npm start\` for the embedded default)`,
      );
    const service = await create({ config, databaseUrl });
    // an agency tells the child index of records it withdraws (VAWA, 42 CFR Part 2), where the
    // index pulls it from: CHILD_INDEX_URL, or the index's configured port
    const urlOf = (n: SubgraphName) =>
      config.subgraphUrls[n] ?? `http://127.0.0.1:${config.ports[n]}/graphql`;
    if (name !== 'child-index' && 'setIndexUrl' in service) {
      const agency = service as AgencySubgraphService;
      agency.setIndexUrl(urlOf('child-index'));
      // and asks the conveners of a viewer's team memberships (CHILD_WELFARE_URL, PROBATION_URL, …)
      agency.setSubgraphUrls(
        Object.fromEntries(Object.keys(config.ports).map((n) => [n, urlOf(n as SubgraphName)])),
      );
    }
    await service.start(config.ports[name], config.host);
    afterStart?.(service, config);
    const shutdown = () => void service.stop().then(() => process.exit(0));
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  };
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
