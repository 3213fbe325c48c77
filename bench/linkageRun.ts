/**
 * Benchmark 5: record linkage (bench/linkage.ts, also `npm run bench:linkage`): FEBRL quality, the
 * synthetic county, a 100,000-record full link and incremental linking. Runs as its own process
 * (it is CPU- and memory-heavy) and reads back the JSON it writes.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { BenchContext } from './lib/context';
import { RESULTS_DIR, type BenchResult, type Figure } from './lib/report';

interface LinkageJson {
  targets: { f1: number; precision: number; fullLink100kSeconds: number; incrementalMedianMs: number };
  quality: Array<{ dataset: string; precision: number; recall: number; f1: number; pass: boolean }>;
  syntheticCounty: { precision: number; recall: number; f1: number; pass: boolean };
  speed: { records: number; fullLinkSeconds: number; recordsPerSecond: number; pass: boolean };
  incremental: { medianMs: number; p95Ms: number; pass: boolean };
}

export async function run(_ctx: BenchContext): Promise<BenchResult> {
  const file = path.join(RESULTS_DIR, 'linkage.json');
  fs.rmSync(file, { force: true });
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'linkage.ts')], {
      cwd: path.resolve(__dirname, '..'),
      stdio: ['ignore', process.stderr, process.stderr],
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`bench/linkage.ts exited with ${code}`)),
    );
  });
  const r = JSON.parse(fs.readFileSync(file, 'utf8')) as LinkageJson;
  const t = r.targets;
  const quality = (name: string, q: { precision: number; f1: number; pass: boolean }): Figure => ({
    bench: 'linkage',
    name: `${name} F1 (precision ${q.precision.toFixed(3)})`,
    value: q.f1,
    unit: '',
    target: `F1 ≥ ${t.f1}, precision ≥ ${t.precision}`,
    pass: q.pass,
  });
  return {
    bench: 'linkage',
    figures: [
      ...r.quality.map((q) => quality(q.dataset, q)),
      quality('synthetic county', r.syntheticCounty),
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
    ],
    details: r as unknown as Record<string, unknown>,
  };
}
