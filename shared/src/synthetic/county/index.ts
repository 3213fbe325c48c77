/** The synthetic county: true children in households, and each agency's messy records of them.
 *  Split by job: types, tables (the figures), families, people, agencies, homes, messyRecord and
 *  the generator that runs them in order (the order of draws is what makes a seed reproducible). */
import { Rng } from '../random';
import { CountyGenerator } from './generator';
import { SYNTHETIC_TODAY, type County } from './types';

export * from './types';
export { typo } from './messyRecord';

/** Generates the synthetic county: `size` true children living in households, and each agency's
 *  messy records of them.
 *
 *  Households hold 1 to 6 children (most 1 to 3): siblings share a family name and home and are
 *  born at least ~10 months apart; blended families carry a partner's name too (alone or
 *  hyphenated); some homes take in cousins; about 2.5 in 100 children are twins or triplets (same
 *  birth date and home, different given names, some alike: Jayden/Jaylen). Households move, so
 *  agencies that knew a child at different times hold different addresses. Child welfare and
 *  housing know households together; a few children have two records in one agency (a
 *  re-referral under another id). Deterministic for a given seed and `today`. */
export function generateCounty(opts: { size: number; seed?: number; today?: string }): County {
  const gen = new CountyGenerator(new Rng(opts.seed ?? 20261125), opts.today ?? SYNTHETIC_TODAY);
  while (gen.children.length < opts.size) gen.household(opts.size - gen.children.length);
  return { children: gen.children, records: gen.records, households: gen.households };
}
