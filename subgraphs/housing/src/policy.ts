import { ownAgencyPolicy } from '@wholechild/shared';

/** Housing's consent rules. Foundation: own staff only; the consent work encodes the continuum
 *  of care's client consent to share (HMIS privacy notice, per-project release of information)
 *  and VAWA confidentiality: records of domestic violence survivors, and any record from a
 *  victim service provider, never leave housing without the survivor's written, time-limited
 *  consent. */
export const policy = ownAgencyPolicy('HOUSING');
