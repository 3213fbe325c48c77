/** The platform's light core: agencies, configuration, the error catalogue, logs, metrics and
 *  input validation. No database driver, no ORM: what the gateway and command-line tools need. */
export * from './agencies';
export * from './config';
export * from './errors';
export * from './logger';
export * from './metrics';
export * from './validation';
export * from './aggregateFacts';
