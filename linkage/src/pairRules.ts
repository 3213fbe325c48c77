/**
 * What may be one person, pair by pair, during clustering and incremental linking: a pair scored
 * under the model and the guards, forbidden pairs (sealed adoption, cannot-link, one source), and
 * `compatible`, the check every pair across a merge must pass.
 */
import { compareInto } from './compare';
import { givenNamesDisagree, heldApart, twinPattern, type Guards } from './guards';
import { pairWeight, type Model } from './model';
import type { LinkIndex } from './linkOptions';
import type { PreparedRecord } from './record';

function shareBlock(ka: string[], kb: string[]): boolean {
  for (const x of ka) if (kb.includes(x)) return true;
  return false;
}

/** A scored pair: its weight, whether the guards hold it back from an automatic link, and
 *  whether it has the twin pattern. */
export interface Scored {
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
export function givenContradicts(a: PreparedRecord, b: PreparedRecord, buf: Uint8Array): boolean {
  compareInto(a, b, buf);
  return givenNamesDisagree(buf, 0);
}

/** Never one person whatever they score: a sealed adoption, a cannot-link pair, or (when told)
 *  two records of one source. */
export function forbidden(
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
export function compatible(
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

/** The cannot-link pairs by record index, both ways (pairs naming an unknown id are dropped). */
export function buildCannot(
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

/** Record ids in a fixed order: ties between equal weights are broken by id, not input order. */
export const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
