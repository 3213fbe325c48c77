import { Client } from 'pg';
import { AUDIT_APPEND_FUNCTION_SQL, AUDIT_TABLE_SQL } from '../src/access/audit';
import { openSubgraphDatabase } from '../src/db/dataSource';
import { GRANT_STATE_TABLE } from '../src/db/grantState';
import { migrateAsOwner } from '../src/db/owner';
import { appRoleName } from '../src/db/roles';
import { createTestDatabase } from '../src/testing';

/** A subgraph's migrations in small: a plain table and the audit trail; then one more table. */
class Tables1700000000000 {
  name = 'Tables1700000000000';
  async up(q: { query(sql: string): Promise<unknown> }) {
    await q.query('CREATE TABLE thing (id serial PRIMARY KEY, name text)');
    for (const sql of [...AUDIT_TABLE_SQL, AUDIT_APPEND_FUNCTION_SQL]) await q.query(sql);
  }
  async down() {}
}
class MoreTables1700000000001 {
  name = 'MoreTables1700000000001';
  async up(q: { query(sql: string): Promise<unknown> }) {
    await q.query('CREATE TABLE later_thing (id serial PRIMARY KEY, name text)');
  }
  async down() {}
}

const KEY = 'test-db-role-key-0123456789abcdef0123456789';
const FIRST = [Tables1700000000000];

/** What a start changes in the catalogue when it provisions and grants: the role's row (ALTER
 *  ROLE), the table's row (REVOKE/GRANT rewrite its ACL) and the fingerprint row. A start that
 *  skips the work leaves all three as they were. */
const TRACES = `SELECT (SELECT xmin::text FROM pg_authid WHERE rolname = $1) AS role_row,
                       (SELECT xmin::text FROM pg_class WHERE oid = 'things.thing'::regclass) AS table_row,
                       (SELECT fingerprint || ' ' || granted_at FROM things.${GRANT_STATE_TABLE} WHERE role = $1) AS stored`;

describe('the owner skips a start whose fingerprint is unchanged', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let owner: Client;
  let role: string;
  const start = (migrations: Function[] = FIRST, key = KEY) =>
    migrateAsOwner({ url: db.url, roles: { key }, schema: 'things', migrations });
  const traces = async () => (await owner.query(TRACES, [role])).rows[0] as Record<string, string>;
  /** A connection as the app role, as the service's pool makes it. */
  const asApp = async <T>(f: (c: Client) => Promise<T>, migrations: Function[] = FIRST): Promise<T> => {
    const d = await openSubgraphDatabase({
      url: db.url,
      roles: { key: KEY },
      schema: 'things',
      entities: [],
      migrations,
    });
    try {
      return await f({ query: (sql: string) => d.dataSource.query(sql) } as unknown as Client);
    } finally {
      await d.close();
    }
  };

  beforeEach(async () => {
    db = await createTestDatabase();
    role = appRoleName(new URL(db.url).pathname.slice(1), 'things');
    owner = new Client({ connectionString: db.url });
    await owner.connect();
  });
  afterEach(async () => {
    await owner.end();
    await db.drop();
  });

  it('a second start with nothing changed neither provisions nor grants', async () => {
    expect((await start()).granted).toBe(true);
    const before = await traces();
    expect(before.stored).toMatch(/^[0-9a-f]{64} /);
    expect((await start()).granted).toBe(false);
    expect(await traces()).toEqual(before);
    // and the service works as granted
    await asApp((c) => c.query(`INSERT INTO thing (name) VALUES ('a')`));
  });

  it('a new migration (a new table) is run and granted on the next start', async () => {
    await start();
    const before = await traces();
    expect((await start([...FIRST, MoreTables1700000000001])).granted).toBe(true);
    expect((await traces()).stored).not.toEqual(before.stored);
    await asApp(
      async (c) => {
        await c.query(`INSERT INTO later_thing (name) VALUES ('b')`);
        await expect(c.query('DELETE FROM audit_event')).rejects.toThrow(/permission denied/);
      },
      [...FIRST, MoreTables1700000000001],
    );
    expect((await start([...FIRST, MoreTables1700000000001])).granted).toBe(false);
  });

  it.each([
    ['a privilege granted by hand', `GRANT TRUNCATE, UPDATE ON things.audit_event TO ROLE_`],
    ['a privilege revoked by hand', `REVOKE INSERT ON things.thing FROM ROLE_`],
    ['the role made able to create databases', `ALTER ROLE ROLE_ CREATEDB`],
    ['the role made member of the owner', `GRANT postgres TO ROLE_`],
    ['the append function made SECURITY INVOKER', `ALTER FUNCTION things.audit_append SECURITY INVOKER`],
    ['a table made by hand', `CREATE TABLE things.hotfix (id int)`],
    [
      'a default privilege revoked',
      `ALTER DEFAULT PRIVILEGES IN SCHEMA things REVOKE ALL ON TABLES FROM ROLE_`,
    ],
    ['the schema opened to everyone', `GRANT CREATE ON SCHEMA things TO PUBLIC`],
  ])('%s is seen, and the next start grants again', async (_what, sql) => {
    await start();
    const before = await traces();
    await owner.query(sql.replace(/ROLE_/g, role));
    expect((await start()).granted).toBe(true);
    expect((await traces()).stored).not.toEqual(before.stored);
    const [state] = (
      await owner.query(
        `SELECT r.rolcreatedb, p.prosecdef,
                has_table_privilege(r.oid, 'things.audit_event', 'UPDATE') AS audit_update,
                has_table_privilege(r.oid, 'things.thing', 'INSERT') AS thing_insert
           FROM pg_roles r, pg_proc p WHERE r.rolname = $1 AND p.oid = 'things.audit_append'::regproc`,
        [role],
      )
    ).rows;
    // what the grants set is set again (a membership is seen, not undone: the DBA's business)
    expect(state).toEqual({ rolcreatedb: false, prosecdef: true, audit_update: false, thing_insert: true });
    expect((await start()).granted).toBe(false);
  });

  it('a new role key provisions the role again (its password changes)', async () => {
    await start();
    const password = async () =>
      (await owner.query('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [role])).rows[0];
    const before = await password();
    expect((await start(FIRST, `${KEY}-rotated`)).granted).toBe(true);
    expect(await password()).not.toEqual(before);
  });

  it('leaves the app role no right on the owner’s tables (the fingerprints, the migrations)', async () => {
    await start();
    await asApp(async (c) => {
      for (const table of [GRANT_STATE_TABLE, 'migrations']) {
        await expect(c.query(`SELECT * FROM ${table}`)).rejects.toThrow(/permission denied/);
        await expect(c.query(`DELETE FROM ${table}`)).rejects.toThrow(/permission denied/);
      }
    });
  });
});
