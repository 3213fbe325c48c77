import { Client } from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import { captureLogs, startTestPlatform, type TestPlatform } from './helpers';

const BATCH_UPSERT = `mutation($r: [ProbationYouthInput!]!) {
  upsertProbationYouths(records: $r) { accepted rejected rows { index id } } }`;
const writer = { roles: ['INTEGRATION' as const], purposeOfUse: 'OPERATIONS' as const };
const batch = (prefix: string, n = 20) =>
  Array.from({ length: n }, (_, i) => ({
    sourceSystem: 'LOST',
    externalId: `${prefix}-${i}`,
    givenName: `G${i}`,
    familyName: 'Lost',
  }));

/** A batch write whose transaction loses its database connection half way (its backend is
 *  terminated, as a crash or restart of PostgreSQL does, after START TRANSACTION and before the
 *  INSERT): the caller is told DATABASE_UNAVAILABLE (retryable), not an internal error, nothing
 *  of the batch is stored, and no log line says "[object Object]". */
describe('a write whose transaction loses its connection mid-batch', () => {
  let p: TestPlatform;
  let ds: DataSource;
  const { lines, raw, logger } = captureLogs();

  beforeAll(async () => {
    p = await startTestPlatform({ logger });
    ds = p.agencies.PROBATION!.db.dataSource;
  });
  afterAll(async () => p?.dispose());

  /** The next transaction that inserts into `youth` first has `fault` done to it. */
  function onNextYouthInsert(fault: (runner: QueryRunner) => Promise<void>): void {
    const create = ds.createQueryRunner.bind(ds);
    let armed = true;
    ds.createQueryRunner = (...a: Parameters<DataSource['createQueryRunner']>) => {
      const runner = create(...a);
      const query = runner.query.bind(runner) as (
        sql: string,
        p?: unknown[],
        s?: boolean,
      ) => Promise<unknown>;
      runner.query = (async (sql: string, params?: unknown[], structured?: boolean) => {
        if (armed && runner.isTransactionActive && /^\s*INSERT INTO\s+\S*youth\b/i.test(sql)) {
          armed = false;
          ds.createQueryRunner = create;
          await fault(runner);
        }
        return query(sql, params, structured);
      }) as QueryRunner['query'];
      return runner;
    };
  }

  /** Terminates the runner's backend from another connection and waits until its client knows. */
  async function terminateBackend(runner: QueryRunner): Promise<void> {
    const client = (runner as unknown as { databaseConnection: Client }).databaseConnection;
    const broke = new Promise((r) => client.once('error', r));
    const admin = new Client({ connectionString: (ds.options as { url: string }).url });
    await admin.connect();
    try {
      const [{ pid }] = await runner.query('SELECT pg_backend_pid() AS pid');
      await admin.query(
        // only a backend of this test's own database: a pid the server has since given to another
        // test's connection (a reused pid) is never ended
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = $1 AND datname = current_database()',
        [pid],
      );
    } finally {
      await admin.end();
    }
    await broke;
  }

  const stored = async (prefix: string) =>
    (
      await ds.query(
        `SELECT count(*)::int AS n FROM youth WHERE source_system = 'LOST' AND external_id LIKE $1`,
        [`${prefix}-%`],
      )
    )[0].n as number;

  it('answers DATABASE_UNAVAILABLE, stores nothing of the batch, and a retry stores it once', async () => {
    onNextYouthInsert(terminateBackend);
    const res = await p.gql('PROBATION', BATCH_UPSERT, { r: batch('a') }, writer);
    expect(res.body.data?.upsertProbationYouths ?? null).toBeNull();
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'DATABASE_UNAVAILABLE', subgraph: 'probation' }),
      }),
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/released|INSERT|terminat|stack/i);
    expect(await stored('a')).toBe(0);

    // The subgraph logged the fault with its message, as a fault.
    const requestId = res.body.errors[0].extensions.requestId as string;
    const line = lines.find((l) => l.requestId === requestId && l.msg === 'database unavailable');
    expect(line?.err).toMatch(/Query runner already released/);

    // The same call again (upserts are idempotent) succeeds on a fresh connection.
    const retry = await p.gql('PROBATION', BATCH_UPSERT, { r: batch('a') }, writer);
    expect(retry.body.errors).toBeUndefined();
    expect(retry.body.data.upsertProbationYouths.accepted).toBe(20);
    expect(await stored('a')).toBe(20);
    expect(raw.join('\n')).not.toContain('[object Object]');
  });

  it('a bug in a write stays an internal error, and the gateway logs it with its message', async () => {
    onNextYouthInsert(async () => {
      throw new TypeError('a bug, not a fault');
    });
    const res = await p.gql('PROBATION', BATCH_UPSERT, { r: batch('b') }, writer);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'INTERNAL_SERVER_ERROR' }) }),
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/a bug|TypeError|stack/);
    expect(await stored('b')).toBe(0);
    const requestId = res.body.errors[0].extensions.requestId as string;
    const atGateway = lines.find(
      (l) => l.service === 'gateway' && l.requestId === requestId && l.msg === 'masked error',
    );
    expect(atGateway?.err).toMatchObject({ message: 'Internal server error', code: 'INTERNAL_SERVER_ERROR' });
    expect(atGateway?.subgraph).toBe('probation');
    const atSubgraph = lines.find((l) => l.service === 'probation' && l.msg === 'masked error');
    expect(atSubgraph?.err).toMatchObject({ name: 'TypeError', message: 'a bug, not a fault' });
    expect(raw.join('\n')).not.toContain('[object Object]');
  });
});
