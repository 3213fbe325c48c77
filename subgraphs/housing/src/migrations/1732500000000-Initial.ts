import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PERSON_COLUMNS_SQL, createRecordTables, dropRecordTables } from '@wholechild/shared';

// The CHECK constraints mirror the validation in kinds.ts (ranges, date order, destination only
// at exit): validation rejects such rows first with field errors; the database only backs it up.
const TABLES: Record<string, string> = {
  household: `household_type varchar(30) NOT NULL, size integer NOT NULL CHECK (size BETWEEN 1 AND 20), city varchar(100)`,
  client: `${PERSON_COLUMNS_SQL}, household_id uuid REFERENCES household(id), relationship_to_hoh varchar(30),
    dv_survivor boolean NOT NULL DEFAULT false`,
  project: `name varchar(200) NOT NULL, project_type varchar(40) NOT NULL, operator varchar(200),
    victim_service_provider boolean NOT NULL DEFAULT false`,
  enrollment: `person_id uuid NOT NULL REFERENCES client(id), project_id uuid NOT NULL REFERENCES project(id),
    household_id uuid REFERENCES household(id), entry_date date NOT NULL, exit_date date,
    living_situation_at_entry varchar(30), destination varchar(40),
    CHECK (exit_date IS NULL OR exit_date >= entry_date),
    CHECK (destination IS NULL OR exit_date IS NOT NULL)`,
  homelessness_episode: `person_id uuid NOT NULL REFERENCES client(id), start_date date NOT NULL, end_date date,
    episode_type varchar(20) NOT NULL, chronic boolean NOT NULL DEFAULT false,
    times_homeless_past_three_years integer CHECK (times_homeless_past_three_years BETWEEN 0 AND 4),
    months_homeless_past_three_years integer CHECK (months_homeless_past_three_years BETWEEN 0 AND 36),
    CHECK (end_date IS NULL OR end_date >= start_date)`,
};
const INDEXED: Record<string, string[]> = {
  client: ['household_id'],
  enrollment: ['person_id', 'project_id', 'household_id'],
  homelessness_episode: ['person_id'],
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
