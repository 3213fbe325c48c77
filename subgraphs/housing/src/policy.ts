import type { AgencyPolicy } from '@wholechild/shared';

// HUD HMIS Privacy and Security Notice (2004) and the CoC's privacy policy: client consent to
// share within the continuum of care. Survivors of domestic violence (VAWA, 34 U.S.C.
// 12291(b)(2)) never leave housing: see `neverLeaves` in server.ts and the feed filter.
const clientConsent = { grantors: ['YOUTH' as const, 'PARENT_GUARDIAN' as const] };

/** Housing's consent rules. */
export const policy: AgencyPolicy = {
  agency: 'HOUSING',
  // VAWA 34 U.S.C. 12291(b)(2)(D)(i): aggregate, non-personally identifying data may be shared;
  // a survivor's record is counted apart (never joined to another agency's records)
  aggregates: {
    contributes: ['ENROLLMENT', 'HOMELESSNESS'],
    protectedRecords: {
      include: true,
      basis:
        'VAWA 34 U.S.C. 12291(b)(2)(D)(i): aggregate non-personally identifying data; never linked, never in a cell that could single a survivor out',
    },
    basis: 'HUD HMIS Data Standards: aggregate reporting; VAWA 34 U.S.C. 12291(b)(2)(D)(i)',
  },
  categories: [
    {
      category: 'IDENTITY',
      description: 'Who the client is.',
      allow: [],
      consent: clientConsent,
      revealExistence: true,
      breakGlass: true,
      howToGetAccess:
        'The client’s (or parent’s) consent to share within the continuum of care, naming your agency.',
    },
    {
      category: 'HMIS',
      description: 'Project enrollments, exits and homelessness episodes.',
      allow: [],
      consent: clientConsent,
      revealExistence: true,
      breakGlass: true,
      howToGetAccess:
        'The client’s (or parent’s) consent to share within the continuum of care, naming your agency.',
    },
  ],
};
