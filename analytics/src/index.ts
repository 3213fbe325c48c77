/**
 * @wholechild/analytics: population measures for analysts. Count tables published under
 * disclosure control (cell-key random rounding, primary and complementary suppression, protected
 * records), Wilson and log-ratio confidence intervals, and disproportionality (rates per 1,000,
 * relative rate index, disparity index). Plain data in, published numbers out: no database, no
 * GraphQL. See README.md.
 */
export * from './cellKey';
export * from './disproportionality';
export * from './errors';
export * from './hypercube';
export * from './intervals';
export * from './suppression';
export * from './table';
