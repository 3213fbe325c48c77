/**
 * Fellegi–Sunter comparison model: per-field graded agreement levels, m/u probabilities per level,
 * match weight = Σ log2(m/u) (+ term-frequency adjustment for exact name agreement). Missing
 * values contribute weight 0.
 *
 * Children live in families, so the fields fall in two groups:
 * - the person: given name, middle initial, birth date, sex — what tells one child of a home from
 *   another;
 * - the home: family name, address, postcode, city — what brothers and sisters share.
 * Fellegi–Sunter multiplies the fields' evidence as if they were independent; among children they
 * are not (a sibling agrees on all four home fields at once). So the home's positive evidence
 * counts at most `homeCap` (what "the same household" is worth, learnt from random pairs, and never
 * more than the auto-link threshold less `personMin`): the rest must come from the person. And a
 * move changes address, postcode and city together: their disagreements count once (the largest).
 */
import {
  compareDates,
  DATE_LEVELS,
  jaroWinkler,
  oneEditSameLength,
  parseDate,
  soundex,
  type YMD,
} from './comparators';
import { areNicknames, areNicknamesWithTypo } from './nicknames';
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
const NAME_ELSE = NAME_LEVELS.length - 1;
const NAME_INITIAL = NAME_LEVELS.indexOf('initial');
const NAME_PHONETIC = NAME_LEVELS.indexOf('phonetic');
const MIDDLE_ELSE = 2;
const NAME_JW88 = NAME_LEVELS.indexOf('jw88');
const FAMILY_ELSE = FAMILY_LEVELS.length - 1;
const ADDRESS_ELSE = 3;
const CITY_ELSE = 3;
const DOB_ELSE = DATE_LEVELS.length - 1;
const FAMILY_PART = FAMILY_LEVELS.indexOf('part');
const ADDRESS_CLOSE = 1; // jw92
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

export interface FieldParams {
  name: FieldName;
  levels: readonly string[];
  m: number[];
  u: number[];
}

/** Optional overrides: a fixed weight (log2 units) for a field level, e.g. {familyName: {exact: 9}}. */
export type WeightOverrides = Partial<Record<FieldName, Record<string, number>>>;

/** How a model came to be: learnt from the records (EM), or the prior tables. */
export interface TrainingInfo {
  source: 'learnt' | 'prior';
  /** Records the model was trained on. */
  records: number;
  /** Record pairs EM was fitted on, over all sessions. */
  pairs: number;
  /** One EM session per blocking rule: m of the fields outside the rule is fitted on its pairs. */
  sessions: Array<{
    rule: string;
    pairs: number;
    lambda: number;
    iterations: number;
    used: boolean;
    fields: FieldName[];
  }>;
  /** Random record pairs u was counted on. */
  randomPairs: number;
  /** Why the priors stand in (when source is 'prior'). */
  note?: string;
}

export interface Model {
  fields: FieldParams[];
  /** Estimated proportion of matches among candidate pairs. */
  lambda: number;
  /** Auto-link at or above. */
  upper: number;
  /** Apart below; between lower and upper → review. */
  lower: number;
  overrides: WeightOverrides;
  /** weights[f][level] = log2(m/u) (or the override). */
  weights: number[][];
  /** Relative value frequencies for the term-frequency adjustment of exact name agreement. */
  tf: {
    givenName: Map<string, number>;
    familyName: Map<string, number>;
    total: { givenName: number; familyName: number };
  };
  /** Maximum absolute TF adjustment (log2 units). */
  tfCap: number;
  /** What agreeing on the whole home (family name and address) is worth: log2 of how much more
   *  often two records of one child share it than two records of different children drawn at
   *  random (who share it when they are brothers and sisters). Null: not capped (adults). */
  household: number | null;
  /** The least evidence the person's own fields must give for an automatic link: the home counts
   *  at most `upper - personMin`. */
  personMin: number;
  /** The cap in force: min(household, upper - personMin), or Infinity. */
  homeCap: number;
  training: TrainingInfo;
}

