import { ownAgencyPolicy } from '@wholechild/shared';

/** Child welfare's consent rules. Foundation: own staff only; the consent work encodes the
 *  statutory sharing (placement and safety information to treating providers and school
 *  foster-care liaisons; narratives and allegations by consent or court order). */
export const policy = ownAgencyPolicy('CHILD_WELFARE');
