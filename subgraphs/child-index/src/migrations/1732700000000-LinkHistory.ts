import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every change to a link, by the matcher or a data steward: who, when, why. Append-only. */
export class LinkHistory1732700000000 implements MigrationInterface {
  name = 'LinkHistory1732700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE link_event (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor varchar(200) NOT NULL,
      action varchar(20) NOT NULL CHECK (action IN ('MERGE', 'SPLIT', 'CONFIRM', 'REJECT')),
      child_id uuid NOT NULL,
      other_child_id uuid,
      agency varchar(20),
      record_id uuid,
      reason varchar(500) NOT NULL)`);
    await q.query('CREATE INDEX link_event_child_idx ON link_event (child_id)');
    await q.query('CREATE INDEX link_event_other_child_idx ON link_event (other_child_id)');
    await q.query(`CREATE OR REPLACE FUNCTION link_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'link_event is append-only'; END $$`);
    await q.query(
      'CREATE TRIGGER link_event_no_change BEFORE UPDATE OR DELETE ON link_event FOR EACH ROW EXECUTE FUNCTION link_event_append_only()',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE link_event');
    await q.query('DROP FUNCTION link_event_append_only()');
  }
}
