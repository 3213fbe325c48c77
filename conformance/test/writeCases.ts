/**
 * The write rules as a table of cases: each is a few batches of one agency's rows, and what both
 * write paths (the batch upsert mutations and the bulk load) must do with them. writePaths.test.ts
 * runs every case through both and compares them, so the rules cannot drift between the two; the
 * expectations written here keep both from drifting together. The rules themselves are the
 * upsert's, documented in shared/src/db/upsert.ts.
 */

/** A row as a case writes it: its kind (the agency's `…RecordKind` value) and its upsert fields;
 *  the source system is the case's own unless the row names another (then `<case's>-<named>`). */
export interface CaseRow {
  kind: string;
  externalId: string;
  sourceSystem?: string;
  [field: string]: unknown;
}

export interface CaseBatch {
  rows: CaseRow[];
  /** Refused rows by position in the batch, each error as `field CODE`. @default none */
  rejects?: Record<number, string[]>;
  /** Keys (`KIND:externalId`) the batch creates or changes. */
  changed: string[];
}

export interface WriteCase {
  title: string;
  agency: 'EDUCATION' | 'PROBATION';
  batches: CaseBatch[];
  /** Stored values after the last batch, by key (`null`: no such record); only the columns named. */
  stored?: Record<string, Record<string, unknown> | null>;
}

const student = (externalId: string, extra: object = {}): CaseRow => ({
  kind: 'STUDENT',
  externalId,
  givenName: 'Ana',
  familyName: 'Diaz',
  birthDate: '2012-04-05',
  sex: 'F',
  ...extra,
});
const school = (externalId = 'SCH1', extra: object = {}): CaseRow => ({
  kind: 'SCHOOL',
  externalId,
  name: 'Lincoln Middle',
  ncesSchoolId: '060000000001',
  schoolType: 'MIDDLE',
  city: 'Riverside',
  ...extra,
});
const enrollment = (externalId: string, person: string, extra: object = {}): CaseRow => ({
  kind: 'ENROLLMENT',
  externalId,
  personExternalId: person,
  schoolExternalId: 'SCH1',
  schoolYear: 2025,
  gradeLevel: '07',
  entryDate: '2024-08-20',
  entryCode: 'NEW',
  ...extra,
});
const attendance = (externalId: string, person: string, extra: object = {}): CaseRow => ({
  kind: 'ATTENDANCE',
  externalId,
  personExternalId: person,
  schoolYear: 2025,
  daysEnrolled: 10,
  daysPresent: 9,
  daysExcusedAbsent: 1,
  daysUnexcusedAbsent: 0,
  chronicAbsence: false,
  ...extra,
});

const youth = (externalId: string, extra: object = {}): CaseRow => ({
  kind: 'YOUTH',
  externalId,
  givenName: 'Jamal',
  familyName: 'Reed',
  birthDate: '2009-06-01',
  ...extra,
});
const referral = (externalId: string, person: string, extra: object = {}): CaseRow => ({
  kind: 'REFERRAL',
  externalId,
  personExternalId: person,
  referralDate: '2024-01-10',
  referringAgency: 'SCHOOL',
  offenseCode: 'PC 602',
  offenseLevel: 'MISDEMEANOR',
  intakeDecision: 'PENDING',
  ...extra,
});
const petition = (externalId: string, person: string, extra: object = {}): CaseRow => ({
  kind: 'PETITION',
  externalId,
  personExternalId: person,
  filedDate: '2024-02-01',
  petitionType: 'WIC_602',
  court: 'Juvenile Court',
  status: 'FILED',
  ...extra,
});
const term = (externalId: string, person: string, extra: object = {}): CaseRow => ({
  kind: 'SUPERVISION_TERM',
  externalId,
  personExternalId: person,
  startDate: '2024-03-01',
  supervisionLevel: 'MEDIUM',
  status: 'ACTIVE',
  ...extra,
});
const condition = (externalId: string, termId: string, person: string): CaseRow => ({
  kind: 'CONDITION',
  externalId,
  termExternalId: termId,
  personExternalId: person,
  conditionType: 'CURFEW',
  status: 'ACTIVE',
});

