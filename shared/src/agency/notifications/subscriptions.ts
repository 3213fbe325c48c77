import type { DataSource } from 'typeorm';
import { isAgency } from '../../agencies';
import { assertMay } from '../../access/permissions';
import { AGENCY_ROLES, PURPOSES, type Role, type ViewerClaims } from '../../auth/claims';
import { errorCodes, fieldError } from '../../errors';
import { assertArgs, instantArg, serialArg, textArg, uuidArg, type ArgCheck } from '../../graphql/arguments';
import { connection } from '../../graphql/connection';
import { MAX_REDELIVERY_DAYS } from '../../graphql/notificationSdl';
import type { AgencyContext, AgencyNames, AgencySubgraphSpec } from '../spec';
import { GENERIC_EVENT_TYPES } from './events';
import { newWebhookSecret } from './signature';

/** Longest callback URL. @default 2000 */
export const MAX_CALLBACK_URL = 2000;
/** Largest page of the delivery log. @default 500 */
export const MAX_LOG_PAGE = 500;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Why a callback URL is refused (null: fine). Production: https only (the body is signed, but it
 *  is still about a child); development: a loopback address only (nothing leaves the machine). No
 *  credentials in the URL (they would show in the log and to every reader of the subscription). */
export function callbackUrlProblem(value: unknown, mode: 'development' | 'production'): ArgCheck {
  const text = textArg('callbackUrl', value, MAX_CALLBACK_URL);
  if (text) return text;
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    return fieldError('callbackUrl', 'INVALID_FORMAT', 'callbackUrl must be an absolute URL');
  }
  if (url.username || url.password)
    return fieldError('callbackUrl', 'INVALID_FORMAT', 'callbackUrl must not carry credentials');
  if (mode === 'production' && url.protocol !== 'https:')
    return fieldError('callbackUrl', 'INVALID_FORMAT', 'callbackUrl must be https in production');
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return fieldError('callbackUrl', 'INVALID_FORMAT', 'callbackUrl must be http(s)');
  if (mode === 'development' && !LOOPBACK.has(url.hostname))
    return fieldError(
      'callbackUrl',
      'INVALID_FORMAT',
      'callbackUrl must be a loopback address (127.0.0.1, localhost) in development',
    );
  return null;
}

interface SubscriptionRow {
  id: string;
  subscriber_agency: string;
  subscriber_role: string;
  purpose_of_use: string;
  callback_url: string;
  event_types: string[];
  created_by: string;
  created_at: Date;
  deactivated_at: Date | null;
  previous_secret_until: Date | null;
}

const shown = (r: SubscriptionRow) => ({
  id: r.id,
  subscriberAgency: r.subscriber_agency,
  role: r.subscriber_role,
  purposeOfUse: r.purpose_of_use,
  callbackUrl: r.callback_url,
  eventTypes: r.event_types,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(),
  active: r.deactivated_at === null,
  previousSecretUntil:
    r.previous_secret_until && new Date(r.previous_secret_until) > new Date()
      ? new Date(r.previous_secret_until).toISOString()
      : null,
});

const COLUMNS = `id, subscriber_agency, subscriber_role, purpose_of_use, callback_url, event_types,
  created_by, created_at, deactivated_at, previous_secret_until`;

/** Longest overlap of a rotated secret, in hours (a week). */
export const MAX_SECRET_OVERLAP_HOURS = 168;

interface SubscriptionInput {
  callbackUrl: string;
  eventTypes: string[];
  role: string;
  purposeOfUse?: string | null;
}

