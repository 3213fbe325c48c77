import { addKey, quantizeKey } from './cellKey';
import { AnalyticsInputError, requireInteger } from './errors';
import { Hypercube } from './hypercube';
import { isPrimary, suppressComplementary, type Suppression } from './suppression';

/** One dimension of a table: a name (e.g. `raceEthnicity`) and its values in display order. */
export interface Dimension {
  name: string;
  values: readonly string[];
}

/** Options of `CountTable.add`. */
export interface AddOptions {
  /** The child's existence is protected (42 CFR Part 2 client, domestic-violence survivor): no
   *  published cell may be mostly such children (see isPrimary). @default false */
  protected?: boolean;
  /** An additive quantity for the child (e.g. placement days), summed per cell. @default 0 */
  weight?: number;
}

/** Options of `CountTable.publish`. */
export interface PublishOptions {
  /** Cells with a true count below this are withheld (PRIMARY). @default 11 */
  threshold?: number;
  /** Counts are randomly rounded to a multiple of this (1 = no rounding). @default 5 */
  base?: number;
  /** Withhold true zeros too. @default true */
  suppressZeros?: boolean;
  /** Published weights are rounded to the nearest multiple of this (half away from zero). @default 10 */
  weightRounding?: number;
}

/** One cell of a published table. Nothing else about a withheld cell is in it. */
export interface PublishedCell {
  /** The cell's value in each dimension, in dimension order; null is that dimension's TOTAL. */
  values: (string | null)[];
  /** The rounded count; null when withheld. */
  count: number | null;
  /** Why the cell is withheld, or null when it is published. */
  suppressed: Suppression | null;
  /** The rounded summed weight; null when the count is withheld. */
  weight: number | null;
}

/** Thresholds and bases are small integers; this bounds them so a typo cannot disable a rule. */
const MAX_OPTION = 1_000;

/**
 * Random rounding of a true count n to `base`, keyed by the cell key: with n = base·q + r, the
 * result is base·(q+1) when cellKey < r/base, else base·q (r = 0: n itself). Over uniform keys it
 * rounds up with probability r/base, so its expectation is n (unbiased); for a fixed set of
 * children the key, hence the result, is fixed (a repeated query gets the same answer).
 */
export function roundCount(n: number, cellKey: number, base: number): number {
  const r = n % base;
  if (r === 0) return n;
  const down = n - r;
  return cellKey < r / base ? down + base : down;
}

/**
 * A count table of children over one to a few dimensions, with every margin: add each child once
 * (with its record key, see recordKey), then publish it under disclosure control. Margins are true
 * counts of the union of their cells' children, not sums of rounded cells.
 */
export class CountTable {
  readonly dimensions: readonly Dimension[];
  private readonly cube: Hypercube;
  private readonly lookup: Map<string, number>[];
  private readonly counts: Int32Array;
  private readonly protectedCounts: Int32Array;
  private readonly keys: Float64Array;
  private readonly weights: Float64Array;
  /** Flat offsets of the cells one record touches, reused by `add` to avoid allocating. */
  private readonly touched: Int32Array;

  /**
   * @param dimensions one to 8 dimensions (each child updates 2^d cells, and the cube has
   *   Π(values + 1) cells), with unique names and unique, non-empty value lists.
   */
  constructor(dimensions: readonly Dimension[]) {
    if (dimensions.length === 0) throw new AnalyticsInputError('dimensions', 'at least one is needed');
    requireInteger('dimensions.length', dimensions.length, 1, 8);
    const names = new Set<string>();
    this.lookup = dimensions.map((d, i) => {
      if (names.has(d.name)) throw new AnalyticsInputError(`dimensions[${i}].name`, `duplicate "${d.name}"`);
      names.add(d.name);
      if (d.values.length === 0) throw new AnalyticsInputError(`dimensions[${i}].values`, 'empty');
      const m = new Map(d.values.map((v, j) => [v, j]));
      if (m.size !== d.values.length) throw new AnalyticsInputError(`dimensions[${i}].values`, 'duplicates');
      return m;
    });
    this.dimensions = dimensions.map((d) => ({ name: d.name, values: [...d.values] }));
    this.cube = new Hypercube(dimensions.map((d) => d.values.length));
    const n = this.cube.size;
    this.counts = new Int32Array(n);
    this.protectedCounts = new Int32Array(n);
    this.keys = new Float64Array(n);
    this.weights = new Float64Array(n);
    this.touched = new Int32Array(1 << dimensions.length);
  }

