export * from './testDatabase';
export * from './tokens';
export * from './keys';