/** The home's cap in force for a model's thresholds. */
export function homeCapOf(household: number | null, upper: number, personMin: number): number {
  return household === null ? Infinity : Math.max(0, Math.min(household, upper - personMin));
}

export function computeWeights(fields: FieldParams[], overrides: WeightOverrides): number[][] {
  return fields.map((f) =>
    f.levels.map((lvl, i) => {
      const o = overrides[f.name]?.[lvl];
      if (o !== undefined) return o;
      const m = Math.max(f.m[i], 1e-6);
      const u = Math.max(f.u[i], 1e-6);
      // A plain disagreement never speaks for a match, whatever EM estimates: when nearly all
      // non-matching pairs agree partly (postcodes of one county share their first digits), u of
      // "else" is tiny and log2(m/u) would come out positive.
      return lvl === 'else' ? Math.min(0, Math.log2(m / u)) : Math.log2(m / u);
    }),
  );
}

/** Term-frequency adjustment for an exact agreement on a name value: log2(u_exact / p_value). */
function tfAdjust(model: Model, field: 'givenName' | 'familyName', value: string): number {
  if (model.overrides[field]?.exact !== undefined) return 0;
  const count = model.tf[field].get(value) ?? 1;
  const total = Math.max(1, model.tf.total[field]);
  const p = Math.max(count, 1) / total;
  const fi = field === 'givenName' ? F_GIVEN : F_FAMILY;
  const uExact = Math.max(model.fields[fi].u[0], 1e-6);
  const adj = Math.log2(uExact / p);
  return Math.max(-model.tfCap, Math.min(model.tfCap, adj));
}

/** A pair's weight, taken apart. */
export interface WeightParts {
  total: number;
  /** Given name, middle initial, birth date, sex (with the given name's frequency adjustment). */
  person: number;
  /** What the home's agreements add up to before the cap (family name with its frequency
   *  adjustment, address, postcode, city). */
  homeFor: number;
  /** What the cap took off (≤ 0). */
  capAdjustment: number;
  /** The home's disagreements: the family name's, and the largest of address, postcode and city. */
  homeAgainst: number;
  /** What counting a move once gave back (≥ 0): the smaller residence disagreements. */
  moveAdjustment: number;
  /** What counting one home once took off (≤ 0): the smaller residence agreements (children). */
  residenceOnce: number;
  tfGiven: number;
  tfFamily: number;
}

/** The weight of a compared pair (levels at out[offset..offset+NFIELDS)), taken apart. */
export function weighParts(
  model: Model,
  levels: Uint8Array,
  offset: number,
  a: PreparedRecord,
  b: PreparedRecord,
): WeightParts {
  const w = model.weights;
  let person = 0;
  for (const f of PERSON_FIELDS) {
    const l = levels[offset + f];
    if (l !== MISSING) person += w[f][l];
  }
  // exact agreement (possibly in swapped orientation, where a.f === b.g): adjust by the value's rarity
  const tfGiven = levels[offset + F_GIVEN] === 0 ? tfAdjust(model, 'givenName', a.g === b.g ? a.g : a.f) : 0;
  const tfFamily =
    levels[offset + F_FAMILY] === 0 ? tfAdjust(model, 'familyName', a.f === b.f ? a.f : a.g) : 0;
  person += tfGiven;
  let homeFor = 0;
  let homeAgainst = 0;
  const lf = levels[offset + F_FAMILY];
  if (lf !== MISSING) {
    const x = w[F_FAMILY][lf] + tfFamily;
    if (x >= 0) homeFor += x;
    else homeAgainst += x;
  } else if (tfFamily) homeFor += tfFamily;
  // Address, postcode and city say one thing, where the child lives: a move changes them
  // together, so their disagreements count once (the largest). For children (the household
  // model), their agreements count once too (the strongest): the same street, zip and town are
  // one home, not three pieces of evidence.
  let worst = 0;
  let against = 0;
  let best = 0;
  let sumFor = 0;
  for (const f of RESIDENCE_FIELDS) {
    const l = levels[offset + f];
    if (l === MISSING) continue;
    const x = w[f][l];
    if (x >= 0) {
      sumFor += x;
      best = Math.max(best, x);
    } else {
      against += x;
      worst = Math.min(worst, x);
    }
  }
  homeFor += model.household === null ? sumFor : best;
  homeAgainst += worst;
  const capped = Math.min(homeFor, model.homeCap);
  return {
    total: person + capped + homeAgainst,
    person,
    homeFor,
    capAdjustment: capped - homeFor,
    homeAgainst,
    moveAdjustment: worst - against,
    residenceOnce: model.household === null ? 0 : best - sumFor,
    tfGiven,
    tfFamily,
  };
}

