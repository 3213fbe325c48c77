import { createHash } from 'node:crypto';
import { generateCounty, loadConfig } from '@wholechild/shared';
import {
  createTestDatabase,
  newFeedRecord,
  ownerConnection,
  type OwnerConnection,
} from '@wholechild/shared/testing';
import { createChildIndexService, type ChildIndexService } from '../src/server';
import { LinkService } from '../src/services/linkService';
import type { FeedRecord } from '../src/repositories/linkRepository';

/** A feed record of `agency`: Ana López, born 2012-03-04, from source system S. */
const record = (agency: string, over: Partial<FeedRecord> = {}): FeedRecord =>
  newFeedRecord(agency, { sourceSystem: 'S', familyName: 'López', ...over });

describe(LinkService.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  /** TRUNCATE between tests: the owner's right, not the index's own role's. */
  let owner: OwnerConnection;
  let index: ChildIndexService;
  const childrenOf = async () =>
    index.db.dataSource.query(
      'SELECT child_id, count(*)::int AS n FROM agency_record GROUP BY child_id ORDER BY n DESC',
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = ownerConnection(db.url, 'child-index');
    index = await createChildIndexService({
      config: loadConfig({ WHOLECHILD_MODE: 'development', LOG_LEVEL: 'silent' }),
      databaseUrl: db.url,
      match: { minRecordsToTrain: 300 },
    });
  });
  afterAll(async () => {
    await owner?.close();
    await index?.stop();
    await db?.drop();
  });
  beforeEach(async () => {
    await owner.query(
      'TRUNCATE agency_record, child, feed_cursor, review_pair, cannot_link, match_model, link_event CASCADE',
    );
  });

  it("links three agencies' messy records of one child (typo, nickname, swapped birth date, case)", async () => {
    await index.links.ingestPage(
      'CHILD_WELFARE',
      [
        record('CHILD_WELFARE', {
          givenName: 'Ana',
          addressLine: '12 Oak Street',
          postalCode: '93101',
          city: 'Santa Barbara',
        }),
      ],
      'c1',
    );
    await index.links.ingestPage(
      'EDUCATION',
      [
        record('EDUCATION', {
          givenName: 'ANNA',
          familyName: 'LOPEZ',
          addressLine: '12 Oak St',
          postalCode: '93101',
        }),
      ],
      'c1',
    );
    await index.links.ingestPage(
      'HOUSING',
      [
        record('HOUSING', {
          familyName: 'Lopes',
          birthDate: '2012-04-03',
          postalCode: '93101',
          city: 'Santa Barbara',
        }),
      ],
      'c1',
    );
    const groups = await childrenOf();
    expect(groups).toHaveLength(1);
    expect(groups[0].n).toBe(3);
    const [child] = await index.db.dataSource.query('SELECT given_name, family_name, birth_date FROM child');
    expect(child.birth_date).toBe('2012-03-04');
    const history = await index.db.dataSource.query(
      `SELECT action, actor, reason FROM link_event ORDER BY id`,
    );
    expect(history.map((h: { action: string }) => h.action)).toEqual(['LINK', 'LINK', 'LINK']);
    expect(history[1].reason).toMatch(/match weight \d/);
  });

  it('keeps apart twins, a sealed adoption and a different child', async () => {
    const home = { addressLine: '4 Elm Road', postalCode: '93101', city: 'Santa Barbara' };
    await index.links.ingestPage(
      'CHILD_WELFARE',
      [
        record('CHILD_WELFARE', home),
        record('CHILD_WELFARE', { ...home, givenName: 'Maria' }), // her twin
        record('CHILD_WELFARE', { ...home, sealedAdoption: true }),
        record('CHILD_WELFARE', {
          givenName: 'Tomas',
          familyName: 'Reyes',
          birthDate: '2015-08-01',
          sex: 'M',
        }),
      ],
      'c1',
    );
    expect(await childrenOf()).toHaveLength(4);
    // a record of Ana from education joins Ana, not her twin
    const ana = await index.db.dataSource.query(
      `SELECT child_id FROM agency_record WHERE given_name = 'Ana' AND NOT sealed_adoption`,
    );
    await index.links.ingestPage('EDUCATION', [record('EDUCATION', { ...home, givenName: 'ANA' })], 'c1');
    const [edu] = await index.db.dataSource.query(
      `SELECT child_id FROM agency_record WHERE agency = 'EDUCATION'`,
    );
    expect(edu.child_id).toBe(ana[0].child_id);
    // the twins are a pair for review, flagged as possible twins
    const steward = {
      sub: 'steward@county',
      agency: 'CHILD_WELFARE',
      roles: ['DATA_STEWARD'],
      purposeOfUse: 'OPERATIONS',
    } as never;
    const queue = await index.reviews.queue(steward, 50);
    const twins = queue.nodes.find((n) => [n.a.givenName, n.b.givenName].sort().join() === 'Ana,Maria');
    expect(twins?.possibleTwins).toBe(true);
    expect(twins?.decision).toBe('review');
    // a sealed adoption record is never offered for review either: the law keeps it apart
    const [sealed] = await index.db.dataSource.query(
      `SELECT record_id FROM agency_record WHERE sealed_adoption`,
    );
    const ids = queue.nodes.flatMap((n) => [n.a.recordId, n.b.recordId]);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).not.toContain(sealed.record_id);
  });

  it('takes a page in only from the cursor it was read from (another index replica may have moved it)', async () => {
    const a = record('CHILD_WELFARE');
    const b = record('CHILD_WELFARE', {
      givenName: 'Luz',
      birthDate: '2014-01-02',
      changeSeq: 2,
    });
    const cursor = async () =>
      (
        await index.db.dataSource.query(
          `SELECT cursor, records_read FROM feed_cursor WHERE agency = 'CHILD_WELFARE'`,
        )
      )[0];
    // two replicas read the first page from no cursor; the first to get the lock takes it in
    expect((await index.links.ingestPage('CHILD_WELFARE', [a], 'c1', null)).stale).toBeUndefined();
    const late = await index.links.ingestPage('CHILD_WELFARE', [a, b], 'c2', null);
    expect(late).toMatchObject({ stale: true, linked: 0 });
    expect(await cursor()).toEqual({ cursor: 'c1', records_read: 1 });
    // read on from the cursor the first left: taken in
    expect((await index.links.ingestPage('CHILD_WELFARE', [b], 'c2', 'c1')).stale).toBeUndefined();
    expect(await cursor()).toEqual({ cursor: 'c2', records_read: 2 });
    expect(await childrenOf()).toHaveLength(2);
  });

  it('is idempotent when a page is taken in again, and moves a record whose demographics changed', async () => {
    const a = record('CHILD_WELFARE');
    const b = record('EDUCATION');
    await index.links.ingestPage('CHILD_WELFARE', [a], 'c1');
    await index.links.ingestPage('EDUCATION', [b], 'c1');
    const again = await index.links.ingestPage('EDUCATION', [b], 'c1');
    expect(again.linked).toBe(0); // nothing the matcher reads changed
    expect(await childrenOf()).toHaveLength(1);
    await index.links.ingestPage(
      'EDUCATION',
      [{ ...b, givenName: 'Tomas', familyName: 'Reyes', birthDate: '2015-08-01', sex: 'M', changeSeq: 2 }],
      'c2',
    );
    const groups = await childrenOf();
    expect(groups.map((g: { n: number }) => g.n)).toEqual([1, 1]);
    const [{ n }] = await index.db.dataSource.query('SELECT count(*)::int AS n FROM child');
    expect(n).toBe(2);
    const [move] = await index.db.dataSource.query(
      `SELECT action FROM link_event WHERE agency = 'EDUCATION' ORDER BY id DESC LIMIT 1`,
    );
    expect(move.action).toBe('MOVE');
  });

  it('merges two records of one agency unless the agency declares them different children', async () => {
    const a = record('PROBATION');
    const dup = record('PROBATION', { givenName: 'ANA' });
    await index.links.ingestPage('PROBATION', [a, dup], 'c1');
    expect(await childrenOf()).toHaveLength(1);
    const staff = {
      sub: 'it@probation',
      agency: 'PROBATION',
      roles: ['INTEGRATION'],
      purposeOfUse: 'OPERATIONS',
    } as never;
    const other = {
      sub: 'it@education',
      agency: 'EDUCATION',
      roles: ['INTEGRATION'],
      purposeOfUse: 'OPERATIONS',
    } as never;
    await expect(
      index.reviews.declareDistinct(other, 'PROBATION', [a.recordId, dup.recordId], 'twins'),
    ).rejects.toThrow(/own staff/);
    const children = await index.reviews.declareDistinct(
      staff,
      'PROBATION',
      [a.recordId, dup.recordId],
      'two children, same name',
    );
    expect(children).toHaveLength(2);
    expect(await childrenOf()).toHaveLength(2);
    // a change to one of them does not bring them together again
    await index.links.ingestPage('PROBATION', [{ ...dup, givenName: 'Ana', changeSeq: 2 }], 'c2');
    expect(await childrenOf()).toHaveLength(2);
  });

  it('drops a record the agency withdraws, and the child it alone stood for', async () => {
    const a = record('HOUSING');
    await index.links.ingestPage('HOUSING', [a], 'c1');
    expect(await childrenOf()).toHaveLength(1);
    await index.links.ingestPage(
      'HOUSING',
      [{ ...a, givenName: null, familyName: null, birthDate: null, withdrawn: true, changeSeq: 2 }],
      'c2',
    );
    expect(await childrenOf()).toHaveLength(0);
    const [{ n }] = await index.db.dataSource.query('SELECT count(*)::int AS n FROM child');
    expect(n).toBe(0);
  });

  /** The synthetic county is generated for a fixed day, not for today: its birth dates move with
   *  the day it is generated for, and with them which children fall in one birth month (a date
   *  level the matcher weighs), so its links — and the precision and recall these tests hold to —
   *  would change from one day to the next. */
  const COUNTY_DAY = '2026-11-25';

  /** A record id derived from the county's seed and the record's external id: the same county gets
   *  the same ids on every run (the matcher breaks ties and the re-link walks in id order). */
  const countyRecordId = (seed: number, agency: string, externalId: string) => {
    const h = createHash('sha256').update(`${seed}:${agency}:${externalId}`).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };

  async function ingestCounty(size: number, seed: number): Promise<Map<string, string>> {
    const county = generateCounty({ size, seed, today: COUNTY_DAY });
    const truth = new Map<string, string>();
    for (const [agency, people] of Object.entries(county.records)) {
      const feed: FeedRecord[] = people.map((p, i) => {
        const r = record(agency, {
          recordId: countyRecordId(seed, agency, p.externalId),
          externalId: p.externalId,
          givenName: p.givenName,
          middleName: p.middleName,
          familyName: p.familyName,
          birthDate: p.birthDate,
          sex: p.sex,
          addressLine: p.addressLine,
          city: p.city,
          postalCode: p.postalCode,
          sealedAdoption: agency === 'CHILD_WELFARE' && p.flags.sealedAdoption,
          changeSeq: i + 1,
        });
        truth.set(`${agency}:${r.recordId}`, `${p.truthId}${r.sealedAdoption ? 'S' : ''}`);
        return r;
      });
      for (let i = 0; i < feed.length; i += 100)
        await index.links.ingestPage(agency, feed.slice(i, i + 100), `c${i}`);
    }
    return truth;
  }

  /** Pairwise precision and recall of the index's children against the generator's truth. */
  async function accuracy(truth: Map<string, string>) {
    const rows: Array<{ k: string; child_id: string }> = await index.db.dataSource.query(
      `SELECT agency || ':' || record_id AS k, child_id FROM agency_record`,
    );
    const pairs = (key: (r: { k: string; child_id: string }) => string) => {
      const groups = new Map<string, number>();
      for (const r of rows) groups.set(key(r), (groups.get(key(r)) ?? 0) + 1);
      return [...groups.values()].reduce((a, n) => a + (n * (n - 1)) / 2, 0);
    };
    const both = pairs((r) => `${r.child_id}|${truth.get(r.k)}`);
    return { precision: both / pairs((r) => r.child_id), recall: both / pairs((r) => truth.get(r.k)!) };
  }

  it('trains its model on its own records (EM, no labels) and links a synthetic county accurately', async () => {
    index.links.models.reset();
    const truth = await ingestCounty(400, 11);
    const [stored] = await index.db.dataSource.query('SELECT records, candidate_pairs FROM match_model');
    expect(stored.records).toBeGreaterThanOrEqual(300); // trained once there were enough records
    const { precision, recall } = await accuracy(truth);
    expect(precision).toBeGreaterThanOrEqual(0.98);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  }, 60_000);

  it('re-links everything in batches; a stopped run resumes where it stopped', async () => {
    index.links.models.reset();
    const truth = await ingestCounty(150, 12);
    const [{ n }] = await index.db.dataSource.query(`SELECT count(*)::int AS n FROM agency_record`);
    const stop = new AbortController();
    const seen: number[] = [];
    const first = await index.relink.run({
      batchSize: 40,
      restart: true,
      signal: stop.signal,
      onProgress: (p) => {
        seen.push(p.done);
        stop.abort();
      },
    });
    expect(first).toMatchObject({ finished: false, resumed: false, done: 40, total: n });
    expect(await index.relink.status()).toMatchObject({ finished: false, done: 40 });
    const second = await index.relink.run({ batchSize: 40, onProgress: (p) => seen.push(p.done) });
    expect(second).toMatchObject({ finished: true, resumed: true, total: n, done: n });
    expect(seen).toEqual([...new Set(seen)].sort((a, b) => a - b)); // never walked back
    expect(seen[seen.length - 1]).toBe(n);
    const { precision, recall } = await accuracy(truth);
    expect(precision).toBeGreaterThanOrEqual(0.98);
    expect(recall).toBeGreaterThanOrEqual(0.9);
    // every record still has exactly one child, and no child is empty
    const [{ orphans }] = await index.db.dataSource.query(
      `SELECT count(*)::int AS orphans FROM agency_record WHERE child_id IS NULL`,
    );
    const [{ empty }] = await index.db.dataSource.query(
      `SELECT count(*)::int AS empty FROM child c WHERE NOT EXISTS (SELECT 1 FROM agency_record a WHERE a.child_id = c.id)`,
    );
    expect([orphans, empty]).toEqual([0, 0]);
  }, 60_000);

  it('re-links a county to the same children however the run is batched', async () => {
    const children = async (): Promise<string[]> => {
      const rows: Array<{ records: string }> = await index.db.dataSource.query(
        `SELECT string_agg(agency || ':' || record_id, ' ' ORDER BY agency, record_id) AS records
           FROM agency_record GROUP BY child_id`,
      );
      return rows.map((r) => r.records).sort();
    };
    const runs: string[][] = [];
    for (const batchSize of [1000, 13]) {
      await owner.query(
        'TRUNCATE agency_record, child, feed_cursor, review_pair, cannot_link, match_model, link_event CASCADE',
      );
      index.links.models.reset();
      await ingestCounty(150, 12);
      await index.relink.run({ batchSize, restart: true });
      runs.push(await children());
    }
    // one batch of every record, or a batch of 13 at a time: each record is linked again against
    // all the others either way
    expect(runs[1]).toEqual(runs[0]);
  }, 60_000);

  it('trains only on evidence across agencies, says whether its weights are learnt, and trains again as it grows', async () => {
    index.links.models.reset();
    const county = generateCounty({ size: 700, seed: 21, today: COUNTY_DAY });
    const asFeed = (agency: string) =>
      county.records[agency as keyof typeof county.records].map((p, i) =>
        record(agency, {
          externalId: p.externalId,
          givenName: p.givenName,
          middleName: p.middleName,
          familyName: p.familyName,
          birthDate: p.birthDate,
          sex: p.sex,
          addressLine: p.addressLine,
          city: p.city,
          postalCode: p.postalCode,
          changeSeq: i + 1,
        }),
      );
    const education = asFeed('EDUCATION');
    expect(education.length).toBeGreaterThan(300);
    for (let i = 0; i < education.length; i += 100)
      await index.links.ingestPage('EDUCATION', education.slice(i, i + 100), `e${i}`);
    // one agency's records: more than minRecordsToTrain, but no pairs across agencies to learn from
    expect(await index.db.dataSource.query('SELECT 1 FROM match_model')).toHaveLength(0);
    let st = await index.links.models.current(index.db.dataSource.manager);
    expect(st).toMatchObject({ trained: false, trainedAt: null, records: education.length, agencies: 1 });
    // a second agency: the index trains, and says on what
    const cw = asFeed('CHILD_WELFARE');
    for (let i = 0; i < cw.length; i += 100)
      await index.links.ingestPage('CHILD_WELFARE', cw.slice(i, i + 100), `c${i}`);
    index.links.models.reset();
    st = await index.links.models.current(index.db.dataSource.manager);
    expect(st.trainedAt).not.toBeNull();
    expect(st.agencies).toBe(2);
    // it trained as soon as the second agency's first page was in
    expect(st.records).toBeGreaterThan(education.length);
    expect(st.records).toBeLessThanOrEqual(education.length + 100);
    expect(st.model.training.source).toBe(st.trained ? 'learnt' : 'prior');
    expect(st.model.training.sessions.map((x) => x.rule)).toEqual(['birthDate', 'givenName+familyName']);
    expect(st.nextTrainingAtRecords).toBe(Math.ceil(st.records * 1.5));
    const firstAt = st.trainedAt;
    // the stored model is the one in force after a restart
    index.links.models.reset();
    expect((await index.links.models.current(index.db.dataSource.manager)).trainedAt).toBe(firstAt);
    // a third agency joins: trained again
    const bh = asFeed('BEHAVIORAL_HEALTH');
    await index.links.ingestPage('BEHAVIORAL_HEALTH', bh, 'b0');
    index.links.models.reset();
    st = await index.links.models.current(index.db.dataSource.manager);
    expect(st.trainedAt).not.toBe(firstAt);
    expect(st.agencies).toBe(3);
  }, 60_000);
});
