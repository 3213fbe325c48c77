/**
 * Training a match model without labels, in the way Splink trains one:
 * - u (how often two DIFFERENT children's records agree at each level) is counted on record pairs
 *   drawn at random: nearly all of them are different children, so no EM is needed and none is
 *   used;
 * - m (how often two records of ONE child agree) is fitted by EM, u held fixed, in sessions: each
 *   session takes the pairs blocked on some fields and fits m of the OTHER fields only. Blocked on
 *   the birth date, the pairs that agree on names and home are the same child (two children of
 *   one birth date are strangers, or twins, whose given names differ): m of the names and home is
 *   learnt from "same person", not "same household". Blocked on given and family name, the
 *   records of one child agree on the birth date and those of namesakes do not: m of the birth
 *   date. A field's m is the mean over the sessions that fitted it.
 * EM on pairs blocked on the home instead would learn "same household": siblings agree on every
 * field it sees, which is how the earlier model came to weigh address and family name above all.
 * - the household's worth (`Model.household`) is counted on the same random pairs: how often two
 *   different children share family name and address (brothers and sisters do).
 */
import { runEm, toPatterns, type Pattern } from './em';
import { compareInto } from './compare';
import { computeWeights, homeCapOf, type Model, type TrainingInfo, type WeightOverrides } from './model';
import {
  F_ADDRESS,
  F_DOB,
  F_FAMILY,
  F_GIVEN,
  FIELD_LEVELS,
  FIELD_NAMES,
  MISSING,
  NFIELDS,
  type FieldName,
  type PreparedRecord,
} from './record';

export interface TrainOptions {
  upper: number;
  lower: number;
  weights?: WeightOverrides;
  /** Cap the home's evidence (children in families). Default true. */
  householdCap?: boolean;
  /** The least evidence the person's own fields must give for an automatic link (default 5). */
  personMin?: number;
  /** Random pairs for u (default min(200 000, 40 × records)). */
  randomPairs?: number;
  seed?: number;
  /** A session needs at least this many blocked pairs (default 100) and 20 estimated matches. */
  minSessionPairs?: number;
  maxBlockSize?: number;
}

/** Prior m/u tables, used where there is too little to learn from: rounded between what training
 *  learnt on the synthetic county with households (5,000 children) and on the households data
 *  with typos, nicknames and missing fields added. Order follows FIELD_NAMES / FIELD_LEVELS. */
export const PRIOR_M: number[][] = [
  [0.78, 0.07, 0.05, 0.05, 0.005, 0.005, 0.04], // givenName
  [0.4, 0.55, 0.05], // middleName
  [0.78, 0.07, 0.06, 0.02, 0.005, 0.005, 0.06], // familyName
  [0.85, 0.04, 0.045, 0.035, 0.03], // birthDate
  [0.985, 0.015], // sex
  [0.6, 0.01, 0.01, 0.38], // address
  [0.8, 0.07, 0.08, 0.05], // postalCode
  [0.8, 0.01, 0.01, 0.18], // city
];
export const PRIOR_U: number[][] = [
  [0.005, 0.001, 0.0025, 0.002, 0.0012, 0.0001, 0.9882], // givenName
  [0.005, 0.07, 0.925], // middleName
  [0.004, 0.0005, 0.001, 0.001, 0.0013, 0.0001, 0.9921], // familyName
  [0.0004, 0.00006, 0.0008, 0.004, 0.99474], // birthDate
  [0.5, 0.5], // sex
  [0.002, 0.0003, 0.005, 0.9927], // address
  [0.05, 0.2, 0.3, 0.45], // postalCode
  [0.05, 0.001, 0.005, 0.944], // city
];
/** Prior worth of a shared home (log2): a county of a few thousand children. */
export const PRIOR_HOUSEHOLD = 11;
export const DEFAULT_PERSON_MIN = 5;

/** Small seeded PRNG (mulberry32). */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function countValues(records: PreparedRecord[], key: 'g' | 'f'): { map: Map<string, number>; total: number } {
  const map = new Map<string, number>();
  let total = 0;
  for (const r of records) {
    const v = r[key];
    if (!v) continue;
    total++;
    map.set(v, (map.get(v) ?? 0) + 1);
  }
  return { map, total };
}

export function nameFrequencies(records: PreparedRecord[]): Model['tf'] {
  const g = countValues(records, 'g');
  const f = countValues(records, 'f');
  return { givenName: g.map, familyName: f.map, total: { givenName: g.total, familyName: f.total } };
}

const NAME_CLOSE = 1; // jw94: the family name alike enough to be one family's
const ADDRESS_CLOSE = 1; // jw92

/** u per level from randomly drawn record pairs (nearly all non-matches), and how many of them
 *  share a home (family name and address alike, given names different: brothers and sisters). */
