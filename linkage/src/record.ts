/**
 * A person record as the matcher reads it, and its prepared form: every comparison input (the
 * normalised names and their Soundex, the parsed birth date, the address split into number and
 * street…) computed once per record. Also the fields and the levels each is compared at.
 */
import { DATE_LEVELS, parseDate, soundex, type YMD } from './comparators';
import { normalizeName } from './normalize';

export interface PersonRecord {
  id: string;
  givenName: string | null;
  /** A middle name or initial. */
  middleName?: string | null;
  familyName: string | null;
  /** YYYY-MM-DD or null */
  birthDate: string | null;
  sex: string | null;
  addressLine: string | null;
  city: string | null;
  postalCode: string | null;
  sourceSystem?: string | null;
  /** A sealed adoption record is never merged with any other record. */
  sealedAdoption?: boolean;
}

/** A record with every comparison input precomputed once. */
export interface PreparedRecord {
  idx: number;
  id: string;
  g: string;
  /** normalised middle name (or initial) */
  mid: string;
  f: string;
  gSdx: string;
  fSdx: string;
  /** The parts of a compound family name (Nguyen-Torres, García López), three letters or more. */
  fParts: string[];
  dob: YMD | null;
  dobKey: string;
  sex: string;
  addr: string;
  addrNum: string;
  addrStreet: string;
  pc: string;
  city: string;
  source: string;
  sealed: boolean;
}

export const FIELD_NAMES = [
  'givenName',
  'middleName',
  'familyName',
  'birthDate',
  'sex',
  'address',
  'postalCode',
  'city',
] as const;
export type FieldName = (typeof FIELD_NAMES)[number];
export const NAME_LEVELS = ['exact', 'jw94', 'jw88', 'nickname', 'phonetic', 'initial', 'else'] as const;
/** Family names: as given names, but a compound name sharing a part (Nguyen-Torres / Nguyen)
 *  where given names have nicknames. */
export const FAMILY_LEVELS = ['exact', 'jw94', 'jw88', 'part', 'phonetic', 'initial', 'else'] as const;
const PARTICLES = new Set(['del', 'las', 'los', 'van', 'von', 'der', 'den', 'dos', 'das', 'ben', 'bin']);

/** The parts of a compound family name, normalised, without particles and short bits. */
export function familyParts(raw: string | null | undefined): string[] {
  if (!raw) return [];
  const parts = raw
    .split(/[-\s]+/)
    .map(normalizeName)
    .filter((p) => p.length >= 3 && !PARTICLES.has(p));
  return parts.length > 1 ? parts : [];
}
export const FIELD_LEVELS: Record<FieldName, readonly string[]> = {
  givenName: NAME_LEVELS,
  middleName: ['exact', 'initial', 'else'],
  familyName: FAMILY_LEVELS,
  birthDate: DATE_LEVELS,
  sex: ['exact', 'else'],
  address: ['exact', 'jw92', 'partial', 'else'],
  postalCode: ['exact', 'oneDigit', 'prefix3', 'else'],
  city: ['exact', 'jw92', 'jw85', 'else'],
};
export const NFIELDS = FIELD_NAMES.length;
/** Positions of the fields in a comparison vector (FIELD_NAMES order). */
export const F_GIVEN = 0;
export const F_MIDDLE = 1;
export const F_FAMILY = 2;
export const F_DOB = 3;
export const F_SEX = 4;
export const F_ADDRESS = 5;
export const F_POSTAL = 6;
export const F_CITY = 7;
/** The person's own fields: what tells one child of a home from another. */
export const PERSON_FIELDS: readonly number[] = [F_GIVEN, F_MIDDLE, F_DOB, F_SEX];
/** Where the child lives: a move changes these together. */
export const RESIDENCE_FIELDS: readonly number[] = [F_ADDRESS, F_POSTAL, F_CITY];
/** Level code used for a missing value (contributes 0). */
export const MISSING = 255;

function clean(s: string | null | undefined): string {
  return (s ?? '').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function prepare(r: PersonRecord, idx: number): PreparedRecord {
  const g = normalizeName(r.givenName);
  const mid = normalizeName(r.middleName);
  const f = normalizeName(r.familyName);
  const dob = parseDate(r.birthDate);
  const addr = clean(r.addressLine).replace(/[^a-z0-9 ]/g, '');
  const numMatch = /\d+[a-z]?/.exec(addr);
  const addrNum = numMatch ? numMatch[0] : '';
  const addrStreet = addr
    .replace(/\d+[a-z]?/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  let sex = clean(r.sex);
  if (sex.startsWith('f')) sex = 'f';
  else if (sex.startsWith('m')) sex = 'm';
  else if (sex === 'u' || sex === 'unknown' || sex === 'unk' || sex === '9') sex = ''; // unknown = missing
  return {
    idx,
    id: r.id,
    g,
    mid,
    f,
    gSdx: soundex(g),
    fSdx: soundex(f),
    fParts: familyParts(r.familyName),
    dob,
    dobKey: dob ? `${dob.y}-${dob.m}-${dob.d}` : '',
    sex,
    addr,
    addrNum,
    addrStreet,
    pc: clean(r.postalCode).replace(/\s/g, ''),
    city: clean(r.city).replace(/[^a-z ]/g, ''),
    source: r.sourceSystem ?? '',
    sealed: !!r.sealedAdoption,
  };
}
