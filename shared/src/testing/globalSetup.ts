import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { startEmbeddedPostgres } from '../db/embedded';
import { freePort } from './freePort';

/** Jest global setup: one PostgreSQL for the run. TEST_DATABASE_URL (or DATABASE_URL) if set,
 *  otherwise an embedded server in a temporary folder, removed at teardown. Each test file then
 *  makes its own database on it (`createTestDatabase`). */
export default async function globalSetup(): Promise<void> {
  const external = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (external) {
    process.env.WHOLECHILD_TEST_ADMIN_URL = external;
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wholechild-test-pg-'));
  fs.chmodSync(dir, 0o755);
  const db = await startEmbeddedPostgres({
    dir: path.join(dir, 'data'),
    port: await freePort(),
    persistent: false,
  });
  process.env.WHOLECHILD_TEST_ADMIN_URL = db.url;
  (globalThis as Record<string, unknown>).__WHOLECHILD_PG__ = { db, dir };
}