export const WRITE_CASES: WriteCase[] = [
  {
    title: 'a row naming an unknown parent is refused, on each parent it names',
    agency: 'EDUCATION',
    batches: [
      {
        rows: [
          school(),
          student('S1'),
          enrollment('E1', 'S1'),
          enrollment('E2', 'NOBODY'),
          enrollment('E3', 'S1', { schoolExternalId: 'NOSCHOOL' }),
          enrollment('E4', 'NOBODY', { schoolExternalId: 'NOSCHOOL' }),
          // the parent's key is in another source system: not the same record
          enrollment('E5', 'S1', { sourceSystem: 'OTHER' }),
        ],
        rejects: {
          3: ['personExternalId UNKNOWN_REFERENCE'],
          4: ['schoolExternalId UNKNOWN_REFERENCE'],
          5: ['personExternalId UNKNOWN_REFERENCE', 'schoolExternalId UNKNOWN_REFERENCE'],
          6: ['personExternalId UNKNOWN_REFERENCE', 'schoolExternalId UNKNOWN_REFERENCE'],
        },
        changed: ['SCHOOL:SCH1', 'STUDENT:S1', 'ENROLLMENT:E1'],
      },
    ],
    stored: { 'ENROLLMENT:E1': { person_id: 'STUDENT:S1', school_id: 'SCHOOL:SCH1' } },
  },
  {
    title:
      "a row naming another child's record is refused (education: attendance under another's enrollment)",
    agency: 'EDUCATION',
    batches: [
      {
        rows: [school(), student('S1'), student('S2'), enrollment('E1', 'S1'), enrollment('E2', 'S2')],
        changed: ['SCHOOL:SCH1', 'STUDENT:S1', 'STUDENT:S2', 'ENROLLMENT:E1', 'ENROLLMENT:E2'],
      },
      {
        rows: [
          attendance('A1', 'S1', { enrollmentExternalId: 'E2' }),
          attendance('A2', 'S1', { enrollmentExternalId: 'E1' }),
        ],
        rejects: { 0: ['enrollmentExternalId UNKNOWN_REFERENCE'] },
        changed: ['ATTENDANCE:A2'],
      },
    ],
    stored: { 'ATTENDANCE:A1': null, 'ATTENDANCE:A2': { enrollment_id: 'ENROLLMENT:E1' } },
  },
  {
    title: "a row naming another child's record is refused (probation: petition, condition)",
    agency: 'PROBATION',
    batches: [
      {
        rows: [youth('Y1'), youth('Y2'), referral('R2', 'Y2'), term('T2', 'Y2')],
        changed: ['YOUTH:Y1', 'YOUTH:Y2', 'REFERRAL:R2', 'SUPERVISION_TERM:T2'],
      },
      {
        rows: [
          petition('P1', 'Y1', { referralExternalId: 'R2' }),
          // the condition names its term before its youth: the error is still on the term
          condition('C1', 'T2', 'Y1'),
          petition('P2', 'Y2', { referralExternalId: 'R2' }),
          condition('C2', 'T2', 'Y2'),
        ],
        rejects: { 0: ['referralExternalId UNKNOWN_REFERENCE'], 1: ['termExternalId UNKNOWN_REFERENCE'] },
        changed: ['PETITION:P2', 'CONDITION:C2'],
      },
    ],
  },
  {
    title: 'a key sent twice in one batch: the last valid occurrence wins',
    agency: 'EDUCATION',
    batches: [
      {
        rows: [
          student('S1', { familyName: 'First' }),
          student('S1', { familyName: 'Last' }),
          student('S2', { familyName: 'Kept' }),
          student('S2', { familyName: 'Refused', birthDate: '2012-13-01' }),
        ],
        rejects: { 3: ['birthDate INVALID_DATE'] },
        changed: ['STUDENT:S1', 'STUDENT:S2'],
      },
    ],
    stored: { 'STUDENT:S1': { family_name: 'Last' }, 'STUDENT:S2': { family_name: 'Kept' } },
  },
  {
    title: 're-sending an identical batch changes nothing (change_seq kept)',
    agency: 'PROBATION',
    batches: [
      {
        rows: [youth('Y1'), referral('R1', 'Y1'), referral('R1', 'Y1', { offenseCode: 'PC 488' })],
        changed: ['YOUTH:Y1', 'REFERRAL:R1'],
      },
      {
        rows: [youth('Y1'), referral('R1', 'Y1'), referral('R1', 'Y1', { offenseCode: 'PC 488' })],
        changed: [],
      },
    ],
    stored: { 'REFERRAL:R1': { offense_code: 'PC 488', person_id: 'YOUTH:Y1' } },
  },
  {
    title: 'an update that changes one field changes that record only',
    agency: 'EDUCATION',
    batches: [
      {
        rows: [school(), student('S1'), student('S2'), enrollment('E1', 'S1')],
        changed: ['SCHOOL:SCH1', 'STUDENT:S1', 'STUDENT:S2', 'ENROLLMENT:E1'],
      },
      {
        rows: [school(), student('S1', { familyName: 'Díaz-Ruiz' }), student('S2'), enrollment('E1', 'S1')],
        changed: ['STUDENT:S1'],
      },
    ],
    stored: { 'STUDENT:S1': { family_name: 'Díaz-Ruiz', given_name: 'Ana' } },
  },
  {
    title: 'a malformed date refuses its row only',
    agency: 'EDUCATION',
    batches: [
      {
        rows: [
          student('S1', { birthDate: '2012-02-30' }),
          student('S2', { birthDate: '04/05/2012' }),
          student('S3', { birthDate: '2012-4-5' }),
          student('S4', { birthDate: '2199-01-01' }),
          student('S5'),
        ],
        rejects: {
          0: ['birthDate INVALID_DATE'],
          1: ['birthDate INVALID_DATE'],
          2: ['birthDate INVALID_DATE'],
          3: ['birthDate OUT_OF_RANGE'],
        },
        changed: ['STUDENT:S5'],
      },
    ],
  },
  {
    title: 'a blank optional field is absent (a re-send with it blank clears it); spellings are read',
    agency: 'EDUCATION',
    batches: [
      {
        rows: [
          school(),
          student('S1', { middleName: 'Maria', ethnicity: 'HISPANIC' }),
          enrollment('E1', 'S1', { exitDate: '2025-06-01', exitCode: 'COMPLETED_YEAR' }),
        ],
        changed: ['SCHOOL:SCH1', 'STUDENT:S1', 'ENROLLMENT:E1'],
      },
      {
        rows: [
          school(),
          student('S1', { middleName: '', birthDate: '', sex: ' ', ethnicity: 'not hispanic' }),
          enrollment('E1', 'S1', { exitDate: '', exitCode: '  ' }),
          student('S2', { sex: 'female', race: '' }),
        ],
        changed: ['STUDENT:S1', 'ENROLLMENT:E1', 'STUDENT:S2'],
      },
    ],
    stored: {
      'STUDENT:S1': { middle_name: null, birth_date: null, sex: null, ethnicity: 'NOT_HISPANIC' },
      'STUDENT:S2': { sex: 'F', race: null },
      'ENROLLMENT:E1': { exit_date: null, exit_code: null },
    },
  },
  {
    title: 'a missing or blank required field refuses its row',
    agency: 'EDUCATION',
    batches: [
      {
        rows: [school(), student('S1'), school('SCH2', { name: '' }), school('SCH3', { city: ' ' })],
        rejects: { 2: ['name REQUIRED'], 3: ['city REQUIRED'] },
        changed: ['SCHOOL:SCH1', 'STUDENT:S1'],
      },
      {
        // alone in its kind's call: GraphQL's input type refuses the whole call (see writePaths.ts)
        rows: [student('S2'), { ...enrollment('E1', 'S1'), entryDate: undefined }],
        rejects: { 1: ['entryDate REQUIRED'] },
        changed: ['STUDENT:S2'],
      },
    ],
  },
  {
    title: 'an unknown enum value refuses its row',
    agency: 'PROBATION',
    batches: [
      {
        rows: [
          youth('Y1', { sex: 'Q' }),
          youth('Y2'),
          referral('R1', 'Y2', { offenseLevel: 'CAPITAL' }),
          referral('R2', 'Y2', { intakeDecision: 'pending' }),
        ],
        rejects: { 0: ['sex INVALID_ENUM'], 2: ['offenseLevel INVALID_ENUM'] },
        changed: ['YOUTH:Y2', 'REFERRAL:R2'],
      },
    ],
    stored: { 'REFERRAL:R2': { intake_decision: 'PENDING' } },
  },
  {
    title: 'an over-long string refuses its row; one at the limit is stored',
    agency: 'PROBATION',
    batches: [
      {
        rows: [
          youth('Y1', { givenName: 'A'.repeat(101) }),
          youth('Y'.repeat(129)),
          youth('Y2', { givenName: 'A'.repeat(100) }),
          referral('R1', 'Y2', { offenseDescription: 'x'.repeat(501) }),
        ],
        rejects: {
          0: ['givenName TOO_LONG'],
          1: ['externalId TOO_LONG'],
          3: ['offenseDescription TOO_LONG'],
        },
        changed: ['YOUTH:Y2'],
      },
    ],
  },
  {
    title: 'a parent id no record can have (NUL, blank) names an unknown parent; an empty one none',
    agency: 'PROBATION',
    batches: [
      {
        rows: [
          youth('Y1'),
          referral('R1', 'Y1\u0000'),
          petition('P1', 'Y1', { referralExternalId: '' }),
          petition('P2', 'Y1', { referralExternalId: ' ' }),
          // refused as it is read, before any parent is looked up
          petition('P3', 'Y1\u0000', { referralExternalId: 'NONE' }),
        ],
        rejects: {
          1: ['personExternalId UNKNOWN_REFERENCE'],
          3: ['referralExternalId UNKNOWN_REFERENCE'],
          4: ['personExternalId UNKNOWN_REFERENCE'],
        },
        changed: ['YOUTH:Y1', 'PETITION:P1'],
      },
    ],
    stored: { 'PETITION:P1': { referral_id: null } },
  },
];
