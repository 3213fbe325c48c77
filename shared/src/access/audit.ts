import { createHash } from 'node:crypto';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { AgencyCode } from '../agencies';
import type { ViewerClaims } from '../auth/claims';
import { DEFAULT_MAX_AUDIT_ROWS_PER_REQUEST } from '../config';
import { preparedQuery } from '../db/dataSource';
import { errorCodes } from '../errors';

/** DDL of the audit trail, for each agency's migration. Append-only: a trigger refuses UPDATE,
 *  DELETE and TRUNCATE (NIST SP 800-53 AU-9), so the application's own role cannot rewrite it. */
export const AUDIT_TABLE_SQL = [
  `CREATE TABLE audit_event (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL,
    actor varchar(200) NOT NULL,
    actor_agency varchar(20) NOT NULL,
    actor_roles text[] NOT NULL,
    purpose_of_use varchar(30) NOT NULL,
    child_id varchar(64),
    record_ids uuid[] NOT NULL,
    categories text[] NOT NULL,
    decision varchar(20) NOT NULL,
    rule varchar(80) NOT NULL,
    consent_id uuid,
    request_id varchar(100) NOT NULL,
    break_glass boolean NOT NULL,
    break_glass_reason varchar(500),
    prev_hash char(64) NOT NULL,
    hash char(64) NOT NULL UNIQUE)`,
  `CREATE INDEX audit_event_record_ids_idx ON audit_event USING gin (record_ids)`,
  `CREATE INDEX audit_event_break_glass_idx ON audit_event (at) WHERE break_glass`,
  `CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN RAISE EXCEPTION 'audit_event is append-only'; END $$`,
  `CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`,
  `CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`,
];

export const GENESIS_HASH = '0'.repeat(64);

/** Every decision an audit row records. */
export const AUDIT_DECISIONS = [
  'PERMIT',
  'DENY',
  'CONSENT_RECORDED',
  'CONSENT_AMENDED',
  'CONSENT_REVOKED',
  'TEAM_FORMED',
  'TEAM_MEMBER_ADDED',
  'TEAM_MEMBER_REMOVED',
  'TEAM_LEAD_SET',
  'TEAM_PHASE_SET',
  'TEAM_PLAN_CHANGED',
  'TEAM_MEETING_HELD',
  'TEAM_CLOSED',
  'REFERRAL_SENT',
  'REFERRAL_RECEIVED',
  'REFERRAL_ACCEPTED',
  'REFERRAL_DECLINED',
  'REFERRAL_COMPLETED',
] as const;

/** One decision to write. */
export interface AuditEntry {
  childId: string | null;
  recordIds: string[];
  categories: string[];
  decision: (typeof AUDIT_DECISIONS)[number];
  rule: string;
  consentId: string | null;
}

interface AuditRow {
  at: string;
  actor: string;
  actorAgency: string;
  actorRoles: string[];
  purposeOfUse: string;
  childId: string | null;
  recordIds: string[];
  categories: string[];
  decision: string;
  rule: string;
  consentId: string | null;
  requestId: string;
  breakGlass: boolean;
  breakGlassReason: string | null;
}

/** JSON with sorted keys: the same row always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** sha256(prev ‖ canonical_json(row)). */
export function chainHash(prev: string, row: unknown): string {
  return createHash('sha256').update(prev).update(canonicalJson(row)).digest('hex');
}

/** Serialises appends per agency: the chain has one order. */
const CHAIN_LOCK = 727_274;

/** Writes one request's decisions. Entries made in the same tick go out together; the read
 *  waits for their write (fail closed: no audit, no data). Requests of the same process share
 *  the data source's appender, which commits whatever queued while the previous write was in
 *  flight in one statement (group commit).
 *
 *  At most `maxRows` entries per request: one more is refused with LIMIT_EXCEEDED and so is every
 *  entry after it (unwritten), and the request fails whole (`failClosedOnLimitPlugin`): no data
 *  leaves without its row, and one request cannot flood the trail (16 × `children(ids: [500])`
 *  wrote 13,724 rows). */
