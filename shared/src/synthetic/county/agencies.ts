/** Which agencies know a household's children, and the flags that follow (open case, substance
 *  use, DV survivor, special education, sealed adoption). */
import { AGENCIES, type AgencyCode } from '../../agencies';
import type { Rng } from '../random';
import type { Member } from './people';

/** Which agencies know one child, and how child welfare came to know it. */
export type Involvement = Record<AgencyCode, boolean> & { withHome: boolean; referred: boolean };

/** Who knows the household: whether child welfare has the home (and an open case), whether
 *  housing serves it, each child's involvement, and the birth day of the youngest child known only
 *  through a referral (null when none). */
export interface HouseholdInvolvement {
  cwHome: boolean;
  openCase: boolean;
  housingHome: boolean;
  involvement: Involvement[];
  referralFrom: number | null;
}

/** Decides which agencies know `members` and sets each child's `agencies` and `flags`. */
export function whoKnows(rng: Rng, members: readonly Member[]): HouseholdInvolvement {
  // Which systems know the children. Child welfare knows a household's children together (a
  // case, or a referral, names the children of the home) and housing serves whole households;
  // education knows most school-age children; behavioral health and probation know children one
  // by one, more often those child welfare knows (crossover youth).
  const cwHome = rng.chance(0.25);
  const openCase = cwHome && rng.chance(0.6);
  const housingHome = rng.chance(cwHome ? 0.36 : 0.125);
  const dvHome = housingHome && rng.chance(0.2);
  const involvement: Involvement[] = [];
  for (const { age } of members) {
    const cw = cwHome ? rng.chance(0.88) : rng.chance(0.03);
    involvement.push({
      CHILD_WELFARE: cw,
      BEHAVIORAL_HEALTH: rng.chance(cw ? 0.55 : 0.23),
      PROBATION: age >= 12 && rng.chance(cw ? 0.33 : 0.14),
      EDUCATION: age >= 4 && rng.chance(0.95),
      HOUSING: housingHome ? rng.chance(0.95) : age >= 14 && rng.chance(0.02),
      /** Known to child welfare through the household's case or referral (one day for all). */
      withHome: cwHome && cw,
      /** Known to child welfare through a referral alone (screened out). */
      referred: false,
    });
  }
  // A school-age child no system knows otherwise is enrolled in school; a younger one is known
  // through a child welfare referral (screened out), which names the other children of the home.
  const unknown = (i: Record<AgencyCode, boolean>) => !AGENCIES.some((a) => i[a]);
  let referralFrom: number | null = null;
  for (let n = 0; n < members.length; n++) {
    if (!unknown(involvement[n]!)) continue;
    if (members[n]!.age >= 4) involvement[n]!.EDUCATION = true;
    else referralFrom = Math.max(referralFrom ?? 0, members[n]!.born);
  }
  if (referralFrom !== null)
    for (const i of involvement)
      if (!i.CHILD_WELFARE && (unknown(i) || rng.chance(0.85)))
        i.CHILD_WELFARE = i.referred = i.withHome = true;

  for (let n = 0; n < members.length; n++) {
    const { child, age } = members[n]!;
    const known = involvement[n]!;
    child.agencies = AGENCIES.filter((a) => known[a]);
    const served = known.CHILD_WELFARE && !known.referred; // more than a screened-out referral
    child.flags = {
      substanceUse: known.BEHAVIORAL_HEALTH && age >= 12 && rng.chance(0.25),
      dvSurvivor: known.HOUSING && (housingHome ? dvHome : rng.chance(0.2)),
      openChildWelfareCase: served && (cwHome ? openCase && rng.chance(0.95) : rng.chance(0.45)),
      specialEducation: known.EDUCATION && rng.chance(0.15),
      sealedAdoption: served && rng.chance(0.01),
    };
  }
  return { cwHome, openCase, housingHome, involvement, referralFrom };
}
