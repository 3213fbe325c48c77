/**
 * Comparing two prepared records field by field into graded levels (one code per field, MISSING
 * when either side lacks it): names by Jaro–Winkler, keying errors, nicknames, short forms,
 * compound-name parts and Soundex; birth dates by keying errors; the address by number and
 * street; names also tried swapped.
 */
import { compareDates, DATE_LEVELS, jaroWinkler, oneEditSameLength } from './comparators';
import { areNicknames, areNicknamesWithTypo } from './nicknames';
import {
  F_ADDRESS,
  F_CITY,
  F_DOB,
  F_FAMILY,
  F_GIVEN,
  F_MIDDLE,
  F_POSTAL,
  F_SEX,
  MISSING,
  type PreparedRecord,
} from './record';

const typoClose = (x: string, y: string) => jaroWinkler(x, y) >= 0.92;

/** One keying error apart (a letter changed, dropped, added, or two adjacent letters swapped), in
 *  names of four letters or more — Jaro–Winkler undervalues a short name's typo (emma / efma,
 *  omar / obar) — or two adjacent letters swapped in a shorter one (ava / vaa). */
export function oneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (Math.min(la, lb) < 3 || Math.abs(la - lb) > 1) return false;
  if (la === lb) {
    if (la < 4) {
      // only an adjacent swap in a three-letter name
      let i = 0;
      while (i < la && a[i] === b[i]) i++;
      return i < la - 1 && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return oneEditSameLength(a, b);
  }
  if (Math.min(la, lb) < 4) return false;
  const [s, l] = la < lb ? [a, b] : [b, a];
  let i = 0;
  while (i < s.length && s[i] === l[i]) i++;
  return s.slice(i) === l.slice(i + 1);
}

/** One name is the other's first three or more letters: a short form (Dan / Daniel, Jas /
 *  Jasmine) that no nickname table lists in full. */
function shortForm(a: string, b: string): boolean {
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  return s.length >= 3 && l.length > s.length && l.startsWith(s);
}

/** Name level: exact / JW≥0.94 / JW≥0.88 / nickname (a listed nickname, also one keying error
 *  away, or a short form) / same Soundex / initial only / else. */
export function nameLevel(a: string, b: string, aSdx: string, bSdx: string): number {
  if (!a || !b) return MISSING;
  if (a === b) return 0;
  if (a.length > 1 && b.length > 1) {
    const jw = jaroWinkler(a, b);
    if (jw >= 0.94) return 1;
    if (jw >= 0.88 || oneEdit(a, b)) return 2;
    if (areNicknames(a, b) || shortForm(a, b) || areNicknamesWithTypo(a, b, typoClose)) return 3;
    if (aSdx === bSdx) return 4;
    return 6;
  }
  return a[0] === b[0] ? 5 : 6;
}

/** Middle names: the same name / the same initial / different; an initial alone is common. */
function middleLevel(a: string, b: string): number {
  if (!a || !b) return MISSING;
  if (a[0] !== b[0]) return 2;
  return a === b && a.length > 1 ? 0 : 1;
}

/** Family-name level: exact / JW≥0.94 / JW≥0.88 / a part of a compound name / same Soundex /
 *  initial / else. */
function familyLevel(a: PreparedRecord, b: PreparedRecord): number {
  const x = a.f;
  const y = b.f;
  if (!x || !y) return MISSING;
  if (x === y) return 0;
  if (x.length > 1 && y.length > 1) {
    const jw = jaroWinkler(x, y);
    if (jw >= 0.94) return 1;
    if (jw >= 0.88) return 2;
    if (sharePart(a, b)) return 3;
    if (a.fSdx === b.fSdx) return 4;
    return 6;
  }
  return x[0] === y[0] ? 5 : 6;
}

function sharePart(a: PreparedRecord, b: PreparedRecord): boolean {
  if (!a.fParts.length && !b.fParts.length) return false;
  const pa = a.fParts.length ? a.fParts : [a.f];
  const pb = b.fParts.length ? b.fParts : [b.f];
  for (const x of pa) if (pb.includes(x)) return true;
  return false;
}

function simpleLevel(a: string, b: string, hi: number, lo: number): number {
  if (!a || !b) return MISSING;
  if (a === b) return 0;
  const jw = jaroWinkler(a, b);
  if (jw >= hi) return 1;
  if (jw >= lo) return 2;
  return 3;
}

function addressLevel(a: PreparedRecord, b: PreparedRecord): number {
  if (!a.addr || !b.addr) return MISSING;
  if (a.addr === b.addr) return 0;
  if (jaroWinkler(a.addr, b.addr) >= 0.92) return 1;
  const sameNum = !!a.addrNum && a.addrNum === b.addrNum;
  const streetSim = a.addrStreet && b.addrStreet ? jaroWinkler(a.addrStreet, b.addrStreet) : 0;
  if ((sameNum && streetSim >= 0.8) || streetSim >= 0.95) return 2;
  return 3;
}

function postalLevel(a: string, b: string): number {
  if (!a || !b) return MISSING;
  if (a === b) return 0;
  if (oneEditSameLength(a, b)) return 1;
  if (a.length >= 3 && a.slice(0, 3) === b.slice(0, 3)) return 2;
  return 3;
}

/**
 * Compares two prepared records, writing one level code per field into out (MISSING for
 * missing). Given and family names are also tried swapped (a clerk may enter them reversed);
 * the orientation with the better (lower) combined level wins.
 */
export function compareInto(a: PreparedRecord, b: PreparedRecord, out: Uint8Array, offset = 0): void {
  let gl = nameLevel(a.g, b.g, a.gSdx, b.gSdx);
  let fl = familyLevel(a, b);
  if ((gl > 1 || fl > 1) && a.g && a.f && b.g && b.f && a.g !== a.f) {
    const sg = nameLevel(a.g, b.f, a.gSdx, b.fSdx);
    if (sg <= 1) {
      const sf = nameLevel(a.f, b.g, a.fSdx, b.gSdx);
      if (sf <= 1 && sg + sf < gl + fl) {
        gl = sg;
        fl = sf;
      }
    }
  }
  out[offset + F_GIVEN] = gl;
  out[offset + F_MIDDLE] = middleLevel(a.mid, b.mid);
  out[offset + F_FAMILY] = fl;
  const dl = compareDates(a.dob, b.dob);
  out[offset + F_DOB] = dl === 'missing' ? MISSING : DATE_LEVELS.indexOf(dl);
  out[offset + F_SEX] = !a.sex || !b.sex ? MISSING : a.sex === b.sex ? 0 : 1;
  out[offset + F_ADDRESS] = addressLevel(a, b);
  out[offset + F_POSTAL] = postalLevel(a.pc, b.pc);
  out[offset + F_CITY] = simpleLevel(a.city, b.city, 0.92, 0.85);
}