/** Total match weight of a compared pair (levels at out[offset..offset+NFIELDS)). */
export function pairWeight(
  model: Model,
  levels: Uint8Array,
  offset: number,
  a: PreparedRecord,
  b: PreparedRecord,
): number {
  return weighParts(model, levels, offset, a, b).total;
}

/**
 * The twin pattern: birth dates that agree (up to a keying error) but given names that belong to
 * two different children — they disagree outright, or they are close but the sex or the middle
 * initial says otherwise (twins are often given alike names: Jayden and Jaylen). Fellegi–Sunter
 * would let the agreeing birth date, family name and home carry such a pair over the auto-link
 * threshold — yet among children about 3 in 100 are twins, and this is how twins look. With the
 * twin guard on, such a pair is never linked automatically (at most it goes to review), it vetoes any
 * merge that would put the two records in one child through a chain of other records, and a record
 * that matches both twins (say, one without a given name) is ambiguous and goes to review too.
 */
export function twinPattern(
  levels: Uint8Array,
  offset: number,
  a: PreparedRecord,
  b: PreparedRecord,
): boolean {
  const dl = levels[offset + F_DOB];
  if (dl === MISSING || dl === DOB_ELSE) return false;
  // twins share a family (its name, or at least a part of it) or a home: strangers who merely
  // share a birthday are not twins
  const fl = levels[offset + F_FAMILY];
  const al = levels[offset + F_ADDRESS];
  if (!(fl <= FAMILY_PART || (al !== MISSING && al <= ADDRESS_CLOSE))) return false;
  const gl = levels[offset + F_GIVEN];
  if (gl === MISSING || gl === 0 || gl === NAME_INITIAL) return false;
  // the same full middle name names one child, whatever the given names say
  if (levels[offset + F_MIDDLE] === 0) return false;
  // names that only sound alike (Jacob / Joseph, Jake / Josh) are two names, not a typo
  if (gl === NAME_ELSE || gl === NAME_PHONETIC) return a.g.length > 1 && b.g.length > 1;
  // alike (a typo, a nickname), not equal: one child — unless sex or middle initial tell two
  // children apart (Danny and Daniela, Jayden and Jaylen with other middle names)
  const sexDiffers = levels[offset + F_SEX] === 1;
  const middleDiffers = levels[offset + F_MIDDLE] === MIDDLE_ELSE;
  return sexDiffers || middleDiffers;
}

/** Alike siblings: one home (family name or address), given names alike but not equal (Kaylee /
 *  Kayla, Malik / Malia: a typo, or a brother and sister named alike) and no birth date on one side
 *  to tell which. With the twin guard on, never linked automatically; always offered for review. */
export function alikeSiblings(levels: Uint8Array, offset: number): boolean {
  if (levels[offset + F_DOB] !== MISSING) return false;
  const gl = levels[offset + F_GIVEN];
  if (gl !== NAME_JW88 && gl !== NAME_PHONETIC) return false;
  const fl = levels[offset + F_FAMILY];
  const al = levels[offset + F_ADDRESS];
  return fl <= FAMILY_PART || (al !== MISSING && al <= ADDRESS_CLOSE);
}

