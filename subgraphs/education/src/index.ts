import { loadConfig } from '@wholechild/shared';
import { createEducationService } from './server';

/** Runs education alone: `DATABASE_URL` (or EDUCATION_DATABASE_URL) must be set. */
async function main() {
  const config = loadConfig();
  const databaseUrl = config.databaseUrls.education ?? config.databaseUrl;
  if (!databaseUrl) throw new Error('Set DATABASE_URL or EDUCATION_DATABASE_URL (or use `npm start` for the embedded default)');
  const service = await createEducationService({ config, databaseUrl });
  await service.start(config.ports.education, config.host);
  const shutdown = () => void service.stop().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
