import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { packagedNativeDir, startEmbeddedPostgres } from '../src/db/embedded';
import { postgresUser, reachableBy } from '../src/db/embeddedAsRoot';
import { freePort } from '../src/testing/freePort';

/**
 * Issue 20: cloned as root into a folder only root can enter (`/root/…`, any `mktemp -d`), `npm
 * start` and `npm test` died with `spawn …/initdb EACCES`: PostgreSQL runs as the `postgres`
 * user, which could not reach the binaries or the data folder. Here the binaries and the data are
 * both inside such a folder, and the server starts anyway, keeps its data across a restart, and
 * answers. Only root meets the problem (and may run PostgreSQL as another user): skipped otherwise.
 */
const asRoot = process.getuid?.() === 0 ? describe : describe.skip;

asRoot('embedded PostgreSQL from a folder only root can enter', () => {
  let closed: string;
  let cache: string;

  beforeAll(async () => {
    closed = fs.mkdtempSync(path.join(os.tmpdir(), 'wholechild-0700-'));
    fs.chmodSync(closed, 0o700);
    fs.cpSync(packagedNativeDir(), path.join(closed, 'native'), { recursive: true, verbatimSymlinks: true });
    cache = fs.mkdtempSync(path.join(os.tmpdir(), 'wholechild-pg-cache-'));
    fs.chmodSync(cache, 0o755);
    process.env.WHOLECHILD_PG_CACHE = cache;
  });
  afterAll(() => {
    delete process.env.WHOLECHILD_PG_CACHE;
    fs.rmSync(closed, { recursive: true, force: true });
    fs.rmSync(cache, { recursive: true, force: true });
  });

  it('starts, answers, and finds its data again after a restart', async () => {
    const user = postgresUser();
    // the situation of the report: the postgres user reaches neither the binaries nor the data
    expect(reachableBy(user, path.join(closed, 'native', 'bin', 'postgres'))).toBe(false);
    expect(reachableBy(user, path.join(closed, 'data'))).toBe(false);
    const opts = {
      dir: path.join(closed, 'data'),
      port: await freePort(),
      persistent: true,
      nativeDir: path.join(closed, 'native'),
    };
    const ask = async (url: string, sql: string) => {
      const c = new Client({ connectionString: url });
      await c.connect();
      try {
        return (await c.query(sql)).rows;
      } finally {
        await c.end();
      }
    };
    let db = await startEmbeddedPostgres(opts);
    try {
      await ask(db.url, 'CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)');
    } finally {
      await db.stop();
    }
    db = await startEmbeddedPostgres(opts);
    try {
      expect(await ask(db.url, "SELECT v, current_setting('listen_addresses') AS l FROM kept")).toEqual([
        { v: 42, l: '127.0.0.1' },
      ]);
    } finally {
      await db.stop();
    }
  }, 120_000);
});