/** The birth dates differ by more than a keying error (see compareDates): for children, two
 *  different children — with the birth-date guard on, never linked automatically. */
export function birthDatesDiffer(levels: Uint8Array, offset: number): boolean {
  return levels[offset + F_DOB] === DOB_ELSE;
}

/** The person guard: the birth dates differ beyond a keying error, the given names disagree
 *  outright (not a typo, nickname, short form, sound-alike or initial), or the middle names start
 *  with different letters. Among children either
 *  says "another child" — a brother or sister shares everything else — so with the guard on such
 *  a pair is never linked automatically; it goes to review only when everything else would have
 *  linked it (`reviewWorthy`). */
export function personsDiffer(
  levels: Uint8Array,
  offset: number,
  a: PreparedRecord,
  b: PreparedRecord,
): boolean {
  return (
    birthDatesDiffer(levels, offset) ||
    givenNamesDiffer(levels, offset, a, b) ||
    levels[offset + F_MIDDLE] === MIDDLE_ELSE ||
    renamedAndMoved(levels, offset)
  );
}

/** Both the family name and the home differ (the address; without one, the town), and neither an
 *  exact birth date nor a middle name says it is still the same child: a new name and a new home
 *  happen (adoption, a new guardian), but then only an exact birth date or a middle name can still
 *  vouch for the child automatically — otherwise it is someone else of that given name. */
export function renamedAndMoved(levels: Uint8Array, offset: number): boolean {
  if (levels[offset + F_FAMILY] !== FAMILY_ELSE) return false;
  const al = levels[offset + F_ADDRESS];
  const moved = al !== MISSING ? al === ADDRESS_ELSE : levels[offset + F_CITY] === CITY_ELSE;
  if (!moved) return false;
  const ml = levels[offset + F_MIDDLE];
  return levels[offset + F_DOB] !== 0 && !(ml === 0 || ml === 1);
}

/** Given names, both more than an initial, that disagree outright. */
export function givenNamesDiffer(
  levels: Uint8Array,
  offset: number,
  a: PreparedRecord,
  b: PreparedRecord,
): boolean {
  return levels[offset + F_GIVEN] === NAME_ELSE && a.g.length > 1 && b.g.length > 1;
}

/** A pair goes to the review queue when its weight reaches the lower threshold — but a pair the
 *  person guard holds apart (another child by birth date or given name) only when everything
 *  else would have linked it: a steward's queue is not for brothers and sisters. Possible twins
 *  always go (at or above the lower threshold). */
export function reviewWorthy(
  weight: number,
  levels: Uint8Array,
  offset: number,
  a: PreparedRecord,
  b: PreparedRecord,
  model: Pick<Model, 'upper' | 'lower'>,
  g: Guards,
): boolean {
  if (weight < model.lower) return false;
  if (g.twinGuard && (twinPattern(levels, offset, a, b) || alikeSiblings(levels, offset))) return true;
  return !(g.personGuard && personsDiffer(levels, offset, a, b) && weight < model.upper);
}

/** The two records' given names disagree outright (level 'else'). */
export function givenNamesDisagree(levels: Uint8Array, offset: number): boolean {
  return levels[offset + F_GIVEN] === NAME_ELSE;
}

export interface FieldExplanation {
  field: FieldName;
  level: string;
  weight: number;
  a: string;
  b: string;
}

export interface Explanation {
  weight: number;
  fields: FieldExplanation[];
  tfAdjustment: { givenName: number; familyName: number };
  /** The home's cap (≤ 0), one home counted once (≤ 0) and a move counted once (≥ 0): see
   *  WeightParts. The field weights, these and the frequency adjustments add up to `weight`. */
  householdCap: number;
  residenceOnce: number;
  moveCountedOnce: number;
  /** The person's own fields (given name, middle initial, birth date, sex). */
  personWeight: number;
  /** The pair looks like twins (see twinPattern); with the guard on it is never auto-linked. */
  possibleTwins: boolean;
  /** The birth dates differ beyond a keying error; with the person guard on never auto-linked. */
  birthDatesDiffer: boolean;
  /** The given names disagree outright; with the person guard on never auto-linked. */
  givenNamesDiffer: boolean;
  /** Which guard holds the pair back from an automatic link: 'twins', 'birthDate', 'givenName',
   *  'middleName'. */
  heldBy: 'twins' | 'alikeSiblings' | 'birthDate' | 'givenName' | 'middleName' | 'renamedAndMoved' | null;
  decision: 'link' | 'review' | 'apart';
}

