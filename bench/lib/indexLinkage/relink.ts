/** The operator's full re-link, `npm run link -- --all`, run as a child process. */
import { spawn } from 'node:child_process';
import path from 'node:path';

/** The repository's root, where `npm run link` runs (bench/lib/indexLinkage → three up). */
const ROOT = path.resolve(__dirname, '..', '..', '..');

/** `npm run link -- --all` against `databaseUrl`, as a child process; resolves to its last line. */
export function runRelinkCommand(databaseUrl: string, log: (line: string) => void): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
  delete env.CHILD_INDEX_DATABASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'link', '--', '--all'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      const lines = stdout.split('\n').filter((l) => l.trim());
      for (const l of lines) log(`  npm run link -- --all: ${l}`);
      if (code === 0) resolve(lines[lines.length - 1] ?? '');
      else
        reject(
          new Error(
            `npm run link -- --all exited with ${code}: ${(
              stderr
                .split(/[\r\n]/)
                .filter(Boolean)
                .pop() ?? stdout
            ).slice(0, 500)}`,
          ),
        );
    });
  });
}
