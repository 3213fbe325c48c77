/** What family a household is: its sibling groups (the mother's children, a partner's, cousins)
 *  and the family name each birth carries. */
import type { CountyGenerator } from './generator';
import type { HouseholdKind, HouseholdRole } from './types';

/** Children of one mother (or one partner, or cousins) in a household, and how each of their
 *  births is named (a closure: a blended family's names depend on how many births there are). */
export interface SiblingGroup {
  role: HouseholdRole;
  count: number;
  names: (births: number) => string[];
}

/** The sibling groups of a household of `size` children of `kind`, whose mother's children carry
 *  `F`. Draws from the generator's rng in the order the county's reproducibility depends on. */
export function siblingGroups(
  gen: CountyGenerator,
  kind: HouseholdKind,
  size: number,
  F: string,
): SiblingGroup[] {
  const { rng } = gen;
  const groups: SiblingGroup[] = [];
  const same = (name: string) => (births: number) => Array<string>(births).fill(name);
  if (kind === 'FAMILY') groups.push({ role: 'CHILD', count: size, names: same(F) });
  else if (kind === 'BLENDED') {
    const G = gen.familyName(F.split('-'));
    const step = rng.chance(0.5) ? rng.int(1, size - 1) : 0;
    const joint = F.includes('-') || rng.chance(0.45) ? G : `${F}-${G}`;
    groups.push({
      role: 'CHILD',
      count: size - step,
      names: (births) => {
        // The younger ones are the couple's own: some of each when there are no step-children, and
        // at least one under her name when the couple's carry his. (Twins alone cannot be both:
        // that household is a family, below.)
        const from = step
          ? rng.int(joint === G ? 1 : 0, births)
          : births >= 2
            ? rng.int(1, births - 1)
            : births;
        return Array.from({ length: births }, (_, b) => (b < from ? F : joint));
      },
    });
    if (step) groups.push({ role: 'STEPCHILD', count: step, names: same(G) });
  } else {
    const cousins = rng.int(1, size - 1);
    const C = rng.chance(0.4) ? F : gen.familyName(F.split('-'));
    groups.push({ role: 'CHILD', count: size - cousins, names: same(F) });
    groups.push({ role: 'COUSIN', count: cousins, names: same(C) });
  }
  return groups;
}
