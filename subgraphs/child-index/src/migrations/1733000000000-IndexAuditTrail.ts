import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The index's own audit trail (HIPAA 164.312(b) audit controls; NIST SP 800-53 AU-2, AU-3, AU-9):
 * every read of the index (search terms, the children and links shown), every refusal, who and
 * why. Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and hash-chained like the
 * agencies' trails: hash = sha256(prev_hash ‖ canonical JSON of the row).
 */
export class IndexAuditTrail1733000000000 implements MigrationInterface {
  name = 'IndexAuditTrail1733000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE index_access_event (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL,
      actor varchar(200) NOT NULL,
      actor_agency varchar(20) NOT NULL,
      actor_roles text[] NOT NULL,
      purpose_of_use varchar(30) NOT NULL,
      action varchar(40) NOT NULL,
      decision varchar(10) NOT NULL CHECK (decision IN ('PERMIT', 'DENY')),
      rule varchar(200) NOT NULL,
      terms jsonb,
      child_ids uuid[] NOT NULL,
      record_refs text[] NOT NULL,
      request_id varchar(100) NOT NULL,
      prev_hash char(64) NOT NULL,
      hash char(64) NOT NULL UNIQUE)`);
    await q.query('CREATE INDEX index_access_event_child_idx ON index_access_event USING gin (child_ids)');
    await q.query('CREATE INDEX index_access_event_agency_idx ON index_access_event (actor_agency, id)');
    await q.query(`CREATE OR REPLACE FUNCTION index_access_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'index_access_event is append-only'; END $$`);
    await q.query(`CREATE TRIGGER index_access_event_no_update BEFORE UPDATE OR DELETE ON index_access_event
      FOR EACH ROW EXECUTE FUNCTION index_access_event_append_only()`);
    await q.query(`CREATE TRIGGER index_access_event_no_truncate BEFORE TRUNCATE ON index_access_event
      FOR EACH STATEMENT EXECUTE FUNCTION index_access_event_append_only()`);
    // One statement per batch: the chain lock, the head and the inserts stay inside PostgreSQL.
    await q.query(`CREATE OR REPLACE FUNCTION index_access_append(lock_key bigint, rows jsonb, canon text[])
      RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        prev char(64);
        h char(64);
        r jsonb;
        i int := 0;
      BEGIN
        PERFORM pg_advisory_xact_lock(lock_key);
        SELECT hash INTO prev FROM index_access_event ORDER BY id DESC LIMIT 1;
        prev := coalesce(prev, repeat('0', 64));
        FOR r IN SELECT value FROM jsonb_array_elements(rows) LOOP
          i := i + 1;
          h := encode(sha256(convert_to(prev || canon[i], 'UTF8')), 'hex');
          INSERT INTO index_access_event (at, actor, actor_agency, actor_roles, purpose_of_use, action, decision, rule,
              terms, child_ids, record_refs, request_id, prev_hash, hash)
            VALUES ((r->>'at')::timestamptz, r->>'actor', r->>'actorAgency',
              ARRAY(SELECT jsonb_array_elements_text(r->'actorRoles')), r->>'purposeOfUse', r->>'action',
              r->>'decision', r->>'rule', CASE WHEN jsonb_typeof(r->'terms') = 'object' THEN r->'terms' END,
              ARRAY(SELECT jsonb_array_elements_text(r->'childIds'))::uuid[],
              ARRAY(SELECT jsonb_array_elements_text(r->'recordRefs')), r->>'requestId', prev, h);
          prev := h;
        END LOOP;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE index_access_event');
    await q.query('DROP FUNCTION index_access_append(bigint, jsonb, text[])');
    await q.query('DROP FUNCTION index_access_event_append_only()');
  }
}
