/** Who a household's children are: births (twins, triplets), birth dates, names, sex and
 *  background, sibling group by sibling group. */
import { ageOn } from '../dates';
import { GIVEN_NAMES_F, GIVEN_NAMES_M } from '../names';
import type { SiblingGroup } from './families';
import type { CountyGenerator } from './generator';
import { NO_FLAGS, RACES, pad } from './tables';
import type { TrueChild } from './types';

/** A child of a household being generated, with its birth day (day number) and age today. */
export interface Member {
  child: TrueChild;
  born: number;
  age: number;
}

/** The children of household `householdId`, group by group (truthIds follow the county's). Their
 *  homes, agencies and flags are filled in by the later steps. */
export function people(gen: CountyGenerator, householdId: string, groups: readonly SiblingGroup[]): Member[] {
  const { rng } = gen;
  // Who the children are: each sibling group's births, names and background.
  const used = new Set<string>();
  const members: Member[] = [];
  for (let gi = 0; gi < groups.length; gi++) {
    const g = groups[gi]!;
    const siblingGroupId = `${householdId}-${String.fromCharCode(65 + gi)}`;
    const births = gen.births(g.count);
    const days = gen.birthDays(births.length);
    const names = g.names(births.length);
    const hispanic = rng.chance(0.45);
    const race = rng.weighted(RACES);
    const ethnicity = hispanic ? 'HISPANIC' : rng.chance(0.9) ? 'NOT_HISPANIC' : 'UNKNOWN';
    const primaryLanguage =
      hispanic && rng.chance(0.4)
        ? 'SPANISH'
        : rng.chance(0.08)
          ? rng.pick(['VIETNAMESE', 'CANTONESE', 'TAGALOG', 'ARABIC', 'AMHARIC'])
          : 'ENGLISH';
    for (let b = 0; b < births.length; b++) {
      const k = births[b]!;
      const born = days[b]!;
      const birthDate = gen.date(born);
      const age = ageOn(birthDate, gen.today);
      const multipleBirthId = k > 1 ? `${siblingGroupId}${b + 1}` : null;
      const paired = k > 1 && rng.chance(0.4) ? gen.twinNames(used) : null;
      let firstSex: 'F' | 'M' = 'F';
      for (let j = 0; j < k; j++) {
        let sex: 'F' | 'M';
        let givenName: string;
        let nicknames: readonly string[];
        if (paired && j < 2) [givenName, sex, nicknames] = paired[j]!;
        else {
          const other: 'F' | 'M' = firstSex === 'F' ? 'M' : 'F';
          sex = j > 0 ? (rng.chance(0.75) ? firstSex : other) : rng.chance(0.5) ? 'F' : 'M';
          [givenName, nicknames] = gen.givenName(sex, used);
        }
        if (j === 0) firstSex = sex;
        used.add(givenName);
        const [middle] = rng.pick(sex === 'F' ? GIVEN_NAMES_F : GIVEN_NAMES_M);
        const child: TrueChild = {
          truthId: `T${pad(gen.children.length + members.length + 1)}`,
          givenName,
          nicknames,
          middleName: rng.chance(0.7) ? middle : null,
          familyName: names[b]!,
          birthDate,
          sex,
          race,
          ethnicity,
          primaryLanguage,
          addressLine: '',
          city: '',
          postalCode: '',
          agencies: [],
          flags: NO_FLAGS,
          householdId,
          siblingGroupId,
          householdRole: g.role,
          multipleBirthId,
        };
        members.push({ child, born, age });
      }
    }
  }
  return members;
}
