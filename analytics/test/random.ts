/** Seeded randomness for the tests and the bench, so every run draws the same numbers. */

/** mulberry32: a small, fast 32-bit PRNG; uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Binomial(n, p) draw by geometric waiting times (O(np) steps, exact). */
export function binomial(random: () => number, n: number, p: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return n;
  const logQ = Math.log(1 - p);
  let k = 0;
  for (let trial = 0; ; k++) {
    trial += Math.floor(Math.log(1 - random()) / logQ) + 1;
    if (trial > n) return k;
  }
}
