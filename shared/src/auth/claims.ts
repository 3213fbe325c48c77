import { AGENCIES, type AgencyCode } from '../agencies';

/** Why the viewer asks (HIPAA/42 CFR Part 2 "purpose of use"); decides what they may see. */
export const PURPOSES = [
  'TREATMENT',
  'CARE_COORDINATION',
  'CASE_PLANNING',
  'OPERATIONS',
  'AUDIT',
  'ANALYTICS',
  'EMERGENCY',
] as const;
export type PurposeOfUse = (typeof PURPOSES)[number];

/** Roles a viewer's token may carry. */
export const ROLES = [
  'CASEWORKER',
  'SUPERVISOR',
  'CLINICIAN',
  'PROBATION_OFFICER',
  'EDUCATOR',
  'FOSTER_CARE_LIAISON',
  'HOUSING_NAVIGATOR',
  'COURT',
  'MINORS_COUNSEL',
  'PRIVACY_OFFICER',
  'DATA_STEWARD',
  'INTEGRATION',
  'ANALYST',
  'SERVICE',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * Which roles each agency's identity provider may issue: a role is only as good as the agency that
 * vouches for it. A housing account is never a clinician (it would open behavioral health as a
 * treating provider) nor the court (it would read child welfare's allegations and narratives).
 * The juvenile court and minors' counsel sign in through probation's issuer (the county's juvenile
 * justice identity provider); clinicians are issued by behavioral health, and by child welfare and
 * education for their own licensed clinical staff. Overridable per deployment (`AGENCY_ROLES`).
 */
export const AGENCY_ROLES: Readonly<Record<AgencyCode | 'CHILD_INDEX', readonly Role[]>> = {
  CHILD_WELFARE: [
    'CASEWORKER',
    'SUPERVISOR',
    'CLINICIAN',
    'PRIVACY_OFFICER',
    'DATA_STEWARD',
    'INTEGRATION',
    'ANALYST',
  ],
  BEHAVIORAL_HEALTH: [
    'CLINICIAN',
    'CASEWORKER',
    'SUPERVISOR',
    'PRIVACY_OFFICER',
    'DATA_STEWARD',
    'INTEGRATION',
    'ANALYST',
  ],
  PROBATION: [
    'PROBATION_OFFICER',
    'CASEWORKER',
    'SUPERVISOR',
    'COURT',
    'MINORS_COUNSEL',
    'PRIVACY_OFFICER',
    'DATA_STEWARD',
    'INTEGRATION',
    'ANALYST',
  ],
  EDUCATION: [
    'EDUCATOR',
    'FOSTER_CARE_LIAISON',
    'CLINICIAN',
    'CASEWORKER',
    'SUPERVISOR',
    'PRIVACY_OFFICER',
    'DATA_STEWARD',
    'INTEGRATION',
    'ANALYST',
  ],
  HOUSING: [
    'HOUSING_NAVIGATOR',
    'CASEWORKER',
    'SUPERVISOR',
    'PRIVACY_OFFICER',
    'DATA_STEWARD',
    'INTEGRATION',
    'ANALYST',
  ],
  CHILD_INDEX: ['SERVICE', 'DATA_STEWARD'],
};

/** The viewer's verified identity. `agency` is CHILD_INDEX only for platform service tokens. */
export interface ViewerClaims {
  sub: string;
  agency: AgencyCode | 'CHILD_INDEX';
  roles: Role[];
  purposeOfUse: PurposeOfUse;
  breakGlassReason?: string;
}

/** Longest token subject (the audit trail's actor column). @default 200 */
export const MAX_SUB_LENGTH = 200;
/** Longest break-glass reason (the audit trail keeps it whole). @default 500 */
export const MAX_BREAK_GLASS_REASON_LENGTH = 500;
const PRINTABLE = /^[^\u0000-\u001f\u007f-\u009f]+$/u;

/** Checks a decoded payload's claims; returns the typed claims or a list of problems. A role the
 *  token's agency may not issue (`agencyRoles`) is a problem: the token is refused. */
export function parseClaims(
  payload: unknown,
  agencyRoles: Readonly<Record<string, readonly Role[]>> = AGENCY_ROLES,
): { claims?: ViewerClaims; problems: string[] } {
  const problems: string[] = [];
  if (!payload || typeof payload !== 'object') return { problems: ['payload is not an object'] };
  const p = payload as Record<string, unknown>;
  // bounded and printable: the subject and the reason go to every audit row as they are
  if (typeof p.sub !== 'string' || !p.sub || p.sub.length > MAX_SUB_LENGTH || !PRINTABLE.test(p.sub))
    problems.push(`sub (1 to ${MAX_SUB_LENGTH} printable characters)`);
  const agency = p.agency;
  if (typeof agency !== 'string' || !([...AGENCIES, 'CHILD_INDEX'] as string[]).includes(agency))
    problems.push('agency');
  const roles = p.roles;
  if (!Array.isArray(roles) || roles.some((r) => !(ROLES as readonly string[]).includes(r)))
    problems.push('roles');
  else if (typeof agency === 'string' && agencyRoles[agency]) {
    const foreign = (roles as Role[]).filter((r) => !agencyRoles[agency]!.includes(r));
    if (foreign.length) problems.push(`roles ${foreign.join(', ')} are not issued by ${agency}`);
  }
  if (typeof p.purposeOfUse !== 'string' || !(PURPOSES as readonly string[]).includes(p.purposeOfUse))
    problems.push('purposeOfUse');
  if (
    p.breakGlassReason !== undefined &&
    (typeof p.breakGlassReason !== 'string' || p.breakGlassReason.length > MAX_BREAK_GLASS_REASON_LENGTH)
  )
    problems.push(`breakGlassReason (at most ${MAX_BREAK_GLASS_REASON_LENGTH} characters)`);
  if (problems.length) return { problems };
  return {
    problems,
    claims: {
      sub: p.sub as string,
      agency: agency as ViewerClaims['agency'],
      roles: roles as Role[],
      purposeOfUse: p.purposeOfUse as PurposeOfUse,
      ...(typeof p.breakGlassReason === 'string' && p.breakGlassReason
        ? { breakGlassReason: p.breakGlassReason }
        : {}),
    },
  };
}

export function hasRole(viewer: ViewerClaims, ...roles: Role[]): boolean {
  return viewer.roles.some((r) => roles.includes(r));
}
