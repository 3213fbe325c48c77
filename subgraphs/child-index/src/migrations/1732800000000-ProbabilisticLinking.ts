import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Probabilistic linking: each record's blocking keys (stored, so the in-memory cache of linked
 *  records loads them rather than recomputing them), the trained match model, pairs waiting for a data steward, pairs that
 *  must never be one child (the agency or a steward said so), the state of a full re-link, and the
 *  matcher's own actions in the link history. */
export class ProbabilisticLinking1732800000000 implements MigrationInterface {
  name = 'ProbabilisticLinking1732800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agency_record ADD COLUMN block_keys text[] NOT NULL DEFAULT '{}'`);
    // the deterministic first pass's exact key: nothing links by it any more
    await q.query('ALTER TABLE agency_record DROP COLUMN match_key');
    await q.query(`CREATE TABLE match_model (
      id smallint PRIMARY KEY CHECK (id = 1),
      model jsonb NOT NULL,
      records integer NOT NULL,
      candidate_pairs integer NOT NULL,
      trained_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE review_pair (
      id bigserial PRIMARY KEY,
      agency_a varchar(20) NOT NULL, record_a uuid NOT NULL,
      agency_b varchar(20) NOT NULL, record_b uuid NOT NULL,
      weight double precision NOT NULL,
      status varchar(10) NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'CONFIRMED', 'REJECTED')),
      created_at timestamptz NOT NULL DEFAULT now(),
      decided_at timestamptz, decided_by varchar(200), reason varchar(500),
      UNIQUE (agency_a, record_a, agency_b, record_b))`);
    await q.query(
      `CREATE INDEX review_pair_pending_idx ON review_pair (weight DESC, id) WHERE status = 'PENDING'`,
    );
    await q.query(`CREATE TABLE cannot_link (
      agency_a varchar(20) NOT NULL, record_a uuid NOT NULL,
      agency_b varchar(20) NOT NULL, record_b uuid NOT NULL,
      source varchar(10) NOT NULL CHECK (source IN ('AGENCY', 'STEWARD')),
      actor varchar(200) NOT NULL, reason varchar(500) NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (agency_a, record_a, agency_b, record_b))`);
    await q.query('CREATE INDEX cannot_link_b_idx ON cannot_link (agency_b, record_b)');
    await q.query(`CREATE TABLE relink_job (
      id smallint PRIMARY KEY CHECK (id = 1),
      started_at timestamptz NOT NULL DEFAULT now(),
      total integer NOT NULL,
      done integer NOT NULL DEFAULT 0,
      moved integer NOT NULL DEFAULT 0,
      after_agency varchar(20), after_record uuid,
      finished_at timestamptz)`);
    await q.query('ALTER TABLE link_event DROP CONSTRAINT link_event_action_check');
    await q.query(`ALTER TABLE link_event ADD CONSTRAINT link_event_action_check CHECK (action IN
      ('MERGE', 'SPLIT', 'CONFIRM', 'REJECT', 'LINK', 'MOVE', 'CONFIRM_PAIR', 'REJECT_PAIR', 'DISTINCT'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE relink_job');
    await q.query('DROP TABLE cannot_link');
    await q.query('DROP TABLE review_pair');
    await q.query('DROP TABLE match_model');
    await q.query('ALTER TABLE agency_record DROP COLUMN block_keys');
    await q.query('ALTER TABLE agency_record ADD COLUMN match_key varchar(220)');
    await q.query('CREATE INDEX agency_record_match_key_idx ON agency_record (match_key)');
  }
}
