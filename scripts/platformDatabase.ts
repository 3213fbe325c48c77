import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { ensureDatabase, startEmbeddedPostgres, type PlatformConfig } from '@wholechild/shared';

/** The database a maintenance command works on, and the line saying which it is. */
export interface PlatformDatabase {
  url: string;
  /** e.g. `database: the running platform's embedded PostgreSQL (.data/postgres), postgres://postgres@127.0.0.1:54329/wholechild`
   *  — never a password. */
  description: string;
  stop(): Promise<void>;
}

/** A connection URL without its password, to print. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '';
    return u.toString().replace(/:@/, '@');
  } catch {
    return '(an unreadable DATABASE_URL)';
  }
}

/** The port of the PostgreSQL running on data folder `dir`, read from its `postmaster.pid` (line
 *  4 is the port; line 1 the server's process id), or null when no live server has the folder. So
 *  a command finds the embedded server `npm start` runs by the folder it is configured with, on
 *  whatever port it was started. */
export function runningEmbeddedPort(dir: string): number | null {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(path.resolve(dir), 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0 || port > 65535) return null;
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process is there
  } catch (e) {
    // EPERM: there, under another user (the server runs as `postgres` when started by root)
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  return port;
}

async function answers(url: string): Promise<boolean> {
  const probe = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await probe.connect();
    await probe.end();
    return true;
  } catch {
    await probe.end().catch(() => undefined);
    return false;
  }
}

/** The database a maintenance command (`ingest`, `link`, `audit:verify`) works on, by the same
 *  configuration as `npm start`: `url` if given (DATABASE_URL or a subgraph's own), else the
 *  embedded PostgreSQL on EMBEDDED_PG_DIR — the running one, found by its folder whatever its
 *  port, else one started on EMBEDDED_PG_PORT for the command and stopped again by `stop()`. */
export async function platformDatabase(
  config: PlatformConfig,
  url = config.databaseUrl,
  /** The database on the embedded server. @default 'wholechild' (npm start's) */
  database = 'wholechild',
): Promise<PlatformDatabase> {
  if (url)
    return {
      url,
      description: `database: ${redactUrl(url)} (from the configured database URL)`,
      stop: async () => undefined,
    };
  const dir = config.embeddedPg.dir;
  const running = runningEmbeddedPort(dir);
  const admin = (port: number) => `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  if (running !== null && (await answers(admin(running)))) {
    const db = await ensureDatabase(admin(running), database);
    return {
      url: db,
      description: `database: the running platform's embedded PostgreSQL (${dir}), ${redactUrl(db)}`,
      stop: async () => undefined,
    };
  }
  // no server owns the folder (or its pid file cannot be read): one answering on the configured
  // port is taken to be npm start's, as before
  if (running === null && (await answers(admin(config.embeddedPg.port)))) {
    const db = await ensureDatabase(admin(config.embeddedPg.port), database);
    return {
      url: db,
      description: `database: the PostgreSQL answering on EMBEDDED_PG_PORT, ${redactUrl(db)}`,
      stop: async () => undefined,
    };
  }
  const embedded = await startEmbeddedPostgres({ dir, port: config.embeddedPg.port, persistent: true });
  const db = await ensureDatabase(embedded.url, database);
  return {
    url: db,
    description: `database: embedded PostgreSQL (${dir}) started for this command, ${redactUrl(db)}; \`npm start\` is not running on it`,
    stop: () => embedded.stop(),
  };
}
