import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '@wholechild/shared';
import { createTestDatabase } from '@wholechild/shared/testing';
import { platformDatabase, redactUrl, runningEmbeddedPort } from '../platformDatabase';

const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A data folder as PostgreSQL leaves it while it runs: postmaster.pid, pid on line 1, port on 4. */
function dataFolder(pid: number, port: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wc-pgdata-'));
  made.push(dir);
  fs.writeFileSync(
    path.join(dir, 'postmaster.pid'),
    `${pid}\n${dir}\n1796650000\n${port}\n/tmp\n127.0.0.1\n  5432001  1\nready   \n`,
  );
  return dir;
}

describe('the maintenance commands find npm start’s database', () => {
  it('by the data folder it runs on, whatever its port; not when its server is gone', () => {
    expect(runningEmbeddedPort(dataFolder(process.pid, 55321))).toBe(55321);
    const exited = spawnSync(process.execPath, ['-e', '0']).pid!;
    expect(runningEmbeddedPort(dataFolder(exited, 55321))).toBeNull();
    expect(runningEmbeddedPort(fs.mkdtempSync(path.join(os.tmpdir(), 'wc-empty-')))).toBeNull();
  });

  it('say which database they use, never its password', async () => {
    expect(redactUrl('postgres://app:s3cret@db.internal:6543/wholechild')).toBe(
      'postgres://app@db.internal:6543/wholechild',
    );
    const config = loadConfig({ WHOLECHILD_MODE: 'development' });
    const given = await platformDatabase(config, 'postgres://app:s3cret@127.0.0.1:6543/wholechild');
    expect(given.description).toBe(
      'database: postgres://app@127.0.0.1:6543/wholechild (from the configured database URL)',
    );
  });

  it('connect to the server running on the configured folder, not the configured port', async () => {
    const test = await createTestDatabase();
    try {
      const server = new URL(test.url);
      const name = server.pathname.slice(1);
      const dir = dataFolder(process.pid, Number(server.port || 5432));
      // a port nothing listens on: were the folder not read, the command would start a server there
      const config = loadConfig({
        WHOLECHILD_MODE: 'development',
        EMBEDDED_PG_DIR: dir,
        EMBEDDED_PG_PORT: '1',
      });
      const db = await platformDatabase(config, undefined, name);
      expect(new URL(db.url).port).toBe(server.port || '5432');
      expect(db.description).toBe(
        `database: the running platform's embedded PostgreSQL (${dir}), postgres://postgres@127.0.0.1:${server.port || 5432}/${name}`,
      );
      await db.stop(); // stops nothing it did not start
    } finally {
      await test.drop();
    }
  });
});
