import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The family's preferred language, recorded once per child on the index (language access: the
 *  accounting of disclosures, consent summaries and the Part 2 notice are worded in it). Who
 *  recorded it and when are kept beside it; every change is also in the index's trail. */
export class FamilyLanguage1733300000000 implements MigrationInterface {
  name = 'FamilyLanguage1733300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE family_language (
      child_id uuid PRIMARY KEY,
      language varchar(3) NOT NULL,
      recorded_by varchar(200) NOT NULL,
      recorded_agency varchar(20) NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE family_language');
  }
}
