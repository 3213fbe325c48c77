import { startTestPlatform, type TestPlatform } from './helpers';

const RECORDS = 400;
const BATCH = 10;
const CLIENTS = 4;
const BATCH_UPSERT = `mutation($r: [ProbationYouthInput!]!) {
  upsertProbationYouths(records: $r) { accepted rejected rows { index id errors { field code } } } }`;
const writer = { roles: ['INTEGRATION' as const], purposeOfUse: 'OPERATIONS' as const };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every 50th record is invalid (30 February): a per-row failure, whatever the faults. */
const invalid = (i: number) => i % 50 === 0;
const record = (i: number) => ({
  sourceSystem: 'LOAD',
  externalId: `l-${i}`,
  givenName: `G${i}`,
  familyName: 'Load',
  birthDate: invalid(i) ? '2010-02-30' : '2010-05-06',
});

type Outcome = { acked: Set<number>; failed: Map<number, string> };

describe('ingest through the gateway while the agency subgraph restarts', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform({ env: { SUBGRAPH_TIMEOUT_MS: '5000' } });
  });
  afterAll(async () => p?.dispose());

  /** Sends the records in batches from a few concurrent clients; each record ends acknowledged
   *  (a row with an id) or failed (a batch error or a row error), with the reason. */
  async function ingest(ids: number[], onBatch?: (o: Outcome) => void): Promise<Outcome> {
    const out: Outcome = { acked: new Set(), failed: new Map() };
    const queue: number[][] = [];
    for (let i = 0; i < ids.length; i += BATCH) queue.push(ids.slice(i, i + BATCH));
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let batch = queue.shift(); batch; batch = queue.shift()) {
          const res = await p.gql('PROBATION', BATCH_UPSERT, { r: batch.map(record) }, writer);
          const result = res.body.data?.upsertProbationYouths;
          if (result) {
            for (const row of result.rows as Array<{
              index: number;
              id: string | null;
              errors: Array<{ code: string }>;
            }>) {
              const i = batch[row.index]!;
              if (row.id && !row.errors.length) out.acked.add(i);
              else out.failed.set(i, row.errors.map((e) => e.code).join(','));
            }
            expect(result.rows).toHaveLength(batch.length);
          } else {
            const code = res.body.errors?.[0]?.extensions?.code ?? `HTTP ${res.status}`;
            for (const i of batch) out.failed.set(i, code);
            await sleep(100); // a client backs off after a failed call
          }
          onBatch?.(out);
        }
      }),
    );
    return out;
  }

  const stored = async () =>
    (await p.agencies.PROBATION!.db.dataSource.query(
      `SELECT external_id, count(*)::int AS n FROM youth WHERE source_system = 'LOAD' GROUP BY external_id`,
    )) as Array<{ external_id: string; n: number }>;

  it('stores every acknowledged record once, reports every other as failed, and converges on retry', async () => {
    const all = Array.from({ length: RECORDS }, (_, i) => i + 1);
    let phase: 'before' | 'down' | 'up' = 'before';
    let restarted: Promise<void> = Promise.resolve();
    let failuresAtStop = 0;
    const first = await ingest(all, (o) => {
      if (phase === 'before' && o.acked.size >= 80) {
        phase = 'down';
        failuresAtStop = o.failed.size;
        restarted = p.stopSubgraph('probation');
      } else if (phase === 'down' && o.failed.size - failuresAtStop >= 3 * BATCH) {
        phase = 'up';
        restarted = restarted.then(() => p.restartSubgraph('probation'));
      }
    });
    await restarted;
    expect(phase).toBe('up');

    // Every record has exactly one outcome, and the outage was reported as such, typed.
    expect(first.acked.size + first.failed.size).toBe(RECORDS);
    const reasons = new Set(first.failed.values());
    expect(
      [...reasons].every((r) => ['SUBGRAPH_UNAVAILABLE', 'SUBGRAPH_TIMEOUT', 'INVALID_DATE'].includes(r)),
    ).toBe(true);
    expect(reasons.has('SUBGRAPH_UNAVAILABLE') || reasons.has('SUBGRAPH_TIMEOUT')).toBe(true);
    for (const i of all.filter(invalid)) expect(first.failed.get(i)).toMatch(/INVALID_DATE|SUBGRAPH_/);
    // Records after the restart were acknowledged again: the service recovered on its own.
    expect(first.acked.size).toBeGreaterThan(80);

    // Every acknowledged record is stored exactly once; nothing invalid is stored.
    let rows = await stored();
    const count = new Map(rows.map((r) => [r.external_id, r.n]));
    for (const i of first.acked) expect(count.get(`l-${i}`)).toBe(1);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    for (const i of all.filter(invalid)) expect(count.has(`l-${i}`)).toBe(false);

    // Retrying the failed ones (idempotent upserts) converges on exactly the valid set.
    const retry = await ingest([...first.failed.keys()].sort((a, b) => a - b));
    expect([...retry.failed.entries()].filter(([, r]) => r !== 'INVALID_DATE')).toEqual([]);
    expect([...retry.failed.keys()].sort((a, b) => a - b)).toEqual(all.filter(invalid));
    rows = await stored();
    expect(rows.map((r) => r.external_id).sort()).toEqual(
      all
        .filter((i) => !invalid(i))
        .map((i) => `l-${i}`)
        .sort(),
    );
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });
});
