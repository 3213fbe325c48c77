/**
 * One quality line of the linkage benchmark: a labelled data set linked under a set of rules
 * (the index's household-safe rules, or plain Fellegi–Sunter for adults), scored pairwise against
 * the truth and checked against its target. Shared by this package's bench and the platform's
 * (`npm run bench:linkage`), so that both print and store the same figures.
 */
import { ADULT_LINK_OPTIONS, INDEX_LINK_OPTIONS, linkRecords, scoreLinkage, type PersonRecord } from '../src';

/** Children's data (households, the synthetic county with households): the index's rules. */
export const CHILD_TARGET = { precision: 0.995, f1: 0.98, siblingMerges: 0 };
/** Adults (FEBRL) under the rules for adults. */
export const TARGET_F1 = 0.97;
export const TARGET_PRECISION = 0.99;

export type Rules = 'index' | 'adults';

export interface QualityTarget {
  precision: number;
  f1: number;
  siblingMerges?: number;
}

export interface QualityLine {
  dataset: string;
  rules: Rules;
  records: number;
  precision: number;
  recall: number;
  f1: number;
  children: number;
  trueChildren: number;
  siblingMerges: number;
  reviewPairs: number;
  seconds: number;
  weights: string;
  target: string | null;
  pass: boolean | null;
}

/** Links `recs` under `rules`, scores the clusters against `entity` and checks `target`. */
export function qualityLine(
  dataset: string,
  recs: PersonRecord[],
  entity: (id: string) => string,
  rules: Rules,
  target: QualityTarget | null,
): QualityLine {
  const t0 = performance.now();
  const res = linkRecords(recs, rules === 'index' ? INDEX_LINK_OPTIONS : ADULT_LINK_OPTIONS);
  const seconds = (performance.now() - t0) / 1000;
  const s = scoreLinkage(recs, res.clusters, entity);
  const pass = target
    ? s.precision >= target.precision &&
      s.f1 >= target.f1 &&
      (target.siblingMerges === undefined || s.siblingMerges <= target.siblingMerges)
    : null;
  return {
    dataset,
    rules,
    records: recs.length,
    precision: s.precision,
    recall: s.recall,
    f1: s.f1,
    children: s.children,
    trueChildren: s.trueChildren,
    siblingMerges: s.siblingMerges,
    reviewPairs: res.reviewPairs.length,
    seconds: +seconds.toFixed(3),
    weights: res.model.training.source,
    target: target
      ? `P ≥ ${target.precision}, F1 ≥ ${target.f1}${target.siblingMerges !== undefined ? `, sibling merges ${target.siblingMerges}` : ''}`
      : null,
    pass,
  };
}

/** The table's legend and header. */
export function printQualityHeader(): void {
  console.log(
    "Linkage quality in memory (link:csv's path): pairwise precision, recall, F1; children (true); sibling merges\n" +
      "rules: index = the running index's and link:csv's default (twin guard, person guard, household cap);\n" +
      '       adults = `link:csv --adults`, plain Fellegi–Sunter for people who do not live in families (FEBRL)',
  );
  console.log(
    'dataset                rules  records  P       R       F1       children (true)  sibling  review  weights  target',
  );
}

export function printQuality(l: QualityLine): void {
  console.log(
    `${l.dataset.padEnd(22)} ${l.rules.padEnd(6)} ${String(l.records).padStart(6)}  ${l.precision.toFixed(4)}  ${l.recall.toFixed(4)}  ${l.f1.toFixed(4)}  ${`${l.children} (${l.trueChildren})`.padStart(13)}  ${String(l.siblingMerges).padStart(8)}  ${String(l.reviewPairs).padStart(6)}  ${l.weights.padEnd(7)}  ${l.pass === null ? '(informational)' : `${l.target}  ${l.pass ? 'PASS' : 'FAIL'}`}`,
  );
}

/** The sibling-merge summary over the children's data sets (not FEBRL). */
export function printSiblingMerges(lines: QualityLine[]): void {
  const children = lines.filter((l) => l.rules === 'index' && !l.dataset.startsWith('FEBRL'));
  console.log(
    `sibling merges (pairs of different children with the same family name and address in one child): ${children.map((l) => `${l.dataset} ${l.siblingMerges}`).join(', ')}  target 0  ${children.every((l) => l.siblingMerges === 0) ? 'PASS' : 'FAIL'}`,
  );
}
