/** Name and place data of the synthetic county, one list per file. */
export * from './given';
export * from './family';
export * from './places';
export * from './twins';
