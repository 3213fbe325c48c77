import { AGENCIES, type AgencyCode } from '../agencies';
import { ageOn } from './dates';
import { Rng } from './random';
import { ExternalIdIssuer } from './ids';
import {
  FAMILY_NAMES,
  GIVEN_NAMES_F,
  GIVEN_NAMES_M,
  LOCALITIES,
  STREETS,
  STREET_TYPES,
  TWIN_NAME_PAIRS,
} from './names';
import type { SyntheticFlags, SyntheticPerson } from './types';

/** The day the synthetic county is generated for: records are dated up to it, never after, so
 *  validation (which refuses future dates) accepts them on any clock. */
export const SYNTHETIC_TODAY = new Date().toISOString().slice(0, 10);

/** How a child is related to the household it lives in. */
export type HouseholdRole =
  /** The mother's child (full or half sibling of the household's other `CHILD`ren). */
  | 'CHILD'
  /** The mother's partner's child from before (a step-sibling of the `CHILD`ren). */
  | 'STEPCHILD'
  /** A niece or nephew living with the family (a cousin of the `CHILD`ren). */
  | 'COUSIN';

/** A true child of the synthetic county. */
export interface TrueChild {
  truthId: string;
  givenName: string;
  nicknames: readonly string[];
  middleName: string | null;
  familyName: string;
  birthDate: string;
  sex: 'F' | 'M';
  race: string;
  ethnicity: string;
  primaryLanguage: string;
  /** Where the child lives today (its household's current home). */
  addressLine: string;
  city: string;
  postalCode: string;
  agencies: AgencyCode[];
  flags: SyntheticFlags;
  /** The household the child lives in (`County.households`). */
  householdId: string;
  /** The children of one mother in the household: born at least 300 days apart, except twins. */
  siblingGroupId: string;
  householdRole: HouseholdRole;
  /** Shared by twins (and triplets): same birth date, sibling group and home. Null otherwise. */
  multipleBirthId: string | null;
}

/** A home of a household, lived in from `since` until the next one's `since`. */
export interface HomeAddress {
  addressLine: string;
  city: string;
  postalCode: string;
  /** The day the household moved in; the first home's is its oldest child's birth date. */
  since: string;
}

/** What kind of family a household is. */
export type HouseholdKind =
  /** A mother's children, all with one family name. */
  | 'FAMILY'
  /** A mother's children and her partner's: the older ones carry her family name, the couple's own
   *  children carry his or both hyphenated ("Garcia-Lopez" with a sibling "Garcia"), and his children
   *  from before carry his. */
  | 'BLENDED'
  /** A family and one or more cousins living with it (the same family name or another). */
  | 'WITH_COUSINS';

/** A household of the synthetic county: children who live together (1 to 6 of them). */
export interface Household {
  householdId: string;
  kind: HouseholdKind;
  /** The mother's children's family name (before any hyphenated or partner's name). */
  familyName: string;
  /** Every family name its children carry. */
  familyNames: string[];
  /** Its homes, oldest first; the last is where it lives today. Agencies that knew its children at
   *  different times hold different ones. */
  addresses: HomeAddress[];
  /** Its children's truthIds (sibling group by sibling group, oldest first). */
  childIds: string[];
}

export interface County {
  children: TrueChild[];
  /** Each agency's (messy) person records of the children it knows. */
  records: Record<AgencyCode, SyntheticPerson[]>;
  /** The households the children live in (every child is in exactly one). */
  households: Household[];
}

const SOURCE_SYSTEMS: Record<AgencyCode, string> = {
  CHILD_WELFARE: 'CWS-CMS',
  BEHAVIORAL_HEALTH: 'AVATAR',
  PROBATION: 'PCMS',
  EDUCATION: 'SIS',
  HOUSING: 'HMIS',
};

const RACES = [
  ['WHITE', 30],
  ['BLACK', 18],
  ['ASIAN', 10],
  ['AMERICAN_INDIAN_ALASKA_NATIVE', 3],
  ['NATIVE_HAWAIIAN_PACIFIC_ISLANDER', 1],
  ['MULTIRACIAL', 8],
  ['OTHER', 25],
  ['UNKNOWN', 5],
] as const;

