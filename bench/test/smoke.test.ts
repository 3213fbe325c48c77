import { createTestDatabase } from '@wholechild/shared/src/testing';
import { BenchContext, SMOKE } from '../lib/context';
import { formatTable, type BenchResult } from '../lib/report';
import { BENCHES } from '../run';

/** Every benchmark module runs end to end with tiny counts (services as separate processes, the
 *  seeded county, each figure produced). No timing is asserted: figures depend on the machine.
 *  The linkage benchmark has no small size; `npm run bench:linkage` runs it alone. */
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

  it.each(['view', 'page', 'gateways', 'ingest', 'memory'])(
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

  it('ingest is idempotent through the gateway and the bulk path', () => {
    const ingest = results.find((r) => r.bench === 'ingest')!;
    for (const f of ingest.figures.filter((x) => /again/.test(x.name))) expect(f.pass).toBe(true);
  });
});
