import { createHash } from 'node:crypto';

/** A seeded pseudo-random generator (mulberry32): the same seed gives the same county. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A 256-bit key from the generator's current state, without drawing from it (what it yields
   *  next is unchanged): for ids that must be reproducible yet carry more than its 32 bits. */
  key(label: string): Buffer {
    return createHash('sha256').update(`wholechild\u0000${label}\u0000${this.state}`).digest();
  }
  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(pairs: ReadonlyArray<readonly [T, number]>): T {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of pairs) if ((r -= w) < 0) return v;
    return pairs[pairs.length - 1]![0];
  }
  /** A date (YYYY-MM-DD) uniformly between two dates, inclusive. */
  dateBetween(from: string, to: string): string {
    const a = Date.parse(`${from}T00:00:00Z`);
    const b = Date.parse(`${to}T00:00:00Z`);
    return new Date(a + Math.floor(this.next() * ((b - a) / 86_400_000 + 1)) * 86_400_000)
      .toISOString()
      .slice(0, 10);
  }
}

/** 32-bit FNV-1a of a string: a stable number per key, e.g. to seed one record's own generator
 *  (`new Rng(fnv1a32(key))`), so what it draws does not depend on the records before it. */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Picks up to `n` distinct values by weight (values of weight 0 never). With equal weights this
 *  is a uniform sample without replacement. */
export function pickDistinct<T>(rng: Rng, pairs: ReadonlyArray<readonly [T, number]>, n: number): T[] {
  const pool = pairs.filter(([, w]) => w > 0);
  const out: T[] = [];
  while (out.length < n && pool.length) {
    const v = rng.weighted(pool);
    out.push(v);
    pool.splice(
      pool.findIndex(([x]) => x === v),
      1,
    );
  }
  return out;
}
