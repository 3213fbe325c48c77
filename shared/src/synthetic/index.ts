export * from './random';
export * from './types';
export * from './county';
export * from './names';
export * from './ids';
