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
import {
  compareInto,
  computeWeights,
  explainPrepared,
  FIELD_LEVELS,
  FIELD_NAMES,
  givenNamesDisagree,
  heldApart,
  homeCapOf,
  NFIELDS,
  pairWeight,
  prepare,
  reviewWorthy,
  twinPattern,
  type Explanation,
  type Guards,
  type Model,
  type PersonRecord,
  type PreparedRecord,
  type TrainingInfo,
  type WeightOverrides,
} from './model';
import { DEFAULT_PERSON_MIN, nameFrequencies, trainModel } from './training';

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
  /** Pairs with the twin pattern (see `twinPattern`) are never auto-linked and veto merges
   *  through chains. Default true (children). */
  twinGuard?: boolean;
  /** Pairs whose birth dates differ beyond a keying error are never auto-linked and veto merges
   *  through chains. Default true (children: such a pair is brother and sister). */
  personGuard?: boolean;
  /** The home (family name, address, postcode, city) counts at most what a shared household is
   *  worth, and never more than `upper - personMin`. Default true (children live in families). */
  householdCap?: boolean;
  /** The least weight the person's own fields must bring for an automatic link (default 5). */
  personMin?: number;
  maxBlockSize?: number;
  rules?: BlockingRule[];
  /** Random pairs sampled to initialise u. */
  randomPairs?: number;
  seed?: number;
  /** A merge producing a larger cluster is refused. */
  maxClusterSize?: number;
  /** A training session with fewer blocked pairs than this is skipped (default 100); with no
   *  session to learn from, the prior m stands in. */
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
  personGuard: boolean;
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

/** How the running child index links, and `link:csv` unless told otherwise: the rules for
 * children, who live in families — the twin guard, the birth-date guard and the household cap on
 * (the defaults). Two records of one agency may be one child (a re-referral under a new id); the
 * agency says when they are not (`declareDistinctRecords`), and those pairs arrive as cannot-links. */
export const INDEX_LINK_OPTIONS: Pick<LinkOptions, 'twinGuard' | 'personGuard' | 'householdCap'> = {
  twinGuard: true,
  personGuard: true,
  householdCap: true,
};

/** The rules loosened for adults who do not live in families (FEBRL): plain Fellegi–Sunter, no
 *  twin guard, no birth-date guard, no household cap. An explicit choice (`link:csv --adults`). */
export const ADULT_LINK_OPTIONS: Pick<LinkOptions, 'twinGuard' | 'personGuard' | 'householdCap'> = {
  twinGuard: false,
  personGuard: false,
  householdCap: false,
};

const guardsOf = (opts: Pick<LinkOptions, 'twinGuard' | 'personGuard'>): Guards => ({
  twinGuard: opts.twinGuard ?? true,
  personGuard: opts.personGuard ?? true,
});

/** The guards of the running index (for explanations). */
export const INDEX_GUARDS: Guards = guardsOf(INDEX_LINK_OPTIONS);

function shareBlock(ka: string[], kb: string[]): boolean {
  for (const x of ka) if (kb.includes(x)) return true;
  return false;
}

/** A scored pair: its weight, whether the guards hold it back from an automatic link, and
 *  whether it has the twin pattern. */
interface Scored {
  weight: number;
  held: boolean;
  twins: boolean;
}

/** Scores a pair under a model and the guards. */
export function scorePair(
  model: Model,
  a: PreparedRecord,
  b: PreparedRecord,
  buf: Uint8Array,
  guards: Guards,
): Scored {
  compareInto(a, b, buf);
  return {
    weight: pairWeight(model, buf, 0, a, b),
    held: heldApart(buf, 0, a, b, guards),
    twins: guards.twinGuard && twinPattern(buf, 0, a, b),
  };
}

