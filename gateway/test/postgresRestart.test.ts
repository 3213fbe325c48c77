import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EmbeddedDatabase } from '@wholechild/shared';
import { startEmbeddedPostgresProcess } from '@wholechild/shared/testing';
import request from 'supertest';
import { startTestPlatform, type TestPlatform } from './helpers';
import { freePort } from '@wholechild/shared/testing';

const UPSERT = `mutation($r: ProbationYouthInput!) { upsertProbationYouth(record: $r) { id created } }`;
const READ = `query($e: String!) { probationRecord(kind: YOUTH, sourceSystem: "PGR", externalId: $e) { ... on ProbationYouth { id externalId } } }`;
const writer = { roles: ['INTEGRATION' as const], purposeOfUse: 'OPERATIONS' as const };

/** PostgreSQL is restarted under a running platform. This test runs its own embedded PostgreSQL
 *  (never the machine's shared one) on a free port, persistent in a temporary folder so data
 *  survives the restart. */
describe('PostgreSQL restarted under a running platform', () => {
  let dir: string;
  let port: number;
  let pg: EmbeddedDatabase | undefined;
  let p: TestPlatform | undefined;
  const start = () => startEmbeddedPostgresProcess({ dir: path.join(dir, 'data'), port });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wholechild-pg-restart-'));
    fs.chmodSync(dir, 0o755);
    port = await freePort();
    pg = await start();
    p = await startTestPlatform({
      adminUrl: pg.url,
      env: { DB_CONNECT_TIMEOUT_MS: '2000', DB_POOL_SIZE: '3' },
    });
  });
  afterAll(async () => {
    await p?.dispose().catch(() => undefined);
    await pg?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const write = (n: number) =>
    p!.gql(
      'PROBATION',
      UPSERT,
      { r: { sourceSystem: 'PGR', externalId: `y-${n}`, givenName: `Y${n}`, familyName: 'Restart' } },
      writer,
    );

  it('answers DATABASE_UNAVAILABLE during the outage, reconnects by itself, and loses no acknowledged write', async () => {
    const acknowledged: string[] = [];
    for (let n = 1; n <= 5; n++) {
      const res = await write(n);
      expect(res.body.errors).toBeUndefined();
      acknowledged.push(`y-${n}`);
    }

    await pg!.stop();
    pg = undefined;
    for (const res of [await write(100), await p!.gql('PROBATION', READ, { e: 'y-1' })]) {
      expect(res.body.errors).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({ code: 'DATABASE_UNAVAILABLE', subgraph: 'probation' }),
        }),
      ]);
      expect(JSON.stringify(res.body)).not.toMatch(/SELECT|INSERT|ECONNREFUSED|127\.0\.0\.1|terminat/i);
    }
    const down = await request(new URL(p!.subgraphUrls.probation!).origin).get('/ready');
    expect(down.status).toBe(503);

    pg = await start();
    // The same services, not restarted: the first requests after PostgreSQL is back succeed.
    for (let n = 6; n <= 10; n++) {
      const res = await write(n);
      expect(res.body.errors).toBeUndefined();
      acknowledged.push(`y-${n}`);
    }
    const read = await p!.gql('PROBATION', READ, { e: 'y-1' });
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.probationRecord.externalId).toBe('y-1');
    expect((await request(new URL(p!.subgraphUrls.probation!).origin).get('/ready')).status).toBe(200);

    const rows: Array<{ external_id: string }> = await p!.agencies.PROBATION!.db.dataSource.query(
      `SELECT external_id FROM youth WHERE source_system = 'PGR' ORDER BY external_id`,
    );
    for (const id of acknowledged) expect(rows.filter((r) => r.external_id === id)).toHaveLength(1);
  });
});