/** Children per household (most families have one to three). */
const HOUSEHOLD_SIZES = [
  [1, 38],
  [2, 32],
  [3, 17],
  [4, 8],
  [5, 3.5],
  [6, 1.5],
] as const;

const HOUSEHOLD_KINDS = [
  ['FAMILY', 70],
  ['BLENDED', 20],
  ['WITH_COUSINS', 10],
] as const;

/** Chance that a birth (in a sibling group with room for them) is twins, and triplets. Together
 *  with the household sizes this makes about 2.5 in 100 children a twin or triplet. */
const P_TWINS = 0.025;
const P_TRIPLETS = 0.0008;

/** Years between siblings' births (at least ~10 months, typically 1 to 6 years). */
const BIRTH_GAPS: ReadonlyArray<readonly [readonly [number, number], number]> = [
  [[300, 730], 30],
  [[731, 1460], 40],
  [[1461, 2190], 20],
  [[2191, 3650], 10],
];

/** Moves a year: families known to child welfare or housing move about twice as often. */
const MOVES_PER_YEAR = { settled: 0.2, unsettled: 0.4 };

/** The chance an agency's record of a child is current (it holds today's home), rather than last
 *  updated on some day since the child was old enough to be known to it (the home of that day). */
const CURRENT_RECORD: Record<AgencyCode, number> = {
  CHILD_WELFARE: 0.25,
  BEHAVIORAL_HEALTH: 0.3,
  PROBATION: 0.4,
  EDUCATION: 0.4,
  HOUSING: 0.2,
};
const FIRST_AGE: Partial<Record<AgencyCode, number>> = { PROBATION: 12, EDUCATION: 4 };

const NO_FLAGS: SyntheticFlags = {
  substanceUse: false,
  dvSurvivor: false,
  openChildWelfareCase: false,
  specialEducation: false,
  sealedAdoption: false,
};

const DAY_MS = 86_400_000;
const toDay = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const fromDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const pad = (n: number) => String(n).padStart(6, '0');

/** A one-character typo: substitution, deletion, insertion or transposition. */
export function typo(rng: Rng, s: string): string {
  if (s.length < 3) return s;
  const i = rng.int(1, s.length - 2);
  const letter = String.fromCharCode(97 + rng.int(0, 25));
  switch (rng.int(0, 3)) {
    case 0:
      return s.slice(0, i) + letter + s.slice(i + 1);
    case 1:
      return s.slice(0, i) + s.slice(i + 1);
    case 2:
      return s.slice(0, i) + letter + s.slice(i);
    default:
      return s.slice(0, i - 1) + s[i] + s[i - 1] + s.slice(i + 1);
  }
}

/** One agency's record of a child, taken on `recordedOn` at the home the child lived in then:
 *  usually right, sometimes messy in the ways real records are. `otherNames` are the other family
 *  names in the child's home (a record may carry one of them). */
