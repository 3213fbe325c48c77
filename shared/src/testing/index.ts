export * from './testDatabase';
export * from './tokens';
export * from './seal';
export * from './keys';
export * from './freePort';
export * from './embeddedPostgresProcess';
export * from './factories';
export * from './ownerConnection';
