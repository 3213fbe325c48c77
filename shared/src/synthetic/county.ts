import { AGENCIES, type AgencyCode } from '../agencies';
import { addDays, Rng } from './random';
import { FAMILY_NAMES, GIVEN_NAMES_F, GIVEN_NAMES_M, LOCALITIES, STREETS, STREET_TYPES } from './names';
import type { SyntheticFlags, SyntheticPerson } from './types';

/** The day the synthetic county is generated for: records are dated up to it, never after, so
 *  validation (which refuses future dates) accepts them on any clock. */
export const SYNTHETIC_TODAY = new Date().toISOString().slice(0, 10);

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
  addressLine: string;
  city: string;
  postalCode: string;
  agencies: AgencyCode[];
  flags: SyntheticFlags;
}

export interface County {
  children: TrueChild[];
  /** Each agency's (messy) person records of the children it knows. */
  records: Record<AgencyCode, SyntheticPerson[]>;
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

/** Age of someone born on `birthDate`, on `today`. */
function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

function makeChild(rng: Rng, n: number, today: string): TrueChild {
  const sex = rng.chance(0.5) ? 'F' : 'M';
  const [givenName, nicknames] = rng.pick(sex === 'F' ? GIVEN_NAMES_F : GIVEN_NAMES_M);
  const [middle] = rng.pick(sex === 'F' ? GIVEN_NAMES_F : GIVEN_NAMES_M);
  const hispanic = rng.chance(0.45);
  const familyName = rng.chance(0.12)
    ? `${rng.pick(FAMILY_NAMES)}-${rng.pick(FAMILY_NAMES)}`
    : rng.pick(FAMILY_NAMES);
  const [city, postalCode] = rng.pick(LOCALITIES);
  const birthDate = rng.dateBetween(addDays(today, -18 * 365 - 200), addDays(today, -60));
  const age = ageOn(birthDate, today);
  // Which systems know the child: education knows most school-age children; involvement in the
  // others clusters (crossover youth), as it does in real counties.
  const cw = rng.chance(0.35);
  const bh = rng.chance(cw ? 0.5 : 0.2);
  const prob = age >= 12 && rng.chance(cw ? 0.3 : 0.12);
  const edu = age >= 4 ? rng.chance(0.95) : false;
  const housing = rng.chance(cw ? 0.3 : 0.12);
  const agencies = AGENCIES.filter((_a, i) => [cw, bh, prob, edu, housing][i]);
  if (!agencies.length) agencies.push(age >= 4 ? 'EDUCATION' : 'CHILD_WELFARE');
  return {
    truthId: `T${String(n).padStart(6, '0')}`,
    givenName,
    nicknames,
    middleName: rng.chance(0.7) ? middle : null,
    familyName,
    birthDate,
    sex,
    race: rng.weighted(RACES),
    ethnicity: hispanic ? 'HISPANIC' : rng.chance(0.9) ? 'NOT_HISPANIC' : 'UNKNOWN',
    primaryLanguage:
      hispanic && rng.chance(0.4)
        ? 'SPANISH'
        : rng.chance(0.08)
          ? rng.pick(['VIETNAMESE', 'CANTONESE', 'TAGALOG', 'ARABIC', 'AMHARIC'])
          : 'ENGLISH',
    addressLine: `${rng.int(1, 9999)} ${rng.pick(STREETS)} ${rng.pick(STREET_TYPES)}`,
    city,
    postalCode,
    agencies: agencies as AgencyCode[],
    flags: {
      substanceUse: bh && age >= 12 && rng.chance(0.25),
      dvSurvivor: housing && rng.chance(0.2),
      openChildWelfareCase: cw && rng.chance(0.45),
      specialEducation: edu && rng.chance(0.15),
      sealedAdoption: cw && rng.chance(0.01),
    },
  };
}

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

/** One agency's record of a child: usually right, sometimes messy in the ways real records are. */
function messyRecord(
  rng: Rng,
  c: TrueChild,
  agency: AgencyCode,
  seq: number,
  today: string,
): SyntheticPerson {
  let givenName: string | null = c.givenName;
  let familyName: string | null = c.familyName;
  let middleName = c.middleName;
  let birthDate: string | null = c.birthDate;
  let { addressLine, sex } = c as { addressLine: string | null; sex: string | null };
  if (rng.chance(0.08)) givenName = typo(rng, givenName);
  if (c.nicknames.length && rng.chance(0.12)) givenName = rng.pick(c.nicknames);
  if (rng.chance(0.07)) familyName = typo(rng, familyName);
  if (familyName.includes('-') && rng.chance(0.4)) familyName = familyName.split('-')[rng.int(0, 1)]!;
  if (rng.chance(0.03)) familyName = rng.pick(FAMILY_NAMES); // changed surname (new guardian, marriage of a parent)
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
    externalId: `${agency.slice(0, 2)}${String(seq).padStart(7, '0')}`,
    givenName,
    middleName,
    familyName,
    birthDate,
    sex,
    race: rng.chance(0.15) ? null : c.race,
    ethnicity: rng.chance(0.15) ? null : c.ethnicity,
    primaryLanguage: rng.chance(0.2) ? null : c.primaryLanguage,
    addressLine,
    city: c.city,
    postalCode: rng.chance(0.1) ? null : c.postalCode,
    ageYears: ageOn(c.birthDate, today),
    trueBirthDate: c.birthDate,
    locality: c.city,
    flags: c.flags,
  };
}

