import { loadConfig } from '@wholechild/shared';
import { createHousingService } from './server';

/** Runs housing alone: `DATABASE_URL` (or HOUSING_DATABASE_URL) must be set. */
async function main() {
  const config = loadConfig();
  const databaseUrl = config.databaseUrls.housing ?? config.databaseUrl;
  if (!databaseUrl) throw new Error('Set DATABASE_URL or HOUSING_DATABASE_URL (or use `npm start` for the embedded default)');
  const service = await createHousingService({ config, databaseUrl });
  await service.start(config.ports.housing, config.host);
  const shutdown = () => void service.stop().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