function display(p: PreparedRecord, f: FieldName): string {
  switch (f) {
    case 'givenName':
      return p.g;
    case 'middleName':
      return p.mid;
    case 'familyName':
      return p.f;
    case 'birthDate':
      return p.dob
        ? `${String(p.dob.y).padStart(4, '0')}-${String(p.dob.m).padStart(2, '0')}-${String(p.dob.d).padStart(2, '0')}`
        : '';
    case 'sex':
      return p.sex;
    case 'address':
      return p.addr;
    case 'postalCode':
      return p.pc;
    case 'city':
      return p.city;
  }
}

/** The guards a linkage applies beyond the weights (see LinkOptions). */
export interface Guards {
  twinGuard: boolean;
  personGuard: boolean;
}

/** Whether the guards hold a compared pair back from an automatic link. */
export function heldApart(
  levels: Uint8Array,
  offset: number,
  a: PreparedRecord,
  b: PreparedRecord,
  g: Guards,
) {
  return (
    (g.personGuard && personsDiffer(levels, offset, a, b)) ||
    (g.twinGuard && (twinPattern(levels, offset, a, b) || alikeSiblings(levels, offset)))
  );
}

export function explainPrepared(
  a: PreparedRecord,
  b: PreparedRecord,
  model: Model,
  guards: Guards = { twinGuard: false, personGuard: false },
): Explanation {
  const levels = new Uint8Array(NFIELDS);
  compareInto(a, b, levels);
  const fields: FieldExplanation[] = FIELD_NAMES.map((name, f) => {
    const l = levels[f];
    return {
      field: name,
      level: l === MISSING ? 'missing' : model.fields[f].levels[l],
      weight: l === MISSING ? 0 : +model.weights[f][l].toFixed(3),
      a: display(a, name),
      b: display(b, name),
    };
  });
  const parts = weighParts(model, levels, 0, a, b);
  const possibleTwins = twinPattern(levels, 0, a, b);
  const differ = birthDatesDiffer(levels, 0);
  const givenDiffer = givenNamesDiffer(levels, 0, a, b);
  const heldBy =
    guards.twinGuard && possibleTwins
      ? 'twins'
      : guards.twinGuard && alikeSiblings(levels, 0)
        ? 'alikeSiblings'
        : !guards.personGuard
          ? null
          : differ
            ? 'birthDate'
            : givenDiffer
              ? 'givenName'
              : levels[F_MIDDLE] === MIDDLE_ELSE
                ? 'middleName'
                : renamedAndMoved(levels, 0)
                  ? 'renamedAndMoved'
                  : null;
  const held = heldBy !== null;
  return {
    weight: +parts.total.toFixed(3),
    fields,
    tfAdjustment: { givenName: +parts.tfGiven.toFixed(3), familyName: +parts.tfFamily.toFixed(3) },
    householdCap: +parts.capAdjustment.toFixed(3),
    residenceOnce: +parts.residenceOnce.toFixed(3),
    moveCountedOnce: +parts.moveAdjustment.toFixed(3),
    personWeight: +parts.person.toFixed(3),
    possibleTwins,
    birthDatesDiffer: differ,
    givenNamesDiffer: givenDiffer,
    heldBy,
    decision:
      parts.total >= model.upper && !held
        ? 'link'
        : reviewWorthy(parts.total, levels, 0, a, b, model, guards)
          ? 'review'
          : 'apart',
  };
}
