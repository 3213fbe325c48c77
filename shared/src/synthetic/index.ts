export * from './random';
export * from './dates';
export * from './personRow';
export * from './seedWriter';
export * from './types';
export * from './county';
export * from './names';
export * from './ids';