/** The two records' given names disagree outright (level 'else'). */
function givenContradicts(a: PreparedRecord, b: PreparedRecord, buf: Uint8Array): boolean {
  compareInto(a, b, buf);
  return givenNamesDisagree(buf, 0);
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

/**
 * Whether two records may be in one child, as far as the pair itself says: not forbidden, not held
 * apart by a guard (birth dates beyond a keying error, twins), and — when they share a blocking key,
 * so that the model compared them — not scored below the lower threshold. A chain A~B~C is only
 * built when every pair across it passes: the index never makes one child of two records the
 * model calls different children.
 */
function compatible(
  index: LinkIndex,
  x: PreparedRecord,
  y: PreparedRecord,
  keysX: string[],
  keysY: string[],
  buf: Uint8Array,
): boolean {
  if (forbidden(index, x, y)) return false;
  const s = scorePair(index.model, x, y, buf, index);
  if (s.held) return false;
  return !(s.weight < index.model.lower && shareBlock(keysX, keysY));
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

/** Prepares, blocks and compares the records, and trains a model on them (or takes
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
    ({ model, iterations } = trainModel(prepared, levels, nPairs, {
      upper: opts.upper ?? DEFAULT_UPPER,
      lower: opts.lower ?? DEFAULT_LOWER,
      weights: opts.weights,
      householdCap: opts.householdCap ?? true,
      personMin: opts.personMin,
      randomPairs: opts.randomPairs,
      seed: opts.seed,
      minSessionPairs: opts.minTrainingPairs,
      maxBlockSize,
    }));
    const t = model.training;
    log(
      `trained (${t.source}): ${t.sessions.map((x) => `${x.rule} ${x.pairs} pairs${x.used ? '' : ' (unused)'}`).join(', ')}; ` +
        `${iterations} EM iterations, lambda=${model.lambda.toFixed(4)}, household=${model.household ?? 'uncapped'}`,
    );
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
  const guards = guardsOf(opts);
  const weights = new Float64Array(nPairs);
  const held = new Uint8Array(nPairs);
  for (let p = 0; p < nPairs; p++) {
    weights[p] = pairWeight(model, levels, p * NFIELDS, prepared[a[p]], prepared[b[p]]);
    if (heldApart(levels, p * NFIELDS, prepared[a[p]], prepared[b[p]], guards)) held[p] = 1;
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
    ...guards,
    maxClusterSize: opts.maxClusterSize ?? 50,
  };

  // ---- clustering -------------------------------------------------------------------------
  // Pairs at or above the upper threshold that no guard holds back are applied in descending
  // weight order with a union-find. A merge of clusters X and Y is refused when any cross pair
  // (x ∈ X, y ∈ Y) is not `compatible` (forbidden; held apart by a guard — birth dates beyond a
  // keying error, twins; or compared and scored below the lower threshold), when x could be
  // either of two twins (the twin guard's ambiguity rule), or when the merged cluster would exceed
  // maxClusterSize. Because strong links are applied first, the best-supported links win.
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
    .filter((p) => weights[p] >= model.upper && !held[p])
    .sort(
      (x, y) =>
        weights[y] - weights[x] ||
        compareIds(prepared[a[x]].id, prepared[a[y]].id) ||
        compareIds(prepared[b[x]].id, prepared[b[y]].id),
    );
  // strong (auto-link) neighbours of each record, for the twin ambiguity check
  const strong = new Map<number, number[]>();
  if (guards.twinGuard)
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
        scorePair(model, prepared[y], prepared[z], buf, guards).twins &&
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
    if (guards.twinGuard && (ambiguous(a[p], b[p]) || ambiguous(b[p], a[p]))) {
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
        const direct = (x === a[p] && y === b[p]) || (x === b[p] && y === a[p]);
        if (
          direct
            ? forbidden(index, prepared[x], prepared[y])
            : !compatible(index, prepared[x], prepared[y], keysOf[x], keysOf[y], buf)
        ) {
          ok = false;
          break outer;
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
    // between the thresholds, or above them but held apart (twins, another child by birth date or
    // given name, an ambiguous or a vetoed merge)
    if (w < model.lower) continue;
    if (index.clusterOf[a[p]] === index.clusterOf[b[p]]) continue;
    const pa = prepared[a[p]];
    const pb = prepared[b[p]];
    if (forbidden(index, pa, pb)) continue;
    if (!reviewWorthy(w, levels, p * NFIELDS, pa, pb, model, guards)) continue;
    reviewPairs.push({
      a: pa.id,
      b: pb.id,
      weight: +w.toFixed(3),
      explanation: reviewPairs.length < maxExpl ? explainPrepared(pa, pb, model, guards) : undefined,
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

/** Per-field level and weight for two records under a model (and the guards, for the decision). */
export function explain(
  a: PersonRecord,
  b: PersonRecord,
  model: Model,
  guards: Partial<Guards> = INDEX_LINK_OPTIONS,
): Explanation {
  return explainPrepared(prepare(a, 0), prepare(b, 1), model, guardsOf(guards));
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
 * at or above the upper threshold (not held back by a guard) whose every member is `compatible`
 * with it, as in batch clustering. The index is updated.
 */
export function linkOne(record: PersonRecord, index: LinkIndex, newClusterId?: string): LinkOneResult {
  const { model } = index;
  const p = prepare(record, index.records.length);
  const pKeys = blockingKeys(p, index.rules);
  const cands = candidatesFor(index.blocks, p, index.rules, index.maxBlockSize);
  const buf = new Uint8Array(NFIELDS);
  const scored = new Map<number, Scored>();
  for (const j of cands) scored.set(j, scorePair(model, p, index.records[j], buf, index));
  // best first; equal weights (common: the weight takes one value per comparison pattern) are
  // taken in record id order, so the choice does not depend on the order the index was built in
  const ranked = [...scored.entries()]
    .filter(([, s]) => s.weight >= model.upper && !s.held)
    .sort(
      (x, y) => y[1].weight - x[1].weight || compareIds(index.records[x[0]]!.id, index.records[y[0]]!.id),
    );
  let chosen: string | null = null;
  let best: number | null = null;
  const tried = new Set<string>();
  for (const [j, s] of ranked) {
    const cid = index.clusterOf[j];
    if (tried.has(cid)) continue;
    tried.add(cid);
    const members = index.members.get(cid) ?? [];
    if (members.length + 1 > index.maxClusterSize) continue;
    let ok = true;
    for (const m of members) {
      const pm = index.records[m];
      if (!compatible(index, p, pm, pKeys, blockingKeys(pm, index.rules), buf)) {
        ok = false;
        break;
      }
    }
    if (ok) {
      chosen = cid;
      best = s.weight;
      // the record also matches a twin of the chosen candidate (in another child) and its given
      // name does not tell the twins apart: ambiguous
      if (index.twinGuard)
        for (const [k] of ranked)
          if (
            index.clusterOf[k] !== cid &&
            scorePair(model, index.records[j], index.records[k], buf, index).twins &&
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
  for (const [j, s] of scored) {
    if (s.weight < model.lower || index.clusterOf[j] === clusterId || forbidden(index, p, index.records[j]))
      continue;
    compareInto(p, index.records[j], buf);
    if (reviewWorthy(s.weight, buf, 0, p, index.records[j], model, index)) {
      reviewPairs.push({ a: p.id, b: index.records[j].id, weight: +s.weight.toFixed(3) });
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
  /** null: uncapped (absent in models stored before the household cap: they are re-trained). */
  household?: number | null;
  personMin?: number;
  training?: TrainingInfo;
}

export function storeModel(model: Model): StoredModel {
  return {
    fields: model.fields.map((f) => ({ name: f.name, m: f.m, u: f.u })),
    lambda: model.lambda,
    upper: model.upper,
    lower: model.lower,
    overrides: model.overrides,
    tfCap: model.tfCap,
    household: model.household,
    personMin: model.personMin,
    training: model.training,
  };
}

/** Whether a stored model has the fields and levels of today's comparisons (a model stored by an
 *  earlier version is not: it is trained again). */
export function storedModelCurrent(stored: StoredModel): boolean {
  return (
    stored.household !== undefined &&
    stored.training !== undefined &&
    FIELD_NAMES.every((name) => {
      const f = stored.fields.find((x) => x.name === name);
      return !!f && f.m.length === FIELD_LEVELS[name].length && f.u.length === FIELD_LEVELS[name].length;
    })
  );
}

/** Rebuilds a model from its stored form, the records' names (for term frequencies) and optional
 *  configured thresholds and weight overrides. */
export function loadModel(
  stored: StoredModel,
  names: Array<{ givenName: string | null; familyName: string | null }>,
  config: { upper?: number; lower?: number; weights?: WeightOverrides } = {},
): Model {
  if (!storedModelCurrent(stored)) throw new Error('stored model is of an earlier version');
  const fields = FIELD_NAMES.map((name) => {
    const f = stored.fields.find((x) => x.name === name)!;
    return { name, levels: FIELD_LEVELS[name], m: f.m, u: f.u };
  });
  const overrides = { ...stored.overrides, ...(config.weights ?? {}) };
  const prepared = names.map((n, i) =>
    prepare(
      { id: String(i), ...n, birthDate: null, sex: null, addressLine: null, city: null, postalCode: null },
      i,
    ),
  );
  const upper = config.upper ?? stored.upper;
  const household = stored.household ?? null;
  const personMin = stored.personMin ?? DEFAULT_PERSON_MIN;
  return {
    fields,
    lambda: stored.lambda,
    upper,
    lower: config.lower ?? stored.lower,
    overrides,
    weights: computeWeights(fields, overrides),
    tf: nameFrequencies(prepared),
    tfCap: stored.tfCap,
    household,
    personMin,
    homeCap: homeCapOf(household, upper, personMin),
    training: stored.training!,
  };
}

/** A link index over already-linked, prepared records (each with its cluster; idx is reassigned),
 *  for incremental linking of further records with `linkOne`. */
export function indexOfPrepared(
  linked: Array<{ prepared: PreparedRecord; clusterId: string }>,
  model: Model,
  opts: Pick<
    LinkOptions,
    'twinGuard' | 'personGuard' | 'distinctWithinSource' | 'maxClusterSize' | 'maxBlockSize' | 'rules'
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
    ...guardsOf(opts),
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
