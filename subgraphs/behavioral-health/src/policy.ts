import { ownAgencyPolicy } from '@wholechild/shared';

/** Behavioral health's consent rules. Foundation: own staff only; the consent work encodes the
 *  sharing rules (HIPAA treatment and care-coordination disclosures to treating providers;
 *  minors' own consent to outpatient treatment where state law allows it; and 42 CFR Part 2 for
 *  substance use records — episodes with `isSubstanceUse` and diagnoses with `substanceUse` —
 *  which need the client's written consent naming the recipient, and may not be redisclosed). */
export const policy = ownAgencyPolicy('BEHAVIORAL_HEALTH');
