/**
 * CLI: probabilistic linkage of a person CSV, by default exactly as the running index links (its
 * rules for children — twin guard, birth-date guard, household cap — and its thresholds and weight
 * overrides: MATCH_UPPER, MATCH_LOWER, MATCH_WEIGHTS), so that a steward checking a legacy file
 * sees what the index will do. Options only loosen or tighten that, explicitly:
 *   npm run link:csv -- --input people.csv --map mapping.json --output clusters.csv
 *     [--review review.csv] [--upper N] [--lower N] [--cannot-link pairs.csv] [--distinct-within-source]
 *     [--adults | --no-twin-guard --no-person-guard --no-household-cap]
 * --cannot-link: CSV with a header and two record-id columns per row (never in one cluster).
 * --distinct-within-source: records sharing a sourceSystem are known to be different people.
 * --adults: plain Fellegi–Sunter for adults who do not live in families (all three guards off).
 * --explain a,b[;c,d…]: prints, for each pair of record ids, the weight of every field and rule
 *   (a Markdown table) and whether the pair ended in one cluster.
 * Writes `record_id,cluster_id` (header, every record once). Progress goes to stderr.
 * (`npm run link:csv` works from the repository root and from linkage/.)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseCsv, rowsToRecords, type ColumnMapping } from './csv';
import { thresholdsFromEnv } from './env';
import { explainPrepared, type Explanation } from './explain';
import { ADULT_LINK_OPTIONS, INDEX_LINK_OPTIONS } from './linkOptions';
import { linkRecords } from './linker';

const HELD: Record<NonNullable<Explanation['heldBy']>, string> = {
  twins: 'possible twins',
  alikeSiblings: 'alike names at one home, no birth date to tell',
  birthDate: 'birth dates differ beyond a keying error',
  givenName: 'given names differ',
  middleName: 'middle initials differ',
  renamedAndMoved: 'renamed and moved, nothing exact to vouch',
};

/** A pair's explanation as a Markdown table (field, the two values, level, weight). */
export function formatExplanation(x: string, y: string, e: Explanation, together: boolean): string {
  const rows = [`| field | ${x} | ${y} | level | weight |`, '|---|---|---|---|---|'];
  for (const f of e.fields)
    rows.push(
      `| ${f.field} | ${f.a || '—'} | ${f.b || '—'} | ${f.level} | ${f.weight >= 0 ? '+' : ''}${f.weight.toFixed(1)} |`,
    );
  const adj: Array<[string, number]> = [
    ['given-name frequency', e.tfAdjustment.givenName],
    ['family-name frequency', e.tfAdjustment.familyName],
    ['one home counted once', e.residenceOnce],
    ['a move counted once', e.moveCountedOnce],
    ['household cap', e.householdCap],
  ];
  for (const [k, w] of adj)
    if (Math.abs(w) >= 0.05) rows.push(`| _${k}_ | | | | ${w >= 0 ? '+' : ''}${w.toFixed(1)} |`);
  const held = e.heldBy ? ` — ${HELD[e.heldBy]}` : '';
  rows.push(
    `| **total** (person ${e.personWeight.toFixed(1)}) | | | **${e.decision}**${held} | **${e.weight.toFixed(1)}** |`,
  );
  return `${rows.join('\n')}\n${together ? 'in one cluster' : 'in different clusters'}\n\n`;
}

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
      'usage: linkCsv --input people.csv --map mapping.json --output clusters.csv [--review review.csv] [--upper N] [--lower N] [--cannot-link pairs.csv] [--distinct-within-source] [--adults | --no-twin-guard --no-person-guard --no-household-cap]\n',
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
  if (args.has('twin-guard'))
    process.stderr.write(
      '--twin-guard is the default now (the index links so); --no-twin-guard turns it off\n',
    );
  const config = thresholdsFromEnv();
  const upper = args.get('upper');
  const lower = args.get('lower');
  const rules = { ...(args.has('adults') ? ADULT_LINK_OPTIONS : INDEX_LINK_OPTIONS) };
  if (args.has('no-twin-guard')) rules.twinGuard = false;
  if (args.has('no-person-guard')) rules.personGuard = false;
  if (args.has('no-household-cap')) rules.householdCap = false;
  process.stderr.write(
    `rules: twin guard ${rules.twinGuard ? 'on' : 'off'}, person guard ${rules.personGuard ? 'on' : 'off'}, household cap ${rules.householdCap ? 'on' : 'off'}` +
      `${args.has('adults') || Object.values(rules).includes(false) ? " (loosened from the index's)" : " (the index's)"}\n`,
  );
  const result = linkRecords(records, {
    ...rules,
    upper: upper ? Number(upper) : config.upper,
    lower: lower ? Number(lower) : config.lower,
    weights: config.weights,
    cannotLink,
    distinctWithinSource: args.has('distinct-within-source'),
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
  // --explain a,b[;c,d…]: why the model links (or not) those pairs, field by field
  for (const pair of (args.get('explain') ?? '').split(';').filter(Boolean)) {
    const [x, y] = pair.split(',').map((v) => v.trim());
    const ix = result.index.idToIdx.get(x ?? '');
    const iy = result.index.idToIdx.get(y ?? '');
    if (ix === undefined || iy === undefined) {
      process.stderr.write(`--explain: no record ${ix === undefined ? x : y}\n`);
      continue;
    }
    const e = explainPrepared(result.index.records[ix]!, result.index.records[iy]!, result.model, {
      twinGuard: rules.twinGuard ?? true,
      personGuard: rules.personGuard ?? true,
    });
    process.stdout.write(formatExplanation(x!, y!, e, result.clusters.get(x!) === result.clusters.get(y!)));
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
