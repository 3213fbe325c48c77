import type { Hypercube } from './hypercube';

/** Why a cell is withheld: PRIMARY (the cell itself is disclosive) or COMPLEMENTARY (withheld so
 *  that a primary cell cannot be recovered by subtraction from a total). */
export type Suppression = 'PRIMARY' | 'COMPLEMENTARY';

/** The primary rule for one cell, as data so the rule reads in one place. */
export interface PrimaryRule {
  /** Cells whose true count is below this are withheld. */
  threshold: number;
  /** Whether a true zero is withheld too (an empty cell can say "nobody here has X"). */
  suppressZeros: boolean;
}

/**
 * Whether a cell is primarily suppressed: its true count is below the threshold (zeros included
 * when `suppressZeros`), or it holds protected records and the others in it number fewer than
 * the threshold. The second clause is why a cell of 40 children, 35 of them protected, is
 * withheld: 42 CFR Part 2 and VAWA's confidentiality provision allow aggregate use only where no
 * person can be identified, and a cell that is mostly protected people says, to anyone who knows
 * the few others in it, that protected people exist there.
 */
export function isPrimary(count: number, protectedCount: number, rule: PrimaryRule): boolean {
  if (count === 0) return rule.suppressZeros;
  if (count < rule.threshold) return true;
  return protectedCount > 0 && count - protectedCount < rule.threshold;
}

/**
 * Complementary suppression over a hypercube, in place. `state[i]` is 0 (published), 1 (PRIMARY)
 * or 2 (COMPLEMENTARY); `counts[i]` the true count of cell i.
 *
 * Until nothing changes: every line holding exactly one suppressed cell gets a second one —
 * the unsuppressed non-TOTAL cell with the smallest true count (ties: the lowest index, so the
 * result is deterministic), or the line's TOTAL when no non-TOTAL cell is left. A line with one
 * withheld cell gives it away as TOTAL minus the others; with two, only their sum is known.
 * Terminates: every change withholds one more cell and there are finitely many.
 *
 * @returns the number of cells it suppressed.
 */
export function suppressComplementary(cube: Hypercube, counts: ArrayLike<number>, state: Uint8Array): number {
  const lines = cube.lines();
  let added = 0;
  for (let changed = true; changed;) {
    changed = false;
    for (const { start, stride, length } of lines) {
      let suppressed = 0;
      for (let v = 0, i = start; v < length; v++, i += stride) if (state[i] !== 0) suppressed++;
      if (suppressed !== 1) continue;
      let pick = -1;
      for (let v = 0, i = start; v < length - 1; v++, i += stride) {
        if (state[i] === 0 && (pick < 0 || counts[i] < counts[pick])) pick = i;
      }
      if (pick < 0) pick = start + (length - 1) * stride;
      state[pick] = 2;
      added++;
      changed = true;
    }
  }
  return added;
}
