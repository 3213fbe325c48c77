import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { verifyAllTrails } from '../../scripts/auditVerify';
import { put } from './consentFixture';
import { startTestPlatform, type TestPlatform } from './helpers';

/** What PostgreSQL says when a role lacks a privilege or does not own the object. */
const REFUSED = /permission denied|must be owner|must be superuser/;

/** Each subgraph's pool connects as its own role, which owns nothing (README "Database roles"):
 *  the audit trails are SELECT-only for it, so neither a bug nor an insider with the service's
 *  connection can rewrite, empty or switch off a trail, change the schema or read another
 *  subgraph's tables — while audited reads still append their rows through the definer function. */
describe('least privilege in the database', () => {
  let p: TestPlatform;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wc-dbroles-'));
  const cw = () => p.agencies.CHILD_WELFARE!.db.dataSource;
  const index = () => p.index.db.dataSource;
  const count = async (ds: DataSource, table: string) =>
    ((await ds.query(`SELECT count(*)::int AS n FROM ${table}`)) as [{ n: number }])[0].n;

  beforeAll(async () => {
    p = await startTestPlatform({ env: { AUDIT_CHECKPOINT_DIR: dir } });
    await put(p, 'CHILD_WELFARE', 'ChildWelfarePerson', {
      externalId: 'roles-1',
      givenName: 'Rowan',
      familyName: 'Least',
      birthDate: '2013-05-06',
    });
    await p.syncFeeds();
  }, 120_000);
  afterAll(async () => {
    await p?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('each service is its own login role: no superuser, owner of nothing', async () => {
    const roles = new Set<string>();
    for (const service of [...Object.values(p.agencies), p.index]) {
      const ds = service!.db.dataSource;
      const [me] = await ds.query(
        `SELECT current_user AS name, rolsuper, rolcreatedb, rolcreaterole, rolinherit, rolbypassrls
           FROM pg_roles WHERE rolname = current_user`,
      );
      expect(me).toEqual({
        name: service!.db.role,
        rolsuper: false,
        rolcreatedb: false,
        rolcreaterole: false,
        rolinherit: false,
        rolbypassrls: false,
      });
      const [{ owned }] = await ds.query(
        `SELECT (SELECT count(*) FROM pg_class WHERE relowner = r.oid)
              + (SELECT count(*) FROM pg_proc WHERE proowner = r.oid)
              + (SELECT count(*) FROM pg_namespace WHERE nspowner = r.oid) AS owned
           FROM pg_roles r WHERE rolname = current_user`,
      );
      expect(Number(owned)).toBe(0);
      roles.add(me.name);
    }
    expect(roles.size).toBe(6);
  });

  it.each([
    ['UPDATE', `UPDATE audit_event SET actor = 'nobody'`],
    ['DELETE', `DELETE FROM audit_event`],
    ['TRUNCATE', `TRUNCATE audit_event`],
    ['INSERT past the chain', `INSERT INTO audit_event (at) VALUES (now())`],
    ['switching the trigger off', `ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update`],
    ['dropping the trail', `DROP TABLE audit_event`],
    ['replacing the append function', `ALTER FUNCTION audit_append SECURITY INVOKER`],
    ['skipping triggers for the session', `SET session_replication_role = replica`],
    ['taking ids of the trail', `SELECT nextval('audit_event_id_seq')`],
    ['creating a table in its schema', `CREATE TABLE sneaky (id int)`],
    ["reading another subgraph's schema", `SELECT count(*) FROM child_index.agency_record`],
    ['making itself superuser', `ALTER ROLE current_user SUPERUSER`],
  ])("child welfare's own connection is refused %s", async (_what, sql) => {
    await expect(cw().query(sql)).rejects.toThrow(REFUSED);
  });

  it.each([
    ['UPDATE', `UPDATE index_access_event SET actor = 'nobody'`],
    ['DELETE', `DELETE FROM index_access_event`],
    ['TRUNCATE', `TRUNCATE index_access_event`],
    ['INSERT past the chain', `INSERT INTO index_access_event (at) VALUES (now())`],
    [
      'switching the trigger off',
      `ALTER TABLE index_access_event DISABLE TRIGGER index_access_event_no_update`,
    ],
    ['dropping the trail', `DROP TABLE index_access_event`],
    ['rewriting the link history', `UPDATE link_event SET reason = 'x'`],
    ['deleting the link history', `DELETE FROM link_event`],
    ['emptying the link history', `TRUNCATE link_event`],
    ['emptying the links', `TRUNCATE agency_record CASCADE`],
    ['creating a table in its schema', `CREATE TABLE sneaky (id int)`],
    ["reading another subgraph's schema", `SELECT count(*) FROM child_welfare.person`],
  ])("the index's own connection is refused %s", async (_what, sql) => {
    await expect(index().query(sql)).rejects.toThrow(REFUSED);
  });

  it('an audited read through the gateway still appends its rows, and every trail verifies', async () => {
    const [{ child_id: id }] = await index().query(
      `SELECT child_id FROM agency_record WHERE agency = 'CHILD_WELFARE' LIMIT 1`,
    );
    const before = {
      cw: await count(cw(), 'audit_event'),
      index: await count(index(), 'index_access_event'),
    };
    const res = await p.gql(
      'CHILD_WELFARE',
      `query($id: ID!) { child(id: $id) { givenName childWelfare { __typename } } }`,
      {
        id,
      },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.child).toMatchObject({
      givenName: 'Rowan',
      childWelfare: { __typename: 'ChildWelfareSection' },
    });
    expect(await count(cw(), 'audit_event')).toBeGreaterThan(before.cw);
    expect(await count(index(), 'index_access_event')).toBeGreaterThan(before.index);
    const [fn] = await cw().query(
      `SELECT prosecdef, proconfig FROM pg_proc WHERE proname = 'audit_append' AND pronamespace = 'child_welfare'::regnamespace`,
    );
    expect(fn).toEqual({ prosecdef: true, proconfig: ['search_path=child_welfare, pg_temp'] });
    const verified = await verifyAllTrails(p.config, p.databaseUrl);
    expect(verified.broken).toBe(false);
    expect(verified.lines.filter((l) => / ok /.test(l))).toHaveLength(6);
  });
});
