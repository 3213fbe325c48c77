/** Tokens and callers: claims, verification and signing, the Bearer check of every service. */
export * from './claims';
export * from './jwt';
export * from './authenticate';
