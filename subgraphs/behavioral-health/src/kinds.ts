import type { ObjectLiteral } from 'typeorm';
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
  BehavioralHealthAssessment,
  BehavioralHealthAssessmentItem,
  BehavioralHealthClient,
  BehavioralHealthDiagnosis,
  BehavioralHealthEpisode,
  BehavioralHealthProvider,
} from './entities';

export const PROVIDER_TYPES = [
  'COUNTY_CLINIC',
  'CONTRACTED_ORGANIZATION',
  'INDIVIDUAL_PRACTITIONER',
  'FQHC',
] as const;
export const PROGRAMS = [
  'OUTPATIENT_MENTAL_HEALTH',
  'FULL_SERVICE_PARTNERSHIP',
  'WRAPAROUND',
  'INTENSIVE_CARE_COORDINATION',
  'INTENSIVE_HOME_BASED_SERVICES',
  'SUD_OUTPATIENT',
  'SUD_RESIDENTIAL',
  'CRISIS_STABILIZATION',
] as const;
/** Substance use disorder programs: their episodes fall under 42 CFR Part 2. */
export const SUD_PROGRAMS: readonly string[] = ['SUD_OUTPATIENT', 'SUD_RESIDENTIAL'];
export const LEVELS_OF_CARE = [
  'OUTPATIENT',
  'INTENSIVE_OUTPATIENT',
  'RESIDENTIAL',
  'INPATIENT',
  'CRISIS',
] as const;
export const DISCHARGE_REASONS = [
  'TREATMENT_COMPLETED',
  'GOALS_PARTIALLY_MET',
  'LEFT_BEFORE_COMPLETION',
  'REFERRED_ELSEWHERE',
  'MOVED_OUT_OF_COUNTY',
  'AGED_OUT',
  'INCARCERATED',
  'OTHER',
] as const;
export const INSTRUMENTS = ['CANS', 'CANS_50', 'PSC_35', 'ASAM'] as const;
export const ASSESSMENT_REASONS = ['INITIAL', 'REASSESSMENT', 'DISCHARGE'] as const;
export const CANS_DOMAINS = [
  'LIFE_FUNCTIONING',
  'BEHAVIORAL_EMOTIONAL_NEEDS',
  'RISK_BEHAVIORS',
  'STRENGTHS',
  'CAREGIVER_RESOURCES',
  'ACCULTURATION',
  'TRAUMA',
] as const;