/** The subscriptions and the delivery log of an agency's events. */
export function subscriptionResolvers(
  spec: Pick<AgencySubgraphSpec, 'agency' | 'events'>,
  { key, prefix }: AgencyNames,
  ds: DataSource,
  mode: 'development' | 'production',
) {
  const produced = new Set<string>([...(spec.events ?? []).map((e) => e.type), ...GENERIC_EVENT_TYPES]);
  // another agency sees only its own subscriptions: one it may not know of is "not found"
  const visible = (viewer: ViewerClaims, r: SubscriptionRow | undefined) =>
    r && (viewer.agency === spec.agency || viewer.agency === r.subscriber_agency) ? r : undefined;
  const one = async (id: string): Promise<SubscriptionRow | undefined> =>
    (await ds.query(`SELECT ${COLUMNS} FROM webhook_subscription WHERE id = $1`, [id]))[0];
  const notFound = () => errorCodes.NOT_FOUND.err('No such webhook subscription', { field: 'id' });

  return {
    query: {
      [`${key}WebhookSubscriptions`]: async (_: unknown, __: unknown, ctx: AgencyContext) => {
        assertMay(ctx.viewer, 'READ_WEBHOOK_DELIVERIES', { holder: spec.agency });
        const rows: SubscriptionRow[] =
          ctx.viewer.agency === spec.agency
            ? await ds.query(`SELECT ${COLUMNS} FROM webhook_subscription ORDER BY created_at, id`)
            : await ds.query(
                `SELECT ${COLUMNS} FROM webhook_subscription WHERE subscriber_agency = $1 ORDER BY created_at, id`,
                [ctx.viewer.agency],
              );
        return rows.map(shown);
      },
      [`${key}WebhookDeliveryLog`]: async (
        _: unknown,
        args: { subscriptionId: string; first?: number | null; after?: string | null },
        ctx: AgencyContext,
      ) => {
        assertMay(ctx.viewer, 'READ_WEBHOOK_DELIVERIES', { holder: spec.agency });
        const first = args.first ?? 100;
        assertArgs(
          uuidArg('subscriptionId', args.subscriptionId),
          serialArg('after', args.after),
          first < 1 || first > MAX_LOG_PAGE
            ? fieldError('first', 'OUT_OF_RANGE', `first must be between 1 and ${MAX_LOG_PAGE}`)
            : null,
        );
        if (!visible(ctx.viewer, await one(args.subscriptionId))) throw notFound();
        const rows: Array<Record<string, unknown>> = await ds.query(
          `SELECT a.id::text AS id, subscription_id, event_id, event_type, attempt, attempted_at, status_code, error,
                  duration_ms, delivered
             FROM webhook_attempt a WHERE subscription_id = $1 AND a.id > $2::bigint ORDER BY a.id LIMIT $3`,
          [args.subscriptionId, args.after ?? '0', first + 1],
        );
        const page = rows.slice(0, first).map((r) => ({
          id: r.id,
          subscriptionId: r.subscription_id,
          eventId: r.event_id,
          eventType: r.event_type,
          attempt: r.attempt,
          attemptedAt: new Date(r.attempted_at as Date).toISOString(),
          statusCode: r.status_code,
          error: r.error,
          durationMs: r.duration_ms,
          delivered: r.delivered,
        }));
        return connection(
          page,
          page.map((p) => String(p.id)),
          rows.length > first,
        );
      },
    },
    mutation: {
      [`create${prefix}WebhookSubscription`]: async (
        _: unknown,
        { subscription: input }: { subscription: SubscriptionInput },
        ctx: AgencyContext,
      ) => {
        assertMay(ctx.viewer, 'MANAGE_SUBSCRIPTIONS', { holder: spec.agency });
        const agency = ctx.viewer.agency;
        if (!isAgency(agency)) throw errorCodes.FORBIDDEN.err('Only an agency’s system subscribes');
        const roles: readonly Role[] = AGENCY_ROLES[agency].filter((r) => r !== 'SERVICE' && r !== 'ANALYST');
        const purpose = input.purposeOfUse ?? 'CARE_COORDINATION';
        const types = [...new Set(input.eventTypes ?? [])];
        assertArgs(
          callbackUrlProblem(input.callbackUrl, mode),
          types.length ? null : fieldError('eventTypes', 'REQUIRED', 'at least one event type'),
          ...types
            .filter((t) => !produced.has(t))
            .map((t) =>
              fieldError(
                'eventTypes',
                'INVALID_ENUM',
                `${t} is not produced by ${spec.agency}: one of ${[...produced].join(', ')}`,
              ),
            ),
          (roles as readonly string[]).includes(input.role)
            ? null
            : fieldError('role', 'INVALID_ENUM', `role must be one ${agency} issues: ${roles.join(', ')}`),
          // analytics never hears of a child (the policy would deny every event anyway)
          (PURPOSES as readonly string[]).includes(purpose) && purpose !== 'ANALYTICS'
            ? null
            : fieldError('purposeOfUse', 'INVALID_ENUM', 'a purpose of use other than ANALYTICS'),
        );
        const secret = newWebhookSecret();
        const [row]: SubscriptionRow[] = await ds.query(
          `INSERT INTO webhook_subscription (subscriber_agency, subscriber_role, purpose_of_use, callback_url,
             event_types, secret, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
          [agency, input.role, purpose, input.callbackUrl, types, secret, ctx.viewer.sub],
        );
        return { subscription: shown(row!), secret };
      },
      [`deactivate${prefix}WebhookSubscription`]: async (
        _: unknown,
        { id }: { id: string },
        ctx: AgencyContext,
      ) => {
        assertMay(ctx.viewer, 'MANAGE_SUBSCRIPTIONS', { holder: spec.agency });
        assertArgs(uuidArg('id', id));
        if (!visible(ctx.viewer, await one(id))) throw notFound();
        // an UPDATE answers [rows, count]
        const [[row]]: [SubscriptionRow[], number] = await ds.query(
          `UPDATE webhook_subscription SET deactivated_at = COALESCE(deactivated_at, now()) WHERE id = $1
           RETURNING ${COLUMNS}`,
          [id],
        );
        return shown(row!);
      },
      [`redeliver${prefix}WebhookEvents`]: async (
        _: unknown,
        { subscriptionId, since }: { subscriptionId: string; since: string },
        ctx: AgencyContext,
      ) => {
        assertMay(ctx.viewer, 'MANAGE_SUBSCRIPTIONS', { holder: spec.agency });
        assertArgs(uuidArg('subscriptionId', subscriptionId), instantArg('since', since));
        const from = Date.parse(since);
        assertArgs(
          from > Date.now()
            ? fieldError('since', 'OUT_OF_RANGE', 'since is in the future')
            : from < Date.now() - MAX_REDELIVERY_DAYS * 86_400_000
              ? fieldError('since', 'OUT_OF_RANGE', `at most ${MAX_REDELIVERY_DAYS} days back`)
              : null,
        );
        const found = visible(ctx.viewer, await one(subscriptionId));
        if (!found) throw notFound();
        if (found.deactivated_at)
          assertArgs(fieldError('subscriptionId', 'OUT_OF_RANGE', 'the subscription is deactivated'));
        // back in its child's queue, in event order: the worker sends it again, decided anew
        const [, count]: [unknown, number] = await ds.query(
          `UPDATE webhook_delivery d SET status = 'PENDING', next_attempt_at = now(), finished_at = NULL
             FROM event_outbox e
            WHERE d.subscription_id = $1 AND d.status = 'DELIVERED' AND e.id = d.event_id
              AND e.occurred_at >= $2::timestamptz`,
          [subscriptionId, new Date(from).toISOString()],
        );
        return count;
      },
      [`rotate${prefix}WebhookSecret`]: async (
        _: unknown,
        { id, overlapHours }: { id: string; overlapHours?: number | null },
        ctx: AgencyContext,
      ) => {
        assertMay(ctx.viewer, 'MANAGE_SUBSCRIPTIONS', { holder: spec.agency });
        const hours = overlapHours ?? 24;
        assertArgs(
          uuidArg('id', id),
          Number.isInteger(hours) && hours >= 0 && hours <= MAX_SECRET_OVERLAP_HOURS
            ? null
            : fieldError(
                'overlapHours',
                'OUT_OF_RANGE',
                `overlapHours must be between 0 and ${MAX_SECRET_OVERLAP_HOURS}`,
              ),
        );
        const found = visible(ctx.viewer, await one(id));
        if (!found) throw notFound();
        if (found.deactivated_at)
          assertArgs(fieldError('id', 'OUT_OF_RANGE', 'the subscription is deactivated: nothing is signed'));
        const secret = newWebhookSecret();
        // the previous secret signs for the overlap (none with 0: a leaked secret retired at once)
        const [[row]]: [SubscriptionRow[], number] = await ds.query(
          `UPDATE webhook_subscription
              SET previous_secret = CASE WHEN $3::int > 0 THEN secret END,
                  previous_secret_until = CASE WHEN $3::int > 0 THEN now() + make_interval(hours => $3::int) END,
                  secret = $2
            WHERE id = $1 AND deactivated_at IS NULL
           RETURNING ${COLUMNS}`,
          [id, secret, hours],
        );
        if (!row) throw notFound();
        return { subscription: shown(row), secret };
      },
    },
  };
}
