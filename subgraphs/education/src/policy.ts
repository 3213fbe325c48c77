import { ownAgencyPolicy } from '@wholechild/shared';

/** Education's consent rules. Foundation: own staff only; the consent work encodes FERPA
 *  (education records shared with a parent's or eligible student's written consent, or under an
 *  exception) and the Uninterrupted Scholars Act (records of a child in foster care to the child
 *  welfare agency responsible for the child's case plan, without consent). */
export const policy = ownAgencyPolicy('EDUCATION');
