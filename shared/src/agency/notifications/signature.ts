import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The header carrying a delivery's signature: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = 'wholechild-signature';
/** The header carrying a delivery's idempotency key (the event id: the same on every retry). */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** How old a signature a receiver accepts, in seconds (replay window). @default 300 */
export const DEFAULT_SIGNATURE_TOLERANCE_S = 300;

/** A new per-subscriber secret: shown once to the subscriber, kept by the source agency to sign. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** Signs a body as Stripe does: HMAC-SHA256 of `<t>.<body>` under the subscriber's secret; during
 *  a rotation under each of its secrets, the new one first (`t=…,v1=<new>,v1=<previous>`: a
 *  receiver holding either verifies, verifyWebhookSignature accepts any v1 that matches). */
export function signWebhook(
  secret: string | readonly string[],
  body: string,
  timestampS = Math.floor(Date.now() / 1000),
): string {
  const macs = (typeof secret === 'string' ? [secret] : secret).map(
    (s) => `v1=${createHmac('sha256', s).update(`${timestampS}.${body}`).digest('hex')}`,
  );
  return `t=${timestampS},${macs.join(',')}`;
}

export type WebhookVerification = { ok: true; timestamp: number } | { ok: false; reason: string };

/**
 * For receivers: checks a delivery's signature header against the raw body and the subscriber's
 * secret, in constant time, and refuses a timestamp more than `toleranceS` from now (a replayed
 * delivery). Verify the raw bytes as received, before parsing them.
 */
export function verifyWebhookSignature(
  secret: string,
  body: string,
  header: string | undefined,
  opts: { toleranceS?: number; nowS?: number } = {},
): WebhookVerification {
  if (!header) return { ok: false, reason: 'no signature header' };
  const parts = new Map<string, string[]>();
  for (const item of header.split(',')) {
    const i = item.indexOf('=');
    if (i > 0)
      parts.set(item.slice(0, i).trim(), [...(parts.get(item.slice(0, i).trim()) ?? []), item.slice(i + 1)]);
  }
  const t = Number(parts.get('t')?.[0]);
  if (!Number.isInteger(t)) return { ok: false, reason: 'no timestamp' };
  const now = opts.nowS ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - t) > (opts.toleranceS ?? DEFAULT_SIGNATURE_TOLERANCE_S))
    return { ok: false, reason: 'timestamp outside the tolerance (replayed?)' };
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'), 'utf8');
  const match = (parts.get('v1') ?? []).some((v) => {
    const got = Buffer.from(v, 'utf8');
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
  return match ? { ok: true, timestamp: t } : { ok: false, reason: 'signature does not match' };
}
