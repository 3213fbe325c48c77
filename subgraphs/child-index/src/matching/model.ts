/**
 * Fellegi–Sunter comparison model: per-field graded agreement levels, m/u probabilities per level,
 * match weight = Σ log2(m/u) (+ term-frequency adjustment for exact name agreement). Missing
 * values contribute weight 0.
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
import { areNicknames } from './nicknames';
import { normalizeName } from './normalize';

export interface PersonRecord {
  id: string;
  givenName: string | null;
  /** A middle name or initial (only its initial is compared). */
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
  f: string;
  gSdx: string;
  fSdx: string;
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
  'familyName',
  'birthDate',
  'sex',
  'address',
  'postalCode',
  'city',
] as const;
export type FieldName = (typeof FIELD_NAMES)[number];
export const NAME_LEVELS = ['exact', 'jw94', 'jw88', 'nickname', 'phonetic', 'initial', 'else'] as const;
export const FIELD_LEVELS: Record<FieldName, readonly string[]> = {
  givenName: NAME_LEVELS,
  familyName: NAME_LEVELS,
  birthDate: DATE_LEVELS,
  sex: ['exact', 'else'],
  address: ['exact', 'jw92', 'partial', 'else'],
  postalCode: ['exact', 'oneDigit', 'prefix3', 'else'],
  city: ['exact', 'jw92', 'jw85', 'else'],
};
export const NFIELDS = FIELD_NAMES.length;
/** Level code used for a missing value (contributes 0). */
export const MISSING = 255;

function clean(s: string | null | undefined): string {
  return (s ?? '').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function prepare(r: PersonRecord, idx: number): PreparedRecord {
  const g = normalizeName(r.givenName);
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
    f,
    gSdx: soundex(g),
    fSdx: soundex(f),
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

/** Name level: exact / JW≥0.94 / JW≥0.88 / nickname / same Soundex / initial only / else. */
export function nameLevel(a: string, b: string, aSdx: string, bSdx: string): number {
  if (!a || !b) return MISSING;
  if (a === b) return 0;
  if (a.length > 1 && b.length > 1) {
    const jw = jaroWinkler(a, b);
    if (jw >= 0.94) return 1;
    if (jw >= 0.88) return 2;
    if (areNicknames(a, b)) return 3;
    if (aSdx === bSdx) return 4;
    return 6;
  }
  return a[0] === b[0] ? 5 : 6;
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
  let fl = nameLevel(a.f, b.f, a.fSdx, b.fSdx);
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
  out[offset] = gl;
  out[offset + 1] = fl;
  const dl = compareDates(a.dob, b.dob);
  out[offset + 2] = dl === 'missing' ? MISSING : DATE_LEVELS.indexOf(dl);
  out[offset + 3] = !a.sex || !b.sex ? MISSING : a.sex === b.sex ? 0 : 1;
  out[offset + 4] = addressLevel(a, b);
  out[offset + 5] = postalLevel(a.pc, b.pc);
  out[offset + 6] = simpleLevel(a.city, b.city, 0.92, 0.85);
}

export interface FieldParams {
  name: FieldName;
  levels: readonly string[];
  m: number[];
  u: number[];
}

/** Optional overrides: a fixed weight (log2 units) for a field level, e.g. {familyName: {exact: 9}}. */
export type WeightOverrides = Partial<Record<FieldName, Record<string, number>>>;

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
  const count = model.tf[field].get(value) ?? 1;
  const total = Math.max(1, model.tf.total[field]);
  const p = Math.max(count, 1) / total;
  const fi = field === 'givenName' ? 0 : 1;
  const uExact = Math.max(model.fields[fi].u[0], 1e-6);
  if (model.overrides[field]?.exact !== undefined) return 0;
  const adj = Math.log2(uExact / p);
  return Math.max(-model.tfCap, Math.min(model.tfCap, adj));
}

/** Total match weight of a compared pair (levels at out[offset..offset+NFIELDS)). */
export function pairWeight(
  model: Model,
  levels: Uint8Array,
  offset: number,
  a: PreparedRecord,
  b: PreparedRecord,
): number {
  let w = 0;
  for (let f = 0; f < NFIELDS; f++) {
    const l = levels[offset + f];
    if (l !== MISSING) w += model.weights[f][l];
  }
  // exact agreement (possibly in swapped orientation, where a.f === b.g): adjust by the value's rarity
  if (levels[offset] === 0) w += tfAdjust(model, 'givenName', a.g === b.g ? a.g : a.f);
  if (levels[offset + 1] === 0) w += tfAdjust(model, 'familyName', a.f === b.f ? a.f : a.g);
  return w;
}

/**
 * The twin pattern: the same birth date, but given names that disagree outright with different
 * initials (not a typo, nickname, sound-alike or initial). Fellegi–Sunter treats fields as
 * independent, so the agreeing birth date, family name and home (address, postcode, city) push such
 * a pair far above the auto-link threshold — yet among children about 3 in 100 are twins, and this is
 * how twins (and triplets) look, whatever their surnames say. With the twin guard on, such a pair is
 * never linked automatically (at most it goes to review), it vetoes any merge that would put the
 * two records in one child through a chain of other records, and a record that matches both twins
 * (say, one without a given name) is ambiguous and goes to review too.
 */
export function twinPattern(
  levels: Uint8Array,
  offset: number,
  a: PreparedRecord,
  b: PreparedRecord,
): boolean {
  return (
    levels[offset] === NAME_LEVELS.length - 1 &&
    levels[offset + 2] === 0 &&
    a.g.length > 1 &&
    b.g.length > 1 &&
    a.g[0] !== b.g[0]
  );
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
  /** The pair looks like twins (see twinPattern); with the guard on it is never auto-linked. */
  possibleTwins: boolean;
  decision: 'link' | 'review' | 'apart';
}

function display(p: PreparedRecord, f: FieldName): string {
  switch (f) {
    case 'givenName':
      return p.g;
    case 'familyName':
      return p.f;
    case 'birthDate':
      return p.dobKey;
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

export function explainPrepared(
  a: PreparedRecord,
  b: PreparedRecord,
  model: Model,
  twinGuard = false,
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
  const gAdj = levels[0] === 0 ? tfAdjust(model, 'givenName', a.g === b.g ? a.g : a.f) : 0;
  const fAdj = levels[1] === 0 ? tfAdjust(model, 'familyName', a.f === b.f ? a.f : a.g) : 0;
  const weight = pairWeight(model, levels, 0, a, b);
  const possibleTwins = twinPattern(levels, 0, a, b);
  return {
    weight: +weight.toFixed(3),
    fields,
    tfAdjustment: { givenName: +gAdj.toFixed(3), familyName: +fAdj.toFixed(3) },
    possibleTwins,
    decision:
      weight >= model.upper && !(twinGuard && possibleTwins)
        ? 'link'
        : weight >= model.lower
          ? 'review'
          : 'apart',
  };
}
