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
  EducationAttendance,
  EducationDisciplineIncident,
  EducationEnrollment,
  EducationSchool,
  EducationSpecialProgram,
  EducationStudent,
} from './entities';

export const SCHOOL_TYPES = [
  'ELEMENTARY',
  'MIDDLE',
  'HIGH',
  'K12',
  'ALTERNATIVE',
  'CONTINUATION',
  'COURT_COMMUNITY',
] as const;
export const GRADE_LEVELS = [
  'PK',
  'K',
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '10',
  '11',
  '12',
] as const;
/** Ed-Fi-like entry types. TRANSFER_OUT_OF_DISTRICT: the student came from a school outside the district. */
export const ENTRY_CODES = ['NEW', 'TRANSFER_IN_DISTRICT', 'TRANSFER_OUT_OF_DISTRICT', 'RE_ENTRY'] as const;
export const EXIT_CODES = [
  'GRADUATED',
  'TRANSFERRED',
  'DROPPED_OUT',
  'EXPELLED',
  'MOVED',
  'COMPLETED_YEAR',
  'OTHER',
] as const;
export const PROGRAM_TYPES = ['IEP', 'SECTION_504'] as const;
/** IDEA disability categories, grouped as Ed-Fi reports them. */
export const DISABILITIES = [
  'AUTISM',
  'EMOTIONAL_DISTURBANCE',
  'SPECIFIC_LEARNING_DISABILITY',
  'SPEECH_LANGUAGE',
  'OTHER_HEALTH_IMPAIRMENT',
  'INTELLECTUAL_DISABILITY',
  'MULTIPLE',
  'OTHER',
] as const;
export const BEHAVIORS = [
  'FIGHTING',
  'DEFIANCE',
  'SUBSTANCE',
  'WEAPON',
  'BULLYING',
  'TRUANCY',
  'OTHER',
] as const;
export const DISCIPLINE_ACTIONS = [
  'IN_SCHOOL_SUSPENSION',
  'OUT_OF_SCHOOL_SUSPENSION',
  'EXPULSION',
  'DETENTION',
  'RESTORATIVE_CONFERENCE',
  'NONE',
] as const;

const SCHOOL_YEARS = { min: 2000, max: 2100 };
const DAYS_IN_YEAR = { min: 0, max: 366 };

/** Rule: the NCES school id is exactly 12 digits. */
export function checkNcesSchoolId(row: Record<string, unknown>): FieldError | null {
  const v = row.ncesSchoolId;
  if (typeof v === 'string' && !/^\d{12}$/.test(v))
    return fieldError('ncesSchoolId', 'INVALID_TYPE', 'ncesSchoolId must be the 12-digit NCES school id');
  return null;
}

/** Rule: days present plus days absent cannot exceed days enrolled. */
export function checkAttendanceTotal(row: Record<string, unknown>): FieldError | null {
  const [enrolled, present, excused, unexcused] = [
    row.daysEnrolled,
    row.daysPresent,
    row.daysExcusedAbsent,
    row.daysUnexcusedAbsent,
  ];
  if (![enrolled, present, excused, unexcused].every((v) => Number.isInteger(v))) return null;
  const counted = (present as number) + (excused as number) + (unexcused as number);
  if (counted > (enrolled as number))
    return fieldError(
      'daysEnrolled',
      'OUT_OF_RANGE',
      `days present plus days absent (${counted}) exceed daysEnrolled (${enrolled as number})`,
    );
  return null;
}

/** Rule: an IEP names the student's primary disability (a 504 plan may not). */
export function checkIepDisability(row: Record<string, unknown>): FieldError | null {
  const d = row.primaryDisability;
  if (row.programType === 'IEP' && (d === undefined || d === null || d === ''))
    return fieldError('primaryDisability', 'REQUIRED', 'an IEP names the primary disability');
  return null;
}

const person = { input: 'personExternalId', property: 'personId', kind: () => personKind, required: true };

export const personKind: AgencyKind = {
  name: 'student',
  ...kindNames('EDUCATION', 'Student'),
  label: { one: 'student record', many: 'student records' },
  entity: EducationStudent,
  ...PERSON_RULES,
  children: { enrollments: { kind: 'EducationEnrollment', property: 'personId' } },
};

