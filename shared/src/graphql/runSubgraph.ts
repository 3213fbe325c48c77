import { loadConfig, type PlatformConfig } from '../config';
import type { SubgraphName } from '../agencies';
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
