import { WIC827_COURT_AND_COUNSEL, type AgencyPolicy, type AllowRule } from '@wholechild/shared';

const courtAndCounsel = WIC827_COURT_AND_COUNSEL;

// WIC 10850 / 827: information may go to a provider treating the child, for the child's care.
// "The child's" treating provider: behavioral health must have the child in an active episode,
// a fact behavioral health lends through federation (never taken from the caller).
const treatingProvider: AllowRule = {
  rule: 'TREATING_BH_PROVIDER',
  basis: 'WIC 10850 and 827: disclosure to the child’s treating mental health provider for the child’s care',
  agencies: ['BEHAVIORAL_HEALTH'],
  roles: ['CLINICIAN'],
  purposes: ['TREATMENT', 'CARE_COORDINATION'],
  when: (f) => f.behavioralHealthActiveTreatment === true,
};

// ESSA (20 U.S.C. 6311(g)(1)(E)) and Cal. Educ. Code 48853.5: the school's foster-care liaison
// works for school stability; minimum necessary: placement dates and type, not the caregiver.
const schoolLiaison: AllowRule = {
  rule: 'SCHOOL_STABILITY_LIAISON',
  basis: 'ESSA and Education Code 48853.5: the foster-care liaison’s school-stability duties',
  agencies: ['EDUCATION'],
  roles: ['FOSTER_CARE_LIAISON'],
  purposes: ['CARE_COORDINATION'],
  when: (f) => f.educationEnrolled === true,
  fields: {
    ChildWelfarePerson: ['givenName', 'familyName', 'birthDate', 'sourceSystem', 'externalId'],
    ChildWelfarePlacement: ['placementType', 'startDate', 'endDate', 'endReason'],
    ChildWelfareSafetyPlan: ['status', 'createdDate', 'reviewDate'],
    ChildWelfareCase: ['openedDate', 'closedDate', 'serviceComponent'],
    ChildWelfarePermanencyGoal: ['goal', 'establishedDate'],
    ChildWelfareCftMeeting: ['meetingDate', 'phase'],
  },
};

const consent = { grantors: ['PARENT_GUARDIAN' as const, 'YOUTH' as const, 'COURT_ORDER' as const] };
const courtOrParent = { grantors: ['COURT_ORDER' as const, 'PARENT_GUARDIAN' as const] };

/** Child welfare's consent rules. */
export const policy: AgencyPolicy = {
  agency: 'CHILD_WELFARE',
  // WIC 10850(a): statistical data that identifies no recipient may be released; sealed adoptions
  // are not counted (Family Code 9200: the file is sealed; the child is counted under the adoptive
  // record, with no trace of the earlier identity)
  aggregates: {
    contributes: ['REFERRAL', 'SUBSTANTIATION', 'CASE', 'PLACEMENT'],
    protectedRecords: {
      include: false,
      basis: 'Family Code 9200: a sealed adoption file is not used, not even in a count',
    },
    basis: 'WIC 10850(a): statistical data that does not identify individual recipients',
  },
  categories: [
    {
      category: 'IDENTITY',
      description: 'Who the child is (client record).',
      allow: [courtAndCounsel],
      consent,
      revealExistence: true,
      howToGetAccess: 'Access to any child welfare category, or a consent naming your agency.',
    },
    {
      category: 'CASE',
      description: 'Case, permanency goals, CFT meetings (without narratives).',
      allow: [courtAndCounsel, treatingProvider, schoolLiaison],
      consent,
      revealExistence: true,
      howToGetAccess:
        'A consent of the parent or guardian (or a court order) naming your agency, or a treating or school-stability role.',
    },
    {
      category: 'PLACEMENT',
      description: 'Where the child lives and since when.',
      allow: [courtAndCounsel, treatingProvider, schoolLiaison],
      consent,
      revealExistence: true,
      howToGetAccess:
        'A treating clinician or school foster-care liaison role, or a consent naming your agency.',
    },
    {
      category: 'SAFETY',
      description: 'Safety plans.',
      allow: [courtAndCounsel, treatingProvider, schoolLiaison],
      consent,
      revealExistence: true,
      howToGetAccess:
        'A treating clinician or school foster-care liaison role, or a consent naming your agency.',
    },
    {
      category: 'ALLEGATION',
      description: 'Referrals and allegations of abuse or neglect.',
      allow: [courtAndCounsel],
      consent: courtOrParent,
      revealExistence: true,
      howToGetAccess: 'A court order (or a parent’s consent) recorded by child welfare naming your agency.',
    },
    {
      category: 'NARRATIVE',
      description: 'Case and referral narratives, CFT meeting summaries.',
      allow: [courtAndCounsel],
      consent: courtOrParent,
      revealExistence: true,
      howToGetAccess: 'A court order (or a parent’s consent) recorded by child welfare naming your agency.',
    },
  ],
};