/** ICD-10-CM code shape: a letter (not U), two characters, then optionally a dot and 1–4 more. */
export const ICD10_CM = /^[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;

/** True for a 10-digit NPI whose last digit is the Luhn check digit over `80840` + the first 9
 *  (the CMS NPI standard). */
export function isValidNpi(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{10}$/.test(value)) return false;
  const digits = `80840${value}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

export function checkNpi(row: Record<string, unknown>): FieldError | null {
  const v = row.npi;
  if (typeof v !== 'string' || isValidNpi(v)) return null;
  return fieldError(
    'npi',
    'INVALID_FORMAT',
    'npi must be a National Provider Identifier: 10 digits with a valid check digit',
  );
}

export function checkIcd10(row: Record<string, unknown>): FieldError | null {
  const v = row.code;
  if (typeof v !== 'string' || ICD10_CM.test(v)) return null;
  return fieldError(
    'code',
    'INVALID_FORMAT',
    'code must be an ICD-10-CM code such as F32.1 (upper case, with the dot)',
  );
}

/** A discharge reason belongs to a closed episode: it needs the discharge (end) date. */
export function checkDischarge(row: Record<string, unknown>): FieldError | null {
  if (row.dischargeReason === undefined || row.dischargeReason === null || row.endDate) return null;
  return fieldError(
    'dischargeReason',
    'DEPENDS_ON',
    'dischargeReason is given only with the endDate of the discharge',
  );
}

const person = { input: 'personExternalId', property: 'personId', kind: () => clientKind, required: true };
const episodeRef = {
  input: 'episodeExternalId',
  property: 'episodeId',
  kind: () => episodeKind,
  required: false,
};

export const clientKind: AgencyKind = {
  name: 'behavioral health client',
  ...kindNames('BEHAVIORAL_HEALTH', 'Client'),
  label: { one: 'client record', many: 'client records' },
  entity: BehavioralHealthClient,
  ...PERSON_RULES,
  children: {
    episodes: { kind: 'BehavioralHealthEpisode', property: 'personId' },
    assessments: { kind: 'BehavioralHealthAssessment', property: 'personId' },
    diagnoses: { kind: 'BehavioralHealthDiagnosis', property: 'personId' },
  },
};

/** Directory data: no `children` here, or any viewer could reach clients' episodes through a
 *  provider (providers are readable without a child-level access check). */
export const providerKind: AgencyKind = {
  name: 'provider',
  ...kindNames('BEHAVIORAL_HEALTH', 'Provider'),
  entity: BehavioralHealthProvider,
  personProperty: null,
  enums: { providerType: PROVIDER_TYPES },
  checks: [checkNpi],
};

export const episodeKind: AgencyKind = {
  name: 'episode',
  ...kindNames('BEHAVIORAL_HEALTH', 'Episode'),
  label: { one: 'episode of care', many: 'episodes of care' },
  category: (row: ObjectLiteral) => (row.isSubstanceUse ? 'SUD' : 'MENTAL_HEALTH'),
  entity: BehavioralHealthEpisode,
  sectionField: 'episodes',
  parents: [
    person,
    { input: 'providerExternalId', property: 'providerId', kind: () => providerKind, required: false },
  ],
  enums: { program: PROGRAMS, levelOfCare: LEVELS_OF_CARE, dischargeReason: DISCHARGE_REASONS },
  checks: [(r) => checkDateOrder(r, 'startDate', 'endDate'), checkDischarge],
  references: { provider: { kind: 'BehavioralHealthProvider', property: 'providerId' } },
  children: {
    assessments: { kind: 'BehavioralHealthAssessment', property: 'episodeId' },
    diagnoses: { kind: 'BehavioralHealthDiagnosis', property: 'episodeId' },
  },
};

export const assessmentKind: AgencyKind = {
  name: 'assessment',
  ...kindNames('BEHAVIORAL_HEALTH', 'Assessment'),
  category: (row: ObjectLiteral) => (row.instrument === 'ASAM' ? 'SUD' : 'MENTAL_HEALTH'),
  entity: BehavioralHealthAssessment,
  sectionField: 'assessments',
  parents: [person, episodeRef],
  enums: { instrument: INSTRUMENTS, reason: ASSESSMENT_REASONS },
  checks: [(r) => checkNotFuture(r, 'assessmentDate')],
  references: { episode: { kind: 'BehavioralHealthEpisode', property: 'episodeId' } },
  children: { items: { kind: 'BehavioralHealthAssessmentItem', property: 'assessmentId' } },
};

export const assessmentItemKind: AgencyKind = {
  name: 'assessment item',
  ...kindNames('BEHAVIORAL_HEALTH', 'AssessmentItem'),
  category: 'MENTAL_HEALTH',
  entity: BehavioralHealthAssessmentItem,
  parents: [
    { input: 'assessmentExternalId', property: 'assessmentId', kind: () => assessmentKind, required: true },
    person,
  ],
  enums: { domain: CANS_DOMAINS },
  ranges: { score: { min: 0, max: 3 } },
};

/** `substanceUse` is the 42 CFR Part 2 flag. It is stored exactly as the source system sends it
 *  (normally true for F10–F19 codes); it is not derived from or checked against the code. */
export const diagnosisKind: AgencyKind = {
  name: 'diagnosis',
  ...kindNames('BEHAVIORAL_HEALTH', 'Diagnosis', 'Diagnoses'),
  category: (row: ObjectLiteral) => (row.substanceUse ? 'SUD' : 'MENTAL_HEALTH'),
  entity: BehavioralHealthDiagnosis,
  sectionField: 'diagnoses',
  parents: [person, episodeRef],
  checks: [checkIcd10, (r) => checkNotFuture(r, 'diagnosedDate')],
  references: { episode: { kind: 'BehavioralHealthEpisode', property: 'episodeId' } },
};

export const kinds = [providerKind, episodeKind, assessmentKind, assessmentItemKind, diagnosisKind];

/** What behavioral health announces to subscribers (webhooks): an episode that is (or becomes) a
 *  crisis episode: the crisis stabilization program or a crisis level of care. Its category is the
 *  episode's (mental health; a substance-use episode's is Part 2's, decided with its consent). */
export const events: RecordEventDeclaration[] = [
  {
    type: 'BEHAVIORAL_HEALTH_CRISIS_EPISODE',
    kind: episodeKind,
    when: `(NEW.program = 'CRISIS_STABILIZATION' OR COALESCE(NEW.level_of_care = 'CRISIS', false))
      AND (TG_OP = 'INSERT'
        OR NOT (OLD.program = 'CRISIS_STABILIZATION' OR COALESCE(OLD.level_of_care = 'CRISIS', false)))`,
  },
];
