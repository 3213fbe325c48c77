import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase } from '../db/dataSource';

/** A fresh, empty database for one test file on the run's PostgreSQL (or on `adminUrl`'s). */
export async function createTestDatabase(adminUrl?: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = adminUrl ?? process.env.WHOLECHILD_TEST_ADMIN_URL;
  if (!admin) throw new Error('WHOLECHILD_TEST_ADMIN_URL is not set: run tests through jest (globalSetup)');
  const name = `wc_test_${randomBytes(6).toString('hex')}`;
  const url = await ensureDatabase(admin, name);
  return { url, drop: () => dropDatabase(admin, name) };
}
