import {
  kindNames,
  PERSON_RULES,
  checkDateOrder,
  checkNotFuture,
  fieldError,
  type AgencyKind,
  type RecordEventDeclaration,
  type FieldError,
} from '@wholechild/shared';
import {
  ProbationCondition,
  ProbationDisposition,
  ProbationOfficer,
  ProbationPetition,
  ProbationReferral,
  ProbationSupervisionTerm,
  ProbationYouth,
} from './entities';

export const OFFICER_UNITS = ['INTAKE', 'FIELD_SUPERVISION', 'PLACEMENT', 'CAMP', 'TRANSITION'] as const;
export const REFERRING_AGENCIES = ['LAW_ENFORCEMENT', 'SCHOOL', 'PARENT', 'CHILD_WELFARE', 'OTHER'] as const;
/** STATUS_OFFENSE: conduct that is an offense only for a minor (WIC 601: truancy, curfew, runaway, beyond control). */
export const OFFENSE_LEVELS = ['FELONY', 'MISDEMEANOR', 'INFRACTION', 'STATUS_OFFENSE'] as const;
/** Intake's decision (WIC 652–654.2): close with counselling, six months' informal probation, ask the
 *  district attorney to file a petition, divert to a community program, or not yet decided. */
export const INTAKE_DECISIONS = [
  'COUNSEL_AND_CLOSE',
  'INFORMAL_PROBATION_654',
  'PETITION_REQUESTED',
  'DIVERSION',
  'PENDING',
] as const;
export const PETITION_TYPES = ['WIC_602', 'WIC_601', 'WIC_777_NOTICE'] as const;
export const PETITION_STATUSES = ['FILED', 'SUSTAINED', 'DISMISSED', 'PENDING'] as const;
export const DISPOSITION_TYPES = [
  'WARDSHIP_PROBATION_HOME',
  'WARDSHIP_PLACEMENT',
  'NON_WARD_PROBATION_725',
  'DEFERRED_ENTRY_OF_JUDGMENT',
  'CAMP',
  'SECURE_YOUTH_TREATMENT_FACILITY',
  'DISMISSED',
] as const;
export const SUPERVISION_LEVELS = ['HIGH', 'MEDIUM', 'LOW', 'ADMINISTRATIVE'] as const;
export const TERM_STATUSES = ['ACTIVE', 'COMPLETED', 'REVOKED', 'TERMINATED'] as const;
export const CONDITION_TYPES = [
  'SCHOOL_ATTENDANCE',
  'CURFEW',
  'NO_CONTACT',
  'COUNSELING',
  'COMMUNITY_SERVICE',
  'DRUG_TESTING',
  'ELECTRONIC_MONITORING',
  'RESTITUTION',
  'SEARCH_TERMS',
] as const;
export const CONDITION_STATUSES = ['ACTIVE', 'MET', 'VIOLATED', 'MODIFIED'] as const;

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** Rule: an optional email address must look like one (local@domain.tld). */
export function checkEmail(row: Record<string, unknown>, field: string): FieldError | null {
  const v = row[field];
  if (typeof v === 'string' && v !== '' && !EMAIL.test(v))
    return fieldError(field, 'INVALID_TYPE', `${field} must be an email address (name@example.org)`);
  return null;
}

const person = { input: 'personExternalId', property: 'personId', kind: () => youthKind, required: true };

export const youthKind: AgencyKind = {
  name: 'probation youth',
  ...kindNames('PROBATION', 'Youth'),
  label: { one: 'youth record', many: 'youth records' },
  entity: ProbationYouth,
  ...PERSON_RULES,
  children: {
    referrals: { kind: 'ProbationReferral', property: 'personId' },
    supervisionTerms: { kind: 'ProbationSupervisionTerm', property: 'personId' },
  },
};