function messyRecord(
  rng: Rng,
  c: TrueChild,
  age: number,
  agency: AgencyCode,
  externalId: string,
  today: string,
  home: HomeAddress,
  recordedOn: string,
  otherNames: readonly string[],
): SyntheticPerson {
  let givenName: string | null = c.givenName;
  let familyName: string | null = c.familyName;
  let middleName = c.middleName;
  let birthDate: string | null = c.birthDate;
  let addressLine: string | null = home.addressLine;
  let sex: string | null = c.sex;
  if (rng.chance(0.08)) givenName = typo(rng, givenName);
  if (c.nicknames.length && rng.chance(0.12)) givenName = rng.pick(c.nicknames);
  if (rng.chance(0.07)) familyName = typo(rng, familyName);
  if (familyName.includes('-') && rng.chance(0.4)) familyName = familyName.split('-')[rng.int(0, 1)]!;
  // changed surname (new guardian, marriage of a parent): often another name from the same home
  if (rng.chance(0.03))
    familyName = otherNames.length && rng.chance(0.5) ? rng.pick(otherNames) : rng.pick(FAMILY_NAMES);
  if (middleName && rng.chance(0.3)) middleName = middleName[0]!;
  if (rng.chance(0.25)) middleName = null;
  if (rng.chance(0.05)) {
    const [y, m, d] = birthDate.split('-');
    const swapped = `${y}-${d}-${m}`; // day and month swapped (never into the future)
    if (Number(d) <= 12 && d !== m && swapped <= today) birthDate = swapped;
  } else if (rng.chance(0.04)) {
    const [y, m, d] = birthDate.split('-');
    const nd = String(Math.min(28, Math.max(1, Number(d) + rng.pick([-1, 1, 10, -10])))).padStart(2, '0');
    birthDate = `${y}-${m}-${nd}`;
  }
  if (rng.chance(0.03)) birthDate = null;
  if (rng.chance(0.02)) givenName = null;
  if (rng.chance(0.1)) addressLine = null;
  if (rng.chance(0.05)) sex = 'U';
  if (rng.chance(0.1)) givenName = givenName?.toUpperCase() ?? null;
  if (rng.chance(0.1)) familyName = familyName?.toUpperCase() ?? null;
  return {
    truthId: c.truthId,
    agency,
    sourceSystem: SOURCE_SYSTEMS[agency],
    externalId,
    givenName,
    middleName,
    familyName,
    birthDate,
    sex,
    race: rng.chance(0.15) ? null : c.race,
    ethnicity: rng.chance(0.15) ? null : c.ethnicity,
    primaryLanguage: rng.chance(0.2) ? null : c.primaryLanguage,
    addressLine,
    city: home.city,
    postalCode: rng.chance(0.1) ? null : home.postalCode,
    ageYears: age,
    trueBirthDate: c.birthDate,
    locality: home.city,
    flags: c.flags,
    householdId: c.householdId,
    recordedOn,
  };
}

/** Generates one county; see `generateCounty`. */
class CountyGenerator {
  readonly children: TrueChild[] = [];
  readonly households: Household[] = [];
  readonly records = Object.fromEntries(AGENCIES.map((a) => [a, [] as SyntheticPerson[]])) as Record<
    AgencyCode,
    SyntheticPerson[]
  >;
  private seq = 0;
  private readonly todayDay: number;
  /** Birth dates fall in [earliest, latest]: ages 0 to 18 (as old as 18 years and 200 days). */
  private readonly earliest: number;
  private readonly latest: number;

  /** Agency-issued ids: random-looking, 65 bits, reproducible from the seed (ExternalIdIssuer). */
  private readonly ids: ExternalIdIssuer;

  constructor(
    private readonly rng: Rng,
    private readonly today: string,
  ) {
    this.ids = ExternalIdIssuer.fromRng(rng, 'person external ids');
    this.todayDay = toDay(today);
    this.earliest = this.todayDay - (18 * 365 + 200);
    this.latest = this.todayDay - 60;
  }

  /** The id an agency gives its next person record: its two-letter prefix (HO for housing) and 65
   *  bits with no order, never a counter someone could walk (HO0000041, HO0000042, …). */
  nextId(agency: AgencyCode): string {
    return this.ids.issue(agency.slice(0, 2), ++this.seq);
  }

  private readonly dates = new Map<number, string>();
  /** The YYYY-MM-DD of a day number (days since 1970-01-01), remembered. */
  date(day: number): string {
    let date = this.dates.get(day);
    if (date === undefined) this.dates.set(day, (date = fromDay(day)));
    return date;
  }

  familyName(not: readonly string[] = []): string {
    let name = this.rng.pick(FAMILY_NAMES);
    while (not.includes(name)) name = this.rng.pick(FAMILY_NAMES);
    return name;
  }

  /** `count` children of one mother as births (1 child each; 2 for twins, 3 for triplets). */
  births(count: number): number[] {
    const births: number[] = [];
    for (let left = count; left > 0;) {
      const r = this.rng.next();
      const k = left >= 3 && r < P_TRIPLETS ? 3 : left >= 2 && r < P_TWINS ? 2 : 1;
      births.push(k);
      left -= k;
    }
    return births;
  }

