import { Client } from 'pg';
import {
  ensureDatabase,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
  type PlatformConfig,
} from '@wholechild/shared';

/** The database a maintenance command works on: `url` if given (DATABASE_URL or a subgraph's own),
 *  else the embedded PostgreSQL of `npm start` — started for the command if it is not running, and
 *  stopped again by `stop()`. */
export async function platformDatabase(
  config: PlatformConfig,
  url = config.databaseUrl,
): Promise<{ url: string; stop(): Promise<void> }> {
  if (url) return { url, stop: async () => undefined };
  let embedded: EmbeddedDatabase | undefined;
  const admin = `postgres://postgres:postgres@127.0.0.1:${config.embeddedPg.port}/postgres`;
  const probe = new Client({ connectionString: admin });
  try {
    await probe.connect();
    await probe.end();
  } catch {
    embedded = await startEmbeddedPostgres({
      dir: config.embeddedPg.dir,
      port: config.embeddedPg.port,
      persistent: true,
    });
  }
  return { url: await ensureDatabase(admin, 'wholechild'), stop: async () => embedded?.stop() };
}
