import { AnalyticsInputError, Z95, disproportionality, type DisproportionalityInput } from '../src';

/** Children 0–17: 10,000 White (the reference), 2,000 Black, 8,000 Hispanic. Child welfare:
 *  referral → substantiation → placement, Hispanic placements withheld. */
const input: DisproportionalityInput = {
  groups: ['White', 'Black', 'Hispanic'],
  referenceGroup: 'White',
  population: { White: 10_000, Black: 2_000, Hispanic: 8_000 },
  stages: [
    { name: 'referral', counts: { White: 100, Black: 60, Hispanic: 80 } },
    { name: 'substantiation', counts: { White: 40, Black: 30, Hispanic: 20 } },
    { name: 'placement', counts: { White: 10, Black: 15, Hispanic: null } },
  ],
};

/** exp(ln r ± z·√v) */
const logCI = (r: number, v: number) => [r * Math.exp(-Z95 * Math.sqrt(v)), r * Math.exp(Z95 * Math.sqrt(v))];

describe(disproportionality.name, () => {
  const result = disproportionality(input);
  const row = (stage: number, group: string | null) => {
    const found = result.stages[stage].rows.find((r) => r.group === group);
    if (!found) throw new Error(`no row for ${group} at stage ${stage}`);
    return found;
  };

  it('gives rates per 1,000 of the population, and the total row', () => {
    expect(result.stages.map((s) => s.rows.map((r) => r.group))).toEqual(
      Array(3).fill(['White', 'Black', 'Hispanic', null]),
    );
    expect(row(0, 'White').ratePer1000?.value).toBe(10);
    expect(row(0, 'Black').ratePer1000?.value).toBe(30);
    expect(row(0, null).count).toBe(240);
    expect(row(0, null).ratePer1000?.value).toBe(12);
    // Wilson for 60 of 2000, by hand: centre (p + z²/2n)/(1 + z²/n), half z/(1 + z²/n)·√(pq/n + z²/4n²)
    const [p, n, z2] = [0.03, 2000, Z95 * Z95];
    const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    const half = (Z95 / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
    expect(row(0, 'Black').ratePer1000?.low).toBeCloseTo(1000 * (centre - half), 9);
    expect(row(0, 'Black').ratePer1000?.high).toBeCloseTo(1000 * (centre + half), 9);
    expect(row(0, 'Black').ratePer100Previous).toBeNull();
  });

  it('takes the relative rate index on the population at the first stage', () => {
    // Black 30 per 1,000 against White 10: RRI 3; Var = 1/60 − 1/2000 + 1/100 − 1/10000
    const rri = row(0, 'Black').relativeRateIndex;
    const [low, high] = logCI(3, 1 / 60 - 1 / 2000 + 1 / 100 - 1 / 10000);
    expect(rri?.ratio).toBeCloseTo(3, 12);
    expect(rri?.low).toBeCloseTo(low, 9);
    expect(rri?.high).toBeCloseTo(high, 9);
    expect(rri?.low).toBeCloseTo(2.1862, 4);
    expect(row(0, 'Hispanic').relativeRateIndex?.ratio).toBeCloseTo(1, 12);
    expect(row(0, 'White').relativeRateIndex).toEqual({ ratio: 1, low: null, high: null, corrected: false });
    expect(row(0, null).relativeRateIndex).toBeNull();
  });

  it('takes the relative rate index on the previous stage after the first (OJJDP)', () => {
    // substantiated per referral: Black 30/60 = 50%, White 40/100 = 40%: RRI 1.25
    expect(row(1, 'Black').ratePer100Previous?.value).toBe(50);
    expect(row(1, 'White').ratePer100Previous?.value).toBe(40);
    const [low, high] = logCI(1.25, 1 / 30 - 1 / 60 + 1 / 40 - 1 / 100);
    const rri = row(1, 'Black').relativeRateIndex;
    expect(rri?.ratio).toBeCloseTo(1.25, 12);
    expect(rri?.low).toBeCloseTo(low, 9);
    expect(rri?.high).toBeCloseTo(high, 9);
    expect(row(1, null).ratePer100Previous?.value).toBeCloseTo(37.5, 12); // 90 of 240
  });

  it('takes the disparity index against the total on the population, with the part-of-whole interval', () => {
    // Black: 60 of 2,000 against 240 of 20,000: DI 2.5. Others: b = 180 of 18,000.
    const [a, b, pg, po] = [60, 180, 0.03, 0.01];
    const v = (1 - pg) / a + (a * (1 - pg) + b * (1 - po)) / (a + b) ** 2 - (2 * (1 - pg)) / (a + b);
    const [low, high] = logCI(2.5, v);
    const di = row(0, 'Black').disparityIndex;
    expect(di?.ratio).toBeCloseTo(2.5, 12);
    expect(di?.low).toBeCloseTo(low, 9);
    expect(di?.high).toBeCloseTo(high, 9);
    // Substantiation: Black 15 per 1,000 against 4.5 per 1,000 overall
    expect(row(1, 'Black').disparityIndex?.ratio).toBeCloseTo(15 / 4.5, 12);
    expect(row(0, null).disparityIndex?.ratio).toBe(1);
  });

  it('leaves null whatever rests on a withheld count', () => {
    const hispanic = row(2, 'Hispanic');
    expect(hispanic.count).toBeNull();
    expect(hispanic.ratePer1000).toBeNull();
    expect(hispanic.ratePer100Previous).toBeNull();
    expect(hispanic.relativeRateIndex).toBeNull();
    // no total given and one group withheld: the total, hence every disparity index, is unknown
    expect(row(2, null).count).toBeNull();
    expect(row(2, 'Black').disparityIndex).toBeNull();
    // what does not need Hispanic is still there: Black 15/30 against White 10/40
    expect(row(2, 'Black').relativeRateIndex?.ratio).toBeCloseTo(2, 12);
  });

  it('uses the published total when given, and a withheld reference voids every RRI at that stage', () => {
    const withTotal = disproportionality({
      ...input,
      stages: [
        input.stages[0],
        { name: 'placement', counts: { White: null, Black: 15, Hispanic: 10 }, total: 35 },
      ],
    });
    const rows = withTotal.stages[1].rows;
    expect(rows.find((r) => r.group === 'Black')?.disparityIndex?.ratio).toBeCloseTo(7.5 / 1.75, 12);
    expect(rows.every((r) => r.relativeRateIndex === null)).toBe(true);
  });

  it('gives rounded counts above their denominator a rate without an interval, and says so', () => {
    const rounded = disproportionality({
      ...input,
      stages: [input.stages[0], { name: 'substantiation', counts: { White: 40, Black: 65, Hispanic: 20 } }],
    });
    const black = rounded.stages[1].rows.find((r) => r.group === 'Black');
    expect(black?.ratePer100Previous).toEqual({ value: (65 / 60) * 100, low: null, high: null });
    expect(black?.relativeRateIndex?.low).toBeNull();
    expect(black?.notes).toHaveLength(1);
  });

  it('refuses malformed input with the field at fault', () => {
    const bad = (patch: Partial<DisproportionalityInput>) => () => disproportionality({ ...input, ...patch });
    expect(bad({ referenceGroup: 'Asian' })).toThrow(AnalyticsInputError);
    expect(bad({ stages: [] })).toThrow(/stages/);
    expect(bad({ population: { White: 10_000, Black: -1, Hispanic: 8_000 } })).toThrow(/population.Black/);
    expect(bad({ stages: [{ name: 's', counts: { White: 1, Black: 2 } }] })).toThrow(/Hispanic/);
  });
});
