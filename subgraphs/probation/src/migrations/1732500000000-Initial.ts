import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PERSON_COLUMNS_SQL, createRecordTables, dropRecordTables } from '@wholechild/shared';

const TABLES: Record<string, string> = {
  youth: PERSON_COLUMNS_SQL,
  officer: `name varchar(200) NOT NULL, badge_number varchar(20) NOT NULL, unit varchar(30) NOT NULL,
    phone varchar(30), email varchar(254)`,
  referral: `person_id uuid NOT NULL REFERENCES youth(id), referral_date date NOT NULL, referring_agency varchar(30) NOT NULL,
    offense_code varchar(40) NOT NULL, offense_description varchar(500), offense_level varchar(20) NOT NULL,
    intake_decision varchar(30) NOT NULL`,
  petition: `person_id uuid NOT NULL REFERENCES youth(id), referral_id uuid REFERENCES referral(id), filed_date date NOT NULL,
    petition_type varchar(20) NOT NULL, court varchar(200) NOT NULL, status varchar(20) NOT NULL`,
  disposition: `person_id uuid NOT NULL REFERENCES youth(id), petition_id uuid REFERENCES petition(id),
    disposition_date date NOT NULL, disposition_type varchar(40) NOT NULL, dual_status boolean NOT NULL DEFAULT false,
    notes varchar(4000)`,
  supervision_term: `person_id uuid NOT NULL REFERENCES youth(id), disposition_id uuid REFERENCES disposition(id),
    officer_id uuid REFERENCES officer(id), start_date date NOT NULL, end_date date,
    supervision_level varchar(20) NOT NULL, status varchar(20) NOT NULL`,
  supervision_condition: `term_id uuid NOT NULL REFERENCES supervision_term(id), person_id uuid NOT NULL REFERENCES youth(id),
    condition_type varchar(30) NOT NULL, description varchar(1000), status varchar(20) NOT NULL`,
};
const INDEXED: Record<string, string[]> = {
  referral: ['person_id'],
  petition: ['person_id', 'referral_id'],
  disposition: ['person_id', 'petition_id'],
  supervision_term: ['person_id', 'disposition_id', 'officer_id'],
  supervision_condition: ['term_id', 'person_id'],
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
