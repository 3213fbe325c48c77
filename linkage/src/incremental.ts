/**
 * Incremental linking against an already-linked index (what the running child index does as each
 * feed page arrives): one record at a time scored only against its blocks, a record taken out and
 * linked again, cannot-link pairs added, and an index rebuilt from records linked earlier.
 */
import { addToIndex, blockingKeys, buildBlockIndex, candidatesFor, DEFAULT_RULES } from './blocking';
import { compareInto } from './compare';
import { reviewWorthy } from './guards';
import type { Model } from './model';
import { guardsOf, type LinkIndex, type LinkOptions, type ReviewPair } from './linkOptions';
import { compareIds, compatible, forbidden, givenContradicts, scorePair, type Scored } from './pairRules';
import { NFIELDS, prepare, type PersonRecord, type PreparedRecord } from './record';

export interface LinkOneResult {
  clusterId: string;
  /** best auto-link weight, or null when the record starts a new cluster */
  weight: number | null;
  candidates: number;
  reviewPairs: ReviewPair[];
}

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
