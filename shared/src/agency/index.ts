/** The agency kit: what an agency subgraph declares (spec.ts) and what the kit builds from it. */
export * from './spec';
export * from './sections';
export * from './migrations';
export * from './service';
export * from './sdl';
export { agencyAccessSdl } from '../graphql/agencySdl';
export * from './aggregates';
export { protectionOf } from './protection';
export * from './notifications';
export { DIRECTORY_KNOWN_ROUTE, REFERRAL_RECEIVE_ROUTE, REFERRAL_STATUS_ROUTE } from './referralRoutes';
