/** One agency's record of a true child: right mostly, messy in the ways real records are
 *  (typos, nicknames, swapped day and month, blanks, another home's surname, capitals). */
import type { AgencyCode } from '../../agencies';
import { FAMILY_NAMES } from '../names';
import type { Rng } from '../random';
import type { SyntheticPerson } from '../types';
import { SOURCE_SYSTEMS } from './tables';
import type { HomeAddress, TrueChild } from './types';

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
export function messyRecord(
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