  /**
   * Adds one child to its cell and to every margin above it (2^d cells for d dimensions).
   * @param values the child's value in each dimension, in dimension order; a value not among the
   *   dimension's values throws (a child with an unknown value must be mapped, e.g. to "Unknown",
   *   by the caller: dropping it silently would make margins wrong).
   * @param recordKey the child's record key in [0, 1) (recordKey(secret, indexKey)).
   */
  add(values: readonly string[], recordKey: number, opts: AddOptions = {}): void {
    const d = this.dimensions.length;
    if (values.length !== d)
      throw new AnalyticsInputError('values', `expected ${d} values, got ${values.length}`);
    const key = quantizeKey(recordKey);
    const weight = opts.weight ?? 0;
    if (!Number.isFinite(weight)) throw new AnalyticsInputError('weight', `must be finite, got ${weight}`);
    const { strides, extents } = this.cube;
    const touched = this.touched;
    touched[0] = 0;
    let n = 1;
    for (let i = 0; i < d; i++) {
      const c = this.lookup[i].get(values[i]);
      if (c === undefined) {
        throw new AnalyticsInputError(
          `values[${i}]`,
          `"${values[i]}" is not a value of ${this.dimensions[i].name}`,
        );
      }
      const atValue = c * strides[i];
      const atTotal = (extents[i] - 1) * strides[i];
      for (let j = 0; j < n; j++) {
        touched[n + j] = touched[j] + atTotal;
        touched[j] += atValue;
      }
      n *= 2;
    }
    const prot = opts.protected ? 1 : 0;
    for (let j = 0; j < n; j++) {
      const idx = touched[j];
      this.counts[idx]++;
      this.protectedCounts[idx] += prot;
      this.keys[idx] = addKey(this.keys[idx], key);
      this.weights[idx] += weight;
    }
  }

  /** The grand total's true count (for the caller's own checks; never publish it as is). */
  get size(): number {
    return this.counts[this.cube.size - 1];
  }

  /**
   * Publishes every cell of the extended hypercube (each dimension's values plus TOTAL, so all
   * combinations, margins and the grand total), in row-major order with TOTAL last in each
   * dimension: primary suppression, then complementary suppression along every line, then
   * random rounding of the rest keyed by each cell's key. Does not change the table.
   */
  publish(opts: PublishOptions = {}): PublishedCell[] {
    const threshold = opts.threshold ?? 11;
    const base = opts.base ?? 5;
    const weightRounding = opts.weightRounding ?? 10;
    requireInteger('publish.threshold', threshold, 0, MAX_OPTION);
    requireInteger('publish.base', base, 1, MAX_OPTION);
    requireInteger('publish.weightRounding', weightRounding, 1, MAX_OPTION);
    const rule = { threshold, suppressZeros: opts.suppressZeros ?? true };
    const size = this.cube.size;
    const state = new Uint8Array(size);
    for (let i = 0; i < size; i++) if (isPrimary(this.counts[i], this.protectedCounts[i], rule)) state[i] = 1;
    suppressComplementary(this.cube, this.counts, state);
    const out: PublishedCell[] = new Array(size);
    for (let i = 0; i < size; i++) {
      const values = this.cube
        .coordinates(i)
        .map((c, dim) => (this.cube.isTotal(dim, c) ? null : this.dimensions[dim].values[c]));
      if (state[i] !== 0) {
        out[i] = {
          values,
          count: null,
          suppressed: state[i] === 1 ? 'PRIMARY' : 'COMPLEMENTARY',
          weight: null,
        };
      } else {
        const count = roundCount(this.counts[i], this.keys[i], base);
        const weight = roundHalfAway(this.weights[i] / weightRounding) * weightRounding;
        out[i] = { values, count, suppressed: null, weight };
      }
    }
    return out;
  }
}

/** Rounds half away from zero (Math.round rounds -2.5 to -2). */
function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x)) + 0; // + 0 turns -0 into 0
}

/** The published cell with these values (null = TOTAL), or undefined. */
export function findCell(
  cells: readonly PublishedCell[],
  values: readonly (string | null)[],
): PublishedCell | undefined {
  return cells.find((c) => c.values.length === values.length && c.values.every((v, i) => v === values[i]));
}
