/**
 * Probabilistic record linkage (Fellegi–Sunter) over in-memory person records:
 * prepare → block (union of rules) → compare candidate pairs → EM for m (u from random pairs) →
 * weights with term-frequency adjustment → constrained clustering with two thresholds.
 */
import {
  addToIndex,
  blockingKeys,
  buildBlockIndex,
  candidatePairs,
  candidatesFor,
  DEFAULT_RULES,
  type BlockIndex,
  type BlockingRule,
} from './blocking';
import { runEm, toPatterns } from './em';
import {
  compareInto,
  computeWeights,
  explainPrepared,
  FIELD_LEVELS,
  FIELD_NAMES,
  MISSING,
  NFIELDS,
  pairWeight,
  prepare,
  twinPattern,
  type Explanation,
  type Model,
  type PersonRecord,
  type PreparedRecord,
  type WeightOverrides,
} from './model';

export type { PersonRecord, Model, Explanation } from './model';

export interface LinkOptions {
  /** Auto-link threshold (log2 weight). */
  upper?: number;
  /** Review threshold; below it pairs are kept apart and veto merges. */
  lower?: number;
  /** Fixed weights per field level, overriding the EM estimate. */
  weights?: WeightOverrides;
  /** Pairs of record ids that must never be in one cluster. */
  cannotLink?: Array<[string, string]>;
  /** When true, two records of the same non-empty sourceSystem never merge. */
  distinctWithinSource?: boolean;
  /** When true, pairs with the twin pattern (see `twinPattern`) are never auto-linked and veto
   *  merges through chains. */
  twinGuard?: boolean;
  /**
   * Where the final u comes from. 'random' (default): EM estimates m, λ and a candidate-set u
   * jointly, then weights use m with u from random pairs (the population non-match rate).
   * 'em': weights use the candidate-set u from EM. 'fixed': u held at the random-pair estimate
   * during EM too.
   */
  uSource?: 'random' | 'em' | 'fixed';
  maxBlockSize?: number;
  rules?: BlockingRule[];
  /** Random pairs sampled to initialise u. */
  randomPairs?: number;
  seed?: number;
  /** A merge producing a larger cluster is refused. */
  maxClusterSize?: number;
  /** Below this many candidate pairs EM is skipped and PRIOR_M / PRIOR_U are used (default 300). */
  minTrainingPairs?: number;
  /** Use a previously trained model (skips EM). */
  model?: Model;
  /** Explanations for at most this many review pairs (default 10 000). */
  maxReviewExplanations?: number;
  onProgress?: (message: string) => void;
}

export interface ReviewPair {
  a: string;
  b: string;
  weight: number;
  explanation?: Explanation;
}

export interface LinkIndex {
  model: Model;
  records: PreparedRecord[];
  idToIdx: Map<string, number>;
  blocks: BlockIndex;
  rules: BlockingRule[];
  maxBlockSize: number;
  /** cluster id per record index */
  clusterOf: string[];
  members: Map<string, number[]>;
  cannot: Map<number, Set<number>>;
  distinctWithinSource: boolean;
  twinGuard: boolean;
  maxClusterSize: number;
}

export interface LinkResult {
  clusters: Map<string, string>;
  reviewPairs: ReviewPair[];
  model: Model;
  index: LinkIndex;
  stats: {
    records: number;
    candidatePairs: number;
    autoLinks: number;
    refusedMerges: number;
    emIterations: number;
    skippedBlocks: number;
  };
}

export const DEFAULT_UPPER = 14;
export const DEFAULT_LOWER = 2;

/** How the running child index links: with the twin guard on (among children about 3 in 100 are
 *  twins). Two records of one agency may be one child (a re-referral under a new id); the agency
 *  says when they are not (`declareDistinctRecords`), and those pairs arrive as cannot-links. */
export const INDEX_LINK_OPTIONS: Pick<LinkOptions, 'twinGuard'> = { twinGuard: true };

/** The rules loosened for adults who do not live in families (FEBRL): no twin guard. An explicit
 *  choice; the index and `link:csv` use INDEX_LINK_OPTIONS unless told otherwise. */
