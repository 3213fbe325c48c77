/**
 * Unsupervised estimation of Fellegi–Sunter m/u probabilities with expectation–maximisation
 * (conditional independence of fields given match status). Pairs are first collapsed into distinct
 * comparison patterns with counts, so each iteration costs O(#patterns × #fields).
 */
import { MISSING } from './record';

export interface Pattern {
  levels: Uint8Array;
  count: number;
}

export interface EmParams {
  /** m[f][level] */
  m: number[][];
  /** u[f][level] */
  u: number[][];
  lambda: number;
}

export interface EmOptions {
  maxIterations?: number;
  tolerance?: number;
  /** When false, u stays at its initial value (e.g. estimated from random pairs). Default true. */
  estimateU?: boolean;
  /** When false, m stays at its initial value too (only λ is fitted). Default true. */
  estimateM?: boolean;
  /** Additive smoothing on level counts. */
  smoothing?: number;
}

export interface EmResult extends EmParams {
  iterations: number;
  converged: boolean;
}

/** Collapses a flat level array (nFields per pair) into distinct patterns with counts. */
export function toPatterns(levels: Uint8Array, nFields: number, nPairs: number): Pattern[] {
  const map = new Map<string, Pattern>();
  for (let p = 0; p < nPairs; p++) {
    const slice = levels.subarray(p * nFields, (p + 1) * nFields);
    const key = String.fromCharCode(...slice);
    const hit = map.get(key);
    if (hit) hit.count++;
    else map.set(key, { levels: Uint8Array.from(slice), count: 1 });
  }
  return [...map.values()];
}

/** Runs EM from the given starting parameters (not mutated). */
export function runEm(patterns: Pattern[], init: EmParams, opts: EmOptions = {}): EmResult {
  const maxIt = opts.maxIterations ?? 100;
  const tol = opts.tolerance ?? 1e-6;
  const estimateU = opts.estimateU ?? true;
  const estimateM = opts.estimateM ?? true;
  const smooth = opts.smoothing ?? 1e-3;
  const nF = init.m.length;
  let m = init.m.map((r) => r.slice());
  let u = init.u.map((r) => r.slice());
  let lambda = init.lambda;
  let it = 0;
  let converged = false;
  const g = new Float64Array(patterns.length);
  for (; it < maxIt; it++) {
    // E-step: posterior probability of match for every pattern.
    for (let p = 0; p < patterns.length; p++) {
      const lv = patterns[p].levels;
      let pm = lambda;
      let pu = 1 - lambda;
      for (let f = 0; f < nF; f++) {
        const l = lv[f];
        if (l === MISSING) continue;
        pm *= m[f][l];
        pu *= u[f][l];
      }
      g[p] = pm + pu > 0 ? pm / (pm + pu) : 0;
    }
    // M-step.
    const mCount = m.map((r) => r.map(() => smooth));
    const uCount = u.map((r) => r.map(() => smooth));
    let totalM = 0;
    let total = 0;
    for (let p = 0; p < patterns.length; p++) {
      const { levels: lv, count } = patterns[p];
      const gm = g[p] * count;
      const gu = (1 - g[p]) * count;
      totalM += gm;
      total += count;
      for (let f = 0; f < nF; f++) {
        const l = lv[f];
        if (l === MISSING) continue;
        mCount[f][l] += gm;
        uCount[f][l] += gu;
      }
    }
    const norm = (rows: number[][]) =>
      rows.map((r) => {
        const s = r.reduce((a, b) => a + b, 0);
        return r.map((x) => x / s);
      });
    const newM = estimateM ? norm(mCount) : m;
    const newU = estimateU ? norm(uCount) : u;
    const newLambda = Math.min(1 - 1e-9, Math.max(1e-9, totalM / Math.max(total, 1)));
    let delta = Math.abs(newLambda - lambda);
    for (let f = 0; f < nF; f++)
      for (let l = 0; l < m[f].length; l++) {
        delta = Math.max(delta, Math.abs(newM[f][l] - m[f][l]), Math.abs(newU[f][l] - u[f][l]));
      }
    m = newM;
    u = newU;
    lambda = newLambda;
    if (delta < tol) {
      converged = true;
      it++;
      break;
    }
  }
  return { m, u, lambda, iterations: it, converged };
}
