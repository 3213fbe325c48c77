import { Client, Pool } from 'pg';
import { DataSource, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { isDatabaseUnavailable } from '../src/db/dataSource';
import { loggableError } from '../src/graphql/plugins';
import { createTestDatabase } from '../src/testing';
import { freePort } from '../src/testing/freePort';

/** What a call throws (the test fails if it does not). */
async function thrown(f: () => Promise<unknown>): Promise<unknown> {
  try {
    await f();
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}

describe('isDatabaseUnavailable', () => {
  it('recognises a database that is down or restarting, through wrappers', () => {
    expect(
      isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    // TypeORM's QueryFailedError keeps the driver's error; PostgreSQL's admin_shutdown is 57P01.
    expect(isDatabaseUnavailable({ message: 'x', driverError: { code: '57P01' } })).toBe(true);
    expect(isDatabaseUnavailable({ message: 'x', driverError: { code: '57P02' } })).toBe(true);
    expect(isDatabaseUnavailable({ message: 'x', code: '57P03' })).toBe(true);
    // every connection exception (SQLSTATE class 08)
    for (const code of ['08000', '08003', '08006', '08001', '08004', '08007', '08P01'])
      expect(isDatabaseUnavailable({ message: 'x', code })).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable({ thrownValue: { code: 'ECONNRESET' } })).toBe(true);
    expect(isDatabaseUnavailable(new QueryRunnerAlreadyReleasedError())).toBe(true);
    // by name, as another copy of typeorm would throw it
    expect(isDatabaseUnavailable({ name: 'QueryRunnerAlreadyReleasedError', message: '?' })).toBe(true);
  });

  it('does not take a bad statement or a constraint for an outage', () => {
    expect(isDatabaseUnavailable({ message: 'syntax error', driverError: { code: '42601' } })).toBe(false);
    expect(isDatabaseUnavailable({ message: 'duplicate key', code: '23505' })).toBe(false);
    expect(
      isDatabaseUnavailable({ message: 'canceling statement due to statement timeout', code: '57014' }),
    ).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

/** The same classifier over errors that pg, pg-pool and TypeORM really throw, provoked on the
 *  test run's PostgreSQL (and on a closed port). */
describe('isDatabaseUnavailable on real driver errors', () => {
  let url: string;
  let drop: () => Promise<void>;
  let ds: DataSource;
  beforeAll(async () => {
    const db = await createTestDatabase();
    url = db.url;
    drop = db.drop;
    ds = new DataSource({ type: 'postgres', url, extra: { max: 4 } });
    await ds.initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await drop?.();
  });

  /** Terminates the backend of `pid` from another connection (what a restart or an operator does). */
  async function terminate(pid: number): Promise<void> {
    const admin = new Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(
        // only a backend of this test's own database: a pid the server has since given to another
        // test's connection (a reused pid) is never ended
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = $1 AND datname = current_database()',
        [pid],
      );
    } finally {
      await admin.end();
    }
  }

  it('a refused connection (ECONNREFUSED) is an outage', async () => {
    const port = await freePort();
    const e = await thrown(async () => {
      const c = new Client({ host: '127.0.0.1', port, user: 'postgres', connectionTimeoutMillis: 2000 });
      await c.connect();
    });
    expect((e as { code?: string }).code).toBe('ECONNREFUSED');
    expect(isDatabaseUnavailable(e)).toBe(true);
  });

  it('a statement whose backend is terminated (57P01, through QueryFailedError) is an outage', async () => {
    const runner = ds.createQueryRunner();
    await runner.connect();
    const [{ pid }] = await runner.query('SELECT pg_backend_pid() AS pid');
    const client = (runner as unknown as { databaseConnection: Client }).databaseConnection;
    const ended = new Promise((r) => client.once('end', r));
    const running = thrown(() => runner.query('SELECT pg_sleep(10)'));
    await new Promise((r) => setTimeout(r, 200));
    await terminate(pid);
    const e = await running;
    expect((e as Error).name).toBe('QueryFailedError');
    expect((e as { driverError?: { code?: string } }).driverError?.code).toBe('57P01');
    expect(isDatabaseUnavailable(e)).toBe(true);
    // released only once the driver has seen the connection end: the pool then drops it rather
    // than hand the dead connection to the next test (which then failed at its first statement)
    await ended;
    await runner.release();
  });

  it('a transaction whose connection died between statements (the runner released itself) is an outage', async () => {
    const runner = ds.createQueryRunner();
    await runner.startTransaction();
    const [{ pid }] = await runner.query('SELECT pg_backend_pid() AS pid');
    const client = (runner as unknown as { databaseConnection: Client }).databaseConnection;
    const broke = new Promise((r) => client.once('error', r));
    await terminate(pid);
    await broke;
    // TypeORM releases the runner once the driver reports the broken connection: wait for it (on a
    // loaded machine that takes a moment), then the next statement meets the released runner
    for (let i = 0; i < 100 && !runner.isReleased; i++) await new Promise((r) => setTimeout(r, 20));
    const e = await thrown(() => runner.query('SELECT 1'));
    expect((e as Error).name).toBe('QueryRunnerAlreadyReleasedError');
    expect(isDatabaseUnavailable(e)).toBe(true);
    await runner.rollbackTransaction().catch(() => undefined);
    await runner.release().catch(() => undefined);
  });

  it("a pool with no free connection in time (pg-pool's timeout) is an outage", async () => {
    const pool = new Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 100 });
    const held = await pool.connect();
    const e = await thrown(() => pool.connect());
    expect(isDatabaseUnavailable(e)).toBe(true);
    held.release();
    await pool.end();
    // a pool already ended (a service shutting down)
    expect(isDatabaseUnavailable(await thrown(() => pool.query('SELECT 1')))).toBe(true);
  });

  it('a bad statement, a constraint and a bad uuid are not outages', async () => {
    await ds.query('CREATE TABLE IF NOT EXISTS t_unique (k int PRIMARY KEY)');
    await ds.query('INSERT INTO t_unique VALUES (1) ON CONFLICT DO NOTHING');
    for (const sql of ['SELEC 1', 'INSERT INTO t_unique VALUES (1)', "SELECT 'nope'::uuid"]) {
      const e = await thrown(() => ds.query(sql));
      expect((e as Error).name).toBe('QueryFailedError');
      expect(isDatabaseUnavailable(e)).toBe(false);
    }
  });
});

describe('loggableError', () => {
  it('logs a bug with its message and stack, a subgraph error (JSON) with its message and code', () => {
    const bug = loggableError(new TypeError('boom'), 'masked error') as Record<string, unknown>;
    expect(bug).toMatchObject({ name: 'TypeError', message: 'boom' });
    expect(String(bug.stack)).toMatch(/TypeError: boom/);
    const downstream = loggableError(
      { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'r-1' } },
      'masked error',
    );
    expect(downstream).toEqual({
      message: 'Internal server error',
      code: 'INTERNAL_SERVER_ERROR',
      subgraphRequestId: 'r-1',
    });
    expect(JSON.stringify(downstream)).not.toContain('[object Object]');
  });
});