export const ADULT_LINK_OPTIONS: Pick<LinkOptions, 'twinGuard'> = { twinGuard: false };

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

/** u per level from randomly drawn record pairs (nearly all non-matches). */
function estimateUFromRandom(records: PreparedRecord[], nPairs: number, seed: number): number[][] {
  const rnd = mulberry32(seed);
  const counts = FIELD_NAMES.map((f) => FIELD_LEVELS[f].map(() => 1)); // add-one smoothing
  const lv = new Uint8Array(NFIELDS);
  const n = records.length;
  if (n < 2) return counts.map((r) => r.map(() => 1 / r.length));
  for (let k = 0; k < nPairs; k++) {
    const i = Math.floor(rnd() * n);
    let j = Math.floor(rnd() * (n - 1));
    if (j >= i) j++;
    compareInto(records[i], records[j], lv);
    for (let f = 0; f < NFIELDS; f++) if (lv[f] !== MISSING) counts[f][lv[f]]++;
  }
  return counts.map((r) => {
    const s = r.reduce((a, b) => a + b, 0);
    return r.map((x) => x / s);
  });
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

/** Prior m/u tables (rounded from FEBRL-scale training) used when there are too few candidate pairs
 *  for EM to be meaningful (a handful of records). Order follows FIELD_NAMES / FIELD_LEVELS. */
export const PRIOR_M: number[][] = [
  [0.75, 0.1, 0.04, 0.03, 0.02, 0.01, 0.05],
  [0.75, 0.1, 0.04, 0.02, 0.03, 0.01, 0.05],
  [0.88, 0.03, 0.05, 0.01, 0.03],
  [0.97, 0.03],
  [0.6, 0.2, 0.1, 0.1],
  [0.85, 0.08, 0.03, 0.04],
  [0.8, 0.1, 0.04, 0.06],
];
export const PRIOR_U: number[][] = [
  [0.004, 0.001, 0.002, 0.002, 0.01, 0.02, 0.961],
  [0.003, 0.0005, 0.001, 0.0005, 0.005, 0.01, 0.98],
  [0.0002, 0.0001, 0.003, 0.0005, 0.9962],
  [0.5, 0.5],
  [0.0002, 0.0004, 0.0005, 0.9989],
  [0.002, 0.015, 0.02, 0.963],
  [0.002, 0.001, 0.003, 0.994],
];

/**
 * Trains a model on the records: u from random pairs, then EM (m, λ and optionally u) on the
 * comparison patterns of the candidate pairs.
 */
export function trainModel(
  prepared: PreparedRecord[],
  levels: Uint8Array,
  nPairs: number,
  opts: LinkOptions,
): { model: Model; iterations: number } {
  const g = countValues(prepared, 'g');
  const f = countValues(prepared, 'f');
  const overrides = opts.weights ?? {};
  const base = {
    upper: opts.upper ?? DEFAULT_UPPER,
    lower: opts.lower ?? DEFAULT_LOWER,
    overrides,
    tf: { givenName: g.map, familyName: f.map, total: { givenName: g.total, familyName: f.total } },
    tfCap: 4,
  };
  if (nPairs < (opts.minTrainingPairs ?? 300)) {
    const fields = FIELD_NAMES.map((name, i) => ({
      name,
      levels: FIELD_LEVELS[name],
      m: PRIOR_M[i],
      u: PRIOR_U[i],
    }));
    // with few records the TF table is meaningless: disable the adjustment
    return {
      model: { ...base, fields, lambda: 0.1, weights: computeWeights(fields, overrides), tfCap: 0 },
      iterations: 0,
    };
  }
  const u0 = estimateUFromRandom(
    prepared,
    opts.randomPairs ?? Math.min(200_000, prepared.length * 40),
    opts.seed ?? 42,
  );
  const patterns = toPatterns(levels, NFIELDS, nPairs);
  const uSource = opts.uSource ?? 'random';
  const em = runEm(
    patterns,
    { m: initialM(), u: u0, lambda: 0.1 },
    { estimateU: uSource !== 'fixed', maxIterations: 200 },
  );
  // m-probabilities of rarely seen levels are noisy; keep them off the floor.
  const m = em.m.map((row) => {
    const r = row.map((x) => Math.max(x, 1e-3));
    const s = r.reduce((p, q) => p + q, 0);
    return r.map((x) => x / s);
  });
  const u = uSource === 'em' ? em.u : u0;
  const fields = FIELD_NAMES.map((name, i) => ({ name, levels: FIELD_LEVELS[name], m: m[i], u: u[i] }));
  const model: Model = { ...base, fields, lambda: em.lambda, weights: computeWeights(fields, overrides) };
  return { model, iterations: em.iterations };
}

function shareBlock(ka: string[], kb: string[]): boolean {
  for (const x of ka) if (kb.includes(x)) return true;
  return false;
}

/** The two records' given names disagree outright (level 'else'). */
function givenContradicts(a: PreparedRecord, b: PreparedRecord, buf: Uint8Array): boolean {
  compareInto(a, b, buf);
  return buf[0] === FIELD_LEVELS.givenName.length - 1;
}

/** Weight of a pair, and whether the twin guard holds it apart. */
export function scoreGuarded(
  model: Model,
  a: PreparedRecord,
  b: PreparedRecord,
  buf: Uint8Array,
  twinGuard: boolean,
): { weight: number; twins: boolean } {
  compareInto(a, b, buf);
  return { weight: pairWeight(model, buf, 0, a, b), twins: twinGuard && twinPattern(buf, 0, a, b) };
}

function forbidden(
  index: Pick<LinkIndex, 'cannot' | 'distinctWithinSource'>,
  a: PreparedRecord,
  b: PreparedRecord,
): boolean {
  if (a.sealed || b.sealed) return true;
  if (index.distinctWithinSource && a.source && a.source === b.source) return true;
  return index.cannot.get(a.idx)?.has(b.idx) ?? false;
}

function buildCannot(
  cannotLink: Array<[string, string]> | undefined,
  idToIdx: Map<string, number>,
): Map<number, Set<number>> {
  const cannot = new Map<number, Set<number>>();
  for (const [x, y] of cannotLink ?? []) {
    const i = idToIdx.get(x);
    const j = idToIdx.get(y);
    if (i === undefined || j === undefined) continue;
    for (const [p, q] of [
      [i, j],
      [j, i],
    ]) {
      let s = cannot.get(p);
      if (!s) cannot.set(p, (s = new Set()));
      s.add(q);
    }
  }
  return cannot;
}

/** Prepares, blocks and compares the records, and trains a model on the candidate pairs (or takes
 *  `opts.model`): everything linking needs before it clusters. */
function compareAndTrain(records: PersonRecord[], opts: LinkOptions) {
  const log = opts.onProgress ?? (() => undefined);
  const rules = opts.rules ?? DEFAULT_RULES;
  const maxBlockSize = opts.maxBlockSize ?? 200;
  const prepared = records.map((r, i) => prepare(r, i));
  const n = prepared.length;
  const blocks = buildBlockIndex(prepared, rules);
  const { a, b, skippedBlocks } = candidatePairs(blocks, n, maxBlockSize);
  const nPairs = a.length;
  log(
    `blocked ${n} records into ${blocks.size} blocks; ${nPairs} candidate pairs (${skippedBlocks} oversized blocks skipped)`,
  );

  const levels = new Uint8Array(nPairs * NFIELDS);
  for (let p = 0; p < nPairs; p++) compareInto(prepared[a[p]], prepared[b[p]], levels, p * NFIELDS);
  log(`compared ${nPairs} pairs`);

  let model: Model;
  let iterations = 0;
  if (opts.model) {
    model = opts.model;
  } else {
    ({ model, iterations } = trainModel(prepared, levels, nPairs, opts));
    log(`EM converged after ${iterations} iterations, lambda=${model.lambda.toFixed(4)}`);
  }
  return { rules, maxBlockSize, prepared, blocks, a, b, nPairs, skippedBlocks, levels, model, iterations };
}

/** Trains a model on the records (EM, no labels) without linking them. */
export function fitModel(
  records: PersonRecord[],
  opts: LinkOptions = {},
): { model: Model; candidatePairs: number } {
  const { model, nPairs } = compareAndTrain(records, opts);
  return { model, candidatePairs: nPairs };
}

/** Links the records into clusters. */
export function linkRecords(records: PersonRecord[], opts: LinkOptions = {}): LinkResult {
  const log = opts.onProgress ?? (() => undefined);
  const { rules, maxBlockSize, prepared, blocks, a, b, nPairs, skippedBlocks, levels, model, iterations } =
    compareAndTrain(records, opts);
  const n = prepared.length;
  const idToIdx = new Map(prepared.map((p) => [p.id, p.idx]));
  const twinGuard = opts.twinGuard ?? false;
  const weights = new Float64Array(nPairs);
  const twins = new Uint8Array(nPairs);
  for (let p = 0; p < nPairs; p++) {
    weights[p] = pairWeight(model, levels, p * NFIELDS, prepared[a[p]], prepared[b[p]]);
    if (twinGuard && twinPattern(levels, p * NFIELDS, prepared[a[p]], prepared[b[p]])) twins[p] = 1;
  }

  const index: LinkIndex = {
    model,
    records: prepared,
    idToIdx,
    blocks,
    rules,
    maxBlockSize,
    clusterOf: new Array<string>(n),
    members: new Map(),
    cannot: buildCannot(opts.cannotLink, idToIdx),
    distinctWithinSource: opts.distinctWithinSource ?? false,
    twinGuard,
    maxClusterSize: opts.maxClusterSize ?? 50,
  };

  // ---- clustering -------------------------------------------------------------------------
  // Pairs at or above the upper threshold are applied in descending weight order with a
  // union-find. Consistency rule: a merge of clusters X and Y is refused when
  //   (1) any cross pair (x ∈ X, y ∈ Y) is forbidden (cannot-link, sealed adoption,
  //       same-source constraint), or
  //   (2) any cross pair that is in the candidate set (shares a blocking key, i.e. was scored)
  //       has weight below the LOWER threshold — the model positively says those two records are
  //       different people, so a transitive chain x~…~y must not override it, or
  //   (3) with the twin guard on, any scored cross pair has the twin pattern (same birth date and
  //       family name, unrelated given names): twins must not be joined through a third record
  //       (e.g. one with no given name) that matches both, or
  //   (4) the merged cluster would exceed maxClusterSize.
  // Because strong links are applied first, the best-supported links win such conflicts.
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const mem: number[][] = prepared.map((p) => [p.idx]);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const keysOf = prepared.map((p) => blockingKeys(p, rules));
  const buf = new Uint8Array(NFIELDS);
  const order = Array.from({ length: nPairs }, (_, i) => i)
    .filter((p) => weights[p] >= model.upper && !twins[p])
    .sort((x, y) => weights[y] - weights[x]);
  // strong (auto-link) neighbours of each record, for the twin ambiguity check
  const strong = new Map<number, number[]>();
  if (twinGuard)
    for (const p of order)
      for (const [x, y] of [
        [a[p], b[p]],
        [b[p], a[p]],
      ]) {
        const l = strong.get(x);
        if (l) l.push(y);
        else strong.set(x, [y]);
      }
  /** x matches y and also z, y's twin, and x's given name does not tell them apart: x could be
   *  either twin, so it joins neither. */
  const ambiguous = (x: number, y: number): boolean => {
    for (const z of strong.get(x) ?? []) {
      if (z === y) continue;
      if (
        scoreGuarded(model, prepared[y], prepared[z], buf, true).twins &&
        !givenContradicts(prepared[x], prepared[z], buf)
      )
        return true;
    }
    return false;
  };
  let autoLinks = 0;
  let refused = 0;
  for (const p of order) {
    let rx = find(a[p]);
    let ry = find(b[p]);
    if (rx === ry) continue;
    if (twinGuard && (ambiguous(a[p], b[p]) || ambiguous(b[p], a[p]))) {
      refused++;
      continue;
    }
    if (mem[rx].length + mem[ry].length > index.maxClusterSize) {
      refused++;
      continue;
    }
    let ok = true;
    outer: for (const x of mem[rx]) {
      for (const y of mem[ry]) {
        const px = prepared[x];
        const py = prepared[y];
        if (forbidden(index, px, py)) {
          ok = false;
          break outer;
        }
        if ((x === a[p] && y === b[p]) || (x === b[p] && y === a[p])) continue;
        if (shareBlock(keysOf[x], keysOf[y])) {
          const s = scoreGuarded(model, px, py, buf, twinGuard);
          if (s.weight < model.lower || s.twins) {
            ok = false;
            break outer;
          }
        }
      }
    }
    if (!ok) {
      refused++;
      continue;
    }
    if (mem[rx].length < mem[ry].length) [rx, ry] = [ry, rx];
    parent[ry] = rx;
    for (const y of mem[ry]) mem[rx].push(y);
    mem[ry] = [];
    autoLinks++;
  }
  // cluster id = id of the cluster's earliest record (input order), stable across runs
  const clusters = new Map<string, string>();
  const firstOfRoot = new Map<number, string>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    let cid = firstOfRoot.get(r);
    if (cid === undefined) firstOfRoot.set(r, (cid = prepared[i].id));
    index.clusterOf[i] = cid;
    clusters.set(prepared[i].id, cid);
  }
  for (let i = 0; i < n; i++) {
    const cid = index.clusterOf[i];
    const list = index.members.get(cid);
    if (list) list.push(i);
    else index.members.set(cid, [i]);
  }
  log(`clustered: ${autoLinks} merges applied, ${refused} refused; ${index.members.size} clusters`);

  // ---- review pairs: above the lower threshold and not in one cluster ----------------------
  const reviewPairs: ReviewPair[] = [];
  const maxExpl = opts.maxReviewExplanations ?? 10_000;
  for (let p = 0; p < nPairs; p++) {
    const w = weights[p];
    // between the thresholds, or above them but held apart (twins, an ambiguous or a vetoed merge)
    if (w < model.lower) continue;
    if (index.clusterOf[a[p]] === index.clusterOf[b[p]]) continue;
    const pa = prepared[a[p]];
    const pb = prepared[b[p]];
    if (forbidden(index, pa, pb)) continue;
    reviewPairs.push({
      a: pa.id,
      b: pb.id,
      weight: +w.toFixed(3),
      explanation: reviewPairs.length < maxExpl ? explainPrepared(pa, pb, model, twinGuard) : undefined,
    });
  }
  reviewPairs.sort((x, y) => y.weight - x.weight);
  return {
    clusters,
    reviewPairs,
    model,
    index,
    stats: {
      records: n,
      candidatePairs: nPairs,
      autoLinks,
      refusedMerges: refused,
      emIterations: iterations,
      skippedBlocks,
    },
  };
}

