import type { AgencyPolicy, AllowRule } from '@wholechild/shared';

// FERPA 20 U.S.C. 1232g(b)(1)(L) (Uninterrupted Scholars Act): without consent, to the child
// welfare agency legally responsible for the child's case plan — so only while child welfare
// holds an open case, a fact child welfare lends through federation (never from the caller).
const uninterruptedScholars: AllowRule = {
  rule: 'FERPA_USA_CHILD_WELFARE',
  basis: 'FERPA 1232g(b)(1)(L): the child welfare agency responsible for the case plan',
  agencies: ['CHILD_WELFARE'],
  purposes: ['CASE_PLANNING', 'CARE_COORDINATION'],
  when: (f) => f.childWelfareOpenCase === true,
};
// 34 CFR 99.30: written consent of the parent, or of the student once 18 (an eligible student).
const ferpaConsent = { grantors: ['PARENT_GUARDIAN' as const, 'ELIGIBLE_STUDENT' as const] };

/** Education's consent rules (FERPA). */
export const policy: AgencyPolicy = {
  agency: 'EDUCATION',
  // FERPA 34 CFR 99.31(b)(1): de-identified records may be released
  aggregates: {
    contributes: ['ENROLLMENT', 'CHRONIC_ABSENCE'],
    protectedRecords: { include: true, basis: 'Education protects no record’s existence' },
    basis: 'FERPA 34 CFR 99.31(b)(1): de-identified records, with disclosure avoidance',
  },
  categories: [
    {
      category: 'IDENTITY',
      description: 'Who the student is.',
      allow: [uninterruptedScholars],
      consent: ferpaConsent,
      revealExistence: true,
      howToGetAccess: 'A FERPA consent of the parent (or of the student aged 18+) naming your agency.',
    },
    {
      category: 'EDUCATION_RECORD',
      description: 'Enrollment, attendance and discipline.',
      allow: [uninterruptedScholars],
      consent: ferpaConsent,
      revealExistence: true,
      howToGetAccess: 'A FERPA consent of the parent (or of the student aged 18+) naming your agency.',
    },
    {
      category: 'SPECIAL_EDUCATION',
      description: 'IEP and Section 504 participation.',
      allow: [uninterruptedScholars],
      consent: ferpaConsent,
      revealExistence: true,
      howToGetAccess: 'A FERPA consent of the parent (or of the student aged 18+) naming your agency.',
    },
  ],
};
