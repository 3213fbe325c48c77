import { loadConfig } from '@wholechild/shared';
import { createProbationService } from './server';

/** Runs probation alone: `DATABASE_URL` (or PROBATION_DATABASE_URL) must be set. */
async function main() {
  const config = loadConfig();
  const databaseUrl = config.databaseUrls.probation ?? config.databaseUrl;
  if (!databaseUrl) throw new Error('Set DATABASE_URL or PROBATION_DATABASE_URL (or use `npm start` for the embedded default)');
  const service = await createProbationService({ config, databaseUrl });
  await service.start(config.ports.probation, config.host);
  const shutdown = () => void service.stop().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
