import { WIC827_COURT_AND_COUNSEL, type AgencyPolicy, type AllowRule } from '@wholechild/shared';

// WIC 827(a)(1): the juvenile case file may be inspected by the court, probation, child welfare
// (the county welfare department) and the minor's counsel, among the parties it lists; anyone
// else needs an order of the juvenile court (recorded here as a consent with grantor COURT_ORDER).
const courtAndCounsel = WIC827_COURT_AND_COUNSEL;
const childWelfare: AllowRule = {
  rule: 'WIC827_CHILD_WELFARE',
  basis: 'WIC 827(a)(1)(B)… : the county child welfare agency, for the child’s case',
  agencies: ['CHILD_WELFARE'],
  purposes: ['CASE_PLANNING', 'CARE_COORDINATION', 'TREATMENT'],
};
const courtOrder = { grantors: ['COURT_ORDER' as const] };

/** Probation's consent rules. */
export const policy: AgencyPolicy = {
  agency: 'PROBATION',
  // WIC 827 and 10850: statistics that identify no minor
  aggregates: {
    contributes: ['REFERRAL', 'PETITION', 'DISPOSITION', 'SUPERVISION'],
    protectedRecords: { include: true, basis: 'Probation protects no record’s existence' },
    basis: 'WIC 827 and 10850(a): statistical data that does not identify the minor',
  },
  categories: [
    {
      category: 'IDENTITY',
      description: 'Who the youth is.',
      allow: [courtAndCounsel, childWelfare],
      consent: courtOrder,
      revealExistence: true,
      howToGetAccess: 'An order of the juvenile court (WIC 827) naming your agency.',
    },
    {
      category: 'JUVENILE_CASE_FILE',
      description: 'Referrals, petitions, dispositions, supervision terms and conditions.',
      allow: [courtAndCounsel, childWelfare],
      consent: courtOrder,
      revealExistence: true,
      howToGetAccess: 'An order of the juvenile court (WIC 827) naming your agency.',
    },
  ],
};
