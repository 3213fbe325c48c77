import { loadConfig } from '@wholechild/shared';
import { createChildIndexService } from '../subgraphs/child-index/src/server';
import { platformDatabase } from './platformDatabase';

const USAGE = `usage: npm run link -- --all [--restart] [--batch N]

Links every agency record in the child index again: trains the match model on all records (EM),
then re-links each automatically linked record against the rest, in batches (links a data steward
decided are never touched). Ctrl-C stops after the batch in hand; run the command again to resume
where it stopped (--restart starts over). Uses DATABASE_URL (or CHILD_INDEX_DATABASE_URL), else the
embedded database of \`npm start\`, found by EMBEDDED_PG_DIR (started for the run if it is not
running); the first line says which.`;

function bar(done: number, total: number, width = 30): string {
  const f = total ? Math.min(1, done / total) : 1;
  const n = Math.round(f * width);
  return `[${'#'.repeat(n)}${'.'.repeat(width - n)}] ${(f * 100).toFixed(0).padStart(3)}%`;
}

async function main() {
  const args = process.argv.slice(2);
  if (!args.includes('--all') || args.includes('--help')) {
    console.log(USAGE);
    process.exit(args.includes('--help') ? 0 : 2);
  }
  const bi = args.indexOf('--batch');
  const batchSize = bi >= 0 ? Number(args[bi + 1]) : 500;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
    console.error('--batch takes a whole number from 1 to 10000');
    process.exit(2);
  }
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' }, { defaultMode: 'development' }); // database settings only
  const db = await platformDatabase(config, config.databaseUrls['child-index'] ?? config.databaseUrl);
  console.log(db.description);
  const index = await createChildIndexService({ config, databaseUrl: db.url });
  const stop = new AbortController();
  process.on('SIGINT', () => {
    if (stop.signal.aborted) process.exit(130);
    process.stderr.write('\nstopping after the batch in hand (Ctrl-C again to quit at once)…\n');
    stop.abort();
  });
  const t0 = Date.now();
  try {
    const before = await index.relink.status();
    if (before && !before.finished && !args.includes('--restart'))
      console.log(`resuming the re-link stopped at ${before.done}/${before.total} records`);
    else console.log('training the match model on every record…');
    const res = await index.relink.run({
      batchSize,
      restart: args.includes('--restart'),
      signal: stop.signal,
      onProgress: (p) => {
        const secs = (Date.now() - t0) / 1000;
        const rate = p.done / Math.max(secs, 0.001);
        const eta = rate > 0 ? Math.max(0, (p.total - p.done) / rate) : 0;
        process.stderr.write(
          `\r${bar(p.done, p.total)} ${p.done}/${p.total} records, ${p.moved} moved, ${Math.round(rate)} rec/s, ETA ${eta.toFixed(0)} s   `,
        );
      },
    });
    process.stderr.write('\n');
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    if (res.finished)
      console.log(
        `re-linked ${res.total} records in ${secs} s: ${res.moved} moved to another child, ${res.reviewPairs} pairs for review`,
      );
    else
      console.log(
        `stopped at ${res.done}/${res.total} records after ${secs} s; run \`npm run link -- --all\` again to resume`,
      );
  } finally {
    await index.stop();
    await db.stop();
  }
}

void main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
