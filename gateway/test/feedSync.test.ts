import { feedLockKey } from '@wholechild/shared';
import type { QueryRunner } from 'typeorm';
import { put } from './consentFixture';
import { startTestPlatform, type TestPlatform } from './helpers';

/** syncAgencyFeeds through the gateway answers at once, whatever the pull takes: a first load
 *  outlasts the gateway's subgraph timeout. The pull is made slow here the way a busy agency makes
 *  it slow: a writer in flight holds the feed's lock, and the feed waits for it. */
describe('syncAgencyFeeds starts the pull and answers at once', () => {
  let p: TestPlatform;
  let writer: QueryRunner | undefined;
  const steward = { roles: ['DATA_STEWARD' as const], purposeOfUse: 'OPERATIONS' as const };
  // long enough for a quick pull of five feeds on a loaded CI machine, short for the blocked one
  const TIMEOUT_MS = 5000;
  type Status = { agency: string; running: boolean; recordsRead: number; lastError: string | null };
  const statusOf = (list: Status[], agency: string) => list.find((s) => s.agency === agency)!;
  const feedStatus = async (): Promise<Status[]> =>
    (await p.gql('EDUCATION', `{ feedStatus { agency running recordsRead lastError } }`, {}, steward)).body
      .data.feedStatus;

  beforeAll(async () => {
    p = await startTestPlatform({ env: { SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS) } });
    await put(p, 'EDUCATION', 'EducationStudent', {
      externalId: 'SYNC-1',
      givenName: 'Ola',
      familyName: 'Fenn',
      birthDate: '2013-05-06',
    });
  });
  afterAll(async () => {
    await writer?.release();
    await p?.dispose();
  });

  it('answers within the timeout while the pull goes on; feedStatus follows it to its end', async () => {
    writer = p.agencies.EDUCATION!.db.dataSource.createQueryRunner();
    await writer.connect();
    await writer.startTransaction();
    await writer.query(`SELECT pg_advisory_xact_lock_shared(${feedLockKey('student')})`);

    const t0 = Date.now();
    const started = await p.gql(
      'EDUCATION',
      `mutation { syncAgencyFeeds { agency running recordsRead lastError } }`,
      {},
      steward,
    );
    expect(Date.now() - t0).toBeLessThan(TIMEOUT_MS);
    expect(started.body.errors).toBeUndefined();
    const answer: Status[] = started.body.data.syncAgencyFeeds;
    expect(statusOf(answer, 'EDUCATION')).toMatchObject({ running: true, recordsRead: 0 });
    expect(statusOf(answer, 'HOUSING').running).toBe(true); // waits its turn behind education

    // asking to wait, the caller meets the gateway's timeout: what the default no longer does
    const waited = await p.gql(
      'EDUCATION',
      `mutation { syncAgencyFeeds(wait: true) { agency } }`,
      {},
      steward,
    );
    expect(waited.body.errors?.length).toBeGreaterThan(0);
    expect(statusOf(await feedStatus(), 'EDUCATION').running).toBe(true);

    await writer.commitTransaction();
    await writer.release();
    writer = undefined;
    // a caller follows the pull with feedStatus until nothing runs
    let now = await feedStatus();
    for (const deadline = Date.now() + 20_000; now.some((s) => s.running) && Date.now() < deadline;)
      now = await new Promise<Status[]>((r) => setTimeout(() => r(feedStatus()), 100));
    expect(now.every((s) => !s.running)).toBe(true);
    expect(statusOf(now, 'EDUCATION')).toMatchObject({ recordsRead: 1, lastError: null });
  });

  it('wait: true answers when the pull is done, when it is quick', async () => {
    await put(p, 'EDUCATION', 'EducationStudent', {
      externalId: 'SYNC-2',
      givenName: 'Bo',
      birthDate: '2012-01-01',
    });
    const res = await p.gql(
      'EDUCATION',
      `mutation { syncAgencyFeeds(wait: true) { agency running recordsRead } }`,
      {},
      steward,
    );
    expect(res.body.errors).toBeUndefined();
    expect(statusOf(res.body.data.syncAgencyFeeds, 'EDUCATION')).toEqual({
      agency: 'EDUCATION',
      running: false,
      recordsRead: 2,
    });
  });
});
