import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from './audit';

/**
 * Seals on what one subgraph tells another through the gateway (`@requires`): the child index's
 * links of a child, and the facts an agency lends other agencies' policies. A subgraph is reachable
 * with the gateway's credential and any user token, so an `_entities` call could otherwise claim
 * any child id, another child's record ids and any fact. A seal is an HMAC under a key the
 * subgraphs share and the gateway never holds, over what it vouches for, bound to the child id,
 * to the caller's token (a seal issued to one viewer is worth nothing to another) and to a short
 * expiry. Plain strings in plain fields: any federation router carries them.
 */

/** How long a seal holds, in seconds: one request's plan, with room for a slow subgraph. */
export const SEAL_TTL_S = 120;

export interface LinkLike {
  agency: string;
  recordId: string;
  status: string;
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url').slice(0, 22);

function mac(key: string, body: unknown): string {
  return createHmac('sha256', key).update(canonicalJson(body)).digest('base64url');
}

function sealOf(key: string, what: Record<string, unknown>, token: string, nowS: number): string {
  const exp = nowS + SEAL_TTL_S;
  return `${exp}.${mac(key, { ...what, t: tokenHash(token), e: exp })}`;
}

function holds(
  key: string,
  seal: unknown,
  what: Record<string, unknown>,
  token: string,
  nowS: number,
): boolean {
  if (typeof seal !== 'string') return false;
  const m = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(seal);
  if (!m || Number(m[1]) < nowS || Number(m[1]) > nowS + SEAL_TTL_S + 60) return false;
  const want = Buffer.from(mac(key, { ...what, t: tokenHash(token), e: Number(m[1]) }));
  const given = Buffer.from(m[2]!);
  return want.length === given.length && timingSafeEqual(want, given);
}

const linksBody = (childId: string, links: LinkLike[]) => ({
  k: 'links',
  c: childId,
  l: links.map((l) => [l.agency, l.recordId, l.status]).sort((a, b) => (a.join() < b.join() ? -1 : 1)),
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The index's seal over a child's links, for this caller. */
export function sealLinks(
  key: string,
  childId: string,
  links: LinkLike[],
  token: string,
  nowS = nowSeconds(),
) {
  return sealOf(key, linksBody(childId, links), token, nowS);
}

/** Whether the links of a representation are the ones the index sealed for this child and caller. */
export function linksSealHolds(
  key: string,
  seal: unknown,
  childId: string,
  links: LinkLike[],
  token: string,
  nowS = nowSeconds(),
): boolean {
  return holds(key, seal, linksBody(childId, links), token, nowS);
}

/** A lending agency's seal over one fact of one child, for this caller. */
export function sealFact(
  key: string,
  field: string,
  childId: string,
  value: boolean | string[] | null,
  token: string,
  nowS = nowSeconds(),
) {
  return sealOf(key, { k: field, c: childId, v: value }, token, nowS);
}

export function factSealHolds(
  key: string,
  seal: unknown,
  field: string,
  childId: string,
  value: unknown,
  token: string,
  nowS = nowSeconds(),
): boolean {
  return holds(key, seal, { k: field, c: childId, v: value ?? null }, token, nowS);
}

/** What a referral hand-over vouches for: the receiver, the referrer's referral, the record, the
 *  category and the need. */
export interface HandoverLike {
  referrer: string;
  referralId: string;
  recordId: string;
  category: string;
  need: string;
}

const handoverBody = (to: string, h: HandoverLike) => ({
  k: 'referral',
  to,
  r: h.referrer,
  id: h.referralId,
  p: h.recordId,
  c: h.category,
  n: h.need,
});

/** The referring subgraph's seal over a hand-over (issued inside the transaction that stores the
 *  referral, before it is audited as sent), for this caller: a receiver takes referrals from the
 *  referrer's system only, never from a token alone (its trail would lack the disclosure). */
export function sealHandover(key: string, to: string, h: HandoverLike, token: string, nowS = nowSeconds()) {
  return sealOf(key, handoverBody(to, h), token, nowS);
}

export function handoverSealHolds(
  key: string,
  seal: unknown,
  to: string,
  h: HandoverLike,
  token: string,
  nowS = nowSeconds(),
): boolean {
  return holds(key, seal, handoverBody(to, h), token, nowS);
}
