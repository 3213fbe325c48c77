import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PERSON_COLUMNS_SQL, createRecordTables, dropRecordTables } from '@wholechild/shared';

const TABLES: Record<string, string> = {
  client: PERSON_COLUMNS_SQL,
  provider: `name varchar(200) NOT NULL, provider_type varchar(40) NOT NULL, npi varchar(10) NOT NULL,
    address_line varchar(200), city varchar(100)`,
  episode: `person_id uuid NOT NULL REFERENCES client(id), provider_id uuid REFERENCES provider(id), program varchar(40) NOT NULL,
    level_of_care varchar(30), start_date date NOT NULL, end_date date, discharge_reason varchar(40), is_substance_use boolean NOT NULL`,
  assessment: `person_id uuid NOT NULL REFERENCES client(id), episode_id uuid REFERENCES episode(id), instrument varchar(20) NOT NULL,
    assessment_date date NOT NULL, assessor varchar(100), reason varchar(20)`,
  assessment_item: `assessment_id uuid NOT NULL REFERENCES assessment(id), person_id uuid NOT NULL REFERENCES client(id),
    domain varchar(40) NOT NULL, item varchar(60) NOT NULL, score integer NOT NULL`,
  diagnosis: `person_id uuid NOT NULL REFERENCES client(id), episode_id uuid REFERENCES episode(id), code varchar(8) NOT NULL,
    description varchar(200), diagnosed_date date NOT NULL, is_primary boolean NOT NULL DEFAULT false, substance_use boolean NOT NULL`,
};
const INDEXED: Record<string, string[]> = {
  episode: ['person_id', 'provider_id'],
  assessment: ['person_id', 'episode_id'],
  assessment_item: ['assessment_id', 'person_id'],
  diagnosis: ['person_id', 'episode_id'],
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
