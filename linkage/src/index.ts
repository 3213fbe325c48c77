/**
 * @wholechild/linkage: probabilistic record linkage of person records (Fellegi–Sunter, m learnt by
 * EM and u from random pairs, as Splink does) with the rules children's records need (the home
 * counted once and capped, a person minimum, twins and alike siblings held for review). Plain data
 * in, clusters out: no database, no GraphQL. See README.md.
 */
export * from './blocking';
export * from './compare';
export * from './comparators';
export * from './csv';
export * from './em';
export * from './env';
export * from './explain';
export * from './guards';
export * from './incremental';
export * from './linker';
export * from './linkOptions';
export * from './model';
export * from './nicknames';
export * from './normalize';
export { scorePair, type Scored } from './pairRules';
export * from './record';
export * from './score';
export * from './storedModel';
export * from './training';
