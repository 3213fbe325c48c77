import { createHmac } from 'node:crypto';
import {
  AnalyticsInputError,
  cellKeyOf,
  CountTable,
  Hypercube,
  findCell,
  recordKey,
  roundCount,
  type PublishedCell,
} from '../src';
import { seededRandom } from './random';

const SECRET = 'test-secret';

/** Adds `n` children to a cell, ids prefixed so every cell holds different children. */
function fill(
  t: CountTable,
  values: string[],
  n: number,
  opts: { protected?: number; weight?: number } = {},
): void {
  for (let i = 0; i < n; i++) {
    const id = `${values.join('/')}#${i}`;
    t.add(values, recordKey(SECRET, id), { protected: i < (opts.protected ?? 0), weight: opts.weight });
  }
}

/** Every line of the published cube: how many of its cells are withheld. */
function suppressedPerLine(cells: PublishedCell[], valueCounts: number[]): number[] {
  return new Hypercube(valueCounts).lines().map(({ start, stride, length }) => {
    let s = 0;
    for (let v = 0; v < length; v++) if (cells[start + v * stride].suppressed) s++;
    return s;
  });
}

describe('record and cell keys', () => {
  it('reads the first 48 bits of HMAC-SHA256(secret, id) as a fraction', () => {
    const hex = createHmac('sha256', 'county-secret').update('child-42').digest('hex');
    expect(recordKey('county-secret', 'child-42')).toBe(parseInt(hex.slice(0, 12), 16) / 2 ** 48);
    expect(recordKey('other-secret', 'child-42')).not.toBe(recordKey('county-secret', 'child-42'));
    expect(() => recordKey('', 'child-42')).toThrow();
  });

  it('gives a set of children the same cell key in any order, in [0, 1)', () => {
    const keys = Array.from({ length: 500 }, (_, i) => recordKey(SECRET, `c${i}`));
    const k = cellKeyOf(keys);
    expect(k).toBeGreaterThanOrEqual(0);
    expect(k).toBeLessThan(1);
    expect(cellKeyOf([...keys].reverse())).toBe(k);
    expect(cellKeyOf(keys.slice(1))).not.toBe(k);
  });
});

describe('random rounding', () => {
  it('rounds to a multiple of base, up with probability r/base, so it is unbiased over keys', () => {
    for (const n of [0, 5, 11, 13, 99]) {
      let sum = 0;
      const grid = 10_000;
      for (let i = 0; i < grid; i++) {
        const r = roundCount(n, (i + 0.5) / grid, 5);
        expect(r % 5).toBe(0);
        expect(Math.abs(r - n)).toBeLessThan(5);
        sum += r;
      }
      expect(sum / grid).toBeCloseTo(n, 6);
    }
    expect(roundCount(13, 0.59, 5)).toBe(15); // r = 3: up below 0.6
    expect(roundCount(13, 0.6, 5)).toBe(10);
    expect(roundCount(13, 0.99, 1)).toBe(13);
  });

  it('gives the same table for the same children whatever order they are added in', () => {
    const dims = [{ name: 'sex', values: ['F', 'M'] }];
    const ids = Array.from({ length: 57 }, (_, i) => `child-${i}`);
    const build = (order: string[]) => {
      const t = new CountTable(dims);
      for (const id of order) t.add([Number(id.slice(6)) % 3 ? 'F' : 'M'], recordKey(SECRET, id));
      return t.publish();
    };
    const random = seededRandom(7);
    const shuffled = [...ids];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    expect(shuffled).not.toEqual(ids);
    expect(build(shuffled)).toEqual(build(ids));
  });

  it('publishes counts whose mean over many secrets is the true count', () => {
    const secrets = 2000;
    let sum = 0;
    for (let s = 0; s < secrets; s++) {
      const t = new CountTable([{ name: 'all', values: ['x'] }]);
      for (let i = 0; i < 23; i++) t.add(['x'], recordKey(`secret-${s}`, `c${i}`));
      const published = t.publish()[0].count as number;
      expect(published % 5).toBe(0);
      sum += published;
    }
    // r = 3: 20 or 25, sd 2.45 per draw, so the mean of 2000 has sd 0.055
    expect(Math.abs(sum / secrets - 23)).toBeLessThan(0.25);
  });

  it('computes margins as true counts of the union, not sums of rounded cells', () => {
    const t = new CountTable([
      { name: 'a', values: ['p', 'q'] },
      { name: 'b', values: ['u', 'v'] },
    ]);
    fill(t, ['p', 'u'], 12);
    fill(t, ['p', 'v'], 13);
    fill(t, ['q', 'u'], 14);
    fill(t, ['q', 'v'], 16);
    const exact = t.publish({ base: 1 });
    expect(exact).toHaveLength(9);
    expect(findCell(exact, ['p', null])?.count).toBe(25);
    expect(findCell(exact, [null, 'u'])?.count).toBe(26);
    expect(findCell(exact, [null, null])?.count).toBe(55);
    expect(t.size).toBe(55);
  });
});

