/**
 * Benchmark 5: record linkage (bench/linkage.ts, also `npm run bench:linkage`): FEBRL quality, the
 * synthetic county, a 100,000-record full link and incremental linking, then the households data
 * through the running child index (incremental and after `npm run link -- --all`). Runs as its own
 * process (it is CPU- and memory-heavy) on the run's PostgreSQL server (a database of its own) and
 * reads back the JSON it writes.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SMOKE, type BenchContext } from './lib/context';
import { RESULTS_DIR, type BenchResult, type Figure } from './lib/report';

interface LinkageJson {
  targets: { fullLink100kSeconds: number; incrementalMedianMs: number };
  quality: Array<{
    dataset: string;
    rules: string;
    precision: number;
    recall: number;
    f1: number;
    siblingMerges: number;
    target: string | null;
    pass: boolean | null;
  }>;
  speed: { records: number; fullLinkSeconds: number; recordsPerSecond: number; pass: boolean };
  incremental: { medianMs: number; p95Ms: number; pass: boolean };
  runningIndex?: { households?: RunningIndexJson | { skipped: string }; county?: RunningIndexJson };
}

interface PhaseJson {
  precision: number;
  recall: number;
  f1: number;
  children: number;
  trueChildren: number;
  siblingMerges: number;
  largestCluster: number;
  mixedClusters: number;
}
interface RunningIndexJson {
  dataset: string;
  records: number;
  rejected: number;
  smoke?: boolean;
  incremental: PhaseJson;
  relinked: PhaseJson;
  seconds: { feedPull: number; relinkCommand: number };
  checks: Array<{ name: string; value: number; target: string; pass: boolean }>;
}

/** The running index's figures: the targets after the re-link, the incremental pull beside. */
function runningIndexFigures(r: RunningIndexJson | { skipped: string } | undefined): Figure[] {
  if (!r) return [];
  if ('skipped' in r)
    return [{ bench: 'linkage', name: `running index: skipped (${r.skipped})`, value: NaN, unit: '' }];
  const label = `running index, ${r.dataset}${r.smoke ? ' (smoke slice)' : ''}`;
  const phase = (p: PhaseJson) =>
    `P ${p.precision.toFixed(3)} R ${p.recall.toFixed(3)}, ${p.children} children (true ${p.trueChildren}), ` +
    `${p.siblingMerges} sibling merges, largest ${p.largestCluster}, ${p.mixedClusters} mixed`;
  return [
    ...r.checks.map((c): Figure => ({
      bench: 'linkage',
      name: `${label} after npm run link -- --all: ${c.name}${c.name === 'F1' ? ` (${phase(r.relinked)})` : ''}`,
      value: c.value,
      unit: '',
      digits: c.name === 'sibling merges' ? 0 : 4,
      target: c.target,
      pass: c.pass,
    })),
    {
      bench: 'linkage',
      name: `${label} incremental (feed pull): F1 (${phase(r.incremental)})`,
      value: r.incremental.f1,
      unit: '',
      digits: 4,
    },
    {
      bench: 'linkage',
      name: `${label}: records rejected by the agencies' validation (of ${r.records})`,
      value: r.rejected,
      unit: '',
      digits: 0,
    },
    {
      bench: 'linkage',
      name: `${label}: feed pull (incremental linking)`,
      value: r.seconds.feedPull,
      unit: 's',
    },
    {
      bench: 'linkage',
      name: `${label}: npm run link -- --all (process, start to exit)`,
      value: r.seconds.relinkCommand,
      unit: 's',
    },
  ];
}

export async function run(ctx: BenchContext): Promise<BenchResult> {
  const file = path.join(RESULTS_DIR, 'linkage.json');
  fs.rmSync(file, { force: true });
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'linkage.ts')], {
      cwd: path.resolve(__dirname, '..'),
      // the running index part makes a database of its own on the run's server
      env: {
        ...process.env,
        DATABASE_URL: ctx.db.adminUrl,
        ...(ctx.opts === SMOKE ? { BENCH_SCALE: 'smoke' } : {}),
      },
      stdio: ['ignore', process.stderr, process.stderr],
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`bench/linkage.ts exited with ${code}`)),
    );
  });
  const r = JSON.parse(fs.readFileSync(file, 'utf8')) as LinkageJson;
  const t = r.targets;
  const quality = (q: LinkageJson['quality'][number]): Figure => ({
    bench: 'linkage',
    name: `${q.dataset} (${q.rules} rules) F1 (P ${q.precision.toFixed(4)}, R ${q.recall.toFixed(4)}, ${q.siblingMerges} sibling merges)`,
    value: q.f1,
    unit: '',
    digits: 4,
    ...(q.target !== null && q.pass !== null ? { target: q.target, pass: q.pass } : {}),
  });
  return {
    bench: 'linkage',
    figures: [
      ...r.quality.map(quality),
      {
        bench: 'linkage',
        name: `full link of ${r.speed.records} records`,
        value: r.speed.fullLinkSeconds,
        unit: 's',
        target: `< ${t.fullLink100kSeconds} s`,
        pass: r.speed.pass,
      },
      {
        bench: 'linkage',
        name: 'incremental link, median per record',
        value: r.incremental.medianMs,
        unit: 'ms',
        target: `< ${t.incrementalMedianMs} ms`,
        pass: r.incremental.pass,
      },
      ...runningIndexFigures(r.runningIndex?.households),
      ...runningIndexFigures(r.runningIndex?.county),
    ],
    details: r as unknown as Record<string, unknown>,
  };
}
