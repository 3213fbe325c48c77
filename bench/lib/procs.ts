import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import type { ServiceStats } from './service';

const SERVICE = path.join(__dirname, 'service.ts');
const ROOT = path.resolve(__dirname, '..', '..');

export interface ServiceProcess {
  what: string;
  pid: number;
  url: string;
  subgraphUrls?: Record<string, string>;
  /** Milliseconds from spawn to READY. */
  startMs: number;
  stats(): Promise<ServiceStats>;
  stop(): Promise<void>;
}

/** Starts one benchmark service as its own Node process (tsx loaded as a hook, so the PID is the
 *  service itself and its RSS is the service's alone). */
export function startService(
  what: string,
  env: Record<string, string | undefined>,
  timeoutMs = 300_000,
): Promise<ServiceProcess> {
  const t0 = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : []),
      '--import',
      'tsx',
      SERVICE,
      what,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    },
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`${what} did not start in ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code} before it was ready`));
    });
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (!line.startsWith('READY ')) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const ready = JSON.parse(line.slice(6)) as { url: string; subgraphUrls?: Record<string, string> };
      let next = 0;
      resolve({
        what,
        pid: child.pid!,
        url: ready.url,
        subgraphUrls: ready.subgraphUrls,
        startMs: performance.now() - t0,
        stats: () =>
          new Promise((ok) => {
            const id = ++next;
            const on = (m: { type?: string; id?: number; stats: ServiceStats }) => {
              if (m?.type !== 'stats' || m.id !== id) return;
              child.off('message', on);
              ok(m.stats);
            };
            child.on('message', on);
            child.send({ type: 'stats', id });
          }),
        stop: () =>
          new Promise((ok) => {
            if (child.exitCode !== null) return ok();
            const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(kill);
              ok();
            });
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
