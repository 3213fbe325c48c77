import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When the index last read each agency's person feed to its end: the start of the last complete
 *  pull (every record committed before it was read and linked). A notification dispatcher asks it
 *  before it decides that a subscriber's agency holds no record of a child: until the index has
 *  read that agency's feed since the event, the subscriber's record may be there, unread. */
export class FeedCaughtUp1765600000000 implements MigrationInterface {
  name = 'FeedCaughtUp1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE feed_cursor ADD COLUMN caught_up_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE feed_cursor DROP COLUMN caught_up_at`);
  }
}
