import { AnalyticsInputError, Z95, proportionCI, rateRatio, ratePer1000, ratioToTotal } from '../src';
import { binomial, seededRandom } from './random';

describe('proportionCI (Wilson)', () => {
  it('matches known values', () => {
    const ci = proportionCI(10, 100);
    expect(ci.value).toBe(0.1);
    expect(ci.low).toBeCloseTo(0.0552, 4);
    expect(ci.high).toBeCloseTo(0.1744, 4);
    // k = 0: the low end is 0 and the high end is z²/(n + z²)
    const zero = proportionCI(0, 20);
    expect(zero.low).toBe(0);
    expect(zero.high).toBeCloseTo((Z95 * Z95) / (20 + Z95 * Z95), 12);
    // k = n mirrors k = 0
    const all = proportionCI(20, 20);
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(1 - zero.high, 12);
  });

  it('scales to a rate per 1,000', () => {
    const r = ratePer1000(10, 100);
    expect(r.value).toBe(100);
    expect(r.low).toBeCloseTo(55.2291, 3);
    expect(r.high).toBeCloseTo(174.3657, 3);
  });

  it('refuses counts that are not counts', () => {
    expect(() => proportionCI(11, 10)).toThrow(AnalyticsInputError);
    expect(() => proportionCI(1.5, 10)).toThrow(AnalyticsInputError);
    expect(() => proportionCI(0, 0)).toThrow(AnalyticsInputError);
  });
});

describe('rateRatio (Katz log interval)', () => {
  it('matches a hand computation', () => {
    // 20/1000 against 10/1000: RR 2, Var(ln RR) = 1/20 − 1/1000 + 1/10 − 1/1000 = 0.148
    const r = rateRatio(20, 1000, 10, 1000);
    const half = Z95 * Math.sqrt(0.148);
    expect(r.ratio).toBe(2);
    expect(r.low).toBeCloseTo(2 * Math.exp(-half), 12);
    expect(r.high).toBeCloseTo(2 * Math.exp(half), 12);
    expect(r.low).toBeCloseTo(0.9409, 4);
    expect(r.high).toBeCloseTo(4.251, 3);
    expect(r.corrected).toBe(false);
  });

  it('handles zero counts: a zero group is 0 with a corrected interval, a zero reference is undefined', () => {
    const zero = rateRatio(0, 500, 10, 1000);
    expect(zero.ratio).toBe(0);
    expect(zero.low).toBe(0);
    expect(zero.corrected).toBe(true);
    // interval from 0.5/501 against 10.5/1001
    const v = 1 / 0.5 - 1 / 501 + 1 / 10.5 - 1 / 1001;
    expect(zero.high).toBeCloseTo((((0.5 / 501) * 1001) / 10.5) * Math.exp(Z95 * Math.sqrt(v)), 12);
    expect(rateRatio(5, 500, 0, 1000)).toEqual({ ratio: null, low: null, high: null, corrected: false });
  });
});

describe('ratioToTotal (part against its whole)', () => {
  it('matches a hand computation of the delta method', () => {
    // a = 30 of 1000, b = 70 of 4000: DI = 0.03 / 0.02 = 1.5
    // Var = 0.97/30 + (30·0.97 + 70·0.9825)/100² − 2·0.97/100 = 0.022720833…
    const r = ratioToTotal(30, 1000, 100, 5000);
    const variance = 0.97 / 30 + (30 * 0.97 + 70 * 0.9825) / 100 ** 2 - (2 * 0.97) / 100;
    expect(variance).toBeCloseTo(0.0227208, 6);
    expect(r.ratio).toBeCloseTo(1.5, 12);
    expect(r.low).toBeCloseTo(1.5 * Math.exp(-Z95 * Math.sqrt(variance)), 12);
    expect(r.high).toBeCloseTo(1.5 * Math.exp(Z95 * Math.sqrt(variance)), 12);
    expect(r.low).toBeCloseTo(1.1163, 4);
  });

  it('gives a group that is the whole total a ratio of exactly 1 with no width', () => {
    const r = ratioToTotal(40, 1000, 40, 1000);
    expect(r.ratio).toBe(1);
    expect(r.low).toBeCloseTo(1, 12);
    expect(r.high).toBeCloseTo(1, 12);
  });

  it('refuses a group that is not part of the total', () => {
    expect(() => ratioToTotal(30, 1000, 20, 5000)).toThrow(AnalyticsInputError);
    expect(() => ratioToTotal(30, 1000, 40, 900)).toThrow(AnalyticsInputError);
    expect(ratioToTotal(0, 100, 0, 500).ratio).toBeNull();
  });

  it('covers the true disparity index 95% of the time over 20,000 simulated counties', () => {
    const random = seededRandom(20260107);
    const [ng, pg, no, po] = [400, 0.05, 1600, 0.03];
    const trueDI = pg / ((ng * pg + no * po) / (ng + no));
    const draws = 20_000;
    let covered = 0;
    let coveredIfIndependent = 0;
    for (let i = 0; i < draws; i++) {
      const a = binomial(random, ng, pg);
      const b = binomial(random, no, po);
      const r = ratioToTotal(a, ng, a + b, ng + no);
      if ((r.low as number) <= trueDI && trueDI <= (r.high as number)) covered++;
      // the Katz interval, wrongly treating the group and the total as independent
      const k = rateRatio(a, ng, a + b, ng + no);
      if ((k.low as number) <= trueDI && trueDI <= (k.high as number)) coveredIfIndependent++;
    }
    expect(covered / draws).toBeGreaterThan(0.93);
    expect(covered / draws).toBeLessThan(0.97);
    expect(coveredIfIndependent / draws).toBeGreaterThan(0.98); // too wide: the covariance matters
  });
});
