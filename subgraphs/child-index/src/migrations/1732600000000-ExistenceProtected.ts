import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Records whose very existence the holder protects (42 CFR Part 2): their links are shown only
 *  to the holder's staff. */
export class ExistenceProtected1732600000000 implements MigrationInterface {
  name = 'ExistenceProtected1732600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE agency_record ADD COLUMN existence_protected boolean NOT NULL DEFAULT false');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE agency_record DROP COLUMN existence_protected');
  }
}
