/**
 * The linkage package's own benchmark: the matcher alone, as `link:csv` runs it, on the labelled
 * data beside the repository (../shared/data/linkage):
 * - the households (children with siblings and twins, pseudopeople) read with their mapping.json,
 *   under the index's rules, against their truth.csv — what a county gets from `link:csv`;
 * - FEBRL 1–3 under the rules for adults (targets) and the index's (informational);
 * - a full link of 100 000 synthetic records and 1 000 incremental links.
 * The platform's `npm run bench:linkage` prints the same table with the platform's own data added
 * (the households as the agencies ingest them, the synthetic county) and the running index.
 *   npm run bench -w @wholechild/linkage   → table on stdout, JSON in linkage/.bench-results/linkage.json
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsv, rowsToRecords, type ColumnMapping } from '../src';
import { febrlQuality } from './febrl';
import {
  CHILD_TARGET,
  printQuality,
  printQualityHeader,
  printSiblingMerges,
  qualityLine,
  type QualityLine,
} from './quality';
import { speedRun } from './speed';

const HOUSEHOLDS_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'data', 'linkage', 'households');
const OUT_DIR = path.resolve(__dirname, '..', '.bench-results');

/** The households' records through their CSV mapping, and each record's true child. */
function householdsCsv(): { records: ReturnType<typeof rowsToRecords>; truth: Map<string, string> } {
  const mapping = JSON.parse(
    readFileSync(path.join(HOUSEHOLDS_DIR, 'mapping.json'), 'utf8'),
  ) as ColumnMapping;
  const records = rowsToRecords(
    parseCsv(readFileSync(path.join(HOUSEHOLDS_DIR, 'records.csv'), 'utf8')),
    mapping,
  );
  const truth = new Map(
    parseCsv(readFileSync(path.join(HOUSEHOLDS_DIR, 'truth.csv'), 'utf8'))
      .slice(1)
      .map((r) => [r[0]!, r[1]!] as [string, string]),
  );
  return { records, truth };
}

function main(): void {
  const started = performance.now();
  const lines: QualityLine[] = [];
  printQualityHeader();
  const add = (l: QualityLine) => {
    lines.push(l);
    printQuality(l);
  };
  if (existsSync(path.join(HOUSEHOLDS_DIR, 'records.csv'))) {
    const hh = householdsCsv();
    add(qualityLine('households (CSV)', hh.records, (id) => hh.truth.get(id)!, 'index', CHILD_TARGET));
  } else console.log(`households: skipped (no data in ${HOUSEHOLDS_DIR})`);
  febrlQuality(add);
  printSiblingMerges(lines);
  const results = { startedAt: new Date().toISOString(), quality: lines, ...speedRun() };
  const totalSeconds = +((performance.now() - started) / 1000).toFixed(2);
  mkdirSync(OUT_DIR, { recursive: true });
  const out = path.join(OUT_DIR, 'linkage.json');
  writeFileSync(out, JSON.stringify({ ...results, totalSeconds }, null, 2) + '\n');
  console.log(`\nwrote ${out} (${totalSeconds} s total)`);
}

if (require.main === module) main();
