/**
 * The extended hypercube of a table: each dimension's values plus a TOTAL position (the last
 * index of that dimension), stored flat in row-major order (the last dimension varies fastest).
 * Pure index arithmetic, shared by the table and its suppression.
 */
export class Hypercube {
  /** Extent of each dimension including TOTAL: values.length + 1. */
  readonly extents: readonly number[];
  /** Flat-index step of each dimension. */
  readonly strides: readonly number[];
  /** Number of cells, margins and grand total included. */
  readonly size: number;

  /** @param valueCounts how many values each dimension has (TOTAL not counted). */
  constructor(valueCounts: readonly number[]) {
    this.extents = valueCounts.map((m) => m + 1);
    const strides = new Array<number>(this.extents.length);
    let step = 1;
    for (let i = this.extents.length - 1; i >= 0; i--) {
      strides[i] = step;
      step *= this.extents[i];
    }
    this.strides = strides;
    this.size = step;
  }

  /** The coordinates of a flat index (TOTAL is the coordinate `extents[i] - 1`). */
  coordinates(index: number): number[] {
    return this.strides.map((s, i) => Math.floor(index / s) % this.extents[i]);
  }

  /** Whether coordinate `c` of dimension `dim` is that dimension's TOTAL. */
  isTotal(dim: number, c: number): boolean {
    return c === this.extents[dim] - 1;
  }

  /**
   * Every line of the cube: the cells that share all coordinates but one, that one running over
   * its values and then TOTAL. A line is `{ start, stride, length }`; its cells are
   * `start + v * stride` for v in [0, length), the last being the line's TOTAL cell, whose true
   * count is the sum of the others'.
   */
  lines(): Line[] {
    const out: Line[] = [];
    for (let dim = 0; dim < this.extents.length; dim++) {
      const stride = this.strides[dim];
      const length = this.extents[dim];
      for (let start = 0; start < this.size; start++) {
        if (Math.floor(start / stride) % length === 0) out.push({ start, stride, length });
      }
    }
    return out;
  }
}

/** One line of a hypercube (see Hypercube.lines). */
export interface Line {
  start: number;
  stride: number;
  length: number;
}