describe('primary and complementary suppression', () => {
  const rows = ['A', 'B', 'C'];
  const cols = ['X', 'Y', 'Z'];
  /** A-Y (5) is small; A's row total minus A-X and A-Z would give it away. */
  function twoWay(grid: number[][]): CountTable {
    const t = new CountTable([
      { name: 'row', values: rows },
      { name: 'col', values: cols },
    ]);
    grid.forEach((line, r) => line.forEach((n, c) => fill(t, [rows[r], cols[c]], n)));
    return t;
  }
  const grid = [
    [20, 5, 30],
    [25, 40, 35],
    [15, 22, 18],
  ];

  it('a 2-D table: the small cell cannot be recovered from any row or column total', () => {
    const cells = twoWay(grid).publish({ base: 1 });
    // Primary alone would leave A-Y = A-total − A-X − A-Z = 55 − 20 − 30 = 5 recoverable.
    const suppressed = cells.filter((c) => c.suppressed).map((c) => `${c.values.join('')}:${c.suppressed}`);
    expect(suppressed.sort()).toEqual([
      'AX:COMPLEMENTARY',
      'AY:PRIMARY',
      'CX:COMPLEMENTARY',
      'CY:COMPLEMENTARY',
    ]);
    for (const n of suppressedPerLine(cells, [3, 3])) expect(n === 0 || n >= 2).toBe(true);
    // Another table, A-Y = 6 and the others moved to keep every total, publishes the same:
    // nothing published tells the attacker which one is true.
    const shifted = twoWay([
      [19, 6, 30],
      [25, 40, 35],
      [16, 21, 18],
    ]).publish({ base: 1 });
    expect(shifted).toEqual(cells);
  });

  it('a withheld cell shows nothing but its coordinates and the reason', () => {
    const t = twoWay(grid);
    const cells = t.publish();
    for (const c of cells.filter((x) => x.suppressed)) {
      expect(Object.keys(c).sort()).toEqual(['count', 'suppressed', 'values', 'weight']);
      expect(c.count).toBeNull();
      expect(c.weight).toBeNull();
    }
  });

  it('a 1-D table with one small value withholds the next smallest, and one value with its total', () => {
    const t = new CountTable([{ name: 'k', values: ['a', 'b', 'c'] }]);
    fill(t, ['a'], 3);
    fill(t, ['b'], 40);
    fill(t, ['c'], 20);
    expect(t.publish().map((c) => c.suppressed)).toEqual(['PRIMARY', null, 'COMPLEMENTARY', null]);
    const single = new CountTable([{ name: 'k', values: ['a'] }]);
    fill(single, ['a'], 4);
    expect(single.publish().map((c) => c.suppressed)).toEqual(['PRIMARY', 'PRIMARY']);
  });

  it('3-D tables terminate with every line holding zero or at least two withheld cells', () => {
    const random = seededRandom(2112);
    const shapes = [
      [3, 3, 2],
      [4, 2, 3],
      [2, 2, 2],
      [5, 4, 3],
    ];
    for (let trial = 0; trial < 40; trial++) {
      const shape = shapes[trial % shapes.length];
      const dims = shape.map((m, i) => ({
        name: `d${i}`,
        values: Array.from({ length: m }, (_, j) => `v${j}`),
      }));
      const t = new CountTable(dims);
      const walk = (prefix: string[]): void => {
        if (prefix.length === dims.length)
          return fill(t, prefix, random() < 0.3 ? Math.floor(random() * 11) : Math.floor(random() * 60));
        for (const v of dims[prefix.length].values) walk([...prefix, v]);
      };
      walk([]);
      const cells = t.publish();
      expect(cells).toHaveLength(shape.reduce((p, m) => p * (m + 1), 1));
      for (const n of suppressedPerLine(cells, shape)) expect(n === 0 || n >= 2).toBe(true);
      for (const c of cells) if (c.suppressed === null) expect(c.count as number).toBeGreaterThanOrEqual(10);
    }
  });

  it('never publishes a cell whose unprotected children are fewer than the threshold', () => {
    const t = new CountTable([{ name: 'program', values: ['sud', 'mh', 'other'] }]);
    fill(t, ['sud'], 15, { protected: 5 }); // 10 others < 11
    fill(t, ['mh'], 30, { protected: 5 }); // 25 others
    fill(t, ['other'], 40);
    const cells = t.publish();
    expect(findCell(cells, ['sud'])?.suppressed).toBe('PRIMARY');
    expect(findCell(cells, ['mh'])?.suppressed).toBe('COMPLEMENTARY');
    expect(findCell(cells, ['other'])?.suppressed).toBeNull();
    expect(findCell(cells, [null])?.count).not.toBeNull(); // 85 children, 10 protected
  });

  it('publishes zeros only when told to, and sums weights rounded to 10 only where the count is shown', () => {
    const t = new CountTable([{ name: 'k', values: ['a', 'b', 'c'] }]);
    fill(t, ['a'], 20, { weight: 7 }); // 140 days
    fill(t, ['b'], 30, { weight: 3.2 }); // 96 days
    expect(t.publish().map((c) => c.suppressed)).toEqual(['COMPLEMENTARY', null, 'PRIMARY', null]);
    const zerosShown = t.publish({ suppressZeros: false });
    expect(zerosShown.map((c) => c.weight)).toEqual([140, 100, 0, 240]);
    expect(findCell(zerosShown, ['c'])?.count).toBe(0);
  });
});

