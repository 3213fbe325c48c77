import type { AgencyKind } from '../spec';
import { OUTBOX_LOCK_SQL } from './tables';

/**
 * The events an agency system may subscribe to (issue 24): each originates in the agency that holds
 * the record. The first five are declared as data by their agency (`AgencySubgraphSpec.events`: a
 * record kind and a condition, evaluated by a trigger in the writing transaction); the last two are
 * enqueued by code that holds a transaction (`enqueueEvent`).
 */
export const NOTIFICATION_EVENT_TYPES = [
  'PLACEMENT_CHANGED',
  'SCHOOL_ENROLLMENT_CHANGED',
  'PROBATION_REFERRAL_CREATED',
  'BEHAVIORAL_HEALTH_CRISIS_EPISODE',
  'HOUSING_EXIT_TO_HOMELESSNESS',
  'REFERRAL_STATUS_CHANGED',
  'TEAM_MEMBERSHIP_CHANGED',
] as const;
export type NotificationEventType = (typeof NOTIFICATION_EVENT_TYPES)[number];

/** Event types any agency may enqueue from code (closed-loop referrals, Child and Family Teams). */
export const GENERIC_EVENT_TYPES: readonly NotificationEventType[] = [
  'REFERRAL_STATUS_CHANGED',
  'TEAM_MEMBERSHIP_CHANGED',
];

/**
 * A record event an agency declares: writing a record of `kind` for which `when` holds enqueues an
 * event of `type` in the same transaction (a trigger on the kind's table, so every write path, the
 * upserts and the bulk load alike, emits it, and a rolled-back write emits nothing).
 */
export interface RecordEventDeclaration {
  type: NotificationEventType;
  /** The record kind whose writes produce it (a child-level kind: it has a person). */
  kind: AgencyKind;
  /** SQL condition over the trigger's `NEW` and `OLD` rows (`TG_OP` is `INSERT` or `UPDATE`); an
   *  identical re-send updates nothing that matters, so a condition comparing columns with
   *  `IS DISTINCT FROM` emits nothing for it. Declared by the agency, never from input. */
  when: string;
}

/** What `enqueueEvent` writes: one event about one of the agency's person records. */
export interface OutboxEvent {
  type: NotificationEventType;
  /** The agency's own person record the event is about (the index maps it to the child). */
  personId: string;
  /** What the record is, e.g. `PLACEMENT`, `REFERRAL`, `TEAM` (the receiver's hint for what to read). */
  recordKind: string;
  /** The agency's id of the record that changed. */
  recordId: string;
  /** The holder's policy category that governs who may hear of it (e.g. `PLACEMENT`, `CASE`). */
  category: string;
  /** When it happened. @default now() (the transaction's time) */
  occurredAt?: Date;
}

/** Anything that runs SQL inside the caller's transaction: a TypeORM QueryRunner or EntityManager. */
export interface QueryRunnerLike {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Enqueues an event in the caller's transaction: pass the EntityManager (or QueryRunner) of the
 * transaction that makes the change, so that the event is committed with it or not at all (the
 * transactional outbox: a rolled-back change emits nothing, a committed one is never lost). The
 * delivery worker (WebhookDispatcher) sends it afterwards to every subscriber allowed to hear it.
 */
export async function enqueueEvent(runner: QueryRunnerLike, event: OutboxEvent): Promise<string> {
  if (!(NOTIFICATION_EVENT_TYPES as readonly string[]).includes(event.type))
    throw new Error(`unknown event type ${event.type}`);
  // the outbox lock, shared until the caller commits (tables.ts, OUTBOX_LOCK_SQL)
  await runner.query(`SELECT pg_advisory_xact_lock_shared(${OUTBOX_LOCK_SQL})`);
  const rows = (await runner.query(
    `INSERT INTO event_outbox (type, person_id, record_kind, record_id, category, occurred_at)
     VALUES ($1, $2, $3, $4, $5, COALESCE($6::timestamptz, now())) RETURNING id`,
    [
      event.type,
      event.personId,
      event.recordKind,
      event.recordId,
      event.category,
      event.occurredAt?.toISOString() ?? null,
    ],
  )) as Array<{ id: string }>;
  return rows[0]!.id;
}