export function countRandomPairs(
  records: PreparedRecord[],
  nPairs: number,
  seed: number,
): { u: number[][]; pairs: number; sameHome: number } {
  const rnd = mulberry32(seed);
  const counts = FIELD_NAMES.map((f) => FIELD_LEVELS[f].map(() => 1)); // add-one smoothing
  const lv = new Uint8Array(NFIELDS);
  const n = records.length;
  let sameHome = 0;
  if (n < 2) return { u: counts.map((r) => r.map(() => 1 / r.length)), pairs: 0, sameHome: 0 };
  for (let k = 0; k < nPairs; k++) {
    const i = Math.floor(rnd() * n);
    let j = Math.floor(rnd() * (n - 1));
    if (j >= i) j++;
    compareInto(records[i], records[j], lv);
    for (let f = 0; f < NFIELDS; f++) if (lv[f] !== MISSING) counts[f][lv[f]]++;
    if (
      lv[F_FAMILY] <= NAME_CLOSE &&
      lv[F_ADDRESS] <= ADDRESS_CLOSE &&
      lv[F_GIVEN] === FIELD_LEVELS.givenName.length - 1
    )
      sameHome++;
  }
  return {
    u: counts.map((r) => {
      const s = r.reduce((a, b) => a + b, 0);
      return r.map((x) => x / s);
    }),
    pairs: nPairs,
    sameHome,
  };
}

function initialM(): number[][] {
  return FIELD_NAMES.map((f) => {
    const n = FIELD_LEVELS[f].length;
    // most mass on exact, a little on the partial levels, least on "else"
    const row = FIELD_LEVELS[f].map((_, i) =>
      i === 0 ? 0.8 : i === n - 1 ? 0.03 : 0.17 / Math.max(1, n - 2),
    );
    const s = row.reduce((a, b) => a + b, 0);
    return row.map((x) => x / s);
  });
}

/** A training session: pairs blocked on `key`; m of every field but `blocked` is fitted. */
interface Session {
  rule: string;
  key: (r: PreparedRecord) => string | null;
  blocked: number[];
}

const SESSIONS: Session[] = [
  { rule: 'birthDate', key: (r) => r.dobKey || null, blocked: [F_DOB] },
  {
    rule: 'givenName+familyName',
    key: (r) => (r.g && r.f ? `${r.g}|${r.f}` : null),
    blocked: [F_GIVEN, F_FAMILY],
  },
];

const MAX_SESSION_PAIRS = 2_000_000;
/** Pseudo-matches of the prior m pooled with what a session saw (see trainModel). */
const PRIOR_STRENGTH = 20;

/** Expected number of matches at each level of each field, under fitted parameters. */
function expectedMatchCounts(patterns: Pattern[], m: number[][], u: number[][], lambda: number): number[][] {
  const out = m.map((r) => r.map(() => 0));
  for (const { levels, count } of patterns) {
    let pm = lambda;
    let pu = 1 - lambda;
    for (let f = 0; f < levels.length; f++) {
      const l = levels[f];
      if (l === MISSING) continue;
      pm *= m[f][l];
      pu *= u[f][l];
    }
    const g = pm + pu > 0 ? (pm / (pm + pu)) * count : 0;
    for (let f = 0; f < levels.length; f++) if (levels[f] !== MISSING) out[f][levels[f]] += g;
  }
  return out;
}

/** The comparison levels of a session's blocked pairs, the blocked fields set to MISSING. */
function sessionPatterns(
  records: PreparedRecord[],
  s: Session,
  maxBlockSize: number,
): { patterns: Pattern[]; pairs: number } {
  const blocks = new Map<string, number[]>();
  for (const r of records) {
    const k = s.key(r);
    if (k === null) continue;
    const l = blocks.get(k);
    if (l) l.push(r.idx);
    else blocks.set(k, [r.idx]);
  }
  const byIdx = new Map<number, PreparedRecord>();
  for (const r of records) byIdx.set(r.idx, r);
  const lv = new Uint8Array(NFIELDS);
  const map = new Map<string, Pattern>();
  let pairs = 0;
  outer: for (const list of blocks.values()) {
    if (list.length < 2 || list.length > maxBlockSize) continue;
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        compareInto(byIdx.get(list[x])!, byIdx.get(list[y])!, lv);
        for (const f of s.blocked) lv[f] = MISSING;
        const key = String.fromCharCode(...lv);
        const hit = map.get(key);
        if (hit) hit.count++;
        else map.set(key, { levels: Uint8Array.from(lv), count: 1 });
        if (++pairs >= MAX_SESSION_PAIRS) break outer;
      }
  }
  return { patterns: [...map.values()], pairs };
}

/** Share of matches among compared pairs under fixed m and u (one E-step, averaged). */
export function matchShare(levels: Uint8Array, nPairs: number, m: number[][], u: number[][]): number {
  if (!nPairs) return 0;
  const patterns = toPatterns(levels, NFIELDS, nPairs);
  const r = runEm(patterns, { m, u, lambda: 0.1 }, { estimateU: false, estimateM: false, maxIterations: 50 });
  return r.lambda;
}

