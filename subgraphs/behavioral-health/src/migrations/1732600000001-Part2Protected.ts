import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `client.part2_protected`: the client's only records are substance-use (42 CFR Part 2) records,
 *  so even the fact that the client exists is protected (42 CFR 2.13(c)). Kept by triggers, and
 *  changing it bumps the client's change sequence, so the person feed carries it to the index. */
export class Part2Protected1732600000001 implements MigrationInterface {
  name = 'Part2Protected1732600000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE client ADD COLUMN part2_protected boolean NOT NULL DEFAULT false');
    await q.query(`CREATE OR REPLACE FUNCTION client_refresh_part2(pid uuid) RETURNS void LANGUAGE sql AS $$
      UPDATE client SET part2_protected = (
        (EXISTS (SELECT 1 FROM episode WHERE person_id = pid AND is_substance_use) OR EXISTS (SELECT 1 FROM diagnosis WHERE person_id = pid AND substance_use))
        AND NOT EXISTS (SELECT 1 FROM episode WHERE person_id = pid AND NOT is_substance_use)
        AND NOT EXISTS (SELECT 1 FROM diagnosis WHERE person_id = pid AND NOT substance_use))
      WHERE id = pid $$`);
    await q.query(`CREATE OR REPLACE FUNCTION part2_touch() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM client_refresh_part2(OLD.person_id); END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM client_refresh_part2(NEW.person_id); END IF;
        RETURN NULL;
      END $$`);
    for (const t of ['episode', 'diagnosis']) {
      await q.query(
        `CREATE TRIGGER ${t}_part2 AFTER INSERT OR UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION part2_touch()`,
      );
    }
    await q.query(`SELECT client_refresh_part2(id) FROM client`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['episode', 'diagnosis']) await q.query(`DROP TRIGGER ${t}_part2 ON ${t}`);
    await q.query('DROP FUNCTION part2_touch()');
    await q.query('DROP FUNCTION client_refresh_part2(uuid)');
    await q.query('ALTER TABLE client DROP COLUMN part2_protected');
  }
}
