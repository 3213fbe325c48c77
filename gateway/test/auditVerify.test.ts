import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chainHash, GENESIS_HASH, rowOf } from '@wholechild/shared';
import { verifyAllTrails } from '../../scripts/auditVerify';
import { CASEY, childIdOf, seedFixture } from './consentFixture';
import { startTestPlatform, type TestPlatform } from './helpers';

/** `npm run audit:verify` over the running platform: every trail (the five agencies' and the
 *  index's) holds with its signed checkpoints; a full rewrite of one chain — a row changed and
 *  every later hash recomputed, which the chain alone cannot see — is reported. */
describe('audit:verify with signed checkpoints', () => {
  let p: TestPlatform;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wc-verify-'));
  beforeAll(async () => {
    p = await startTestPlatform({ env: { AUDIT_CHECKPOINT_DIR: dir, AUDIT_CHECKPOINT_INTERVAL_MS: '100' } });
    await seedFixture(p);
    const id = await childIdOf(p, CASEY);
    await p.gql(
      'CHILD_WELFARE',
      `query($id: ID!) { child(id: $id) { givenName childWelfare { __typename } } }`,
      {
        id,
      },
    );
  }, 120_000);
  afterAll(async () => {
    await p?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes on the running platform and reports a full rewrite of child welfare’s chain', async () => {
    const url = p.databaseUrl;
    // an insider with the owner's powers (the service's own role could not: dbRoles.test.ts)
    const cw = p.owner('child-welfare');
    // wait for the checkpointers (every 100 ms) to have signed child welfare's and the index's heads
    const [{ n }] = await cw.query('SELECT max(id)::int AS n FROM audit_event');
    for (let i = 0; i < 100; i++) {
      const ok = await verifyAllTrails(p.config, url);
      if (ok.lines.find((l) => l.startsWith('CHILD_WELFARE'))?.match(/[1-9]\d* signed checkpoints/)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(existsSync(dir) && readdirSync(dir).length).toBeGreaterThanOrEqual(2);
    const before = await verifyAllTrails(p.config, url);
    expect(before.broken).toBe(false);
    expect(before.lines).toHaveLength(6);
    expect(before.lines.find((l) => l.startsWith('CHILD_INDEX'))).toMatch(/ok .* chain intact/);

    await cw.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update');
    try {
      await cw.query(`UPDATE audit_event SET actor = 'nobody' WHERE id = 1`);
      let prev = GENESIS_HASH;
      for (const r of await cw.query('SELECT * FROM audit_event WHERE id <= $1 ORDER BY id', [n])) {
        const hash = chainHash(prev, rowOf(r));
        await cw.query('UPDATE audit_event SET prev_hash = $2, hash = $3 WHERE id = $1', [r.id, prev, hash]);
        prev = hash;
      }
    } finally {
      await cw.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update');
    }
    const after = await verifyAllTrails(p.config, url);
    expect(after.broken).toBe(true);
    expect(after.lines.find((l) => l.startsWith('CHILD_WELFARE'))).toMatch(/BROKEN/);
    expect(after.lines.filter((l) => /BROKEN/.test(l))).toHaveLength(1);
  });
  it('shows each agency’s privacy officers whether its chain holds (and to nobody else)', async () => {
    const officer = { roles: ['PRIVACY_OFFICER' as const], purposeOfUse: 'AUDIT' as const };
    const ask = () =>
      p.gql('HOUSING', '{ housingAuditChain { verified rows brokenAtId problem } }', {}, officer);
    // a refusal first, so that housing's trail has rows to check
    const refused = await p.gql('HOUSING', '{ housingAuditChain { verified } }');
    expect(refused.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const before = (await ask()).body.data.housingAuditChain;
    expect(before).toMatchObject({ verified: true, brokenAtId: null, problem: null });
    expect(before.rows).toBeGreaterThan(0);
    const housing = p.owner('housing');
    await housing.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update');
    try {
      await housing.query(`UPDATE audit_event SET actor = 'nobody' WHERE id = 1`);
    } finally {
      await housing.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update');
    }
    const after = (await ask()).body.data.housingAuditChain;
    expect(after).toMatchObject({ verified: false, brokenAtId: '1' });
    expect(after.problem).toEqual(expect.any(String));
  });
});
