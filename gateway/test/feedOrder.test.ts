import request from 'supertest';
import { AGENCY_SUBGRAPH, loadConfig, serviceToken, type PlatformConfig } from '@wholechild/shared';
import { createTestDatabase } from '@wholechild/shared/testing';
import { createEducationService } from '../../subgraphs/education/src/server';
import { feedLockKey } from '@wholechild/shared';
import { agencyFactories, agencySpecs as specs } from '../../scripts/services';

const insert = (n: string) =>
  `INSERT INTO student (source_system, external_id, given_name, family_name) VALUES ('SIS', '${n}', 'Ana', 'Lopez')`;

/** The person feed never skips a record whose transaction committed after a later one's: the
 *  reader waits for writers in flight (feedOrderMigration). Without it, the slow writer's record
 *  (the lower sequence number) would be behind the cursor once it commits, and lost to the index. */
describe('person feed order under concurrent writers', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let service: Awaited<ReturnType<typeof createEducationService>>;
  let config: PlatformConfig;
  /** The feed as the index reads it: through the subgraph's own resolver (the kit passes the
   *  schema-qualified table, the writers' triggers were made with the bare name: both must take
   *  the same lock). */
  const readFeed = () =>
    request(service.handler)
      .post('/graphql')
      .set('authorization', `Bearer ${serviceToken(config.jwt)}`)
      .send({ query: '{ educationPersonFeed(first: 100) { records { externalId } } }' })
      .then((res) => res.body.data.educationPersonFeed as { records: Array<{ externalId: string }> });

  beforeAll(async () => {
    db = await createTestDatabase();
    config = loadConfig({ WHOLECHILD_MODE: 'development', LOG_LEVEL: 'silent' });
    service = await createEducationService({ config, databaseUrl: db.url });
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
      const read = readFeed();
      let settled = false;
      void read.then(() => (settled = true));
      await new Promise((r) => setTimeout(r, 300));
      expect(settled).toBe(false); // the reader waits for the writer in flight
      await slow.commitTransaction();
      const page = await read;
      expect(page.records.map((r) => r.externalId)).toEqual(['slow', 'fast']);
    } finally {
      if (slow.isTransactionActive) await slow.rollbackTransaction();
      await slow.release();
    }
  });
});

/** Every agency: the lock its writers take (in the triggers its migrations made) is the lock its
 *  feed reader takes (from the kit's table path). */
describe('one feed lock key per agency', () => {
  it.each(Object.entries(agencyFactories))(
    '%s: writers and reader lock the same key',
    async (name, create) => {
      const db = await createTestDatabase();
      const service = await create!({
        config: loadConfig({ WHOLECHILD_MODE: 'development', LOG_LEVEL: 'silent' }),
        databaseUrl: db.url,
      });
      try {
        const ds = service.db.dataSource;
        const spec = Object.values(specs).find((s) => AGENCY_SUBGRAPH[s.agency] === name)!;
        const tablePath = ds.getMetadata(spec.person.entity).tablePath;
        const [{ reader }] = await ds.query(`SELECT ${feedLockKey(tablePath)} AS reader`);
        const fns: Array<{ proname: string; src: string }> = await ds.query(
          `SELECT proname, prosrc AS src FROM pg_proc WHERE pronamespace = current_schema()::regnamespace
            AND prosrc LIKE '%pg_advisory_xact_lock_shared%'`,
        );
        // the feed's writers lock a key named by the person table (the notification outbox's
        // writers take a lock of their own, OUTBOX_LOCK_SQL)
        const feedWriters = fns.filter((f) =>
          /pg_advisory_xact_lock_shared\(hashtext\('[^']+'\)\)/.test(f.src),
        );
        expect(feedWriters.length).toBeGreaterThan(0);
        for (const f of feedWriters) {
          const key = /pg_advisory_xact_lock_shared\((hashtext\('[^']+'\))\)/.exec(f.src)![1];
          const [{ writer }] = await ds.query(`SELECT ${key} AS writer`);
          expect({ fn: f.proname, key: writer }).toEqual({ fn: f.proname, key: reader });
        }
      } finally {
        await service.stop();
        await db.drop();
      }
    },
  );
});
