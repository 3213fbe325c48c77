import { randomUUID } from 'node:crypto';
import { loadConfig } from '@wholechild/shared';
import { createTestDatabase } from '@wholechild/shared/src/testing';
import { createChildIndexService, type ChildIndexService } from '../src/server';
import { LinkService } from '../src/services/linkService';
import type { FeedRecord } from '../src/repositories/linkRepository';
import { deterministicKey, normalizeName } from '../src/matching/normalize';

function record(agency: string, over: Partial<FeedRecord> = {}): FeedRecord {
  return {
    agency,
    recordId: randomUUID(),
    sourceSystem: 'S',
    externalId: randomUUID(),
    givenName: 'Ana',
    middleName: null,
    familyName: 'López',
    birthDate: '2012-03-04',
    sex: 'F',
    race: null,
    ethnicity: null,
    primaryLanguage: null,
    addressLine: null,
    city: null,
    postalCode: null,
    sealedAdoption: false,
    changeSeq: 1,
    ...over,
  };
}

describe(LinkService.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let index: ChildIndexService;
  const childrenOf = async () =>
    index.db.dataSource.query(
      'SELECT child_id, count(*)::int AS n FROM agency_record GROUP BY child_id ORDER BY n DESC',
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    index = await createChildIndexService({
      config: loadConfig({ LOG_LEVEL: 'silent' }),
      databaseUrl: db.url,
    });
  });
  afterAll(async () => {
    await index?.stop();
    await db?.drop();
  });
  beforeEach(async () => {
    await index.db.dataSource.query('TRUNCATE agency_record, child, feed_cursor CASCADE');
  });

  it('normalises names for the deterministic key', () => {
    expect(normalizeName("  O'Brien-Núñez ")).toBe('obriennunez');
    expect(deterministicKey({ givenName: 'ANA', familyName: 'lopez', birthDate: '2012-03-04' })).toBe(
      deterministicKey({ givenName: 'Ana', familyName: 'López', birthDate: '2012-03-04' }),
    );
    expect(deterministicKey({ givenName: 'Ana', familyName: null, birthDate: '2012-03-04' })).toBeNull();
    expect(
      deterministicKey({
        givenName: 'Ana',
        familyName: 'Lopez',
        birthDate: '2012-03-04',
        sealedAdoption: true,
      }),
    ).toBeNull();
  });

  it('links records of three agencies that agree on name and birth date into one child', async () => {
    await index.links.ingestPage('CHILD_WELFARE', [record('CHILD_WELFARE', { givenName: 'ANA' })], 'c1');
    await index.links.ingestPage('EDUCATION', [record('EDUCATION', { familyName: 'Lopez' })], 'c1');
    await index.links.ingestPage('HOUSING', [record('HOUSING')], 'c1');
    const groups = await childrenOf();
    expect(groups).toHaveLength(1);
    expect(groups[0].n).toBe(3);
    const [child] = await index.db.dataSource.query('SELECT given_name, family_name, birth_date FROM child');
    expect(child).toEqual({ given_name: 'Ana', family_name: 'López', birth_date: '2012-03-04' });
  });

  it('keeps apart records that differ, or lack a field, or are under a sealed adoption', async () => {
    await index.links.ingestPage(
      'CHILD_WELFARE',
      [
        record('CHILD_WELFARE'),
        record('CHILD_WELFARE', { birthDate: '2012-04-03' }),
        record('CHILD_WELFARE', { birthDate: null }),
        record('CHILD_WELFARE', { sealedAdoption: true }),
      ],
      'c1',
    );
    expect(await childrenOf()).toHaveLength(4);
  });

  it('is idempotent when a page is taken in again, and moves a record whose key changed', async () => {
    const a = record('CHILD_WELFARE');
    const b = record('EDUCATION');
    await index.links.ingestPage('CHILD_WELFARE', [a], 'c1');
    await index.links.ingestPage('EDUCATION', [b], 'c1');
    await index.links.ingestPage('EDUCATION', [b], 'c1');
    expect(await childrenOf()).toHaveLength(1);
    await index.links.ingestPage('EDUCATION', [{ ...b, givenName: 'Maria', changeSeq: 2 }], 'c2');
    const groups = await childrenOf();
    expect(groups.map((g: { n: number }) => g.n)).toEqual([1, 1]);
    const [{ n }] = await index.db.dataSource.query('SELECT count(*)::int AS n FROM child');
    expect(n).toBe(2);
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
});
