import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The county's reference population for rates per 1,000 (`npm run population:load`): children by
 *  locality, age band, sex and race/ethnicity, from the census or the state's projections. */
export class ReferencePopulation1733200000000 implements MigrationInterface {
  name = 'ReferencePopulation1733200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE reference_population (
      locality varchar(10) NOT NULL,
      age_band varchar(8) NOT NULL,
      sex varchar(8) NOT NULL,
      race_ethnicity varchar(40) NOT NULL,
      count integer NOT NULL CHECK (count >= 0),
      source varchar(200) NOT NULL,
      loaded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (locality, age_band, sex, race_ethnicity))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE reference_population');
  }
}
