/**
 * Bulk load of an agency's history: `npm run ingest -- --agency education file.ndjson`.
 * One record per line: `{"kind": "STUDENT", "sourceSystem": "SIS", "externalId": "S1", …}` with the
 * fields of the agency's upsert input (`kind` is the agency's record-kind enum). Validated as the
 * upsert API validates; rejected lines are listed with their line numbers, and nothing of them is
 * written. Re-running the same file changes nothing. Progress on stderr.
 * Database: <AGENCY>_DATABASE_URL, DATABASE_URL, or the embedded PostgreSQL `npm start` uses.
 */
import fs from 'node:fs';
import { Transform } from 'node:stream';
import {
  AGENCY_SUBGRAPH,
  agencyMigrations,
  bulkIngest,
  databaseRolesOf,
  loadConfig,
  openSubgraphDatabase,
  schemaOf,
  type AgencyCode,
  type BulkIngestReport,
  type BulkKind,
  type PlatformConfig,
} from '@wholechild/shared';
import { AGENCY_NAMES, agencyOf } from './cliArgs';
import { platformDatabase } from './platformDatabase';
import { agencySpecs } from './services';

export interface IngestOptions {
  agency: AgencyCode;
  file: string;
  /** The owner's connection (migrations, grants); the load itself runs as the agency's app role. */
  databaseUrl: string;
  /** Whose app role settings (DB_ROLE_KEY, <NAME>_APP_DATABASE_URL). @default loadConfig() in development */
  config?: PlatformConfig;
  /** Where the progress bar goes. @default process.stderr (none when undefined is passed as null) */
  progress?: NodeJS.WritableStream | null;
}

export { agencyOf };

function progressBar(out: NodeJS.WritableStream, total: number) {
  const t0 = performance.now();
  let last = 0;
  const tty = (out as { isTTY?: boolean }).isTTY === true;
  let lastTenth = -1;
  return (bytes: number, lines: number, done = false) => {
    const now = performance.now();
    if (!done && now - last < 250) return;
    last = now;
    const frac = total ? Math.min(1, bytes / total) : 1;
    const rate = lines / Math.max(0.001, (now - t0) / 1000);
    const bar = `${'█'.repeat(Math.round(frac * 30)).padEnd(30, '░')} ${(frac * 100).toFixed(0).padStart(3)}%  ${lines} lines  ${Math.round(rate)}/s`;
    if (tty) out.write(`\r${bar}${done ? '\n' : ''}`);
    else if (done || Math.floor(frac * 10) > lastTenth) {
      lastTenth = Math.floor(frac * 10);
      out.write(`${bar}\n`);
    }
  };
}

/** Loads one file into the agency's tables. */
export async function runIngest(opts: IngestOptions): Promise<BulkIngestReport> {
  const spec = agencySpecs[opts.agency];
  const config = opts.config ?? loadConfig(undefined, { defaultMode: 'development' });
  const db = await openSubgraphDatabase({
    url: opts.databaseUrl,
    roles: databaseRolesOf(config, AGENCY_SUBGRAPH[opts.agency]),
    schema: schemaOf(AGENCY_SUBGRAPH[opts.agency]),
    entities: spec.entities,
    migrations: agencyMigrations(spec),
  });
  try {
    const total = fs.statSync(opts.file).size;
    const out = opts.progress === undefined ? process.stderr : opts.progress;
    const bar = out ? progressBar(out, total) : undefined;
    let bytes = 0;
    let lines = 0;
    const counted = fs.createReadStream(opts.file).pipe(
      new Transform({
        transform(chunk: Buffer, _enc, done) {
          bytes += chunk.length;
          done(null, chunk);
        },
      }),
    );
    const report = await bulkIngest({
      ds: db.dataSource,
      kinds: [spec.person, ...spec.kinds] as BulkKind[],
      input: counted,
      onProgress: (n) => {
        lines = n;
        bar?.(bytes, n);
      },
    });
    bar?.(total, report.lines || lines, true);
    return report;
  } finally {
    await db.close();
  }
}

async function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf('--agency');
  const agency = at >= 0 ? agencyOf(args[at + 1] ?? '') : null;
  const file = args.filter((_, i) => i !== at && i !== at + 1).find((a) => !a.startsWith('-'));
  if (!agency || !file) {
    console.error(`usage: npm run ingest -- --agency <${AGENCY_NAMES}> file.ndjson`);
    process.exit(64);
  }
  const config = loadConfig(undefined, { defaultMode: 'development' }); // database settings only: no secret, no listener
  const db = await platformDatabase(
    config,
    config.databaseUrls[AGENCY_SUBGRAPH[agency]] ?? config.databaseUrl,
  );
  console.log(db.description);
  try {
    const r = await runIngest({ agency, file, databaseUrl: db.url, config });
    const kinds = Object.entries(r.byKind)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    console.log(
      `${r.lines} lines in ${(r.ms / 1000).toFixed(1)} s: ${r.created} created, ${r.updated} updated, ` +
        `${r.unchanged} unchanged, ${r.rejected.length} rejected${kinds ? ` (${kinds})` : ''}`,
    );
    for (const bad of r.rejected)
      console.log(
        `  line ${bad.line}${bad.kind ? ` ${bad.kind}` : ''}: ${bad.errors.map((e) => `${e.field} ${e.code}: ${e.reason}`).join('; ')}`,
      );
    process.exitCode = r.rejected.length ? 2 : 0;
  } finally {
    await db.stop();
  }
}

if (require.main === module)
  void main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
