/** The HTTP handler every service serves GraphQL with, and the in-process transport. */
export * from './server';
export * from './local';