/** Per-field level and weight for two records under a model. */
export function explain(a: PersonRecord, b: PersonRecord, model: Model): Explanation {
  return explainPrepared(prepare(a, 0), prepare(b, 1), model);
}

export interface LinkOneResult {
  clusterId: string;
  /** best auto-link weight, or null when the record starts a new cluster */
  weight: number | null;
  candidates: number;
  reviewPairs: ReviewPair[];
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Incrementally links one new record against an already-linked index: blocks it against the
 * in-memory block index, scores only those candidates, and joins the cluster of the best candidate
 * at or above the upper threshold whose members pass the same consistency rule as batch clustering
 * (no forbidden member, no scored member below the lower threshold). The index is updated.
 */
export function linkOne(record: PersonRecord, index: LinkIndex, newClusterId?: string): LinkOneResult {
  const { model } = index;
  const p = prepare(record, index.records.length);
  const cands = candidatesFor(index.blocks, p, index.rules, index.maxBlockSize);
  const buf = new Uint8Array(NFIELDS);
  const scored = new Map<number, number>();
  const twinOf = new Set<number>();
  for (const j of cands) {
    const s = scoreGuarded(model, p, index.records[j], buf, index.twinGuard);
    scored.set(j, s.weight);
    if (s.twins) twinOf.add(j);
  }
  // best first; equal weights (common: the weight takes one value per comparison pattern) are
  // taken in record id order, so the choice does not depend on the order the index was built in
  const ranked = [...scored.entries()]
    .filter(([j, w]) => w >= model.upper && !twinOf.has(j))
    .sort((x, y) => y[1] - x[1] || compareIds(index.records[x[0]]!.id, index.records[y[0]]!.id));
  let chosen: string | null = null;
  let best: number | null = null;
  const tried = new Set<string>();
  for (const [j, w] of ranked) {
    const cid = index.clusterOf[j];
    if (tried.has(cid)) continue;
    tried.add(cid);
    const members = index.members.get(cid) ?? [];
    if (members.length + 1 > index.maxClusterSize) continue;
    let ok = true;
    for (const m of members) {
      const pm = index.records[m];
      if (forbidden(index, p, pm) || twinOf.has(m)) ok = false;
      else {
        const mw = scored.get(m);
        if (mw !== undefined && mw < model.lower) ok = false;
      }
      if (!ok) break;
    }
    if (ok) {
      chosen = cid;
      best = w;
      // the record also matches a twin of the chosen candidate (in another child) and its given
      // name does not tell the twins apart: ambiguous
      if (index.twinGuard)
        for (const [k] of ranked)
          if (
            index.clusterOf[k] !== cid &&
            scoreGuarded(model, index.records[j], index.records[k], buf, true).twins &&
            !givenContradicts(p, index.records[k], buf)
          ) {
            chosen = null;
            best = null;
            break;
          }
      break;
    }
  }
  const clusterId = chosen ?? newClusterId ?? p.id;
  // add to index
  index.records.push(p);
  index.idToIdx.set(p.id, p.idx);
  addToIndex(index.blocks, p, index.rules);
  index.clusterOf[p.idx] = clusterId;
  const list = index.members.get(clusterId);
  if (list) list.push(p.idx);
  else index.members.set(clusterId, [p.idx]);
  if (p.g) {
    model.tf.givenName.set(p.g, (model.tf.givenName.get(p.g) ?? 0) + 1);
    model.tf.total.givenName++;
  }
  if (p.f) {
    model.tf.familyName.set(p.f, (model.tf.familyName.get(p.f) ?? 0) + 1);
    model.tf.total.familyName++;
  }
  const reviewPairs: ReviewPair[] = [];
  for (const [j, w] of scored) {
    if (w >= model.lower && index.clusterOf[j] !== clusterId && !forbidden(index, p, index.records[j])) {
      reviewPairs.push({ a: p.id, b: index.records[j].id, weight: +w.toFixed(3) });
    }
  }
  return { clusterId, weight: best, candidates: cands.length, reviewPairs };
}

/** A model as stored (JSON): everything but the term-frequency tables, which are counted from the
 *  records when the model is loaded. */
export interface StoredModel {
  fields: Array<{ name: string; m: number[]; u: number[] }>;
  lambda: number;
  upper: number;
  lower: number;
  overrides: WeightOverrides;
  tfCap: number;
}

export function storeModel(model: Model): StoredModel {
  return {
    fields: model.fields.map((f) => ({ name: f.name, m: f.m, u: f.u })),
    lambda: model.lambda,
    upper: model.upper,
    lower: model.lower,
    overrides: model.overrides,
    tfCap: model.tfCap,
  };
}

/** Rebuilds a model from its stored form, the records' names (for term frequencies) and optional
 *  configured thresholds and weight overrides. */
export function loadModel(
  stored: StoredModel,
  names: Array<{ givenName: string | null; familyName: string | null }>,
  config: { upper?: number; lower?: number; weights?: WeightOverrides } = {},
): Model {
  const fields = FIELD_NAMES.map((name) => {
    const f = stored.fields.find((x) => x.name === name);
    if (!f || f.m.length !== FIELD_LEVELS[name].length) throw new Error(`stored model lacks ${name}`);
    return { name, levels: FIELD_LEVELS[name], m: f.m, u: f.u };
  });
  const overrides = { ...stored.overrides, ...(config.weights ?? {}) };
  const prepared = names.map((n, i) =>
    prepare(
      { id: String(i), ...n, birthDate: null, sex: null, addressLine: null, city: null, postalCode: null },
      i,
    ),
  );
  const g = countValues(prepared, 'g');
  const f = countValues(prepared, 'f');
  return {
    fields,
    lambda: stored.lambda,
    upper: config.upper ?? stored.upper,
    lower: config.lower ?? stored.lower,
    overrides,
    weights: computeWeights(fields, overrides),
    tf: { givenName: g.map, familyName: f.map, total: { givenName: g.total, familyName: f.total } },
    tfCap: stored.tfCap,
  };
}

/** A link index over already-linked, prepared records (each with its cluster; idx is reassigned),
 *  for incremental linking of further records with `linkOne`. */
export function indexOfPrepared(
  linked: Array<{ prepared: PreparedRecord; clusterId: string }>,
  model: Model,
  opts: Pick<
    LinkOptions,
    'twinGuard' | 'distinctWithinSource' | 'maxClusterSize' | 'maxBlockSize' | 'rules'
  > = {},
): LinkIndex {
  const rules = opts.rules ?? DEFAULT_RULES;
  const records = linked.map((l, i) => ({ ...l.prepared, idx: i }));
  const index: LinkIndex = {
    model,
    records,
    idToIdx: new Map(records.map((p) => [p.id, p.idx])),
    blocks: buildBlockIndex(records, rules),
    rules,
    maxBlockSize: opts.maxBlockSize ?? 200,
    clusterOf: linked.map((l) => l.clusterId),
    members: new Map(),
    cannot: new Map(),
    distinctWithinSource: opts.distinctWithinSource ?? false,
    twinGuard: opts.twinGuard ?? false,
    maxClusterSize: opts.maxClusterSize ?? 50,
  };
  index.clusterOf.forEach((c, i) => {
    const list = index.members.get(c);
    if (list) list.push(i);
    else index.members.set(c, [i]);
  });
  return index;
}

/** Marks two records (by id; either may be linked later) as never one cluster. */
export function addCannotLink(index: LinkIndex, a: number, b: number): void {
  for (const [p, q] of [
    [a, b],
    [b, a],
  ]) {
    let s = index.cannot.get(p);
    if (!s) index.cannot.set(p, (s = new Set()));
    s.add(q);
  }
}

/**
 * Takes a record out of the index — out of its blocks, its cluster and the name frequencies — so
 * that `linkOne` can link it again against the rest (it is added back, under a new idx).
 */
export function removeFromIndex(index: LinkIndex, idx: number): void {
  const p = index.records[idx]!;
  for (const k of blockingKeys(p, index.rules)) {
    const list = index.blocks.get(k);
    const at = list ? list.indexOf(idx) : -1;
    if (at >= 0) list!.splice(at, 1);
  }
  const cid = index.clusterOf[idx]!;
  const members = index.members.get(cid);
  if (members) {
    const at = members.indexOf(idx);
    if (at >= 0) members.splice(at, 1);
    if (!members.length) index.members.delete(cid);
  }
  index.clusterOf[idx] = '';
  if (index.idToIdx.get(p.id) === idx) index.idToIdx.delete(p.id);
  const { tf } = index.model;
  for (const [field, v] of [
    ['givenName', p.g],
    ['familyName', p.f],
  ] as const) {
    const n = v ? tf[field].get(v) : undefined;
    if (!n) continue;
    if (n > 1) tf[field].set(v, n - 1);
    else tf[field].delete(v);
    tf.total[field] = Math.max(0, tf.total[field] - 1);
  }
}
