import { loadConfig } from '@wholechild/shared';
import { createTestDatabase } from '@wholechild/shared/testing';
import { createEducationService } from '../../subgraphs/education/src/server';

/** touchOnUpdateMigration: inserts draw change_seq from the column default, updates through the
 *  trigger, and only real changes move it. */
describe('record change stamps', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let service: Awaited<ReturnType<typeof createEducationService>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    service = await createEducationService({
      config: loadConfig({ WHOLECHILD_MODE: 'development', LOG_LEVEL: 'silent' }),
      databaseUrl: db.url,
    });
  });
  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });
  const row = async (ext: string) =>
    (
      (await service.db.dataSource.query(
        `SELECT change_seq::int AS seq, created_at, updated_at FROM school WHERE external_id = $1`,
        [ext],
      )) as Array<{ seq: number; created_at: Date; updated_at: Date }>
    )[0]!;

  it('stamps a new row, leaves an identical write alone and restamps a real change', async () => {
    const ds = service.db.dataSource;
    await ds.query(
      `INSERT INTO school (source_system, external_id, name, nces_school_id, school_type, city)
       VALUES ('SIS', 'T1', 'A', '1', 'MIDDLE', 'X'), ('SIS', 'T2', 'B', '2', 'MIDDLE', 'X')`,
    );
    const [a, b] = [await row('T1'), await row('T2')];
    expect(a.seq).toBeGreaterThan(0);
    expect(b.seq).toBe(a.seq + 1);
    await ds.query(`UPDATE school SET name = 'A' WHERE external_id = 'T1'`);
    expect(await row('T1')).toEqual(a);
    await ds.query(
      `UPDATE school SET name = 'A2', created_at = now() - interval '1 day' WHERE external_id = 'T1'`,
    );
    const changed = await row('T1');
    expect(changed.seq).toBeGreaterThan(b.seq);
    expect(changed.created_at).toEqual(a.created_at);
  });

  it('the person table takes its feed lock when a statement inserts', async () => {
    const runner = service.db.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`INSERT INTO student (source_system, external_id) VALUES ('SIS', 'L1')`);
      const locks = (await runner.query(
        `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND mode = 'ShareLock' AND pid = pg_backend_pid()`,
      )) as Array<{ n: number }>;
      expect(locks[0]!.n).toBe(1);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
