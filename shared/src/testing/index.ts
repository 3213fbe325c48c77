export * from './testDatabase';
export * from './tokens';
export * from './seal';
export * from './keys';
export * from './ownerConnection';
