import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An agency finds the child of one of its records by the record's natural key
 *  (`childByAgencyRecord(agency, sourceSystem, externalId)`): one index lookup, not a scan. */
export class RecordNaturalKey1733100000000 implements MigrationInterface {
  name = 'RecordNaturalKey1733100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE INDEX agency_record_natural_key_idx ON agency_record (agency, source_system, external_id)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX agency_record_natural_key_idx');
  }
}
