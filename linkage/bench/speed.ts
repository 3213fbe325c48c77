/**
 * Speed of the matcher: a full link of 100 000 synthetic records (FEBRL dataset3 repeated with
 * per-copy perturbations, see febrl.ts), then 1 000 new records linked one by one against it
 * (what the running index does as a feed page arrives).
 */
import { linkOne, linkRecords, pairwiseScore, type PersonRecord } from '../src';
import { entityOf, loadFebrl, perturbedCopy } from './febrl';

export const TARGET_100K_SECONDS = 60;
export const TARGET_INCREMENTAL_MS = 20;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length
    ? s.length % 2
      ? s[(s.length - 1) / 2]
      : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
    : NaN;
}

/** Runs both, prints a line each (progress on stderr) and returns the figures. */
export function speedRun(): { speed: Record<string, unknown>; incremental: Record<string, unknown> } {
  const base = loadFebrl('dataset3.csv');
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
  return {
    speed: {
      records: big.length,
      fullLinkSeconds: +fullSecs.toFixed(3),
      recordsPerSecond: Math.round(big.length / fullSecs),
      candidatePairs: res.stats.candidatePairs,
      syntheticQuality: bigScore,
      pass: fullPass,
    },
    incremental: {
      records: fresh.length,
      medianMs: +med.toFixed(4),
      p95Ms: +p95.toFixed(4),
      joinedExisting: joined,
      pass: incPass,
    },
  };
}
