import { Column, Entity } from 'typeorm';
import { AgencyRecordBase, PersonRecordBase } from '@wholechild/shared';

/** A child as the school district knows them (Ed-Fi Student). */
@Entity({ name: 'student' })
export class EducationStudent extends PersonRecordBase {
  /** The state-assigned student id (in California the 10-digit SSID from CALPADS). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  stateStudentId: string | null;
}

/** A school of the district (Ed-Fi School): directory data, not about any child. */
@Entity({ name: 'school' })
export class EducationSchool extends AgencyRecordBase {
  @Column({ type: 'varchar', length: 200 }) name: string;
  /** The 12-digit NCES school id (7-digit agency id + 5-digit school number). */
  @Column({ type: 'varchar', length: 12 }) ncesSchoolId: string;
  @Column({ type: 'varchar', length: 20 }) schoolType: string;
  @Column({ type: 'varchar', length: 100 }) city: string;
  /** The school's foster care liaison (California AB 490 / ESSA), by name. */
  @Column({ type: 'varchar', length: 100, nullable: true }) fosterCareLiaison: string | null;
}

/** A student's enrollment in a school for a school year (Ed-Fi StudentSchoolAssociation). */
@Entity({ name: 'enrollment' })
export class EducationEnrollment extends AgencyRecordBase {
  @Column({ type: 'uuid' }) personId: string;
  @Column({ type: 'uuid' }) schoolId: string;
  /** The school year by the calendar year it ends in (2024 = 2023–24), as Ed-Fi counts it. */
  @Column({ type: 'integer' }) schoolYear: number;
  @Column({ type: 'varchar', length: 2 }) gradeLevel: string;
  @Column({ type: 'date' }) entryDate: string;
  @Column({ type: 'varchar', length: 30 }) entryCode: string;
  @Column({ type: 'date', nullable: true }) exitDate: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) exitCode: string | null;
}

/** A student's attendance totals for a school year (of one enrollment, when known). */
@Entity({ name: 'attendance_summary' })
export class EducationAttendance extends AgencyRecordBase {
  @Column({ type: 'uuid' }) personId: string;
  @Column({ type: 'uuid', nullable: true }) enrollmentId: string | null;
  @Column({ type: 'integer' }) schoolYear: number;
  @Column({ type: 'integer' }) daysEnrolled: number;
  @Column({ type: 'integer' }) daysPresent: number;
  @Column({ type: 'integer' }) daysExcusedAbsent: number;
  @Column({ type: 'integer' }) daysUnexcusedAbsent: number;
  /** As the district's system flags it (in California: absent 10% or more of the days enrolled). */
  @Column({ type: 'boolean' }) chronicAbsence: boolean;
}

/** A special education program: an IEP (IDEA) or a Section 504 plan. */
@Entity({ name: 'special_program' })
export class EducationSpecialProgram extends AgencyRecordBase {
  @Column({ type: 'uuid' }) personId: string;
  @Column({ type: 'varchar', length: 20 }) programType: string;
  @Column({ type: 'varchar', length: 40, nullable: true }) primaryDisability: string | null;
  @Column({ type: 'date' }) beginDate: string;
  @Column({ type: 'date', nullable: true }) endDate: string | null;
  @Column({ type: 'date', nullable: true }) reviewDate: string | null;
}

/** A discipline incident and the action taken (Ed-Fi DisciplineIncident + DisciplineAction). */
@Entity({ name: 'discipline_incident' })
export class EducationDisciplineIncident extends AgencyRecordBase {
  @Column({ type: 'uuid' }) personId: string;
  @Column({ type: 'uuid', nullable: true }) schoolId: string | null;
  @Column({ type: 'date' }) incidentDate: string;
  @Column({ type: 'varchar', length: 20 }) behavior: string;
  @Column({ type: 'varchar', length: 30 }) action: string;
  /** School days the student was removed from class (suspension, expulsion). */
  @Column({ type: 'integer', default: 0 }) daysRemoved: number;
}

export const entities = [
  EducationStudent,
  EducationSchool,
  EducationEnrollment,
  EducationAttendance,
  EducationSpecialProgram,
  EducationDisciplineIncident,
];
