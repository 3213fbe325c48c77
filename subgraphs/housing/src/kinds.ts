import {
  kindNames,
  checkDateOrder,
  checkNotFuture,
  ETHNICITY_CODES,
  fieldError,
  RACE_CODES,
  SEX_CODES,
  type AgencyKind,
  type RecordEventDeclaration,
  type FieldError,
} from '@wholechild/shared';
import {
  HousingClient,
  HousingEnrollment,
  HousingHomelessnessEpisode,
  HousingHousehold,
  HousingProject,
} from './entities';

/** Household types (HMIS household composition, as reported to HUD). */
export const HOUSEHOLD_TYPES = [
  'FAMILY_WITH_CHILDREN',
  'YOUTH_ONLY',
  'PARENTING_YOUTH',
  'ADULT_ONLY',
] as const;
/** HMIS 3.15 relationship to head of household. */
export const RELATIONSHIPS_TO_HOH = ['SELF', 'CHILD', 'SPOUSE_PARTNER', 'OTHER_RELATIVE', 'OTHER'] as const;
/** HMIS 2.02.6 project types. */
export const PROJECT_TYPES = [
  'EMERGENCY_SHELTER',
  'TRANSITIONAL_HOUSING',
  'RAPID_REHOUSING',
  'PERMANENT_SUPPORTIVE_HOUSING',
  'STREET_OUTREACH',
  'HOMELESSNESS_PREVENTION',
  'SAFE_HAVEN',
  'COORDINATED_ENTRY',
] as const;
/** HMIS 3.917 prior living situation, simplified to its four groups. */
export const LIVING_SITUATIONS = ['LITERALLY_HOMELESS', 'INSTITUTIONAL', 'TEMPORARY', 'PERMANENT'] as const;
/** HMIS 3.12 destination at exit, simplified. */
export const DESTINATIONS = [
  'PERMANENT_RENTAL',
  'PERMANENT_WITH_FAMILY',
  'TEMPORARY_WITH_FAMILY',
  'EMERGENCY_SHELTER',
  'PLACE_NOT_MEANT_FOR_HABITATION',
  'INSTITUTIONAL',
  'UNKNOWN',
] as const;
/** Kinds of homelessness episode: HUD category 1 (literal), 2 (imminent risk), 4 (fleeing DV). */
export const EPISODE_TYPES = ['LITERAL', 'AT_RISK', 'FLEEING_DV'] as const;

const present = (v: unknown) => v !== undefined && v !== null;

/** HMIS 3.12: the destination is recorded at exit, so it needs an exit date. */
export function checkDestinationAtExit(row: Record<string, unknown>): FieldError | null {
  if (present(row.destination) && !present(row.exitDate)) {
    return fieldError(
      'exitDate',
      'REQUIRED',
      'exitDate is required when destination is given (the destination is recorded at exit)',
    );
  }
  return null;
}

const person = { input: 'personExternalId', property: 'personId', kind: () => clientKind, required: true };
const householdRef = {
  input: 'householdExternalId',
  property: 'householdId',
  kind: () => householdKind,
  required: false,
};

/** A household: directory-like (personProperty null), readable by any authenticated viewer. It
 *  deliberately has no `members` list: that would hand out client records without the section's
 *  access check. */
export const householdKind: AgencyKind = {
  name: 'household',
  ...kindNames('HOUSING', 'Household'),
  entity: HousingHousehold,
  personProperty: null,
  enums: { householdType: HOUSEHOLD_TYPES },
  ranges: { size: { min: 1, max: 20 } },
};

export const clientKind: AgencyKind = {
  name: 'housing client',
  ...kindNames('HOUSING', 'Client'),
  label: { one: 'client record', many: 'client records' },
  entity: HousingClient,
  parents: [householdRef],
  enums: {
    sex: SEX_CODES,
    race: RACE_CODES,
    ethnicity: ETHNICITY_CODES,
    relationshipToHoH: RELATIONSHIPS_TO_HOH,
  },
  checks: [(r) => checkNotFuture(r, 'birthDate')],
  references: { household: { kind: 'HousingHousehold', property: 'householdId' } },
  children: {
    enrollments: { kind: 'HousingEnrollment', property: 'personId' },
    homelessnessEpisodes: { kind: 'HousingHomelessnessEpisode', property: 'personId' },
  },
};

/** A project: directory data. No `enrollments` list, for the same reason as households. */
export const projectKind: AgencyKind = {
  name: 'project',
  ...kindNames('HOUSING', 'Project'),
  entity: HousingProject,
  personProperty: null,
  enums: { projectType: PROJECT_TYPES },
};

export const enrollmentKind: AgencyKind = {
  name: 'enrollment',
  ...kindNames('HOUSING', 'Enrollment'),
  category: 'HMIS',
  entity: HousingEnrollment,
  sectionField: 'enrollments',
  parents: [
    person,
    { input: 'projectExternalId', property: 'projectId', kind: () => projectKind, required: true },
    householdRef,
  ],
  enums: { livingSituationAtEntry: LIVING_SITUATIONS, destination: DESTINATIONS },
  checks: [
    (r) => checkNotFuture(r, 'entryDate'),
    (r) => checkNotFuture(r, 'exitDate'),
    (r) => checkDateOrder(r, 'entryDate', 'exitDate'),
    checkDestinationAtExit,
  ],
  references: {
    project: { kind: 'HousingProject', property: 'projectId' },
    household: { kind: 'HousingHousehold', property: 'householdId' },
  },
};

export const homelessnessEpisodeKind: AgencyKind = {
  name: 'homelessness episode',
  ...kindNames('HOUSING', 'HomelessnessEpisode'),
  category: 'HMIS',
  entity: HousingHomelessnessEpisode,
  sectionField: 'homelessnessEpisodes',
  parents: [person],
  enums: { episodeType: EPISODE_TYPES },
  ranges: {
    timesHomelessPastThreeYears: { min: 0, max: 4 },
    monthsHomelessPastThreeYears: { min: 0, max: 36 },
  },
  checks: [(r) => checkNotFuture(r, 'startDate'), (r) => checkDateOrder(r, 'startDate', 'endDate')],
};

export const kinds = [householdKind, projectKind, enrollmentKind, homelessnessEpisodeKind];

/** What housing announces to subscribers (webhooks): an exit to homelessness (HMIS 3.12
 *  destination: an emergency shelter or a place not meant for habitation), once. A survivor's
 *  record (VAWA) never leaves housing: the event is never delivered outside it. */
export const events: RecordEventDeclaration[] = [
  {
    type: 'HOUSING_EXIT_TO_HOMELESSNESS',
    kind: enrollmentKind,
    when: `NEW.destination IN ('EMERGENCY_SHELTER', 'PLACE_NOT_MEANT_FOR_HABITATION')
      AND (TG_OP = 'INSERT' OR OLD.destination IS NULL
        OR OLD.destination NOT IN ('EMERGENCY_SHELTER', 'PLACE_NOT_MEANT_FOR_HABITATION'))`,
  },
];
