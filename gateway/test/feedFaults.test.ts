import net from 'node:net';
import { AGENCIES, type AgencyCode } from '@wholechild/shared';
import { encodeCursor } from '@wholechild/shared/subgraph';
import { startTestPlatform, type TestPlatform } from './helpers';

const BATCH: Record<AgencyCode, { mutation: string; input: string; table: string }> = {
  CHILD_WELFARE: { mutation: 'upsertChildWelfarePersons', input: 'ChildWelfarePersonInput', table: 'person' },
  BEHAVIORAL_HEALTH: {
    mutation: 'upsertBehavioralHealthClients',
    input: 'BehavioralHealthClientInput',
    table: 'client',
  },
  PROBATION: { mutation: 'upsertProbationYouths', input: 'ProbationYouthInput', table: 'youth' },
  EDUCATION: { mutation: 'upsertEducationStudents', input: 'EducationStudentInput', table: 'student' },
  HOUSING: { mutation: 'upsertHousingClients', input: 'HousingClientInput', table: 'client' },
};

/** A listener that takes one connection, drops it, and tells the test: a subgraph that fails once. */
function dropOnce(port: number): Promise<{ hit: Promise<void>; close(): Promise<void> }> {
  let hit!: () => void;
  const seen = new Promise<void>((r) => (hit = r));
  const server = net.createServer((s) => {
    s.destroy();
    hit();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({ hit: seen, close: () => new Promise<void>((r) => server.close(() => r())) }),
    );
  });
}

describe('feed pulling under an agency outage', () => {
  let p: TestPlatform;
  let n = 0;
  beforeAll(async () => {
    p = await startTestPlatform({ env: { FEED_RETRY_ATTEMPTS: '4', FEED_RETRY_BASE_MS: '200' } });
  });
  afterAll(async () => p?.dispose());

  /** Writes `count` new person records at every agency. */
  const write = async (count: number) => {
    for (const agency of AGENCIES) {
      const { mutation, input } = BATCH[agency];
      const records = Array.from({ length: count }, () => {
        n++;
        return {
          sourceSystem: 'FEED',
          externalId: `p-${n}`,
          givenName: `Given${n}`,
          familyName: `Family${n}`,
          birthDate: `2010-01-${String((n % 28) + 1).padStart(2, '0')}`,
          sex: 'F',
        };
      });
      const res = await p.gql(
        agency,
        `mutation($r: [${input}!]!) { ${mutation}(records: $r) { accepted rejected } }`,
        { r: records },
        { roles: ['INTEGRATION'], purposeOfUse: 'OPERATIONS' },
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data[mutation]).toEqual({ accepted: count, rejected: 0 });
    }
  };

  /** Every agency person record is linked exactly once, and each cursor is at its feed's end. */
  const expectComplete = async () => {
    const index = p.index.db.dataSource;
    const dupes = await index.query(
      'SELECT agency, record_id FROM agency_record GROUP BY agency, record_id HAVING count(*) > 1',
    );
    expect(dupes).toEqual([]);
    for (const agency of AGENCIES) {
      const rows: Array<{ id: string; change_seq: number }> = await p.agencies[agency]!.db.dataSource.query(
        `SELECT id, change_seq FROM ${BATCH[agency].table}`,
      );
      const linked: Array<{ record_id: string; child_id: string | null }> = await index.query(
        'SELECT record_id, child_id FROM agency_record WHERE agency = $1',
        [agency],
      );
      expect(linked.map((l) => l.record_id).sort()).toEqual(rows.map((r) => r.id).sort());
      expect(linked.every((l) => l.child_id)).toBe(true);
      const [cursor] = await index.query('SELECT cursor, last_error FROM feed_cursor WHERE agency = $1', [
        agency,
      ]);
      expect(cursor).toEqual({
        cursor: encodeCursor(Math.max(...rows.map((r) => r.change_seq))),
        last_error: null,
      });
    }
  };

  it('reports the failed agency, keeps the others’ progress, and resumes from the cursor', async () => {
    await write(15);
    const first = await p.syncFeeds();
    expect(first.every((r) => r.ok && r.recordsRead === 15)).toBe(true);
    await expectComplete();

    await write(10);
    await p.stopSubgraph('behavioral-health');
    const during = await p.syncFeeds();
    const bh = during.find((r) => r.agency === 'BEHAVIORAL_HEALTH')!;
    expect(bh).toEqual(
      expect.objectContaining({
        ok: false,
        recordsRead: 0,
        attempts: 4,
        error: 'feed unreachable (ECONNREFUSED)',
      }),
    );
    for (const r of during.filter((x) => x.agency !== 'BEHAVIORAL_HEALTH'))
      expect(r).toEqual(expect.objectContaining({ ok: true, recordsRead: 10, error: null }));
    const [stored] = await p.index.db.dataSource.query(
      `SELECT last_error FROM feed_cursor WHERE agency = 'BEHAVIORAL_HEALTH'`,
    );
    expect(stored.last_error).toBe('feed unreachable (ECONNREFUSED)');
    expect(stored.last_error).not.toMatch(/127\.0\.0\.1|http/);

    await p.restartSubgraph('behavioral-health');
    const after = await p.syncFeeds();
    // Only what was missed is read: the 10 new records, not the 15 already linked.
    expect(after.find((r) => r.agency === 'BEHAVIORAL_HEALTH')).toEqual(
      expect.objectContaining({ ok: true, recordsRead: 10 }),
    );
    expect(after.filter((r) => r.agency !== 'BEHAVIORAL_HEALTH').every((r) => r.recordsRead === 0)).toBe(
      true,
    );
    await expectComplete();
  });

  it('retries with backoff within a pass, bridging a brief outage', async () => {
    await write(5);
    const port = Number(new URL(p.subgraphUrls['child-welfare']!).port);
    await p.stopSubgraph('child-welfare');
    const flaky = await dropOnce(port);
    const pass = p.syncFeeds();
    await flaky.hit; // the first attempt failed…
    await flaky.close();
    await p.restartSubgraph('child-welfare'); // …and the agency is back before the retry
    const report = await pass;
    expect(report.find((r) => r.agency === 'CHILD_WELFARE')).toEqual(
      expect.objectContaining({ ok: true, recordsRead: 5, error: null }),
    );
    expect(report.find((r) => r.agency === 'CHILD_WELFARE')!.attempts).toBeGreaterThan(1);
    await expectComplete();
  });
});
