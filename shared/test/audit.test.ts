import { DataSource } from 'typeorm';
import {
  appendAudit,
  AUDIT_APPEND_FUNCTION_SQL,
  AUDIT_TABLE_SQL,
  verifyAuditChain,
  type AuditEntry,
} from '../src/access/audit';
import type { ViewerClaims } from '../src/auth/claims';
import { createTestDatabase } from '../src/testing';

const viewer = (n: number): ViewerClaims => ({
  sub: `worker-${n} “Zoë” \\ "quoted"`,
  agency: 'CHILD_WELFARE',
  roles: ['CASEWORKER', 'SUPERVISOR'],
  purposeOfUse: 'CASE_PLANNING',
  ...(n % 5 === 0 ? { breakGlassReason: 'child missing — ER visit, 2 a.m.' } : {}),
});
const entry = (n: number, i: number): AuditEntry => ({
  childId: `child-${n}`,
  recordIds: ['7f0c1b1e-8a43-4d1c-9e0a-3b7c3c2b9f10', '0d8f6b5e-2f1a-4c55-8d9e-5a6b7c8d9e0f'],
  categories: ['IDENTITY', `CAT_${i}`],
  decision: i % 2 ? 'DENY' : 'PERMIT',
  rule: n % 5 === 0 ? 'BREAK_GLASS' : 'OWN_AGENCY',
  consentId: i === 2 ? '3b241101-e2bb-4255-8caf-4136c566a962' : null,
});

describe('audit append (one statement, chained in the database)', () => {
  let drop: () => Promise<void>;
  let ds: DataSource;
  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    ds = new DataSource({ type: 'postgres', url: db.url, extra: { max: 12 } });
    await ds.initialize();
    for (const sql of [...AUDIT_TABLE_SQL, AUDIT_APPEND_FUNCTION_SQL]) await ds.query(sql);
  });
  afterAll(async () => {
    await ds?.destroy();
    await drop?.();
  });

  it('keeps one intact hash chain under many concurrent writers, with the hash the verifier recomputes', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, n) =>
        appendAudit(ds, viewer(n), `req-${n}`, Array.from({ length: 1 + (n % 4) }, (_, i) => entry(n, i))),
      ),
    );
    const expected = Array.from({ length: 40 }, (_, n) => 1 + (n % 4)).reduce((a, b) => a + b, 0);
    expect(await verifyAuditChain(ds)).toEqual({ rows: expected, ok: true });
    // A batch stays together and in order.
    const rows: Array<{ request_id: string; categories: string[] }> = await ds.query(
      `SELECT request_id, categories FROM audit_event WHERE request_id = 'req-3' ORDER BY id`,
    );
    expect(rows.map((r) => r.categories[1])).toEqual(['CAT_0', 'CAT_1', 'CAT_2', 'CAT_3']);
    const [bg] = await ds.query(`SELECT count(*)::int AS n FROM audit_event WHERE break_glass`);
    expect(bg.n).toBeGreaterThan(0);
  });
});