  /** Birth days for `n` births of one mother, oldest first, at least 300 days apart. */
  birthDays(n: number): number[] {
    const gaps: number[] = [];
    for (let i = 1; i < n; i++) {
      const [a, b] = this.rng.weighted(BIRTH_GAPS);
      gaps.push(this.rng.int(a, b));
    }
    const window = this.latest - this.earliest;
    let span = gaps.reduce((s, g) => s + g, 0);
    while (span > window) {
      const i = gaps.indexOf(Math.max(...gaps));
      span -= gaps[i]!;
      gaps[i] = this.rng.int(300, 730);
      span += gaps[i]!;
    }
    const days = [this.rng.int(this.earliest, this.latest - span)];
    for (const g of gaps) days.push(days[days.length - 1]! + g);
    return days;
  }

  /** A given name for a child of `sex` not yet used in the home. */
  givenName(sex: 'F' | 'M', used: Set<string>): readonly [string, readonly string[]] {
    const names = sex === 'F' ? GIVEN_NAMES_F : GIVEN_NAMES_M;
    let pick = this.rng.pick(names);
    for (let i = 0; i < 100 && used.has(pick[0]); i++) pick = this.rng.pick(names);
    return pick;
  }

  /** Two names for twins that share an initial or sound alike (both unused in the home), or null. */
  twinNames(used: Set<string>) {
    for (let i = 0; i < 10; i++) {
      const [a, b] = this.rng.pick(TWIN_NAME_PAIRS);
      if (!used.has(a[0]) && !used.has(b[0])) return this.rng.chance(0.5) ? [a, b] : [b, a];
    }
    return null;
  }

  /** The day an agency last recorded a child it has known since `from`: today if its record is
   *  current, else mostly what it heard when it first knew the child (earlier days likelier: the
   *  density falls linearly from `from` to today). Never after today. */
  recordDay(agency: AgencyCode, from: number, openCase: boolean): number {
    const upToDate = this.rng.chance(agency === 'CHILD_WELFARE' && openCase ? 0.9 : CURRENT_RECORD[agency]);
    if (upToDate || from >= this.todayDay) return this.todayDay;
    return from + Math.floor((this.todayDay - from + 1) * (1 - Math.sqrt(1 - this.rng.next())));
  }

