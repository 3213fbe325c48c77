import { ownAgencyPolicy } from '@wholechild/shared';

/** Juvenile probation's consent rules. Foundation: own staff only. Juvenile case files are
 *  confidential under WIC 827 (and 827.9/828 for law enforcement records): the consent work adds
 *  the statutory access lists (the minor's counsel, the court, the district attorney, child welfare
 *  for WIC 241.1 dual-status youth, school officials for specified offenses under WIC 827(b)) and
 *  court-ordered disclosure on a JV-570 petition. */
export const policy = ownAgencyPolicy('PROBATION');
