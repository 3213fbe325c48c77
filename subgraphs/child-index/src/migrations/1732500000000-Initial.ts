import type { MigrationInterface, QueryRunner } from 'typeorm';

const DEMOGRAPHICS = `given_name varchar(100), middle_name varchar(100), family_name varchar(100), birth_date date,
  sex varchar(1), race varchar(40), ethnicity varchar(40), primary_language varchar(40)`;

export class Initial1732500000000 implements MigrationInterface {
  name = 'Initial1732500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE child (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), ${DEMOGRAPHICS},
      created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX child_name_idx ON child (lower(family_name), lower(given_name))`);
    await q.query(`CREATE INDEX child_birth_date_idx ON child (birth_date)`);
    await q.query(`CREATE TABLE agency_record (
      agency varchar(20) NOT NULL, record_id uuid NOT NULL, source_system varchar(64) NOT NULL, external_id varchar(128) NOT NULL,
      ${DEMOGRAPHICS}, address_line varchar(200), city varchar(100), postal_code varchar(10),
      sealed_adoption boolean NOT NULL DEFAULT false, change_seq bigint NOT NULL,
      match_key varchar(220), child_id uuid REFERENCES child(id), match_score double precision,
      status varchar(12) NOT NULL CHECK (status IN ('AUTO','CONFIRMED','REVIEW','REJECTED')),
      linked_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (agency, record_id))`);
    await q.query(`CREATE INDEX agency_record_child_idx ON agency_record (child_id)`);
    await q.query(`CREATE INDEX agency_record_match_key_idx ON agency_record (match_key)`);
    await q.query(`CREATE TABLE feed_cursor (agency varchar(20) PRIMARY KEY, cursor varchar(200) NOT NULL,
      records_read integer NOT NULL DEFAULT 0, last_error varchar(300), updated_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE feed_cursor');
    await q.query('DROP TABLE agency_record');
    await q.query('DROP TABLE child');
  }
}
