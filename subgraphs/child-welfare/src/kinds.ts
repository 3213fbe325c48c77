import {
  kindNames,
  PERSON_RULES,
  checkDateOrder,
  checkNotFuture,
  type AgencyKind,
  type RecordEventDeclaration,
} from '@wholechild/shared';
import {
  Allegation,
  CftMeeting,
  ChildWelfareCase,
  ChildWelfarePerson,
  PermanencyGoal,
  Placement,
  Referral,
  SafetyPlan,
} from './entities';

export const SCREENING_DECISIONS = ['SCREENED_IN', 'SCREENED_OUT', 'EVALUATE_OUT'] as const;
export const RESPONSE_TIMES = ['IMMEDIATE', 'TEN_DAY'] as const;
export const REPORTER_TYPES = [
  'LAW_ENFORCEMENT',
  'EDUCATION',
  'MEDICAL',
  'MENTAL_HEALTH',
  'SOCIAL_SERVICES',
  'FAMILY',
  'NEIGHBOR',
  'ANONYMOUS',
  'OTHER',
] as const;
export const ALLEGATION_TYPES = [
  'PHYSICAL_ABUSE',
  'SEXUAL_ABUSE',
  'EMOTIONAL_ABUSE',
  'GENERAL_NEGLECT',
  'SEVERE_NEGLECT',
  'EXPLOITATION',
  'CARETAKER_ABSENCE',
  'AT_RISK_SIBLING',
] as const;
export const DISPOSITIONS = ['SUBSTANTIATED', 'INCONCLUSIVE', 'UNFOUNDED', 'PENDING'] as const;
export const SERVICE_COMPONENTS = [
  'EMERGENCY_RESPONSE',
  'FAMILY_MAINTENANCE',
  'FAMILY_REUNIFICATION',
  'PERMANENT_PLACEMENT',
] as const;
export const PLACEMENT_TYPES = [
  'RESOURCE_FAMILY',
  'RELATIVE',
  'NON_RELATIVE_EXTENDED_FAMILY',
  'FOSTER_FAMILY_AGENCY',
  'STRTP',
  'GUARDIAN',
  'SUPERVISED_INDEPENDENT_LIVING',
  'HOME_OF_PARENT',
] as const;
export const SAFETY_PLAN_STATUSES = ['ACTIVE', 'CLOSED'] as const;
export const PERMANENCY_GOALS = [
  'REUNIFICATION',
  'ADOPTION',
  'LEGAL_GUARDIANSHIP',
  'PLACEMENT_WITH_RELATIVE',
  'PLANNED_PERMANENT_LIVING',
  'REMAIN_HOME',
] as const;
export const CFT_PHASES = ['ENGAGEMENT', 'SERVICE_PLANNING', 'MONITORING_ADAPTING', 'TRANSITION'] as const;

const person = { input: 'personExternalId', property: 'personId', kind: () => personKind, required: true };
const caseRef = { input: 'caseExternalId', property: 'caseId', kind: () => caseKind, required: false };

export const personKind: AgencyKind = {
  name: 'child welfare person',
  ...kindNames('CHILD_WELFARE', 'Person'),
  label: { one: 'person record', many: 'person records' },
  entity: ChildWelfarePerson,
  ...PERSON_RULES,
  children: { cases: { kind: 'ChildWelfareCase', property: 'personId' } },
};

export const caseKind: AgencyKind = {
  name: 'case',
  ...kindNames('CHILD_WELFARE', 'Case'),
  category: 'CASE',
  fieldCategories: { narrative: 'NARRATIVE' },
  entity: ChildWelfareCase,
  sectionField: 'cases',
  parents: [person],
  enums: { serviceComponent: SERVICE_COMPONENTS },
  checks: [(r) => checkDateOrder(r, 'openedDate', 'closedDate')],
  children: {
    placements: { kind: 'ChildWelfarePlacement', property: 'caseId' },
    safetyPlans: { kind: 'ChildWelfareSafetyPlan', property: 'caseId' },
    permanencyGoals: { kind: 'ChildWelfarePermanencyGoal', property: 'caseId' },
    cftMeetings: { kind: 'ChildWelfareCftMeeting', property: 'caseId' },
  },
};

