import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A counter bumped by every statement that changes agency_record (including TRUNCATE), so that a
 *  process keeping the linked records in memory knows when someone else changed them. */
export class LinkGeneration1732900000000 implements MigrationInterface {
  name = 'LinkGeneration1732900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE link_state (id smallint PRIMARY KEY CHECK (id = 1), generation bigint NOT NULL)`,
    );
    await q.query(`INSERT INTO link_state VALUES (1, 0)`);
    await q.query(`CREATE FUNCTION link_state_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN UPDATE link_state SET generation = generation + 1 WHERE id = 1; RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER agency_record_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agency_record
      FOR EACH STATEMENT EXECUTE FUNCTION link_state_bump()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER agency_record_bump ON agency_record');
    await q.query('DROP FUNCTION link_state_bump()');
    await q.query('DROP TABLE link_state');
  }
}