export function createAuditWriter(
  ds: DataSource,
  viewer: ViewerClaims,
  requestId: string,
  maxRows: number = DEFAULT_MAX_AUDIT_ROWS_PER_REQUEST,
) {
  const appender = auditAppenderOf(ds);
  let taken = 0;
  const loader = new DataLoader<AuditEntry, true>(
    async (entries) => {
      await appender.append(auditRows(viewer, requestId, [...entries]));
      return entries.map(() => true as const);
    },
    // One write per request turn: collect every decision made before the event loop moves on.
    { cache: false, batchScheduleFn: (flush) => setImmediate(flush) },
  );
  return (entry: AuditEntry): Promise<true> => {
    if (++taken > maxRows)
      return Promise.reject(
        errorCodes.LIMIT_EXCEEDED.err(
          `Audit limit of ${maxRows} rows per request exceeded: ask for fewer records`,
          { limit: 'maxAuditRowsPerRequest', max: maxRows },
        ),
      );
    return loader.load(entry);
  };
}

/** Most rows one statement appends; more wait for the next. */
const MAX_GROUP_ROWS = 1000;

interface Pending {
  rows: AuditRow[];
  done: (err?: unknown) => void;
}

/**
 * Group commit of one process's audit appends to one trail. An append goes out at once when no
 * write is in flight; appends made while one is in flight wait for it and then go out together,
 * in the order they were made, as one `audit_append` statement: one chain lock, one read of the
 * chain head, one commit for all of them. At one request at a time nothing waits; under load the
 * trail costs a statement per round instead of one per request. Every request still resolves only
 * once its own rows are committed. If a grouped statement fails, each request's rows are tried
 * again alone, so that one request's bad rows fail that request only.
 */
export class AuditAppender {
  private queue: Pending[] = [];
  private writing = false;
  /** Statements sent so far, and rows in them (tests and metrics). */
  readonly stats = { statements: 0, rows: 0 };

  constructor(private readonly ds: DataSource) {}

