import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PERSON_COLUMNS_SQL, createRecordTables, dropRecordTables } from '@wholechild/shared';

const TABLES: Record<string, string> = {
  student: `${PERSON_COLUMNS_SQL}, state_student_id varchar(20)`,
  school: `name varchar(200) NOT NULL, nces_school_id varchar(12) NOT NULL, school_type varchar(20) NOT NULL,
    city varchar(100) NOT NULL, foster_care_liaison varchar(100)`,
  enrollment: `person_id uuid NOT NULL REFERENCES student(id), school_id uuid NOT NULL REFERENCES school(id),
    school_year integer NOT NULL, grade_level varchar(2) NOT NULL, entry_date date NOT NULL, entry_code varchar(30) NOT NULL,
    exit_date date, exit_code varchar(20)`,
  attendance_summary: `person_id uuid NOT NULL REFERENCES student(id), enrollment_id uuid REFERENCES enrollment(id),
    school_year integer NOT NULL, days_enrolled integer NOT NULL, days_present integer NOT NULL,
    days_excused_absent integer NOT NULL, days_unexcused_absent integer NOT NULL, chronic_absence boolean NOT NULL`,
  special_program: `person_id uuid NOT NULL REFERENCES student(id), program_type varchar(20) NOT NULL,
    primary_disability varchar(40), begin_date date NOT NULL, end_date date, review_date date`,
  discipline_incident: `person_id uuid NOT NULL REFERENCES student(id), school_id uuid REFERENCES school(id),
    incident_date date NOT NULL, behavior varchar(20) NOT NULL, action varchar(30) NOT NULL, days_removed integer NOT NULL DEFAULT 0`,
};
const INDEXED: Record<string, string[]> = {
  enrollment: ['person_id', 'school_id'],
  attendance_summary: ['person_id', 'enrollment_id'],
  special_program: ['person_id'],
  discipline_incident: ['person_id', 'school_id'],
};

export class Initial1732500000000 implements MigrationInterface {
  name = 'Initial1732500000000';

  async up(q: QueryRunner): Promise<void> {
    await createRecordTables(q, TABLES, INDEXED);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropRecordTables(q, TABLES);
  }
}
