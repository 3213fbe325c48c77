import type { DataSource } from 'typeorm';
import {
  personRow,
  today,
  writeSeed,
  type Rng,
  type SeedRow as Row,
  type SyntheticPerson,
} from '@wholechild/shared';
import {
  attendanceKind,
  disciplineIncidentKind,
  enrollmentKind,
  personKind,
  schoolKind,
  specialProgramKind,
} from '../src/kinds';
import { enroll } from './enrollments';
import { attendance, disciplineIncidents, specialProgram } from './schoolRecords';
import { buildDistrict, schoolYearOf } from './schools';

export { gradeIndexFor, schoolYearOf } from './schools';

/** Writes the district's records of `people` (education's person records of synthetic
 *  children; people of other agencies are ignored): ~40 schools per source system, a student
 *  per person, and for school-age children enrollments, attendance, special programs and
 *  discipline incidents dated to fit their true birth dates. Idempotent: run again with an Rng
 *  of the same seed, it rewrites the same rows. Returns the number of rows written. */
export async function seed(ds: DataSource, people: SyntheticPerson[], rng: Rng): Promise<number> {
  // One student per natural key (a repeated key would be one row anyway: the last wins).
  const students = [
    ...new Map(
      people
        .filter((p) => p.agency === 'EDUCATION')
        .map((p) => [`${p.sourceSystem}\u0000${p.externalId}`, p]),
    ).values(),
  ];
  const now = today();
  const currentYear = schoolYearOf(now);
  const district = buildDistrict(rng, students);

  const studentRows: Row[] = [];
  const enrollmentRows: Row[] = [];
  const attendanceRows: Row[] = [];
  const programRows: Row[] = [];
  const incidentRows: Row[] = [];

  for (const p of students) {
    studentRows.push(
      personRow(p, {
        stateStudentId: rng.chance(0.95) ? String(rng.int(1_000_000_000, 9_999_999_999)) : null,
      }),
    );
    const student = {
      rng,
      p,
      base: { sourceSystem: p.sourceSystem, personExternalId: p.externalId },
      cw: p.flags.openChildWelfareCase,
      now,
      currentYear,
    };
    const enrollments = enroll(student, district);
    disciplineIncidents(student, enrollments, incidentRows);
    attendance(student, enrollments, attendanceRows);
    for (const e of enrollments) enrollmentRows.push(e.row);
    specialProgram(student, programRows);
  }

  // Parents before children: schools and students, then what references them, then attendance.
  return writeSeed(ds, [
    [
      [schoolKind, district.schools],
      [personKind, studentRows],
    ],
    [
      [enrollmentKind, enrollmentRows],
      [specialProgramKind, programRows],
      [disciplineIncidentKind, incidentRows],
    ],
    [[attendanceKind, attendanceRows]],
  ]);
}
