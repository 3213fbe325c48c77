/**
 * CLI: probabilistic linkage of a person CSV.
 *   tsx subgraphs/child-index/src/linkCsv.ts --input people.csv --map mapping.json --output clusters.csv
 *     [--review review.csv] [--upper 10] [--lower 2] [--cannot-link pairs.csv] [--distinct-within-source] [--twin-guard]
 * --cannot-link: CSV with a header and two record-id columns per row (never in one cluster).
 * --distinct-within-source: records sharing a sourceSystem are known to be different children.
 * Writes `record_id,cluster_id` (header, every record once). Progress goes to stderr.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseCsv, rowsToRecords, type ColumnMapping } from './matching/csv';
import { linkRecords } from './matching/linker';

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function main(argv: string[]): number {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) args.set(a.slice(2, eq), a.slice(eq + 1));
      else if (argv[i + 1] === undefined || argv[i + 1].startsWith('--')) args.set(a.slice(2), 'true');
      else args.set(a.slice(2), argv[++i]);
    }
  }
  const input = args.get('input');
  const mapFile = args.get('map');
  const output = args.get('output');
  if (!input || !mapFile || !output) {
    process.stderr.write(
      'usage: linkCsv --input people.csv --map mapping.json --output clusters.csv [--review review.csv] [--upper N] [--lower N] [--cannot-link pairs.csv] [--distinct-within-source] [--twin-guard]\n',
    );
    return 2;
  }
  const t0 = performance.now();
  const mapping = JSON.parse(readFileSync(mapFile, 'utf8')) as ColumnMapping;
  const records = rowsToRecords(parseCsv(readFileSync(input, 'utf8')), mapping);
  process.stderr.write(`read ${records.length} records from ${input}\n`);
  let cannotLink: Array<[string, string]> | undefined;
  const cl = args.get('cannot-link');
  if (cl) {
    cannotLink = parseCsv(readFileSync(cl, 'utf8'))
      .slice(1)
      .filter((r) => r.length >= 2)
      .map((r) => [r[0], r[1]] as [string, string]);
  }
  const upper = args.get('upper');
  const lower = args.get('lower');
  const result = linkRecords(records, {
    upper: upper ? Number(upper) : undefined,
    lower: lower ? Number(lower) : undefined,
    cannotLink,
    distinctWithinSource: args.has('distinct-within-source'),
    twinGuard: args.has('twin-guard'),
    onProgress: (m) => process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(1)}s] ${m}\n`),
  });
  const lines = ['record_id,cluster_id'];
  for (const r of records) lines.push(`${csvCell(r.id)},${csvCell(result.clusters.get(r.id) ?? r.id)}`);
  writeFileSync(output, lines.join('\n') + '\n');
  const review = args.get('review');
  if (review) {
    const rl = ['record_a,record_b,weight'];
    for (const p of result.reviewPairs) rl.push(`${csvCell(p.a)},${csvCell(p.b)},${p.weight}`);
    writeFileSync(review, rl.join('\n') + '\n');
  }
  const secs = (performance.now() - t0) / 1000;
  process.stderr.write(
    `linked ${records.length} records into ${result.index.members.size} clusters, ${result.reviewPairs.length} review pairs, ` +
      `in ${secs.toFixed(2)}s (${Math.round(records.length / Math.max(secs, 1e-9))} records/s) → ${output}\n`,
  );
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
