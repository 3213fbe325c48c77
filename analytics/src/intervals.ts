import { AnalyticsInputError } from './errors';

/** z for a two-sided 95% interval: the 97.5th percentile of the standard normal. */
export const Z95 = 1.959964;

/** A proportion or rate with its 95% interval. */
export interface Estimate {
  value: number;
  low: number;
  high: number;
}

/** A ratio with its 95% interval; all null when the ratio is undefined (its denominator is 0). */
export interface RatioEstimate {
  ratio: number | null;
  low: number | null;
  high: number | null;
  /** True when a zero count made the interval use a continuity correction (0.5 added to every
   *  count, 1 to every denominator); the ratio itself is always the uncorrected one. */
  corrected: boolean;
}

function requireCount(field: string, k: number, n: number): void {
  if (!Number.isInteger(n) || n <= 0)
    throw new AnalyticsInputError(field, `denominator must be a positive integer, got ${n}`);
  if (!Number.isInteger(k) || k < 0 || k > n) {
    throw new AnalyticsInputError(field, `count must be an integer in [0, ${n}], got ${k}`);
  }
}

/**
 * The Wilson score interval for a proportion k/n (Wilson 1927): the set of p for which the
 * observed k is not rejected by the score test. Unlike the Wald interval p ± z·√(p(1−p)/n) it
 * stays inside [0, 1], is not degenerate at k = 0 or k = n, and keeps close to its nominal 95%
 * coverage for small counts (Brown, Cai & DasGupta 2001).
 */
export function proportionCI(k: number, n: number): Estimate {
  requireCount('proportionCI', k, n);
  const p = k / n;
  const z2 = Z95 * Z95;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (Z95 / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { value: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** A rate per `per` (per 1,000 by default) with its Wilson interval scaled likewise. */
export function ratePer(k: number, n: number, per: number): Estimate {
  const { value, low, high } = proportionCI(k, n);
  return { value: value * per, low: low * per, high: high * per };
}

/** k per 1,000 of n with its 95% Wilson interval. */
export function ratePer1000(k: number, n: number): Estimate {
  return ratePer(k, n, 1000);
}

/** exp(ln r ± z·√v), the 95% interval of a ratio whose log has variance v. */
function logInterval(ratio: number, variance: number): { low: number; high: number } {
  const half = Z95 * Math.sqrt(variance);
  return { low: ratio * Math.exp(-half), high: ratio * Math.exp(half) };
}

/**
 * The ratio of two independent rates, (k1/n1)/(k2/n2), with the log (Katz 1978) interval:
 * Var(ln RR) ≈ 1/k1 − 1/n1 + 1/k2 − 1/n2. Use it for two disjoint groups (a group against the
 * reference group); for a group against a total that contains it, use ratioToTotal.
 *
 * A zero count makes ln RR infinite, so when k1 or k2 is 0 the interval (only) is computed with
 * 0.5 added to both counts and 1 to both denominators, and `corrected` says so. If k1 = 0 the
 * ratio is 0 and the low end is 0 (a ratio of 0 must lie in its own interval). If k2 = 0 the
 * ratio is undefined and everything is null.
 */
export function rateRatio(k1: number, n1: number, k2: number, n2: number): RatioEstimate {
  requireCount('rateRatio.group', k1, n1);
  requireCount('rateRatio.reference', k2, n2);
  if (k2 === 0) return { ratio: null, low: null, high: null, corrected: false };
  const ratio = k1 / n1 / (k2 / n2);
  const corrected = k1 === 0;
  const [a, na, b, nb] = corrected ? [k1 + 0.5, n1 + 1, k2 + 0.5, n2 + 1] : [k1, n1, k2, n2];
  const { low, high } = logInterval(a / na / (b / nb), 1 / a - 1 / na + 1 / b - 1 / nb);
  return { ratio, low: corrected ? 0 : low, high, corrected };
}

/*
 * ratioToTotal: the variance of ln(p_g / p_T) when group g is part of the total T.
 *
 * Let the group have a events among n_g people and everyone else b events among n_o, with
 * a ~ Bin(n_g, p_g) and b ~ Bin(n_o, p_o) independent. Then p_T = (a + b)/(n_g + n_o) and
 * DI = p_g / p_T, so ln DI = ln a − ln(a + b) + constants. By the delta method
 * (Var ln X ≈ Var X / X², Cov(ln X, ln Y) ≈ Cov(X, Y)/(X·Y)), with estimates plugged in:
 *   Var(ln p_g) = Var(a)/a²          = n_g p_g (1 − p_g)/a²               = (1 − p_g)/a
 *   Var(ln p_T) = (Var a + Var b)/(a + b)² = [a(1 − p_g) + b(1 − p_o)]/(a + b)²
 *   Cov(ln p_g, ln p_T) = Cov(a, a + b)/(a(a + b)) = Var(a)/(a(a + b)) = (1 − p_g)/(a + b)
 *   Var(ln DI) = Var(ln p_g) + Var(ln p_T) − 2·Cov(ln p_g, ln p_T).
 * Treating group and total as independent (Katz) would drop the −2·Cov term and overstate the
 * variance: the larger the group's share of the total, the wider the wrong interval (a group that
 * is the whole total has DI = 1 exactly, and the formula above gives variance 0).
 */

/**
 * A group's rate over the rate of a total that contains it, (k/n)/(kTotal/nTotal), with the
 * delta-method log interval that accounts for the group being part of the total (derivation in
 * the comment above). Zero group count: ratio 0, interval computed with a 0.5 correction to both
 * event counts and 1 to both denominators, low end 0, `corrected` true. kTotal = 0: all null.
 */
export function ratioToTotal(k: number, n: number, kTotal: number, nTotal: number): RatioEstimate {
  requireCount('ratioToTotal.group', k, n);
  requireCount('ratioToTotal.total', kTotal, nTotal);
  if (kTotal < k || nTotal < n || kTotal - k > nTotal - n) {
    throw new AnalyticsInputError(
      'ratioToTotal',
      'the group must be part of the total (k ≤ kTotal, n ≤ nTotal)',
    );
  }
  if (kTotal === 0) return { ratio: null, low: null, high: null, corrected: false };
  const ratio = k / n / (kTotal / nTotal);
  const corrected = k === 0;
  const a = corrected ? 0.5 : k;
  const ng = corrected ? n + 1 : n;
  const b = kTotal - k;
  const no = nTotal - n;
  const pg = a / ng;
  const po = no > 0 ? b / no : 0;
  const varLnG = (1 - pg) / a;
  const varLnT = (a * (1 - pg) + b * (1 - po)) / (a + b) ** 2;
  const cov = (1 - pg) / (a + b);
  const variance = Math.max(0, varLnG + varLnT - 2 * cov);
  const { low, high } = logInterval(pg / ((a + b) / (ng + no)), variance);
  return { ratio, low: corrected ? 0 : low, high, corrected };
}
