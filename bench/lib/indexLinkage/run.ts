/** One run of the running index on a labelled data set: start the platform, ingest, pull the
 *  feeds (incremental linking), score; then the full re-link and score again. */
import { loadConfig, type AgencyCode, type PlatformConfig } from '@wholechild/shared';
import { Pool } from 'pg';
import { startPlatform, type Platform } from '../../../scripts/platform';
import type { LinkageDataset } from './data';
import { ingestBulk, ingestGateway, type ByAgencyCounts } from './ingest';
import { readPhase, type PhaseResult } from './readback';
import { runRelinkCommand } from './relink';

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

export interface IndexLinkageResult {
  dataset: string;
  via: 'bulk' | 'gateway';
  records: number;
  byAgency: ByAgencyCounts;
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
