import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import {
  appendAudit,
  AUDIT_APPEND_FUNCTION_SQL,
  AUDIT_TABLE_SQL,
  chainHash,
  GENESIS_HASH,
  rowOf,
  verifyAuditChain,
} from '../src/access/audit';
import {
  AuditCheckpointer,
  checkpointMac,
  readCheckpoints,
  trailName,
  verifyCheckpoints,
} from '../src/access/auditCheckpoint';
import { createTestDatabase } from '../src/testing';

const KEY = 'test-checkpoint-key-not-in-the-database';
const viewer = {
  sub: 'worker-1',
  agency: 'CHILD_WELFARE' as const,
  roles: ['CASEWORKER' as const],
  purposeOfUse: 'CASE_PLANNING' as const,
};
const entry = (i: number) => ({
  childId: `child-${i}`,
  recordIds: [],
  categories: ['IDENTITY'],
  decision: 'PERMIT' as const,
  rule: 'OWN_AGENCY',
  consentId: null,
});

/** An insider with the database's own superuser account rewrites a row and recomputes every
 *  later hash the way the verifier does: the chain verifies again. Only the signed checkpoints,
 *  kept outside the database under a key it never held, tell. */
async function rewriteFrom(ds: DataSource, id: number, actor: string) {
  await ds.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update');
  try {
    await ds.query('UPDATE audit_event SET actor = $2 WHERE id = $1', [id, actor]);
    let prev = GENESIS_HASH;
    for (const r of await ds.query('SELECT * FROM audit_event ORDER BY id')) {
      const hash = chainHash(prev, rowOf(r));
      await ds.query('UPDATE audit_event SET prev_hash = $2, hash = $3 WHERE id = $1', [r.id, prev, hash]);
      prev = hash;
    }
  } finally {
    await ds.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update');
  }
}

describe(AuditCheckpointer.name, () => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  let dir: string;
  beforeEach(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    ds = new DataSource({ type: 'postgres', url: db.url });
    await ds.initialize();
    for (const sql of [...AUDIT_TABLE_SQL, AUDIT_APPEND_FUNCTION_SQL]) await ds.query(sql);
    dir = await mkdtemp(path.join(os.tmpdir(), 'wc-checkpoints-'));
    for (let i = 0; i < 6; i++) await appendAudit(ds, viewer, `req-${i}`, [entry(i)]);
  });
  afterEach(async () => {
    await ds.destroy();
    await drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('a full rewrite passes the chain but not the signed checkpoint', async () => {
    const cp = new AuditCheckpointer(ds, 'audit_event', { key: KEY, dir, intervalMs: 0 });
    const first = await cp.checkpoint();
    expect(first).toMatchObject({ id: 6, trail: await trailName(ds, 'audit_event') });
    expect(await cp.checkpoint()).toBeNull(); // the head has not moved: nothing new to sign
    await appendAudit(ds, viewer, 'req-7', [entry(7)]);
    await cp.stop(); // checkpoints at stop
    expect((await readCheckpoints(dir, await trailName(ds, 'audit_event'))).map((c) => c.id)).toEqual([6, 7]);
    expect(await verifyCheckpoints(ds, 'audit_event', KEY, dir)).toEqual({ checkpoints: 2, ok: true });

    await rewriteFrom(ds, 2, 'someone-else');
    expect((await verifyAuditChain(ds)).ok).toBe(true); // the chain alone is fooled
    const v = await verifyCheckpoints(ds, 'audit_event', KEY, dir);
    expect(v.ok).toBe(false);
    expect(v.problem).toMatch(/rewritten before event 6/);
  });

  it('a checkpoint forged without the key, and a chain cut short, are caught', async () => {
    const trail = await trailName(ds, 'audit_event');
    const cp = new AuditCheckpointer(ds, 'audit_event', { key: KEY, dir, intervalMs: 0 });
    await cp.checkpoint();
    // the insider rewrites, then appends a checkpoint of the new head signed with a guessed key
    await rewriteFrom(ds, 3, 'someone-else');
    const [head] = await ds.query('SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1');
    const body = { trail, id: Number(head.id), hash: head.hash, at: new Date().toISOString() };
    const file = path.join(dir, `${trail.replace(/[^A-Za-z0-9._-]/g, '_')}.jsonl`);
    await writeFile(file, `${JSON.stringify({ ...body, mac: checkpointMac('guessed-key-000000', body) })}\n`);
    expect((await verifyCheckpoints(ds, 'audit_event', KEY, dir)).problem).toMatch(/not signed with the key/);
    // a genuine checkpoint, then the tail cut off past it
    await writeFile(file, '');
    expect(
      await new AuditCheckpointer(ds, 'audit_event', { key: KEY, dir, intervalMs: 0 }).checkpoint(),
    ).toMatchObject({ id: 6 });
    await ds.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update');
    await ds.query('DELETE FROM audit_event WHERE id >= 5');
    await ds.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update');
    expect((await verifyAuditChain(ds)).ok).toBe(true);
    expect((await verifyCheckpoints(ds, 'audit_event', KEY, dir)).problem).toMatch(/event 6 .*gone/);
  });
});
