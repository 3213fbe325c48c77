import { getMetadataArgsStorage } from 'typeorm';
import type { RecordEventDeclaration } from './events';

/** The advisory lock of the agency's outbox (SQL expression): writers hold it shared until they
 *  commit, the fan-out takes it exclusively, so it reads a gap-free prefix of the outbox (an event
 *  numbered before another is never committed after the fan-out passed it: order per child holds
 *  under concurrent writers, as the person feed's lock does for the feed). */
export const OUTBOX_LOCK_SQL = `hashtext(current_schema() || '.event_outbox')`;

/** DDL of the notification tables of an agency (its own schema, beside its records). */
export const NOTIFICATION_TABLE_SQL = [
  // the transactional outbox: written in the transaction of the change, never updated but for
  // fanned_out_at, kept as the agency's record of what it announced
  `CREATE TABLE event_outbox (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    seq bigserial NOT NULL UNIQUE,
    type varchar(40) NOT NULL,
    person_id uuid NOT NULL,
    record_kind varchar(40) NOT NULL,
    record_id uuid NOT NULL,
    category varchar(40),
    occurred_at timestamptz NOT NULL DEFAULT now(),
    fanned_out_at timestamptz)`,
  `CREATE INDEX event_outbox_pending_idx ON event_outbox (seq) WHERE fanned_out_at IS NULL`,
  // another agency's system (or this one's) that hears of events here
  `CREATE TABLE webhook_subscription (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    subscriber_agency varchar(20) NOT NULL,
    subscriber_role varchar(40) NOT NULL,
    purpose_of_use varchar(30) NOT NULL,
    callback_url varchar(2000) NOT NULL,
    event_types varchar(40)[] NOT NULL,
    secret varchar(200) NOT NULL,
    created_by varchar(200) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    deactivated_at timestamptz)`,
  // one event for one subscriber: PENDING until DELIVERED (a 2xx) or DENIED (not linked, or the
  // policy does not let the subscriber hear of it); a failing one blocks later ones of its child
  `CREATE TABLE webhook_delivery (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    subscription_id uuid NOT NULL REFERENCES webhook_subscription(id),
    event_id uuid NOT NULL REFERENCES event_outbox(id),
    event_seq bigint NOT NULL,
    person_id uuid NOT NULL,
    status varchar(12) NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'DENIED')),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    child_id uuid,
    finished_at timestamptz,
    UNIQUE (subscription_id, event_id))`,
  `CREATE INDEX webhook_delivery_queue_idx ON webhook_delivery (subscription_id, person_id, event_seq)
    WHERE status = 'PENDING'`,
  `CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING'`,
  // the delivery log: every attempt, what the receiver answered and how long it took
  `CREATE TABLE webhook_attempt (
    id bigserial PRIMARY KEY,
    delivery_id uuid NOT NULL REFERENCES webhook_delivery(id),
    subscription_id uuid NOT NULL REFERENCES webhook_subscription(id),
    event_id uuid NOT NULL,
    event_type varchar(40) NOT NULL,
    attempt integer NOT NULL,
    attempted_at timestamptz NOT NULL DEFAULT now(),
    status_code integer,
    error varchar(300),
    duration_ms integer NOT NULL,
    delivered boolean NOT NULL)`,
  `CREATE INDEX webhook_attempt_subscription_idx ON webhook_attempt (subscription_id, id)`,
];

const snake = (p: string) => p.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function tableOf(entity: Function): string {
  const t = getMetadataArgsStorage().tables.find((x) => x.target === entity);
  if (!t?.name) throw new Error(`entity ${entity.name} has no @Entity({ name })`);
  return t.name;
}

/** The trigger of one declared record event: in the writing transaction, after the row is
 *  written, an outbox row when the declared condition holds. */
export function recordEventTriggerSql(d: RecordEventDeclaration): { up: string[]; down: string[] } {
  if (d.kind.personProperty === null) throw new Error(`${d.type}: ${d.kind.typename} is about no child`);
  const table = tableOf(d.kind.entity);
  const name = `notify_${d.type.toLowerCase()}`;
  const category = typeof d.kind.category === 'string' ? `'${d.kind.category}'` : 'NULL';
  const person = snake(d.kind.personProperty ?? 'personId');
  return {
    up: [
      `CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN
          IF (${d.when}) THEN
            PERFORM pg_advisory_xact_lock_shared(${OUTBOX_LOCK_SQL});
            INSERT INTO event_outbox (type, person_id, record_kind, record_id, category)
              VALUES ('${d.type}', NEW.${person}, '${d.kind.kindEnum}', NEW.id, ${category});
          END IF;
          RETURN NULL;
        END $$`,
      `CREATE TRIGGER ${name} AFTER INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`,
    ],
    down: [`DROP TRIGGER ${name} ON ${table}`, `DROP FUNCTION ${name}()`],
  };
}

/** The migration of an agency's notification tables and of the triggers of its declared events. */
export function notificationTablesMigration(events: RecordEventDeclaration[]) {
  const triggers = events.map(recordEventTriggerSql);
  return class NotificationTables1765500000000 {
    name = 'NotificationTables1765500000000';
    async up(q: { query(sql: string): Promise<unknown> }): Promise<void> {
      for (const sql of NOTIFICATION_TABLE_SQL) await q.query(sql);
      for (const t of triggers) for (const sql of t.up) await q.query(sql);
    }
    async down(q: { query(sql: string): Promise<unknown> }): Promise<void> {
      for (const t of triggers) for (const sql of t.down) await q.query(sql);
      for (const t of ['webhook_attempt', 'webhook_delivery', 'webhook_subscription', 'event_outbox'])
        await q.query(`DROP TABLE ${t}`);
    }
  };
}

/** A subscription's signing secret rotates with an overlap: the previous secret, and until when it
 *  still signs (rotate<Agency>WebhookSecret). */
export class WebhookSecretRotation1765700000000 {
  name = 'WebhookSecretRotation1765700000000';
  async up(q: { query(sql: string): Promise<unknown> }): Promise<void> {
    await q.query(
      `ALTER TABLE webhook_subscription ADD COLUMN previous_secret varchar(200), ADD COLUMN previous_secret_until timestamptz`,
    );
  }
  async down(q: { query(sql: string): Promise<unknown> }): Promise<void> {
    await q.query(
      `ALTER TABLE webhook_subscription DROP COLUMN previous_secret, DROP COLUMN previous_secret_until`,
    );
  }
}
