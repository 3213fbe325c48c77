import type { AgencyCode, PlatformConfig, PurposeOfUse, Role } from '@wholechild/shared';
import { tokenFor } from '@wholechild/shared/testing';

/** The app's four kinds of user, as development sign-ins (child welfare's staff). */
export const DEV_SIGN_INS: ReadonlyArray<{
  label: string;
  agency: AgencyCode;
  role: Role;
  purposeOfUse: PurposeOfUse;
}> = [
  { label: 'caseworker', agency: 'CHILD_WELFARE', role: 'CASEWORKER', purposeOfUse: 'CASE_PLANNING' },
  { label: 'data steward', agency: 'CHILD_WELFARE', role: 'DATA_STEWARD', purposeOfUse: 'OPERATIONS' },
  { label: 'privacy officer', agency: 'CHILD_WELFARE', role: 'PRIVACY_OFFICER', purposeOfUse: 'OPERATIONS' },
  { label: 'analyst', agency: 'CHILD_WELFARE', role: 'ANALYST', purposeOfUse: 'ANALYTICS' },
];

/** One sign-in link per kind of user: `<origin>/app/#token=<jwt>`. The token rides in the URL
 *  fragment, which the browser never sends; the app keeps it in sessionStorage and takes it out
 *  of the address. Development tokens only (the DEVELOPMENT key; production refuses it). */
export function devSignInLinks(
  origin: string,
  config: PlatformConfig,
): Array<{ label: string; url: string }> {
  return DEV_SIGN_INS.map((s) => ({
    label: s.label,
    url: `${origin}/app/#token=${tokenFor(s.agency, { roles: [s.role], purposeOfUse: s.purposeOfUse, sub: `child-welfare-${s.role.toLowerCase().replace(/_/g, '-')}` }, config)}`,
  }));
}