describe('input checks', () => {
  it('refuses unknown values, wrong arity, bad keys and out-of-range options with a typed error', () => {
    const t = new CountTable([{ name: 'sex', values: ['F', 'M'] }]);
    expect(() => t.add(['X'], 0.5)).toThrow(AnalyticsInputError);
    expect(() => t.add(['F', 'M'], 0.5)).toThrow(/expected 1 values/);
    expect(() => t.add(['F'], 1)).toThrow(/\[0, 1\)/);
    expect(() => t.add(['F'], 0.5, { weight: NaN })).toThrow(AnalyticsInputError);
    expect(() => t.publish({ base: 0 })).toThrow(AnalyticsInputError);
    expect(() => t.publish({ threshold: -1 })).toThrow(AnalyticsInputError);
    expect(() => t.publish({ threshold: 1000, base: 1000 })).not.toThrow();
    expect(() => t.publish({ threshold: 1001 })).toThrow(/publish.threshold/);
    expect(() => new CountTable([{ name: 'a', values: ['x', 'x'] }])).toThrow(/duplicates/);
    expect(() => new CountTable([])).toThrow(AnalyticsInputError);
    try {
      t.add(['X'], 0.5);
    } catch (e) {
      expect((e as AnalyticsInputError).field).toBe('values[0]');
    }
  });
});
