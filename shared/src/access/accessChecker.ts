import type { AgencyCode, PlatformParty } from '../agencies';
import type { ViewerClaims } from '../auth/claims';

/** One question to the holder's policy: may this viewer see this category of these records? */
export interface AccessQuery {
  /** The holder's own record ids of the child (person records). */
  recordIds: string[];
  /** The holder's data category, e.g. `PLACEMENT`, or `SECTION` for the whole agency section. */
  category: string;
}

export type AccessDecision =
  | { permit: true; rule: string; breakGlass: boolean }
  | { permit: false; rule: string; reason: string; howToGetAccess: string; revealExistence: boolean };

/** An agency's policy as a function. The consent work fills this in per agency; resolvers only
 *  ever call `AccessChecker`, so the policy can change without touching them. */
export interface AccessPolicy {
  holder: PlatformParty;
  decide(viewer: ViewerClaims, query: AccessQuery): AccessDecision | Promise<AccessDecision>;
}

/** Foundation policy: the holder's own staff see its records; everyone else gets a typed
 *  Restricted result that reveals only that the agency holds something. */
export function ownAgencyPolicy(holder: AgencyCode): AccessPolicy {
  return {
    holder,
    decide(viewer) {
      if (viewer.agency === holder) return { permit: true, rule: 'OWN_AGENCY', breakGlass: false };
      return {
        permit: false,
        rule: 'DEFAULT_DENY',
        reason: 'Records of another agency are shared only under that agency’s consent rules.',
        howToGetAccess: `A consent or court order recorded by ${holder} naming ${viewer.agency}.`,
        revealExistence: true,
      };
    },
  };
}

/** The one access-check function every child-level read goes through (per request). */
export class AccessChecker {
  constructor(
    private readonly policy: AccessPolicy,
    private readonly viewer: ViewerClaims,
  ) {}

  async check(query: AccessQuery): Promise<AccessDecision> {
    return this.policy.decide(this.viewer, query);
  }

  /** The typed Restricted value for a denial, or null where existence itself is protected. */
  restricted(decision: Extract<AccessDecision, { permit: false }>, category: string) {
    if (!decision.revealExistence) return null;
    return {
      __typename: 'Restricted' as const,
      agency: this.policy.holder,
      category,
      reason: decision.reason,
      howToGetAccess: decision.howToGetAccess,
    };
  }
}
