import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { loadConfig, schemaOf, SUBGRAPH_NAMES } from '@wholechild/shared';
import { createTestDatabase, productionEnv } from '@wholechild/shared/testing';
import { Client } from 'pg';
import { migrate, migrationsOf, subgraphsOf } from '../migrate';

const ROOT = path.join(__dirname, '..', '..');

describe('npm run migrate: the owner’s part of every start, and nothing else', () => {
  let db: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('migrates every subgraph, provisions its app role and grants, then finds nothing to do', async () => {
    const config = loadConfig({ ...productionEnv(), DATABASE_URL: db.url });
    const first = await migrate(config);
    expect(first.map((r) => r.subgraph)).toEqual([...SUBGRAPH_NAMES]);
    expect(first.every((r) => r.granted)).toBe(true);
    // never a password in what it prints
    expect(first.every((r) => !r.database.includes(':' + new URL(db.url).password + '@'))).toBe(true);

    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      for (const name of SUBGRAPH_NAMES) {
        const schema = schemaOf(name);
        const { rows } = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${schema}.migrations`,
        );
        // every migration the service's own start would run, run once
        expect(rows[0]!.n).toBe(migrationsOf(name).length);
        const role = first.find((r) => r.subgraph === name)!.role;
        const { rows: can } = await client.query<{ ok: boolean }>(
          `SELECT has_schema_privilege($1, $2, 'USAGE') AS ok`,
          [role, schema],
        );
        expect(can[0]!.ok).toBe(true);
      }
    } finally {
      await client.end();
    }
    // a second run (the next roll-out with no new migration) changes nothing
    const second = await migrate(config);
    expect(second.every((r) => !r.granted)).toBe(true);
  });

  it('migrates only the subgraphs named, and refuses a name that is none', async () => {
    expect(subgraphsOf([])).toEqual([...SUBGRAPH_NAMES]);
    expect(subgraphsOf(['housing', 'child-index'])).toEqual(['housing', 'child-index']);
    expect(() => subgraphsOf(['housing', 'directry'])).toThrow(/not a subgraph: directry/);
  });

  it('as a command: exits 1 without a database or with development secrets in production, naming what is wrong', () => {
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts', 'housing'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', ...env },
        encoding: 'utf8',
        timeout: 60_000,
      });
    const noDb = run(productionEnv());
    expect(noDb.status).toBe(1);
    expect(noDb.stderr).toMatch(/housing: no database: set HOUSING_DATABASE_URL or DATABASE_URL/);
    const weak = run({ HOUSING_DATABASE_URL: db.url });
    expect(weak.status).toBe(1);
    expect(weak.stderr).toMatch(/Production mode refuses/);
    const ok = run({ ...productionEnv(), HOUSING_DATABASE_URL: db.url });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(
      /^housing\s+(migrated|current)\s+role \w+_housing_app\s+postgres:\/\/postgres@/m,
    );
  });

  it('the audit verification runs as deploy/’s CronJob runs it: each subgraph’s own URL, no fallback database', () => {
    const urls = Object.fromEntries(
      SUBGRAPH_NAMES.map((n) => [`${n.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`, db.url]),
    );
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/auditVerify.ts'], {
      cwd: ROOT,
      // no DATABASE_URL, and no embedded PostgreSQL to fall back on
      env: {
        PATH: process.env.PATH ?? '',
        ...productionEnv(),
        ...urls,
        EMBEDDED_PG_DIR: '/nonexistent/wholechild',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^databases: each subgraph's own \(<NAME>_DATABASE_URL\)$/m);
    expect(r.stdout).toMatch(/^HOUSING\s+ok\s+0 events, chain intact/m);
  });
});
