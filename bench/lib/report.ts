import fs from 'node:fs';
import path from 'node:path';

/** Where results go (git-ignored). */
export const RESULTS_DIR = path.resolve(__dirname, '..', '..', '.bench-results');

/** One measured figure, with its target when it has one. */
export interface Figure {
  bench: string;
  name: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. "≤ 5× floor (12.5)". */
  target?: string;
  pass?: boolean;
  /** Decimals to print (by default 2 below 10, 1 below 100, none above). */
  digits?: number;
}

export interface BenchResult {
  bench: string;
  figures: Figure[];
  /** Anything else worth keeping in the JSON (raw latencies, EXPLAIN plans, settings). */
  details?: Record<string, unknown>;
}

const fmt = (v: number, unit: string, digits?: number) =>
  Number.isFinite(v)
    ? `${digits !== undefined ? v.toFixed(digits) : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)} ${unit}`.trim()
    : String(v);

/** The table printed at the end: figure, value, target, PASS/FAIL. */
export function formatTable(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.bench,
    f.name,
    fmt(f.value, f.unit, f.digits),
    f.target ?? '',
    f.pass === undefined ? '' : f.pass ? 'PASS' : 'FAIL',
  ]);
  const head = ['bench', 'figure', 'value', 'target', 'result'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function writeResult(result: BenchResult): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${result.bench}.json`);
  fs.writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2));
  return file;
}
