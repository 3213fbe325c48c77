export * from './testDatabase';
export * from './tokens';
