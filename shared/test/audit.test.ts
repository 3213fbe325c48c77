import { DataSource } from 'typeorm';
import {
  appendAudit,
  AuditAppender,
  AUDIT_APPEND_FUNCTION_SQL,
  AUDIT_DECISIONS,
  AUDIT_TABLE_SQL,
  verifyAuditChain,
  type AuditEntry,
} from '../src/access/audit';
import type { ViewerClaims } from '../src/auth/claims';
import { createTestDatabase } from '../src/testing';
import { createAuditWriter } from '../src/access/audit';

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
        appendAudit(
          ds,
          viewer(n),
          `req-${n}`,
          Array.from({ length: 1 + (n % 4) }, (_, i) => entry(n, i)),
        ),
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

  describe('group commit (one appender per process and trail)', () => {
    /** One request's audit row, as a request writer makes it. */
    const row = (requestId: string, category = 'IDENTITY') => ({
      at: new Date().toISOString(),
      actor: `worker of ${requestId}`,
      actorAgency: 'CHILD_WELFARE',
      actorRoles: ['CASEWORKER'],
      purposeOfUse: 'CASE_PLANNING',
      childId: `child of ${requestId}`,
      recordIds: ['7f0c1b1e-8a43-4d1c-9e0a-3b7c3c2b9f10'],
      categories: [category],
      decision: 'PERMIT',
      rule: 'OWN_AGENCY',
      consentId: null,
      requestId,
      breakGlass: false,
      breakGlassReason: null,
    });
    const count = async (where: string) =>
      (
        (await ds.query(`SELECT count(*)::int AS n FROM audit_event WHERE ${where}`)) as Array<{ n: number }>
      )[0]!.n;

    it('writes at once when idle, and groups what queues while a write is in flight, each request waiting for its own rows', async () => {
      const appender = new AuditAppender(ds);
      // 30 requests' rows, made in the same turn.
      const committed: number[] = [];
      const rowsOf = (n: number) =>
        Array.from({ length: 1 + (n % 3) }, (_, i) => row(`grp-${n}`, `CAT_${i}`));
      await Promise.all(
        Array.from({ length: 30 }, (_, n) =>
          appender.append(rowsOf(n)).then(async () => {
            // Resolved only once this request's rows are committed: visible to another connection.
            expect(await count(`request_id = 'grp-${n}'`)).toBe(1 + (n % 3));
            committed.push(n);
          }),
        ),
      );
      expect(committed).toHaveLength(30);
      // The first went out alone; the 29 that queued behind it went out together.
      expect(appender.stats).toEqual({ statements: 2, rows: 30 + 30 });
      expect((await verifyAuditChain(ds)).ok).toBe(true);
      // Each request's rows stay together and in order inside the group.
      const rows: Array<{ request_id: string; categories: string[] }> = await ds.query(
        `SELECT request_id, categories FROM audit_event WHERE request_id = 'grp-5' ORDER BY id`,
      );
      expect(rows.map((r) => r.categories[0])).toEqual(['CAT_0', 'CAT_1', 'CAT_2']);
    });

    it('fails only the request whose rows the database refuses, not the others grouped with it', async () => {
      const appender = new AuditAppender(ds);
      const good = (n: number) => [row(`iso-${n}`)];
      const bad = [{ ...row('iso-bad'), recordIds: ['not-a-uuid'] }];
      const results = await Promise.allSettled([
        appender.append(good(1)),
        appender.append(good(2)),
        appender.append(bad),
        appender.append(good(3)),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
      expect(await count(`request_id IN ('iso-1','iso-2','iso-3')`)).toBe(3);
      expect(await count(`request_id = 'iso-bad'`)).toBe(0);
      expect((await verifyAuditChain(ds)).ok).toBe(true);
    });

    it('request writers of one data source share its appender: concurrent requests group', async () => {
      const before = (await ds.query(`SELECT count(*)::int AS n FROM audit_event`))[0].n as number;
      let statements = 0;
      const original = ds.logger.logQuery.bind(ds.logger);
      ds.logger.logQuery = (sql: string, params?: unknown[]) => {
        if (sql.includes('audit_append')) statements++;
        return original(sql, params);
      };
      try {
        await Promise.all(
          Array.from({ length: 20 }, (_, n) => createAuditWriter(ds, viewer(n), `shared-${n}`)(entry(n, 0))),
        );
      } finally {
        ds.logger.logQuery = original;
      }
      expect((await ds.query(`SELECT count(*)::int AS n FROM audit_event`))[0].n - before).toBe(20);
      expect(statements).toBeLessThan(20);
      expect(statements).toBeGreaterThanOrEqual(1);
      expect((await verifyAuditChain(ds)).ok).toBe(true);
    });
  });

  it('stores every decision the platform writes (the column holds each name)', async () => {
    for (const decision of AUDIT_DECISIONS)
      await appendAudit(ds, viewer(0), `decision-${decision}`, [{ ...entry(0, 0), decision }]);
    const rows: Array<{ decision: string }> = await ds.query(
      `SELECT decision FROM audit_event WHERE request_id LIKE 'decision-%' ORDER BY id`,
    );
    expect(rows.map((r) => r.decision)).toEqual([...AUDIT_DECISIONS]);
  });
});
