import { loadConfig, readPersonFeed } from '@wholechild/shared';
import { createTestDatabase } from '@wholechild/shared/src/testing';
import { createEducationService } from '../../subgraphs/education/src/server';

const insert = (n: string) =>
  `INSERT INTO student (source_system, external_id, given_name, family_name) VALUES ('SIS', '${n}', 'Ana', 'Lopez')`;

/** The person feed never skips a record whose transaction committed after a later one's: the
 *  reader waits for writers in flight (feedOrderMigration). Without it, the slow writer's record
 *  (the lower sequence number) would be behind the cursor once it commits, and lost to the index. */
describe('person feed order under concurrent writers', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let service: Awaited<ReturnType<typeof createEducationService>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    service = await createEducationService({
      config: loadConfig({ LOG_LEVEL: 'silent' }),
      databaseUrl: db.url,
    });
  });
  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  it('a slow writer with the lower sequence number is read before the cursor moves past it', async () => {
    const ds = service.db.dataSource;
    const slow = ds.createQueryRunner();
    await slow.connect();
    await slow.startTransaction();
    try {
      await slow.query(insert('slow')); // draws the lower change_seq, not committed yet
      await ds.query(insert('fast')); // draws the higher one and commits at once
      const read = readPersonFeed(ds, 'student', 'EDUCATION', null, 100);
      let settled = false;
      void read.then(() => (settled = true));
      await new Promise((r) => setTimeout(r, 300));
      expect(settled).toBe(false); // the reader waits for the writer in flight
      await slow.commitTransaction();
      const page = await read;
      expect(page.records.map((r) => (r as { externalId: string }).externalId)).toEqual(['slow', 'fast']);
    } finally {
      if (slow.isTransactionActive) await slow.rollbackTransaction();
      await slow.release();
    }
  });
});
