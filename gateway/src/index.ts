import { loadConfig } from '@wholechild/shared/core';
import { createGateway } from './server';
import { readSupergraph, subgraphUrls } from './supergraph';

/** Runs the gateway alone from the committed supergraph (`npm run compose` writes it). */
async function main() {
  const config = loadConfig();
  const gateway = await createGateway({
    config,
    supergraphSdl: readSupergraph(),
    subgraphUrls: subgraphUrls(config),
  });
  const l = await gateway.start(config.ports.gateway, config.host);
  console.log(`gateway: ${l.url}`);
  const shutdown = () => void gateway.stop().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
