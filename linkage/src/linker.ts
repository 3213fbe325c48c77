/**
 * Probabilistic record linkage (Fellegi–Sunter) over in-memory person records:
 * prepare → block (union of rules) → compare candidate pairs → EM for m (u from random pairs) →
 * weights with term-frequency adjustment → constrained clustering with two thresholds.
 */
import { blockingKeys, buildBlockIndex, candidatePairs, DEFAULT_RULES } from './blocking';
import { compareInto } from './compare';
import { explainPrepared, type Explanation } from './explain';
import { heldApart, reviewWorthy, type Guards } from './guards';
import { pairWeight, type Model } from './model';
import { NFIELDS, prepare, type PersonRecord } from './record';
import { trainModel } from './training';
import {
  DEFAULT_LOWER,
  DEFAULT_UPPER,
  guardsOf,
  INDEX_LINK_OPTIONS,
  type LinkIndex,
  type LinkOptions,
  type LinkResult,
  type ReviewPair,
} from './linkOptions';
import { buildCannot, compareIds, compatible, forbidden, givenContradicts, scorePair } from './pairRules';

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
