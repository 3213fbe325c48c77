import { CountTable, recordKey } from '../src';

/**
 * The differencing attack: group G (3 children, so its own cell is withheld) is hidden inside
 * two large published counts that differ by one filter — "all children" and "all children not in
 * G" — and the attacker subtracts them. 102 children, 1,000 county secrets.
 */
const CHILDREN = Array.from({ length: 102 }, (_, i) => `child-${i}`);
const BASE = 5;
const SECRETS = 1000;

/** The grand total published by a one-dimension table of these children (sex F/M). */
function publishedTotal(ids: string[], keys: Map<string, number>, base: number): number {
  const t = new CountTable([{ name: 'sex', values: ['F', 'M'] }]);
  for (const id of ids) t.add([Number(id.slice(6)) % 2 ? 'F' : 'M'], keys.get(id) as number);
  return t.publish({ base, threshold: 11 })[2].count as number;
}

/** The two answers the attacker gets under one secret when G is the first `d` children. */
function attack(secret: string, d: number, base: number): { all: number; rest: number } {
  const keys = new Map(CHILDREN.map((id) => [id, recordKey(secret, id)]));
  return { all: publishedTotal(CHILDREN, keys, base), rest: publishedTotal(CHILDREN.slice(d), keys, base) };
}

/**
 * P(published difference = D | hidden count d), from the rounding alone: the two cells' keys are
 * independent and uniform (they differ by the sum of G's unknown record keys), and the attacker
 * does not know the total's remainder mod base, so it is averaged over.
 */
function likelihood(D: number, d: number, totals = [100, 101, 102, 103, 104]): number {
  const up = (n: number) => (n % BASE) / BASE; // P(rounded up)
  const outcomes = (n: number): Array<[number, number]> => [
    [n - (n % BASE) + BASE, up(n)],
    [n - (n % BASE), 1 - up(n)],
  ];
  let p = 0;
  for (const n of totals) {
    for (const [a, pa] of outcomes(n)) for (const [b, pb] of outcomes(n - d)) if (a - b === D) p += pa * pb;
  }
  return p / totals.length;
}

const guesses = new Map<number, number>();
/** The Bayes-optimal guess of the hidden count (1–10: the attacker knows it is withheld). */
function bestGuess(D: number): number {
  let best = guesses.get(D);
  if (best === undefined) {
    best = 1;
    for (let d = 2; d <= 10; d++) if (likelihood(D, d) > likelihood(D, best)) best = d;
    guesses.set(D, best);
  }
  return best;
}

describe('differencing attack', () => {
  it('without rounding, subtraction recovers the hidden count every time', () => {
    for (let s = 0; s < 50; s++) {
      const { all, rest } = attack(`secret-${s}`, 3, 1);
      expect(all - rest).toBe(3);
    }
  });

  it('with cell-key rounding, the difference of two large cells does not give the hidden count', () => {
    const seen = new Map<number, number>();
    let exact = 0;
    let guessed = 0;
    for (let s = 0; s < SECRETS; s++) {
      const { all, rest } = attack(`secret-${s}`, 3, BASE);
      expect(all % BASE).toBe(0);
      expect(rest % BASE).toBe(0);
      const D = all - rest;
      seen.set(D, (seen.get(D) ?? 0) + 1);
      if (D === 3) exact++;
      if (bestGuess(D) === 3) guessed++;
    }
    // Subtraction never yields 3 (both answers are multiples of 5) ...
    expect(exact).toBe(0);
    // ... and the best-informed guess from the difference hits 3 no more often than chance
    // (a blind guess among 1–10 is right 10% of the time).
    expect(guessed / SECRETS).toBeLessThanOrEqual(0.1);
    // The differences follow the rounding's own distribution (102 → 100|105, 99 → 95|100):
    // 0 with P 0.48, 5 with P 0.44, 10 with P 0.08; the secret only picks where each lands.
    for (const [D, p] of [
      [0, 0.48],
      [5, 0.44],
      [10, 0.08],
    ]) {
      expect(likelihood(D, 3, [102])).toBeCloseTo(p, 9);
      expect(Math.abs((seen.get(D) ?? 0) / SECRETS - p)).toBeLessThan(0.05);
    }
  });

  it('over hidden counts 1–10, the best guess is right well under half the time (22% in theory)', () => {
    let right = 0;
    for (let s = 0; s < SECRETS; s++) {
      const d = 1 + (s % 10);
      const { all, rest } = attack(`other-${s}`, d, BASE);
      if (bestGuess(all - rest) === d) right++;
    }
    expect(right / SECRETS).toBeGreaterThan(0.15); // the leak is real: the window is ±(2·base − 1)
    expect(right / SECRETS).toBeLessThan(0.3);
  });

  it('repeating a query, or reaching the same children by another query, gives the same answer', () => {
    const keys = new Map(CHILDREN.map((id) => [id, recordKey('county', id)]));
    const once = publishedTotal(CHILDREN, keys, BASE);
    for (let i = 0; i < 5; i++) expect(publishedTotal(CHILDREN, keys, BASE)).toBe(once);
    // Same 100 children, another breakdown (by a 3-valued dimension): the grand total is the same.
    const other = new CountTable([{ name: 'age', values: ['0-5', '6-12', '13-17'] }]);
    CHILDREN.forEach((id, i) => other.add([['0-5', '6-12', '13-17'][i % 3]], keys.get(id) as number));
    expect(other.publish()[3].count).toBe(once);
  });

  it('known limit: averaging differences over many DIFFERENT companion sets does recover it (README)', () => {
    // "S_i with G" minus "S_i", for 100 disjoint sets S_i of 12 children: each difference is the
    // hidden 3 plus independent zero-mean rounding noise, so the mean converges. The engine cannot
    // see query history: the GraphQL layer must restrict filters and budget queries.
    const G = ['g0', 'g1', 'g2'];
    let recovered = 0;
    for (let s = 0; s < 50; s++) {
      const secret = `limit-${s}`;
      let sum = 0;
      for (let i = 0; i < 100; i++) {
        const S = Array.from({ length: 12 }, (_, j) => `s${i}-${j}`);
        const keys = new Map([...S, ...G].map((id) => [id, recordKey(secret, id)]));
        sum += publishedTotal([...S, ...G], keys, BASE) - publishedTotal(S, keys, BASE);
      }
      if (Math.round(sum / 100) === 3) recovered++;
    }
    expect(recovered / 50).toBeGreaterThan(0.7);
  });
});
