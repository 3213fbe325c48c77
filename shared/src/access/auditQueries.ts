import { connection } from '../graphql/connection';
import type { DataSource, ObjectLiteral } from 'typeorm';
import type { AgencyCode } from '../agencies';
import { auditEventOf } from './audit';

/** Filters of an agency's audit trail (its privacy officers' query). */
export interface AuditTrailFilter {
  /** ISO 8601 bounds, `from` inclusive, `to` exclusive. */
  from?: string;
  to?: string;
  /** Only events of this token subject. */
  actor?: string;
  /** Only events about this person record. */
  recordId?: string;
  /** Only events about this child (the index's id). */
  childId?: string;
  /** Only events of this decision (PERMIT, DENY, CONSENT_RECORDED, …). */
  decision?: string;
  /** Page size, 1–500. @default 100 */
  first?: number;
  /** The previous page's `endCursor`. */
  after?: string;
}

/** One page of an agency's audit trail, newest first. */
export async function auditTrailPage(ds: DataSource, agency: AgencyCode, f: AuditTrailFilter) {
  const first = Math.min(Math.max(f.first ?? 100, 1), 500);
  const rows: ObjectLiteral[] = await ds.query(
    `SELECT * FROM audit_event WHERE ($1::timestamptz IS NULL OR at >= $1) AND ($2::timestamptz IS NULL OR at < $2)
       AND ($3::varchar IS NULL OR actor = $3) AND ($4::uuid IS NULL OR record_ids @> ARRAY[$4::uuid])
       AND ($5::bigint IS NULL OR id < $5) AND ($7::varchar IS NULL OR child_id = $7)
       AND ($8::varchar IS NULL OR decision = $8) ORDER BY id DESC LIMIT $6`,
    [
      f.from ?? null,
      f.to ?? null,
      f.actor ?? null,
      f.recordId ?? null,
      f.after ? Number(f.after) : null,
      first + 1,
      f.childId ?? null,
      f.decision ?? null,
    ],
  );
  const page = rows.slice(0, first);
  const events = page.map((r) => auditEventOf(agency, r));
  const hasMore = rows.length > first;
  return connection(
    events,
    page.map((r) => String(r.id)),
    hasMore,
    { events, endCursor: page.length ? String(page[page.length - 1]!.id) : null, hasMore },
  );
}

/** Every break-glass access to an agency's records in a period, oldest first. */
export async function breakGlassEvents(ds: DataSource, agency: AgencyCode, from?: string, to?: string) {
  const rows: ObjectLiteral[] = await ds.query(
    `SELECT * FROM audit_event WHERE break_glass AND ($1::timestamptz IS NULL OR at >= $1) AND ($2::timestamptz IS NULL OR at < $2) ORDER BY id`,
    [from ?? null, to ?? null],
  );
  return rows.map((r) => auditEventOf(agency, r));
}

/** The latest 1,000 audit events about any of these person records, newest first. */
export async function auditEventsOfRecords(ds: DataSource, agency: AgencyCode, recordIds: string[]) {
  const rows: ObjectLiteral[] = await ds.query(
    `SELECT * FROM audit_event WHERE record_ids && $1::uuid[] ORDER BY id DESC LIMIT 1000`,
    [recordIds],
  );
  return rows.map((r) => auditEventOf(agency, r));
}
