import type { WeightOverrides } from './model';

/** The thresholds and weight overrides a linkage runs with, when not the defaults. */
export interface LinkThresholds {
  /** Auto-link threshold (log2 weight). */
  upper?: number;
  /** Review threshold (log2 weight). */
  lower?: number;
  /** Weights by field and level that replace the learnt ones. */
  weights?: WeightOverrides;
}

/** Reads MATCH_UPPER, MATCH_LOWER and MATCH_WEIGHTS (JSON, e.g. {"familyName":{"exact":9}}): one
 *  set of variables for the running index and the CSV batch job, so that both link alike. */
export function thresholdsFromEnv(env: NodeJS.ProcessEnv = process.env): LinkThresholds {
  const num = (k: string) => {
    const v = env[k];
    if (v === undefined || v === '') return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`${k} must be a number`);
    return n;
  };
  const weights = env.MATCH_WEIGHTS ? (JSON.parse(env.MATCH_WEIGHTS) as WeightOverrides) : undefined;
  return { upper: num('MATCH_UPPER'), lower: num('MATCH_LOWER'), weights };
}