/** Schools are directory data: readable by every authenticated viewer, never part of a child's
 *  section, and deliberately without a list of the students enrolled in them. */
export const schoolKind: AgencyKind = {
  name: 'school',
  ...kindNames('EDUCATION', 'School'),
  entity: EducationSchool,
  personProperty: null,
  enums: { schoolType: SCHOOL_TYPES },
  checks: [checkNcesSchoolId],
};

export const enrollmentKind: AgencyKind = {
  name: 'enrollment',
  ...kindNames('EDUCATION', 'Enrollment'),
  category: 'EDUCATION_RECORD',
  entity: EducationEnrollment,
  sectionField: 'enrollments',
  parents: [
    person,
    { input: 'schoolExternalId', property: 'schoolId', kind: () => schoolKind, required: true },
  ],
  enums: { gradeLevel: GRADE_LEVELS, entryCode: ENTRY_CODES, exitCode: EXIT_CODES },
  ranges: { schoolYear: SCHOOL_YEARS },
  checks: [(r) => checkDateOrder(r, 'entryDate', 'exitDate')],
  references: { school: { kind: 'EducationSchool', property: 'schoolId' } },
  children: { attendance: { kind: 'EducationAttendance', property: 'enrollmentId' } },
};

export const attendanceKind: AgencyKind = {
  name: 'attendance summary',
  ...kindNames('EDUCATION', 'Attendance'),
  label: { one: 'attendance summary', many: 'attendance summaries' },
  category: 'EDUCATION_RECORD',
  entity: EducationAttendance,
  sectionField: 'attendance',
  parents: [
    person,
    { input: 'enrollmentExternalId', property: 'enrollmentId', kind: () => enrollmentKind, required: false },
  ],
  ranges: {
    schoolYear: SCHOOL_YEARS,
    daysEnrolled: DAYS_IN_YEAR,
    daysPresent: DAYS_IN_YEAR,
    daysExcusedAbsent: DAYS_IN_YEAR,
    daysUnexcusedAbsent: DAYS_IN_YEAR,
  },
  checks: [checkAttendanceTotal],
};

export const specialProgramKind: AgencyKind = {
  name: 'special program',
  ...kindNames('EDUCATION', 'SpecialProgram'),
  label: { one: 'special education program', many: 'special education programs' },
  category: 'SPECIAL_EDUCATION',
  entity: EducationSpecialProgram,
  sectionField: 'specialPrograms',
  parents: [person],
  enums: { programType: PROGRAM_TYPES, primaryDisability: DISABILITIES },
  checks: [
    checkIepDisability,
    (r) => checkDateOrder(r, 'beginDate', 'endDate'),
    (r) => checkDateOrder(r, 'beginDate', 'reviewDate'),
  ],
};

export const disciplineIncidentKind: AgencyKind = {
  name: 'discipline incident',
  ...kindNames('EDUCATION', 'DisciplineIncident'),
  category: 'EDUCATION_RECORD',
  entity: EducationDisciplineIncident,
  sectionField: 'disciplineIncidents',
  parents: [
    person,
    { input: 'schoolExternalId', property: 'schoolId', kind: () => schoolKind, required: false },
  ],
  enums: { behavior: BEHAVIORS, action: DISCIPLINE_ACTIONS },
  ranges: { daysRemoved: { min: 0, max: 365 } },
  checks: [(r) => checkNotFuture(r, 'incidentDate')],
  references: { school: { kind: 'EducationSchool', property: 'schoolId' } },
};

export const kinds = [schoolKind, enrollmentKind, attendanceKind, specialProgramKind, disciplineIncidentKind];

/** What education announces to subscribers (webhooks): an enrollment begun, ended or moved to
 *  another school. A re-sent identical enrollment announces nothing. */
export const events: RecordEventDeclaration[] = [
  {
    type: 'SCHOOL_ENROLLMENT_CHANGED',
    kind: enrollmentKind,
    when: `TG_OP = 'INSERT' OR NEW.school_id IS DISTINCT FROM OLD.school_id
      OR NEW.entry_date IS DISTINCT FROM OLD.entry_date OR NEW.exit_date IS DISTINCT FROM OLD.exit_date`,
  },
];
