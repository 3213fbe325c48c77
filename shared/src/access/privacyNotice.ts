import type { AgencyCode } from '../agencies';

/**
 * Privacy notices: every break-glass access to an agency's records tells that agency's privacy
 * officer, who acknowledges it after review (42 CFR 2.51(c): the program must document the
 * emergency disclosure; HIPAA 164.312(b) audit controls). A notice is written by a trigger on the
 * audit trail, in the same statement (and so the same transaction) as the PERMIT row with
 * break_glass: no break-glass access can be audited without its notice, and if the notice cannot
 * be written the audit write fails and so does the read (fail closed).
 *
 * A notice keeps who, when, what (child, records, categories), why (the reason as given) and the
 * request id; it holds no protected values (NIST SP 800-53 AU-3(3)). It changes once, when it is
 * acknowledged; it is never deleted.
 */
export const PRIVACY_NOTICE_SQL = [
  `CREATE TABLE privacy_notice (
    id bigserial PRIMARY KEY,
    audit_event_id bigint NOT NULL UNIQUE REFERENCES audit_event (id),
    at timestamptz NOT NULL,
    actor varchar(200) NOT NULL,
    actor_agency varchar(20) NOT NULL,
    actor_roles text[] NOT NULL,
    child_id varchar(64),
    record_ids uuid[] NOT NULL,
    categories text[] NOT NULL,
    break_glass_reason varchar(500),
    request_id varchar(100) NOT NULL,
    acknowledged_at timestamptz,
    acknowledged_by varchar(200),
    acknowledgement_note varchar(2000))`,
  `CREATE INDEX privacy_notice_open_idx ON privacy_notice (id) WHERE acknowledged_at IS NULL`,
  `CREATE FUNCTION privacy_notice_of_break_glass() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO privacy_notice (audit_event_id, at, actor, actor_agency, actor_roles, child_id, record_ids,
         categories, break_glass_reason, request_id)
       VALUES (NEW.id, NEW.at, NEW.actor, NEW.actor_agency, NEW.actor_roles, NEW.child_id, NEW.record_ids,
         NEW.categories, NEW.break_glass_reason, NEW.request_id);
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER audit_event_privacy_notice AFTER INSERT ON audit_event FOR EACH ROW
     WHEN (NEW.break_glass AND NEW.decision = 'PERMIT') EXECUTE FUNCTION privacy_notice_of_break_glass()`,
  // What a notice says is kept as written: only its one acknowledgement may be added.
  `CREATE FUNCTION privacy_notice_guard() RETURNS trigger LANGUAGE plpgsql AS $$
   DECLARE ack text[] := '{acknowledged_at,acknowledged_by,acknowledgement_note}';
   BEGIN
     IF TG_OP <> 'UPDATE' THEN RAISE EXCEPTION 'privacy_notice rows are kept'; END IF;
     IF OLD.acknowledged_at IS NOT NULL OR (to_jsonb(NEW) - ack) IS DISTINCT FROM (to_jsonb(OLD) - ack) THEN
       RAISE EXCEPTION 'a privacy notice changes only by its one acknowledgement';
     END IF;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER privacy_notice_guard BEFORE UPDATE OR DELETE ON privacy_notice FOR EACH ROW EXECUTE FUNCTION privacy_notice_guard()`,
  `CREATE TRIGGER privacy_notice_no_truncate BEFORE TRUNCATE ON privacy_notice FOR EACH STATEMENT EXECUTE FUNCTION privacy_notice_guard()`,
];

/** The migration every agency runs (after its audit trail exists): the notice table and the
 *  trigger that writes a notice with every break-glass PERMIT row. */
export class PrivacyNotice1733200000000 {
  name = 'PrivacyNotice1733200000000';
  async up(q: { query(sql: string): Promise<unknown> }): Promise<void> {
    for (const sql of PRIVACY_NOTICE_SQL) await q.query(sql);
  }
  async down(q: { query(sql: string): Promise<unknown> }): Promise<void> {
    await q.query('DROP TRIGGER audit_event_privacy_notice ON audit_event');
    await q.query('DROP TABLE privacy_notice');
    await q.query('DROP FUNCTION privacy_notice_of_break_glass');
    await q.query('DROP FUNCTION privacy_notice_guard');
  }
}

/** Maps a stored notice to the GraphQL PrivacyNotice. */
export function privacyNoticeOf(agency: AgencyCode, r: Record<string, unknown>) {
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : null);
  return {
    id: String(r.id),
    agency,
    auditEventId: String(r.audit_event_id),
    at: iso(r.at),
    actor: r.actor,
    actorAgency: r.actor_agency,
    actorRoles: r.actor_roles,
    childId: r.child_id ?? null,
    recordIds: r.record_ids,
    categories: r.categories,
    breakGlassReason: r.break_glass_reason ?? null,
    requestId: r.request_id,
    acknowledgedAt: iso(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by ?? null,
    acknowledgementNote: r.acknowledgement_note ?? null,
  };
}