export const officerKind: AgencyKind = {
  name: 'probation officer',
  ...kindNames('PROBATION', 'Officer'),
  entity: ProbationOfficer,
  personProperty: null,
  enums: { unit: OFFICER_UNITS },
  checks: [(r) => checkEmail(r, 'email')],
};

export const referralKind: AgencyKind = {
  name: 'referral',
  ...kindNames('PROBATION', 'Referral'),
  category: 'JUVENILE_CASE_FILE',
  entity: ProbationReferral,
  sectionField: 'referrals',
  parents: [person],
  enums: {
    referringAgency: REFERRING_AGENCIES,
    offenseLevel: OFFENSE_LEVELS,
    intakeDecision: INTAKE_DECISIONS,
  },
  checks: [(r) => checkNotFuture(r, 'referralDate')],
  children: { petitions: { kind: 'ProbationPetition', property: 'referralId' } },
};

export const petitionKind: AgencyKind = {
  name: 'petition',
  ...kindNames('PROBATION', 'Petition'),
  category: 'JUVENILE_CASE_FILE',
  entity: ProbationPetition,
  sectionField: 'petitions',
  parents: [
    person,
    { input: 'referralExternalId', property: 'referralId', kind: () => referralKind, required: false },
  ],
  enums: { petitionType: PETITION_TYPES, status: PETITION_STATUSES },
  checks: [(r) => checkNotFuture(r, 'filedDate')],
  children: { dispositions: { kind: 'ProbationDisposition', property: 'petitionId' } },
};

export const dispositionKind: AgencyKind = {
  name: 'disposition',
  ...kindNames('PROBATION', 'Disposition'),
  category: 'JUVENILE_CASE_FILE',
  entity: ProbationDisposition,
  sectionField: 'dispositions',
  parents: [
    person,
    { input: 'petitionExternalId', property: 'petitionId', kind: () => petitionKind, required: false },
  ],
  enums: { dispositionType: DISPOSITION_TYPES },
  checks: [(r) => checkNotFuture(r, 'dispositionDate')],
  children: { supervisionTerms: { kind: 'ProbationSupervisionTerm', property: 'dispositionId' } },
};

export const supervisionTermKind: AgencyKind = {
  name: 'supervision term',
  ...kindNames('PROBATION', 'SupervisionTerm'),
  category: 'JUVENILE_CASE_FILE',
  entity: ProbationSupervisionTerm,
  sectionField: 'supervisionTerms',
  parents: [
    person,
    {
      input: 'dispositionExternalId',
      property: 'dispositionId',
      kind: () => dispositionKind,
      required: false,
    },
    { input: 'officerExternalId', property: 'officerId', kind: () => officerKind, required: false },
  ],
  enums: { supervisionLevel: SUPERVISION_LEVELS, status: TERM_STATUSES },
  checks: [(r) => checkDateOrder(r, 'startDate', 'endDate')],
  references: { officer: { kind: 'ProbationOfficer', property: 'officerId' } },
  children: { conditions: { kind: 'ProbationCondition', property: 'termId' } },
};

export const conditionKind: AgencyKind = {
  name: 'supervision condition',
  ...kindNames('PROBATION', 'Condition'),
  label: { one: 'supervision condition', many: 'supervision conditions' },
  category: 'JUVENILE_CASE_FILE',
  entity: ProbationCondition,
  sectionField: 'conditions',
  parents: [
    { input: 'termExternalId', property: 'termId', kind: () => supervisionTermKind, required: true },
    person,
  ],
  enums: { conditionType: CONDITION_TYPES, status: CONDITION_STATUSES },
};

export const kinds = [
  officerKind,
  referralKind,
  petitionKind,
  dispositionKind,
  supervisionTermKind,
  conditionKind,
];

/** What probation announces to subscribers (webhooks): a new referral (its first write only). */
export const events: RecordEventDeclaration[] = [
  { type: 'PROBATION_REFERRAL_CREATED', kind: referralKind, when: `TG_OP = 'INSERT'` },
];
