import { createHmac } from 'node:crypto';

/** 2^48: the first 48 bits of the HMAC read as an integer, divided by this, give a key in [0, 1). */
const TWO_48 = 2 ** 48;

/**
 * The record key of one child for the cell key method (as the ABS TableBuilder does): a number in
 * [0, 1) that is fixed for the child under one secret, and unpredictable without it.
 *
 * It is HMAC-SHA256(secret, id), its first 48 bits read as an unsigned integer, divided by 2^48.
 * 48 bits fit exactly in a double, so the key is exact and the same on every platform.
 *
 * `id` should be the child's pseudonymous index key (the one that says which records are one
 * child), never a name; the secret is the county's, held by the platform and never published:
 * anyone who holds it can predict every rounding and undo it.
 */
export function recordKey(secret: string, id: string): number {
  if (!secret) throw new Error('recordKey: the secret must not be empty');
  const mac = createHmac('sha256', secret).update(id, 'utf8').digest();
  return mac.readUIntBE(0, 6) / TWO_48;
}

/**
 * The cell key of a set of records: the fractional part of the sum of their record keys.
 * The same set of children gives the same cell key whatever query produced the cell (so a
 * repeated query gets the same answer), and adding or removing one child moves the cell key by
 * that child's unknown record key (so two cells that differ by a few children get unrelated
 * roundings). An empty set has key 0.
 */
export function cellKeyOf(recordKeys: Iterable<number>): number {
  let sum = 0;
  for (const k of recordKeys) sum = addKey(sum, quantizeKey(k));
  return sum;
}

/**
 * Adds one record key to a running cell key, keeping it in [0, 1).
 *
 * Exact, hence independent of the order the records come in: every key is a multiple of 2^-48
 * below 1 (recordKey makes them so; `quantizeKey` makes any other so), the sum of two is a
 * multiple of 2^-48 below 2 (49 bits, exact in a double), and subtracting 1 is exact too. A
 * floating-point sum of arbitrary fractions would depend on the order of addition, and a cell
 * could then round differently for the same children reached by two queries.
 */
export function addKey(cellKey: number, key: number): number {
  const s = cellKey + key;
  return s >= 1 ? s - 1 : s;
}

/** A key in [0, 1) snapped down to a multiple of 2^-48, so sums of keys are exact (see addKey).
 *  Throws on anything outside [0, 1). */
export function quantizeKey(key: number): number {
  if (!(key >= 0 && key < 1)) throw new Error(`record key must be in [0, 1), got ${key}`);
  return Math.floor(key * TWO_48) / TWO_48;
}
