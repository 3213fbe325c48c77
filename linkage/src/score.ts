/**
 * Scoring a clustering of records (record id → cluster id) against the truth (record id → person):
 * pairwise precision, recall and F1, the same computation as `shared/data/linkage/score.mjs` and
 * `score-truth.mjs`; the number of clusters (children); the largest cluster; the clusters that mix
 * two or more true persons; and **sibling merges**: predicted-same pairs of records of different
 * true persons that share a normalised family name and address (brothers, sisters and twins of one
 * household put into one child).
 */

export interface PairwiseScore {
  records: number;
  truePairs: number;
  predictedPairs: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
}

/** What the sibling rule reads of a record. */
export interface ScoredRecord {
  id: string;
  familyName: string | null;
  addressLine: string | null;
}

export interface LinkageScore extends PairwiseScore {
  /** Predicted clusters (children), singletons included. */
  children: number;
  /** True persons among the records. */
  trueChildren: number;
  /** Records of the largest predicted cluster. */
  largestCluster: number;
  /** Predicted clusters holding records of two or more true persons. */
  mixedClusters: number;
  /** Predicted-same pairs of different true persons sharing a normalised family name and address. */
  siblingMerges: number;
}

const pairsOf = (n: number) => (n * (n - 1)) / 2;

function sumPairs(groups: Map<string, number>): number {
  let n = 0;
  for (const c of groups.values()) n += pairsOf(c);
  return n;
}

/** Pairwise precision / recall / F1 of `clusters` against the entity each id belongs to. Every id
 *  must be in `clusters`. With no predicted (true) pairs, precision (recall) is 1. */
export function pairwiseScore(
  ids: string[],
  clusters: Map<string, string>,
  entity: (id: string) => string,
): PairwiseScore {
  const truth = new Map<string, number>();
  const pred = new Map<string, number>();
  const both = new Map<string, number>();
  for (const id of ids) {
    const e = entity(id);
    const c = clusters.get(id);
    if (c === undefined) throw new Error(`record ${id} missing from clustering`);
    truth.set(e, (truth.get(e) ?? 0) + 1);
    pred.set(c, (pred.get(c) ?? 0) + 1);
    const k = `${c}\u0000${e}`;
    both.set(k, (both.get(k) ?? 0) + 1);
  }
  const truePairs = sumPairs(truth);
  const predictedPairs = sumPairs(pred);
  const tp = sumPairs(both);
  const precision = predictedPairs ? tp / predictedPairs : 1;
  const recall = truePairs ? tp / truePairs : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { records: ids.length, truePairs, predictedPairs, truePositives: tp, precision, recall, f1 };
}

/** Lower case, accents dropped, letters and digits only: "O'Brien-Smith" → "obriensmith",
 *  "12 Oak St." → "12oakst". */
export function normaliseKey(value: string | null | undefined): string {
  return (value ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** The household key of a record: normalised family name and address, or null when either is
 *  empty (a record without one shares neither with anybody). */
export function householdKey(r: Pick<ScoredRecord, 'familyName' | 'addressLine'>): string | null {
  const f = normaliseKey(r.familyName);
  const a = normaliseKey(r.addressLine);
  return f && a ? `${f}\u0000${a}` : null;
}

/** Predicted-same pairs of records of different true persons that share a normalised family name
 *  and address (twins included). Target: 0. */
export function siblingMerges(
  records: ScoredRecord[],
  clusters: Map<string, string>,
  entity: (id: string) => string,
): number {
  // per (cluster, household): records, and records per true person
  const group = new Map<string, number>();
  const groupPerson = new Map<string, number>();
  for (const r of records) {
    const h = householdKey(r);
    if (h === null) continue;
    const c = clusters.get(r.id);
    if (c === undefined) throw new Error(`record ${r.id} missing from clustering`);
    const g = `${c}\u0001${h}`;
    group.set(g, (group.get(g) ?? 0) + 1);
    const gp = `${g}\u0001${entity(r.id)}`;
    groupPerson.set(gp, (groupPerson.get(gp) ?? 0) + 1);
  }
  return sumPairs(group) - sumPairs(groupPerson);
}

/** Every figure of a clustering: pairwise quality, children, largest and mixed clusters, sibling
 *  merges. */
export function scoreLinkage(
  records: ScoredRecord[],
  clusters: Map<string, string>,
  entity: (id: string) => string,
): LinkageScore {
  const ids = records.map((r) => r.id);
  const pairwise = pairwiseScore(ids, clusters, entity);
  const members = new Map<string, Set<string>>();
  const sizes = new Map<string, number>();
  const persons = new Set<string>();
  for (const id of ids) {
    const c = clusters.get(id)!;
    const e = entity(id);
    persons.add(e);
    sizes.set(c, (sizes.get(c) ?? 0) + 1);
    let m = members.get(c);
    if (!m) members.set(c, (m = new Set()));
    m.add(e);
  }
  let largestCluster = 0;
  for (const n of sizes.values()) largestCluster = Math.max(largestCluster, n);
  let mixedClusters = 0;
  for (const m of members.values()) if (m.size > 1) mixedClusters++;
  return {
    ...pairwise,
    children: sizes.size,
    trueChildren: persons.size,
    largestCluster,
    mixedClusters,
    siblingMerges: siblingMerges(records, clusters, entity),
  };
}

/** Up to `limit` of the sibling-merge pairs (record ids and their cluster), for a reader to look at. */
export function siblingMergePairs(
  records: ScoredRecord[],
  clusters: Map<string, string>,
  entity: (id: string) => string,
  limit: number,
): Array<{ a: string; b: string; cluster: string }> {
  const out: Array<{ a: string; b: string; cluster: string }> = [];
  if (limit <= 0) return out;
  const groups = new Map<string, ScoredRecord[]>();
  for (const r of records) {
    const h = householdKey(r);
    if (h === null) continue;
    const g = `${clusters.get(r.id)}\u0001${h}`;
    let list = groups.get(g);
    if (!list) groups.set(g, (list = []));
    list.push(r);
  }
  for (const list of groups.values())
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++)
        if (entity(list[i]!.id) !== entity(list[j]!.id)) {
          out.push({ a: list[i]!.id, b: list[j]!.id, cluster: clusters.get(list[i]!.id)! });
          if (out.length >= limit) return out;
        }
  return out;
}