  /** A household of up to `remaining` children: who they are, where they have lived, which
   *  agencies know them, and each agency's records of them. */
  household(remaining: number): void {
    const { rng } = this;
    const size = Math.min(rng.weighted(HOUSEHOLD_SIZES), remaining);
    const householdId = `H${pad(this.households.length + 1)}`;
    const first = this.familyName();
    const F = rng.chance(0.1) ? `${first}-${this.familyName([first])}` : first;
    let kind: HouseholdKind = size === 1 ? 'FAMILY' : rng.weighted(HOUSEHOLD_KINDS);

    // Sibling groups: a role, a number of children and each birth's family name.
    const groups: Array<{ role: HouseholdRole; count: number; names: (births: number) => string[] }> = [];
    const same = (name: string) => (births: number) => Array<string>(births).fill(name);
    if (kind === 'FAMILY') groups.push({ role: 'CHILD', count: size, names: same(F) });
    else if (kind === 'BLENDED') {
      const G = this.familyName(F.split('-'));
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
      const C = rng.chance(0.4) ? F : this.familyName(F.split('-'));
      groups.push({ role: 'CHILD', count: size - cousins, names: same(F) });
      groups.push({ role: 'COUSIN', count: cousins, names: same(C) });
    }

    // Who the children are: each sibling group's births, names and background.
    const used = new Set<string>();
    const members: Array<{ child: TrueChild; born: number; age: number }> = [];
    for (let gi = 0; gi < groups.length; gi++) {
      const g = groups[gi]!;
      const siblingGroupId = `${householdId}-${String.fromCharCode(65 + gi)}`;
      const births = this.births(g.count);
      const days = this.birthDays(births.length);
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
        const birthDate = this.date(born);
        const age = ageOn(birthDate, this.today);
        const multipleBirthId = k > 1 ? `${siblingGroupId}${b + 1}` : null;
        const paired = k > 1 && rng.chance(0.4) ? this.twinNames(used) : null;
        let firstSex: 'F' | 'M' = 'F';
        for (let j = 0; j < k; j++) {
          let sex: 'F' | 'M';
          let givenName: string;
          let nicknames: readonly string[];
          if (paired && j < 2) [givenName, sex, nicknames] = paired[j]!;
          else {
            const other: 'F' | 'M' = firstSex === 'F' ? 'M' : 'F';
            sex = j > 0 ? (rng.chance(0.75) ? firstSex : other) : rng.chance(0.5) ? 'F' : 'M';
            [givenName, nicknames] = this.givenName(sex, used);
          }
          if (j === 0) firstSex = sex;
          used.add(givenName);
          const [middle] = rng.pick(sex === 'F' ? GIVEN_NAMES_F : GIVEN_NAMES_M);
          const child: TrueChild = {
            truthId: `T${pad(this.children.length + members.length + 1)}`,
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

    // Which systems know the children. Child welfare knows a household's children together (a
    // case, or a referral, names the children of the home) and housing serves whole households;
    // education knows most school-age children; behavioral health and probation know children one
    // by one, more often those child welfare knows (crossover youth).
    const cwHome = rng.chance(0.25);
    const openCase = cwHome && rng.chance(0.6);
    const housingHome = rng.chance(cwHome ? 0.36 : 0.125);
    const dvHome = housingHome && rng.chance(0.2);
    const involvement: Array<Record<AgencyCode, boolean> & { withHome: boolean; referred: boolean }> = [];
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

    // Homes: the first from the oldest child's birth, then moves (a new street, often another
    // locality) until today. Families known to child welfare or housing move more often.
    const oldest = Math.min(...members.map((m) => m.born));
    const since: number[] = [];
    const addresses: HomeAddress[] = [];
    const perYear = cwHome || housingHome ? MOVES_PER_YEAR.unsettled : MOVES_PER_YEAR.settled;
    let [city, postalCode] = rng.pick(LOCALITIES);
    for (let day = oldest; day <= this.todayDay && addresses.length < 8;) {
      addresses.push({
        addressLine: `${rng.int(1, 9999)} ${rng.pick(STREETS)} ${rng.pick(STREET_TYPES)}`,
        city,
        postalCode,
        since: this.date(day),
      });
      since.push(day);
      day += Math.max(30, Math.ceil((-Math.log(1 - rng.next()) * 365) / perYear));
      if (rng.chance(0.45)) [city, postalCode] = rng.pick(LOCALITIES);
    }
    const homeOn = (day: number) => {
      let i = since.length - 1;
      while (i > 0 && since[i]! > day) i--;
      return addresses[i]!;
    };
    const current = addresses[addresses.length - 1]!;

    // The day each agency last recorded a child, and so the home its record holds: child welfare's
    // case (or referral) and housing's enrolment are the household's, one day for all its children;
    // the other agencies' are each child's own.
    const caseDay = this.recordDay('CHILD_WELFARE', referralFrom ?? oldest, openCase);
    const housingDay = this.recordDay('HOUSING', oldest, false);
    const familyNames = [...new Set(members.map((m) => m.child.familyName))];
    if (kind === 'BLENDED' && familyNames.length === 1) kind = 'FAMILY'; // a mother's twins, all hers
    for (let n = 0; n < members.length; n++) {
      const { child: c, born, age } = members[n]!;
      c.addressLine = current.addressLine;
      c.city = current.city;
      c.postalCode = current.postalCode;
      const others = familyNames.length > 1 ? familyNames.filter((name) => name !== c.familyName) : [];
      for (const agency of c.agencies) {
        const from = born + (FIRST_AGE[agency] ?? 0) * 365;
        const day =
          agency === 'CHILD_WELFARE' && involvement[n]!.withHome
            ? Math.max(caseDay, born)
            : agency === 'HOUSING' && housingHome
              ? Math.max(housingDay, born)
              : this.recordDay(agency, from, openCase);
        // one record of the child at this agency, as known on that day
        const record = (on: number) =>
          this.records[agency].push(
            messyRecord(
              rng,
              c,
              age,
              agency,
              this.nextId(agency),
              this.today,
              homeOn(on),
              this.date(on),
              others,
            ),
          );
        record(day);
        // a duplicate within the agency (a re-referral under another id), recorded on its own day
        if (rng.chance(0.03)) record(this.recordDay(agency, from, openCase));
      }
    }
    const children = members.map((m) => m.child);
    this.children.push(...children);
    this.households.push({
      householdId,
      kind,
      familyName: F,
      familyNames,
      addresses,
      childIds: children.map((c) => c.truthId),
    });
  }
}

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
