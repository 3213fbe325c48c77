/**
 * Bad input to the engine: a value outside a dimension, a count that is not a count, an option
 * out of range. `field` names the offending input and `reason` says what is wrong, so a caller
 * (the GraphQL layer) can turn it into the catalogue's BAD_USER_INPUT `{ field, code, reason }`
 * without parsing a message. This package knows nothing of GraphQL, hence its own class.
 */
export class AnalyticsInputError extends Error {
  override readonly name = 'AnalyticsInputError';
  constructor(
    /** The input at fault, e.g. `dimensions[1].values` or `publish.base`. */
    readonly field: string,
    /** What is wrong with it, in plain words. */
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** Throws unless `x` is an integer in [min, max]. */
export function requireInteger(field: string, x: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(x) || x < min || x > max) {
    throw new AnalyticsInputError(field, `must be an integer in [${min}, ${max}], got ${x}`);
  }
}