  append(rows: AuditRow[]): Promise<void> {
    if (!rows.length) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ rows, done: (err) => (err === undefined ? resolve() : reject(err)) });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length) {
        const group: Pending[] = [];
        let n = 0;
        while (
          this.queue.length &&
          (group.length === 0 || n + this.queue[0]!.rows.length <= MAX_GROUP_ROWS)
        ) {
          const next = this.queue.shift()!;
          group.push(next);
          n += next.rows.length;
        }
        try {
          await this.write(group.flatMap((g) => g.rows));
          for (const g of group) g.done();
        } catch (err) {
          if (group.length === 1) group[0]!.done(err);
          else
            for (const g of group)
              await this.write(g.rows).then(
                () => g.done(),
                (e: unknown) => g.done(e),
              );
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private async write(rows: AuditRow[]): Promise<void> {
    this.stats.statements++;
    this.stats.rows += rows.length;
    await appendRows(this.ds, rows);
  }
}

const appenders = new WeakMap<DataSource, AuditAppender>();

/** The data source's appender (one per process and trail). */
export function auditAppenderOf(ds: DataSource): AuditAppender {
  let a = appenders.get(ds);
  if (!a) appenders.set(ds, (a = new AuditAppender(ds)));
  return a;
}
export type AuditWriter = ReturnType<typeof createAuditWriter>;

/** Appends one batch in one statement: the server takes the chain lock, reads the last hash,
 *  chains `sha256(prev ‖ canonical_json(row))` over the batch (the canonical JSON is made here,
 *  so the hash is the one verifyAuditChain recomputes) and inserts. Each statement in the
 *  function sees what committed before it, so the read after the lock sees the latest row; the
 *  lock is held only inside PostgreSQL, never across a round trip to this process (under load a
 *  round trip waits for a busy event loop, and every other writer of the chain would wait too). */
export const AUDIT_APPEND_FUNCTION_SQL = `CREATE OR REPLACE FUNCTION audit_append(
    lock_key bigint, ats timestamptz[], actors varchar[], actor_agencies varchar[], actor_roles text[], purposes varchar[],
    child_ids varchar[], record_ids text[], categories text[], decisions varchar[], rules varchar[], consent_ids uuid[],
    request_ids varchar[], break_glass boolean[], break_glass_reasons varchar[], canon text[])
  RETURNS void LANGUAGE plpgsql AS $$
  DECLARE
    prev char(64);
    prevs char(64)[] := '{}';
    hashes char(64)[] := '{}';
  BEGIN
    PERFORM pg_advisory_xact_lock(lock_key);
    SELECT hash INTO prev FROM audit_event ORDER BY id DESC LIMIT 1;
    prev := coalesce(prev, repeat('0', 64));
    FOR i IN 1 .. coalesce(array_length(canon, 1), 0) LOOP
      prevs := prevs || prev;
      prev := encode(sha256(convert_to(prev || canon[i], 'UTF8')), 'hex');
      hashes := hashes || prev;
    END LOOP;
    INSERT INTO audit_event (at, actor, actor_agency, actor_roles, purpose_of_use, child_id, record_ids, categories, decision,
        rule, consent_id, request_id, break_glass, break_glass_reason, prev_hash, hash)
      SELECT t.at, t.actor, t.actor_agency, t.actor_roles::text[], t.purpose_of_use, t.child_id, t.record_ids::uuid[],
             t.categories::text[], t.decision, t.rule, t.consent_id, t.request_id, t.break_glass, t.break_glass_reason,
             t.prev_hash, t.hash
        FROM unnest(ats, actors, actor_agencies, actor_roles, purposes, child_ids, record_ids, categories, decisions, rules,
                    consent_ids, request_ids, break_glass, break_glass_reasons, prevs, hashes)
          WITH ORDINALITY AS t(at, actor, actor_agency, actor_roles, purpose_of_use, child_id, record_ids, categories,
                               decision, rule, consent_id, request_id, break_glass, break_glass_reason, prev_hash, hash, n)
        ORDER BY t.n;
  END $$`;

/** The migration every agency runs to append its audit trail in one statement. */
export class AuditAppend1732800000000 {
  name = 'AuditAppend1732800000000';
  async up(q: { query(sql: string): Promise<unknown> }): Promise<void> {
    await q.query(AUDIT_APPEND_FUNCTION_SQL);
  }
  async down(q: { query(sql: string): Promise<unknown> }): Promise<void> {
    await q.query('DROP FUNCTION audit_append');
  }
}

const pgArray = (v: string[]) => `{${v.map((x) => JSON.stringify(x)).join(',')}}`;

/** The rows of one request's decisions, stamped now. */
function auditRows(viewer: ViewerClaims, requestId: string, entries: AuditEntry[]): AuditRow[] {
  const at = new Date().toISOString();
  return entries.map((e) => ({
    at,
    actor: viewer.sub,
    actorAgency: viewer.agency,
    actorRoles: viewer.roles,
    purposeOfUse: viewer.purposeOfUse,
    childId: e.childId,
    recordIds: e.recordIds,
    categories: e.categories,
    decision: e.decision,
    rule: e.rule,
    consentId: e.consentId,
    requestId,
    breakGlass: BREAK_GLASS_RULES.has(e.rule),
    breakGlassReason: BREAK_GLASS_RULES.has(e.rule) ? (viewer.breakGlassReason ?? null) : null,
  }));
}

/** Rules of break-glass attempts, flagged (with their reason) in the trail: an access, and one
 *  refused by the rate limit (42 CFR 2.51(c): the program documents the emergency disclosure; a
 *  refused attempt is what the privacy officer most needs to see). */
const BREAK_GLASS_RULES = new Set(['BREAK_GLASS', 'BREAK_GLASS_RATE_LIMIT']);

/** Appends one request's entries in one statement of its own (no grouping). */
export async function appendAudit(
  ds: DataSource,
  viewer: ViewerClaims,
  requestId: string,
  entries: AuditEntry[],
): Promise<void> {
  if (entries.length) await appendRows(ds, auditRows(viewer, requestId, entries));
}

async function appendRows(ds: DataSource, rows: AuditRow[]): Promise<void> {
  const col = <T>(f: (r: AuditRow) => T) => rows.map(f);
  // One statement, one implicit transaction: committed (and durable) before the read goes on.
  await preparedQuery(
    ds,
    `SELECT audit_append($1, $2::timestamptz[], $3::varchar[], $4::varchar[], $5::text[], $6::varchar[], $7::varchar[],
       $8::text[], $9::text[], $10::varchar[], $11::varchar[], $12::uuid[], $13::varchar[], $14::boolean[],
       $15::varchar[], $16::text[])`,
    [
      CHAIN_LOCK,
      col((r) => r.at),
      col((r) => r.actor),
      col((r) => r.actorAgency),
      col((r) => pgArray(r.actorRoles)),
      col((r) => r.purposeOfUse),
      col((r) => r.childId),
      col((r) => pgArray(r.recordIds)),
      col((r) => pgArray(r.categories)),
      col((r) => r.decision),
      col((r) => r.rule),
      col((r) => r.consentId),
      col((r) => r.requestId),
      col((r) => r.breakGlass),
      col((r) => r.breakGlassReason),
      col((r) => canonicalJson(r)),
    ],
  );
}

/** Reads rows back in the shape they were hashed in. */
export function rowOf(r: Record<string, unknown>): AuditRow {
  return {
    at: (r.at as Date).toISOString(),
    actor: r.actor as string,
    actorAgency: r.actor_agency as string,
    actorRoles: r.actor_roles as string[],
    purposeOfUse: r.purpose_of_use as string,
    childId: (r.child_id as string | null) ?? null,
    recordIds: r.record_ids as string[],
    categories: r.categories as string[],
    decision: r.decision as string,
    rule: r.rule as string,
    consentId: (r.consent_id as string | null) ?? null,
    requestId: r.request_id as string,
    breakGlass: r.break_glass as boolean,
    breakGlassReason: (r.break_glass_reason as string | null) ?? null,
  };
}

export interface AuditVerification {
  rows: number;
  ok: boolean;
  /** First row whose hash or link does not hold (a change or a removal before it). */
  brokenAt?: { id: number; problem: string };
}

/** Recomputes the agency's chain: a changed row breaks its own hash, a removed row the next link. */
export function verifyAuditChain(ds: DataSource, batch = 5000): Promise<AuditVerification> {
  return verifyHashChain(ds, 'audit_event', rowOf, batch);
}

/** Recomputes any hash chain of this shape (id, prev_hash, hash; hash = sha256(prev ‖ canonical
 *  JSON of the row as `rowOf` reads it back)): the agencies' audit_event and the index's
 *  index_access_event. */
export async function verifyHashChain(
  ds: DataSource,
  table: string,
  rowOfStored: (r: Record<string, unknown>) => unknown,
  batch = 5000,
): Promise<AuditVerification> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let rows = 0;
  for (;;) {
    const page: Array<Record<string, unknown>> = await ds.query(
      `SELECT * FROM ${table} WHERE id > $1 ORDER BY id LIMIT $2`,
      [lastId, batch],
    );
    if (!page.length) return { rows, ok: true };
    for (const r of page) {
      const id = Number(r.id);
      if (r.prev_hash !== prev)
        return {
          rows,
          ok: false,
          brokenAt: {
            id,
            problem: 'link to the previous row does not hold (a row was removed or changed before it)',
          },
        };
      const hash = chainHash(prev, rowOfStored(r));
      if (hash !== r.hash)
        return {
          rows,
          ok: false,
          brokenAt: { id, problem: 'row content does not match its hash (the row was changed)' },
        };
      prev = hash;
      lastId = id;
      rows++;
    }
  }
}

/** Maps a stored row to the GraphQL AuditEvent. */
export function auditEventOf(agency: AgencyCode, r: Record<string, unknown>) {
  return { id: String(r.id), agency, ...rowOf(r) };
}
