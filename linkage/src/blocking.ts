/**
 * Blocking: several independent rules, unioned, so that a typo in one field (surname, birth date,
 * postcode…) does not hide a true match — it only needs to share one key with its partner.
 * Blocks larger than a cap are skipped (they carry almost no information and would blow up the
 * candidate set quadratically).
 */
import type { PreparedRecord } from './record';

export interface BlockingRule {
  name: string;
  key: (r: PreparedRecord) => string | null;
}

const year = (r: PreparedRecord) => (r.dob ? String(r.dob.y) : '');

export const DEFAULT_RULES: BlockingRule[] = [
  { name: 'birthDate', key: (r) => (r.dobKey ? r.dobKey : null) },
  { name: 'familySoundex+birthYear', key: (r) => (r.fSdx && r.dob ? `${r.fSdx}|${year(r)}` : null) },
  {
    name: 'givenSoundex+family3',
    key: (r) => (r.gSdx && r.f.length >= 2 ? `${r.gSdx}|${r.f.slice(0, 3)}` : null),
  },
  { name: 'postalCode+birthYear', key: (r) => (r.pc && r.dob ? `${r.pc}|${year(r)}` : null) },
  { name: 'familyName+givenInitial', key: (r) => (r.f && r.g ? `${r.f}|${r.g[0]}` : null) },
  { name: 'givenName+familyInitial', key: (r) => (r.f && r.g ? `${r.g}|${r.f[0]}` : null) },
  { name: 'address+postalCode', key: (r) => (r.addr && r.pc ? `${r.addr}|${r.pc}` : null) },
  // swapped given/family names still block together
  { name: 'nameSet', key: (r) => (r.f && r.g ? (r.f < r.g ? `${r.f}|${r.g}` : `${r.g}|${r.f}`) : null) },
];

export function blockingKeys(r: PreparedRecord, rules: BlockingRule[] = DEFAULT_RULES): string[] {
  const out: string[] = [];
  for (let i = 0; i < rules.length; i++) {
    const k = rules[i].key(r);
    if (k !== null) out.push(`${i}:${k}`);
  }
  return out;
}

export type BlockIndex = Map<string, number[]>;

export function addToIndex(
  index: BlockIndex,
  r: PreparedRecord,
  rules: BlockingRule[] = DEFAULT_RULES,
): void {
  for (const k of blockingKeys(r, rules)) {
    const list = index.get(k);
    if (list) list.push(r.idx);
    else index.set(k, [r.idx]);
  }
}

export function buildBlockIndex(
  records: PreparedRecord[],
  rules: BlockingRule[] = DEFAULT_RULES,
): BlockIndex {
  const index: BlockIndex = new Map();
  for (const r of records) addToIndex(index, r, rules);
  return index;
}

/**
 * All distinct candidate pairs (i < j) from blocks of size ≤ maxBlockSize. Returned as two parallel
 * Int32Arrays. Pairs are encoded i*n+j into a Float64Array, sorted and de-duplicated.
 */
export function candidatePairs(
  index: BlockIndex,
  n: number,
  maxBlockSize = 200,
): { a: Int32Array; b: Int32Array; skippedBlocks: number } {
  let cap = 1 << 16;
  let buf = new Float64Array(cap);
  let len = 0;
  let skippedBlocks = 0;
  for (const list of index.values()) {
    const s = list.length;
    if (s < 2) continue;
    if (s > maxBlockSize) {
      skippedBlocks++;
      continue;
    }
    const need = len + (s * (s - 1)) / 2;
    if (need > cap) {
      while (cap < need) cap *= 2;
      const nb = new Float64Array(cap);
      nb.set(buf.subarray(0, len));
      buf = nb;
    }
    for (let x = 0; x < s; x++) {
      const i = list[x];
      for (let y = x + 1; y < s; y++) {
        const j = list[y];
        buf[len++] = i < j ? i * n + j : j * n + i;
      }
    }
  }
  const all = buf.subarray(0, len).sort();
  let uniq = 0;
  for (let k = 0; k < len; k++) if (k === 0 || all[k] !== all[k - 1]) uniq++;
  const a = new Int32Array(uniq);
  const b = new Int32Array(uniq);
  let w = 0;
  for (let k = 0; k < len; k++) {
    if (k > 0 && all[k] === all[k - 1]) continue;
    const v = all[k];
    const i = Math.floor(v / n);
    a[w] = i;
    b[w] = v - i * n;
    w++;
  }
  return { a, b, skippedBlocks };
}

/** Candidate record indexes for one (new) record against an existing index. */
export function candidatesFor(
  index: BlockIndex,
  r: PreparedRecord,
  rules: BlockingRule[] = DEFAULT_RULES,
  maxBlockSize = 200,
): number[] {
  const seen = new Set<number>();
  for (const k of blockingKeys(r, rules)) {
    const list = index.get(k);
    if (!list || list.length > maxBlockSize) continue;
    for (const i of list) if (i !== r.idx) seen.add(i);
  }
  return [...seen];
}
