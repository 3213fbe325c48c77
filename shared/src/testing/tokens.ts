import type { AgencyCode } from '../agencies';
import type { PurposeOfUse, Role, ViewerClaims } from '../auth/claims';
import { signToken } from '../auth/jwt';
import { loadConfig, type PlatformConfig } from '../config';

/** Signs a token for tests and development. Defaults: a case worker of `agency`. */
export function tokenFor(
  agency: AgencyCode | 'CHILD_INDEX',
  opts: { roles?: Role[]; purposeOfUse?: PurposeOfUse; sub?: string; breakGlassReason?: string } = {},
  config: PlatformConfig = loadConfig({ WHOLECHILD_MODE: 'development' }),
): string {
  const claims: ViewerClaims = {
    sub: opts.sub ?? `${agency.toLowerCase()}-user`,
    agency,
    roles: opts.roles ?? ['CASEWORKER'],
    purposeOfUse: opts.purposeOfUse ?? 'CARE_COORDINATION',
    ...(opts.breakGlassReason ? { breakGlassReason: opts.breakGlassReason } : {}),
  };
  return signToken(claims, config.jwt);
}