/**
 * Trains a model on the records (see the file's comment). Where a session has too little to learn
 * from (a handful of records, or records of one source with few duplicates), the prior m stands
 * in for its fields, and the model says so (`training.source`).
 */
export function trainModel(
  prepared: PreparedRecord[],
  candidateLevels: Uint8Array,
  nCandidates: number,
  opts: TrainOptions,
): { model: Model; iterations: number } {
  const overrides = opts.weights ?? {};
  const personMin = opts.personMin ?? DEFAULT_PERSON_MIN;
  const capOn = opts.householdCap ?? true;
  const n = prepared.length;
  const tf = nameFrequencies(prepared);
  const info: TrainingInfo = { source: 'prior', records: n, pairs: 0, sessions: [], randomPairs: 0 };
  // u: random pairs (a few hundred records at least, or the prior)
  let u = PRIOR_U.map((r) => r.slice());
  let household = PRIOR_HOUSEHOLD;
  const minSessionPairs = opts.minSessionPairs ?? 100;
  if (n >= 200) {
    const nRandom = opts.randomPairs ?? Math.min(200_000, n * 40);
    const rp = countRandomPairs(prepared, nRandom, opts.seed ?? 42);
    u = rp.u;
    info.randomPairs = rp.pairs;
    household = Math.log2((rp.pairs + 2) / (rp.sameHome + 1)); // the m of sharing it is set below
  }
  // m: EM sessions
  const sums = FIELD_NAMES.map((f) => FIELD_LEVELS[f].map(() => 0));
  const fitted = FIELD_NAMES.map(() => 0);
  let iterations = 0;
  if (n >= 200)
    for (const s of SESSIONS) {
      const { patterns, pairs } = sessionPatterns(prepared, s, opts.maxBlockSize ?? 200);
      const entry = { rule: s.rule, pairs, lambda: 0, iterations: 0, used: false, fields: [] as FieldName[] };
      info.sessions.push(entry);
      if (pairs < minSessionPairs) continue;
      const em = runEm(patterns, { m: initialM(), u, lambda: 0.5 }, { estimateU: false, maxIterations: 200 });
      iterations += em.iterations;
      entry.lambda = +em.lambda.toFixed(4);
      entry.iterations = em.iterations;
      if (em.lambda * pairs < 20) continue; // too few matches to learn from
      entry.used = true;
      info.pairs += pairs;
      const expected = expectedMatchCounts(patterns, em.m, u, em.lambda);
      FIELD_NAMES.forEach((name, f) => {
        if (s.blocked.includes(f)) return;
        // m of a level seen in few matches is noise (a level never seen would get EM's floor and,
        // against a tiny u, a large weight): each level's expected count of matches is pooled with
        // PRIOR_STRENGTH pseudo-matches spread as the prior m.
        const total = expected[f].reduce((a, b) => a + b, 0);
        expected[f].forEach(
          (c, l) => (sums[f][l] += (c + PRIOR_STRENGTH * PRIOR_M[f][l]) / (total + PRIOR_STRENGTH)),
        );
        fitted[f]++;
        entry.fields.push(name);
      });
    }
  const m = FIELD_NAMES.map((_, f) => (fitted[f] ? sums[f].map((x) => x / fitted[f]) : PRIOR_M[f].slice()));
  const learnt = fitted.filter((x) => x > 0).length;
  info.source = learnt === FIELD_NAMES.length ? 'learnt' : 'prior';
  if (info.source === 'prior')
    info.note =
      n < 200
        ? `${n} records: too few to learn from`
        : `too few pairs of one child's records to learn ${FIELD_NAMES.filter((_, f) => !fitted[f]).join(', ')}; prior weights stand in`;
  if (info.source === 'prior' && learnt > 0) {
    // fields learnt in some session keep what was learnt; the model still counts as prior
  }
  if (n >= 200) {
    const mHome = (m[F_FAMILY][0] + m[F_FAMILY][1]) * (m[F_ADDRESS][0] + m[F_ADDRESS][1]);
    household = Math.max(0, household + Math.log2(Math.max(mHome, 1e-6)));
  }
  const fields = FIELD_NAMES.map((name, i) => ({ name, levels: FIELD_LEVELS[name], m: m[i], u: u[i] }));
  const lambda = matchShare(candidateLevels, nCandidates, m, u);
  const hh = capOn ? +household.toFixed(3) : null;
  return {
    model: {
      fields,
      lambda,
      upper: opts.upper,
      lower: opts.lower,
      overrides,
      weights: computeWeights(fields, overrides),
      tf,
      // with few records the frequency table is meaningless: no adjustment
      tfCap: n >= 200 ? 4 : 0,
      household: hh,
      personMin,
      homeCap: homeCapOf(hh, opts.upper, personMin),
      training: info,
    },
    iterations,
  };
}