/** A twin of `c`: same family name, birth date, home and background, a different given name with a
 *  different initial (twins are the hardest case for record linkage: every field but the given
 *  name agrees). Their agency involvement overlaps with the sibling's, as it does in practice. */
function makeTwin(rng: Rng, c: TrueChild, n: number, today: string): TrueChild {
  const sex = rng.chance(0.5) ? c.sex : c.sex === 'F' ? 'M' : 'F';
  const names = sex === 'F' ? GIVEN_NAMES_F : GIVEN_NAMES_M;
  let [givenName, nicknames] = rng.pick(names);
  for (let i = 0; i < 20 && givenName[0] === c.givenName[0]; i++) [givenName, nicknames] = rng.pick(names);
  const age = ageOn(c.birthDate, today);
  const agencies = c.agencies.filter(() => rng.chance(0.8));
  if (age >= 4 && !agencies.includes('EDUCATION') && rng.chance(0.9)) agencies.push('EDUCATION');
  if (!agencies.length) agencies.push(c.agencies[0]!);
  return {
    ...c,
    truthId: `T${String(n).padStart(6, '0')}`,
    givenName,
    nicknames,
    middleName: rng.chance(0.7) ? rng.pick(names)[0] : null,
    sex,
    agencies: AGENCIES.filter((a) => agencies.includes(a)),
    flags: { ...c.flags, sealedAdoption: false },
  };
}

/** Generates the synthetic county: `size` true children and each agency's messy records of them.
 *  A few children have two records in one agency (a re-referral under another id), and about 3 in
 *  100 are twins. Deterministic for a given seed. */
export function generateCounty(opts: { size: number; seed?: number; today?: string }): County {
  const rng = new Rng(opts.seed ?? 20261125);
  const today = opts.today ?? SYNTHETIC_TODAY;
  const children: TrueChild[] = [];
  const records = Object.fromEntries(AGENCIES.map((a) => [a, [] as SyntheticPerson[]])) as Record<
    AgencyCode,
    SyntheticPerson[]
  >;
  // Twins draw from their own generator, so adding them leaves every other child as it was.
  const twinRng = new Rng((opts.seed ?? 20261125) ^ 0x7417);
  let seq = 0;
  const add = (c: TrueChild, r: Rng) => {
    children.push(c);
    for (const agency of c.agencies) {
      records[agency].push(messyRecord(r, c, agency, ++seq, today));
      if (r.chance(0.03)) records[agency].push(messyRecord(r, c, agency, ++seq, today)); // duplicate within an agency
    }
  };
  for (let n = 1; children.length < opts.size; n++) {
    const c = makeChild(rng, n, today);
    add(c, rng);
    if (children.length < opts.size && twinRng.chance(0.015)) add(makeTwin(twinRng, c, ++n, today), twinRng);
  }
  return { children, records };
}
