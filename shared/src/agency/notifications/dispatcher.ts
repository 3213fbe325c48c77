import type { DataSource, EntityManager } from 'typeorm';
import type { AgencyCode } from '../../agencies';
import type { AgencyPolicy } from '../../access/policy';
import type { Logger } from '../../logger';
import type { DerivedProtection } from '../protection';
import type { AgencySubgraphSpec } from '../spec';
import { DeliveryAuthorizer, type Authorization, type DueDelivery } from './authorization';
import type { NotificationPeers } from './peers';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, signWebhook } from './signature';
import { OUTBOX_LOCK_SQL } from './tables';

/** How long a fan-out waits for the outbox's writers in flight before leaving its events to the
 *  next pass (writers that arrive meanwhile wait behind it, at most this long). */
const FAN_OUT_LOCK_WAIT_MS = 200;

/** How the delivery worker runs (config.webhooks). */
export interface WebhookDispatchOptions {
  /** How often it looks for work, in ms; 0: never (no worker). @default 1000 */
  pollIntervalMs: number;
  /** First retry delay, doubling per attempt, with jitter. @default 1000 */
  retryBaseMs: number;
  /** Longest retry delay: a receiver down for days is still tried this often (never given up). @default 600000 */
  retryMaxMs: number;
  /** How long one delivery waits for the receiver. @default 10000 */
  timeoutMs: number;
  /** Deliveries sent per pass (each to a different child's queue). @default 20 */
  batchSize: number;
}

/** The body a receiver gets: thin, no protected values; the receiver reads details through the
 *  gateway under consent, as the viewer it is. */
export interface WebhookPayload {
  id: string;
  type: string;
  childId: string;
  sourceAgency: AgencyCode;
  recordKind: string;
  recordId: string;
  occurredAt: string;
}

/** What one attempt came to. */
type Outcome =
  | { kind: 'DENIED'; childId: string | null }
  | { kind: 'WAITING' }
  | {
      kind: 'SENT';
      childId: string;
      status: number | null;
      error: string | null;
      durationMs: number;
      delivered: boolean;
    };

/** Delay before attempt `attempts + 1`: exponential, capped, with "equal jitter" (half fixed, half
 *  random) so that receivers coming back are not hit by every sender at once. */
export function retryDelayMs(
  attempts: number,
  opts: Pick<WebhookDispatchOptions, 'retryBaseMs' | 'retryMaxMs'>,
) {
  const exp = Math.min(opts.retryMaxMs, opts.retryBaseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp / 2 + (Math.random() * exp) / 2);
}

/**
 * An agency's delivery worker (every replica of its subgraph runs one). Each pass:
 * 1. fan-out: new outbox events become one delivery per active subscription to their type (under
 *    the outbox's exclusive lock, so the prefix it reads is gap-free);
 * 2. delivery: the due deliveries at the head of their (subscription, child) queue are locked
 *    (FOR UPDATE SKIP LOCKED: two replicas never send the same one), authorized again (the
 *    subscriber's agency must hold a record linked to the child in the index, and this agency's
 *    policy must let the subscriber's agency and role see the event's category: a denial is final
 *    and audited, a permit audited as a disclosure), signed and sent; a failure is retried with
 *    backoff and keeps later events of that child waiting (order per child), not other children's.
 * At-least-once: a delivery whose answer is lost is sent again with the same idempotency key.
 */
