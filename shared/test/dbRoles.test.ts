import { Client } from 'pg';
import { AUDIT_APPEND_FUNCTION_SQL, AUDIT_TABLE_SQL } from '../src/access/audit';
import { openSubgraphDatabase, type SubgraphDatabase } from '../src/db/dataSource';
import { appRoleName, appRolePassword, withCredentials } from '../src/db/roles';
import { createTestDatabase } from '../src/testing';

/** A subgraph's migrations in small: a plain table and the audit trail. */
class Tables1700000000000 {
  name = 'Tables1700000000000';
  async up(q: { query(sql: string): Promise<unknown> }) {
    await q.query('CREATE TABLE thing (id serial PRIMARY KEY, name text)');
    for (const sql of [...AUDIT_TABLE_SQL, AUDIT_APPEND_FUNCTION_SQL]) await q.query(sql);
  }
  async down() {}
}

const KEY = 'test-db-role-key-0123456789abcdef0123456789';
const open = (url: string, roles: { key?: string; appUrl?: string } = { key: KEY }) =>
  openSubgraphDatabase({ url, roles, schema: 'things', entities: [], migrations: [Tables1700000000000] });

async function asAdmin<T>(url: string, f: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

describe('app database roles', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const opened: SubgraphDatabase[] = [];
  const database = () => new URL(db.url).pathname.slice(1);
  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    for (const d of opened.splice(0)) await d.close();
    await db.drop();
  });

  it('names each role after its database and schema, within 63 bytes', () => {
    expect(appRoleName('wholechild', 'child_welfare')).toBe('wholechild_child_welfare_app');
    const long = (end: string) =>
      appRoleName(`a_database_with_a_rather_long_name_${end}`, 'behavioral_health');
    expect(long('1').length).toBeLessThanOrEqual(63);
    expect(long('1')).toMatch(/_app$/);
    expect(long('1')).not.toBe(long('2'));
  });

  it('provisions the role once however many start together, with its derived password, and drops it with the database', async () => {
    const both = await Promise.all([open(db.url), open(db.url)]);
    opened.push(...both);
    const role = appRoleName(database(), 'things');
    expect(both.map((d) => d.role)).toEqual([role, role]);
    for (const d of both) {
      await d.dataSource.query(`INSERT INTO thing (name) VALUES ('a')`);
      const [{ me }] = await d.dataSource.query('SELECT current_user AS me');
      expect(me).toBe(role);
    }
    const [stored] = await asAdmin(
      db.url,
      async (c) =>
        (
          await c.query('SELECT rolpassword IS NOT NULL AS has_password FROM pg_authid WHERE rolname = $1', [
            role,
          ])
        ).rows,
    );
    expect(stored).toEqual({ has_password: true });
    // the URL the pool uses carries the derived password (the embedded server checks it)
    expect((both[0]!.dataSource.options as { url: string }).url).toBe(
      withCredentials(db.url, role, appRolePassword(KEY, role)),
    );
    for (const d of opened.splice(0)) await d.close();
    await db.drop();
    const left = await asAdmin(
      db.url.replace(/\/[^/]*$/, '/postgres'),
      async (c) => (await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount,
    );
    expect(left).toBe(0);
    db = await createTestDatabase(); // for afterEach
  });

  it('grants what an older database holds: tables its owner made before roles existed', async () => {
    await asAdmin(db.url, async (c) => {
      await c.query('CREATE SCHEMA things');
      await c.query('CREATE TABLE things.made_earlier (id int)');
    });
    const d = await open(db.url);
    opened.push(d);
    await d.dataSource.query('INSERT INTO made_earlier VALUES (1)');
    expect(await d.dataSource.query('SELECT id FROM made_earlier')).toEqual([{ id: 1 }]);
    await expect(d.dataSource.query('TRUNCATE made_earlier')).rejects.toThrow(/permission denied/);
  });

  it("uses a role a DBA made as given (no provisioning), and refuses the owner's own as the app's", async () => {
    const role = `${database()}_dba_made`;
    await asAdmin(db.url, (c) => c.query(`CREATE ROLE ${role} LOGIN PASSWORD 'chosen-by-the-dba'`));
    try {
      const hash = async () =>
        asAdmin(
          db.url,
          async (c) => (await c.query('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [role])).rows,
        );
      const before = await hash();
      const d = await open(db.url, { appUrl: withCredentials(db.url, role, 'chosen-by-the-dba') });
      opened.push(d);
      expect(d.role).toBe(role);
      await d.dataSource.query(`INSERT INTO thing (name) VALUES ('b')`);
      await expect(d.dataSource.query(`DELETE FROM audit_event`)).rejects.toThrow(/permission denied/);
      expect(await hash()).toEqual(before);
      await expect(open(db.url, { appUrl: db.url })).rejects.toThrow(/may not be the owner/);
      await expect(open(db.url, {})).rejects.toThrow(/DB_ROLE_KEY/);
    } finally {
      for (const d of opened.splice(0)) await d.close();
      await db.drop();
      await asAdmin(db.url.replace(/\/[^/]*$/, '/postgres'), (c) => c.query(`DROP ROLE ${role}`));
      db = await createTestDatabase();
    }
  });
});
