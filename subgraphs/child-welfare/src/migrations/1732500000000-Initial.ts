import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PERSON_COLUMNS_SQL, createRecordTables, dropRecordTables } from '@wholechild/shared';

const TABLES: Record<string, string> = {
  person: `${PERSON_COLUMNS_SQL}, sealed_adoption boolean NOT NULL DEFAULT false`,
  referral: `person_id uuid NOT NULL REFERENCES person(id), received_date date NOT NULL, reporter_type varchar(40),
    screening_decision varchar(20) NOT NULL, response_time varchar(20), narrative varchar(4000)`,
  allegation: `referral_id uuid NOT NULL REFERENCES referral(id), person_id uuid NOT NULL REFERENCES person(id),
    allegation_type varchar(40) NOT NULL, disposition varchar(20) NOT NULL, perpetrator_relationship varchar(40)`,
  cw_case: `person_id uuid NOT NULL REFERENCES person(id), opened_date date NOT NULL, closed_date date,
    service_component varchar(40) NOT NULL, assigned_worker varchar(100), narrative varchar(4000)`,
  placement: `person_id uuid NOT NULL REFERENCES person(id), case_id uuid REFERENCES cw_case(id), provider_name varchar(200) NOT NULL,
    placement_type varchar(40) NOT NULL, start_date date NOT NULL, end_date date, end_reason varchar(60)`,
  safety_plan: `person_id uuid NOT NULL REFERENCES person(id), case_id uuid REFERENCES cw_case(id), created_date date NOT NULL,
    review_date date, status varchar(20) NOT NULL, threats varchar(2000), actions varchar(2000)`,
  permanency_goal: `person_id uuid NOT NULL REFERENCES person(id), case_id uuid REFERENCES cw_case(id), goal varchar(40) NOT NULL,
    concurrent_goal varchar(40), established_date date NOT NULL, target_date date`,
  cft_meeting: `person_id uuid NOT NULL REFERENCES person(id), case_id uuid REFERENCES cw_case(id), meeting_date date NOT NULL,
    phase varchar(30) NOT NULL, facilitator varchar(100), participants varchar(1000), summary varchar(4000)`,
};
const INDEXED: Record<string, string[]> = {
  referral: ['person_id'],
  allegation: ['referral_id', 'person_id'],
  cw_case: ['person_id'],
  placement: ['person_id', 'case_id'],
  safety_plan: ['person_id', 'case_id'],
  permanency_goal: ['person_id', 'case_id'],
  cft_meeting: ['person_id', 'case_id'],
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
