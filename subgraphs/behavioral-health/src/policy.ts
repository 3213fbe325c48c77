import type { AgencyPolicy, AllowRule } from '@wholechild/shared';

// HIPAA 45 CFR 164.506(c): a covered entity may disclose for treatment activities of a health
// care provider, and for care coordination: a viewer in a treating-clinician role, any agency.
const treatingClinician: AllowRule = {
  rule: 'HIPAA_TREATMENT',
  basis: '45 CFR 164.506(c): disclosure for treatment and care coordination to a treating clinician',
  roles: ['CLINICIAN'],
  purposes: ['TREATMENT', 'CARE_COORDINATION'],
};

const hipaaConsent = { grantors: ['YOUTH' as const, 'PARENT_GUARDIAN' as const, 'COURT_ORDER' as const] };

/** Behavioral health's consent rules. */
export const policy: AgencyPolicy = {
  agency: 'BEHAVIORAL_HEALTH',
  // HIPAA 164.514(b) and 42 CFR 2.11/2.52: de-identified counts; Part 2 clients count, but never
  // in a cell that could single them out (the disclosure control's protected-record rule)
  aggregates: {
    contributes: ['EPISODE'],
    protectedRecords: {
      include: true,
      basis:
        '42 CFR 2.11 and 2.52: de-identified information (the HIPAA 164.514(b) standard) is not patient identifying; counted only in published cells that could not single a client out',
    },
    basis: 'HIPAA 45 CFR 164.514(b): de-identified data; WIC 5328(a)(9) statistical compilations',
  },
  categories: [
    {
      category: 'IDENTITY',
      description: 'Who the client is.',
      allow: [treatingClinician],
      consent: hipaaConsent,
      revealExistence: true,
      howToGetAccess:
        'A treating clinician role with a treatment purpose, or an authorization naming your agency.',
    },
    {
      category: 'MENTAL_HEALTH',
      description: 'Mental health episodes, assessments (CANS) and diagnoses.',
      allow: [treatingClinician],
      consent: hipaaConsent,
      revealExistence: true,
      howToGetAccess:
        'A treating clinician role with a treatment purpose, or an authorization naming your agency.',
    },
    {
      category: 'SUD',
      description: 'Substance use disorder records (42 CFR Part 2 programs).',
      allow: [],
      // 42 CFR 2.31: a written consent naming the recipient; the patient (a minor who may consent
      // to their own treatment under state law, Cal. Fam. Code 6929) or their representative.
      consent: { grantors: ['YOUTH', 'PARENT_GUARDIAN'], mustNameRecipient: true },
      // 42 CFR 2.13(c): not even the fact that a person is a patient may be disclosed.
      revealExistence: false,
      // 42 CFR 2.32: the recipient may not re-disclose.
      noRedisclosure: true,
      // 42 CFR 2.51: disclosure to medical personnel in a bona fide medical emergency — a clinician,
      // not a housing navigator or a caseworker.
      breakGlass: true,
      breakGlassRoles: ['CLINICIAN'],
      howToGetAccess: 'A 42 CFR Part 2 consent naming your agency.',
    },
  ],
};
