import fs from 'node:fs';
import path from 'node:path';
import { createTestDatabase } from '@wholechild/shared/testing';
import { BenchContext, SMOKE } from '../lib/context';
import { formatTable, type BenchResult } from '../lib/report';
import {
  countyDataset,
  formatIndexLinkage,
  HOUSEHOLDS_DIR,
  loadHouseholds,
  runIndexLinkage,
  sliceByPerson,
  SMOKE_INDEX_RECORDS,
} from '../linkageIndex';
import { BENCHES } from '../run';

/** Every benchmark module runs end to end with tiny counts (services as separate processes, the
 *  seeded county, each figure produced). No timing is asserted: figures depend on the machine.
 *  The linkage benchmark's in-memory part has no small size (`npm run bench:linkage` runs it alone);
 *  its running-index part runs here on a slice. */
describe('benchmarks (smoke, tiny counts)', () => {
  let db: { url: string; drop(): Promise<void> };
  let ctx: BenchContext;
  const results: BenchResult[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = await BenchContext.open(SMOKE, db.url);
  });
  afterAll(async () => {
    await ctx?.close();
    await db?.drop();
  });

  it.each(['view', 'page', 'gateways', 'ingest', 'memory', 'cost', 'analytics', 'scale'])(
    '%s runs and reports its figures',
    async (name) => {
      const result = await BENCHES[name]!.run(ctx);
      results.push(result);
      expect(result.bench).toBe(name);
      expect(result.figures.length).toBeGreaterThan(0);
      for (const f of result.figures) {
        expect(f.bench).toBe(name);
        if (f.target !== undefined && !f.name.includes('no answer'))
          expect(Number.isFinite(f.value)).toBe(true);
      }
      expect(formatTable(result.figures)).toContain(result.figures[0]!.name);
    },
    300_000,
  );

  it('counts the same SQL statements per subgraph for a small and a large page (batching)', () => {
    const page = results.find((r) => r.bench === 'page')!;
    for (const f of page.figures.filter((x) => x.name.startsWith('SQL statements')))
      expect(f.pass).toBe(true);
  });

  it('every gateway answers the view, each with our gateway’s answer (Hive Gateway included)', () => {
    const gateways = results.find((r) => r.bench === 'gateways')!;
    expect(gateways.figures.filter((f) => f.name.includes('no answer')).map((f) => f.name)).toEqual([]);
    const same = gateways.figures.filter((f) => f.target === 'same answer as ours');
    expect(same.map((f) => f.name)).toEqual([
      expect.stringMatching(/^bare @apollo\/gateway/),
      expect.stringMatching(/^Hive Gateway/),
    ]);
    for (const f of same) expect(f.pass).toBe(true);
  });

  it('linkage through the running index: a small slice ingested, pulled, re-linked and scored', async () => {
    const households = fs.existsSync(path.join(HOUSEHOLDS_DIR, 'records.csv'));
    const slice = sliceByPerson(households ? loadHouseholds() : countyDataset(100), SMOKE_INDEX_RECORDS);
    // two records the agency's validation refuses (a birth date in the future, a sex code it does
    // not know): counted as rejected, scored as children of their own
    const base = slice.records[0]!;
    const bad = [
      { ...base, recordId: 'BAD-DOB', birthDate: '2999-01-01' },
      { ...base, recordId: 'BAD-SEX', sex: 'Q' },
    ];
    const ds = {
      ...slice,
      records: [...slice.records, ...bad],
      truth: new Map([...slice.truth, ['BAD-DOB', 'bad-1'], ['BAD-SEX', 'bad-2']]),
    };
    const indexDb = await createTestDatabase();
    try {
      const r = await runIndexLinkage(ds, { databaseUrl: indexDb.url, log: () => undefined });
      expect(r.records).toBe(ds.records.length);
      expect(r.rejected).toBe(2);
      expect(r.rejectedExamples.map((x) => [x.recordId, x.errors])).toEqual([
        ['BAD-DOB', expect.stringMatching(/^birthDate /)],
        ['BAD-SEX', expect.stringMatching(/^sex INVALID_ENUM/)],
      ]);
      expect(r.relinkSummary).toMatch(/^re-linked \d+ records/);
      for (const [phase, clusters] of [
        [r.incremental, r.clusters.incremental],
        [r.relinked, r.clusters.relinked],
      ] as const) {
        expect(phase.records).toBe(ds.records.length);
        expect(phase.notInIndex).toBe(0);
        expect(phase.trueChildren).toBe(new Set(ds.truth.values()).size);
        for (const v of [phase.precision, phase.recall, phase.f1]) expect(Number.isFinite(v)).toBe(true);
        expect(clusters.get('BAD-DOB')).toBe('alone:BAD-DOB');
      }
      expect(r.relinked.modelTrainedOn).toBe(slice.records.length);
      expect(formatIndexLinkage(r, true).join('\n')).toMatch(/after re-link/);
    } finally {
      await indexDb.drop();
    }
  }, 120_000);

  it('ingest is idempotent through the gateway and the bulk path', () => {
    const ingest = results.find((r) => r.bench === 'ingest')!;
    for (const f of ingest.figures.filter((x) => /again/.test(x.name))) expect(f.pass).toBe(true);
  });
});