export class WebhookDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private started = false;
  private readonly authorizer: DeliveryAuthorizer;

  constructor(
    private readonly ds: DataSource,
    private readonly spec: AgencySubgraphSpec,
    policy: AgencyPolicy,
    protection: DerivedProtection,
    peers: NotificationPeers,
    private readonly opts: WebhookDispatchOptions,
    private readonly logger: Logger,
  ) {
    this.authorizer = new DeliveryAuthorizer(ds, spec, policy, protection, peers);
  }

  /** Starts polling (once: a service listening again does not start a second loop). */
  start(): void {
    if (this.opts.pollIntervalMs <= 0 || this.started) return;
    this.started = true;
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.started = false;
    clearTimeout(this.timer);
    await this.running;
  }

  /** The next pass: at once after a pass that had work (a child's next event is due as soon as
   *  the one before it is delivered), else after the poll interval. */
  private schedule(delayMs = this.opts.pollIntervalMs): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      let busy = false;
      this.running = this.runOnce()
        .then((n) => {
          busy = n > 0;
        })
        // a pass cut short by the service stopping is no news (its deliveries wait for the next start)
        .catch((e) => (this.stopped ? undefined : this.logger.warn({ err: short(e) }, 'webhook pass failed')))
        .finally(() => this.schedule(busy ? 0 : this.opts.pollIntervalMs));
    }, delayMs);
  }

  /** One pass: fan out, then deliver what is due. Returns how many deliveries were attempted. */
  async runOnce(): Promise<number> {
    await this.fanOut();
    return this.deliverDue();
  }

  private async fanOut(): Promise<void> {
    try {
      await this.ds.transaction(async (em) => {
        // writers in flight hold the lock shared until they commit; waiting for them queues new
        // writers behind this request, so it waits briefly and otherwise leaves the events to the
        // next pass (a long bulk load delays announcements, never other writes)
        await em.query(`SET LOCAL lock_timeout = '${FAN_OUT_LOCK_WAIT_MS}ms'`);
        await em.query(`SELECT pg_advisory_xact_lock(${OUTBOX_LOCK_SQL})`);
        const events: Array<{ id: string }> = await em.query(
          `SELECT id FROM event_outbox WHERE fanned_out_at IS NULL ORDER BY seq LIMIT 1000`,
        );
        if (!events.length) return;
        const ids = events.map((e) => e.id);
        await em.query(
          `INSERT INTO webhook_delivery (subscription_id, event_id, event_seq, person_id, status)
           SELECT s.id, e.id, e.seq, e.person_id, 'PENDING'
             FROM event_outbox e JOIN webhook_subscription s
               ON s.deactivated_at IS NULL AND e.type = ANY (s.event_types)
            WHERE e.id = ANY ($1::uuid[])
           ON CONFLICT (subscription_id, event_id) DO NOTHING`,
          [ids],
        );
        await em.query(`UPDATE event_outbox SET fanned_out_at = now() WHERE id = ANY ($1::uuid[])`, [ids]);
      });
    } catch (e) {
      const err = e as { code?: string; driverError?: { code?: string } };
      if ((err.code ?? err.driverError?.code) !== '55P03') throw e; // lock_not_available
    }
  }

  private async deliverDue(): Promise<number> {
    return this.ds.transaction(async (em) => {
      const due: DueDelivery[] = await em.query(
        `SELECT d.id, d.subscription_id, d.event_id, d.person_id, d.attempts,
                e.type, e.record_kind, e.record_id, e.category, e.occurred_at,
                s.callback_url, s.secret, s.subscriber_agency, s.subscriber_role, s.purpose_of_use,
                CASE WHEN s.previous_secret_until > now() THEN s.previous_secret END AS previous_secret
           FROM webhook_delivery d
           JOIN event_outbox e ON e.id = d.event_id
           JOIN webhook_subscription s ON s.id = d.subscription_id
          WHERE d.status = 'PENDING' AND d.next_attempt_at <= now() AND s.deactivated_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM webhook_delivery p
                             WHERE p.subscription_id = d.subscription_id AND p.person_id = d.person_id
                               AND p.status = 'PENDING' AND p.event_seq < d.event_seq)
          ORDER BY d.event_seq
          LIMIT $1
          FOR UPDATE OF d SKIP LOCKED`,
        [this.opts.batchSize],
      );
      // sent side by side (each to another child's queue), recorded one by one on the
      // transaction's connection
      const outcomes = await Promise.all(due.map((d) => this.attempt(d)));
      for (const [i, d] of due.entries()) await this.record(em, d, outcomes[i]!);
      return due.length;
    });
  }

  /** Authorizes and sends one delivery (no database write: the caller records the outcome). */
  private async attempt(d: DueDelivery): Promise<Outcome> {
    let auth: Authorization;
    try {
      auth = await this.authorizer.authorize(d);
    } catch (e) {
      // the index or a lender did not answer (or the index has not taken the record in yet):
      // decide nothing, try again later; not in the subscriber's log (it is about a child the
      // subscriber may not know of)
      this.logger.info(
        { delivery: d.id, err: short(e) },
        'webhook delivery waits: authorization unavailable',
      );
      return { kind: 'WAITING' };
    }
    if (!auth.permit) return { kind: 'DENIED', childId: auth.childId };
    const payload: WebhookPayload = {
      id: d.event_id,
      type: d.type,
      childId: auth.childId,
      sourceAgency: this.spec.agency,
      recordKind: d.record_kind,
      recordId: d.record_id,
      occurredAt: new Date(d.occurred_at).toISOString(),
    };
    const body = JSON.stringify(payload);
    const started = Date.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(d.callback_url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signWebhook(d.previous_secret ? [d.secret, d.previous_secret] : d.secret, body),
          [IDEMPOTENCY_HEADER]: d.event_id,
          'wholechild-event-type': d.type,
        },
        body,
        // never follow a redirect: the URL was validated, where it points to was not
        redirect: 'manual',
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (e) {
      error = short(e);
    }
    const delivered = status !== null && status >= 200 && status < 300;
    return {
      kind: 'SENT',
      childId: auth.childId,
      status,
      error: delivered ? null : (error ?? `receiver answered ${status}`),
      durationMs: Date.now() - started,
      delivered,
    };
  }

  /** Records one delivery's outcome in the transaction that holds its row. */
  private async record(em: EntityManager, d: DueDelivery, o: Outcome): Promise<void> {
    if (o.kind === 'DENIED') {
      await em.query(
        `UPDATE webhook_delivery SET status = 'DENIED', child_id = $2, finished_at = now() WHERE id = $1`,
        [d.id, o.childId],
      );
      return;
    }
    if (o.kind === 'SENT' && o.delivered) {
      await em.query(
        `UPDATE webhook_delivery SET status = 'DELIVERED', attempts = attempts + 1, child_id = $2,
           finished_at = now() WHERE id = $1`,
        [d.id, o.childId],
      );
    } else {
      const delay = retryDelayMs(d.attempts + 1, this.opts);
      await em.query(
        `UPDATE webhook_delivery SET attempts = attempts + 1,
           next_attempt_at = now() + make_interval(secs => $2::double precision / 1000) WHERE id = $1`,
        [d.id, delay],
      );
    }
    if (o.kind === 'SENT') await this.log(em, d, o);
  }

  private async log(em: EntityManager, d: DueDelivery, o: Extract<Outcome, { kind: 'SENT' }>): Promise<void> {
    await em.query(
      `INSERT INTO webhook_attempt (delivery_id, subscription_id, event_id, event_type, attempt,
         status_code, error, duration_ms, delivered) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        d.id,
        d.subscription_id,
        d.event_id,
        d.type,
        d.attempts + 1,
        o.status,
        o.error,
        o.durationMs,
        o.delivered,
      ],
    );
  }
}

/** A short reason for the log: no URL, host or port. */
function short(e: unknown): string {
  const err = e as (Error & { cause?: { code?: string } }) | undefined;
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return 'timed out';
  if (err?.cause?.code) return `unreachable (${err.cause.code})`;
  return String(err?.message ?? 'error')
    .replace(/https?:\/\/\S+/g, '<url>')
    .slice(0, 200);
}