export const referralKind: AgencyKind = {
  name: 'referral',
  ...kindNames('CHILD_WELFARE', 'Referral'),
  category: 'ALLEGATION',
  fieldCategories: { narrative: 'NARRATIVE' },
  entity: Referral,
  sectionField: 'referrals',
  parents: [person],
  enums: {
    screeningDecision: SCREENING_DECISIONS,
    responseTime: RESPONSE_TIMES,
    reporterType: REPORTER_TYPES,
  },
  checks: [(r) => checkNotFuture(r, 'receivedDate')],
  children: { allegations: { kind: 'ChildWelfareAllegation', property: 'referralId' } },
};

export const allegationKind: AgencyKind = {
  name: 'allegation',
  ...kindNames('CHILD_WELFARE', 'Allegation'),
  category: 'ALLEGATION',
  entity: Allegation,
  sectionField: 'allegations',
  parents: [
    { input: 'referralExternalId', property: 'referralId', kind: () => referralKind, required: true },
    person,
  ],
  enums: { allegationType: ALLEGATION_TYPES, disposition: DISPOSITIONS },
};

export const placementKind: AgencyKind = {
  name: 'placement',
  ...kindNames('CHILD_WELFARE', 'Placement'),
  category: 'PLACEMENT',
  entity: Placement,
  sectionField: 'placements',
  parents: [person, caseRef],
  enums: { placementType: PLACEMENT_TYPES },
  checks: [(r) => checkDateOrder(r, 'startDate', 'endDate')],
};

export const safetyPlanKind: AgencyKind = {
  name: 'safety plan',
  ...kindNames('CHILD_WELFARE', 'SafetyPlan'),
  category: 'SAFETY',
  entity: SafetyPlan,
  sectionField: 'safetyPlans',
  parents: [person, caseRef],
  enums: { status: SAFETY_PLAN_STATUSES },
  checks: [(r) => checkDateOrder(r, 'createdDate', 'reviewDate')],
};

export const permanencyGoalKind: AgencyKind = {
  name: 'permanency goal',
  ...kindNames('CHILD_WELFARE', 'PermanencyGoal'),
  category: 'CASE',
  entity: PermanencyGoal,
  sectionField: 'permanencyGoals',
  parents: [person, caseRef],
  enums: { goal: PERMANENCY_GOALS, concurrentGoal: PERMANENCY_GOALS },
  checks: [(r) => checkDateOrder(r, 'establishedDate', 'targetDate')],
};

export const cftMeetingKind: AgencyKind = {
  name: 'Child and Family Team meeting',
  ...kindNames('CHILD_WELFARE', 'CftMeeting'),
  label: { one: 'Child and Family Team meeting', many: 'Child and Family Team meetings' },
  category: 'CASE',
  fieldCategories: { summary: 'NARRATIVE' },
  entity: CftMeeting,
  sectionField: 'cftMeetings',
  parents: [person, caseRef],
  enums: { phase: CFT_PHASES },
};

export const kinds = [
  caseKind,
  referralKind,
  allegationKind,
  placementKind,
  safetyPlanKind,
  permanencyGoalKind,
  cftMeetingKind,
];

/** What child welfare announces to subscribers (webhooks): a placement begun, ended or changed
 *  (type or dates), e.g. to the school's foster-care liaison for school stability (ESSA, Cal.
 *  Educ. Code 48853.5). A re-sent identical placement announces nothing. */
export const events: RecordEventDeclaration[] = [
  {
    type: 'PLACEMENT_CHANGED',
    kind: placementKind,
    when: `TG_OP = 'INSERT' OR NEW.placement_type IS DISTINCT FROM OLD.placement_type
      OR NEW.start_date IS DISTINCT FROM OLD.start_date OR NEW.end_date IS DISTINCT FROM OLD.end_date`,
  },
];
