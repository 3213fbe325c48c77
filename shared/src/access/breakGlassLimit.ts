import type { DataSource } from 'typeorm';
import type { ViewerClaims } from '../auth/claims';
import { preparedQuery } from '../db/dataSource';
import type { BreakGlassGate } from './decisions';

/** The rolling window of the break-glass rate limit. */
export const BREAK_GLASS_WINDOW = '1 hour';

/**
 * Whether this viewer may break the glass on this child at this agency now: yes when the child
 * (by index id, or any of its person records) was already opened by this viewer within the hour,
 * or when fewer than `limit` distinct children were. Counted from the agency's own audit trail
 * (PERMIT rows with break_glass), so it holds across restarts and processes.
 */
export async function breakGlassWithinLimit(
  ds: DataSource,
  viewer: ViewerClaims,
  subject: { childId: string | null; recordIds: string[] },
  limit: number,
): Promise<boolean> {
  const [row] = await preparedQuery<{ seen: boolean; n: number }>(
    ds,
    `SELECT coalesce(bool_or(child_id = $3 OR record_ids && $4::uuid[]), false) AS seen,
            count(DISTINCT coalesce(child_id, record_ids::text))::int AS n
       FROM audit_event
      WHERE break_glass AND decision = 'PERMIT' AND actor = $1 AND actor_agency = $2
        AND at > now() - interval '${BREAK_GLASS_WINDOW}'`,
    [viewer.sub, viewer.agency, subject.childId, subject.recordIds],
  );
  return Boolean(row?.seen) || (row?.n ?? 0) < limit;
}

/** Serialises one viewer's break-glass decisions in this process, from the count to the audit
 *  write, so that two requests in flight cannot both take the last place under the limit. */
export class KeyedLock {
  private tails = new Map<string, Promise<void>>();

  async acquire(key: string): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    return () => {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }
}

/**
 * The break-glass rate limit of one agency: a viewer (token `sub` within its agency) may open at
 * most `limit` distinct children by break-glass per rolling hour here. Break-glass is for the
 * emergency in front of the viewer, not for browsing (42 CFR 2.51: a bona fide medical emergency;
 * HIPAA 164.308(a)(1)(ii)(D) information system activity review): past the limit the decision is a
 * DENY, audited like any other, and the privacy officer sees the attempt in the break-glass report.
 * Decisions of one viewer are serialised in this process from the count to the audit write; with
 * several replicas of a subgraph, requests racing on different replicas may each take the last
 * place (at most one over per replica).
 */
export function breakGlassLimiter(ds: DataSource, agency: string, limit: number) {
  const lock = new KeyedLock();
  const refusal = `Emergency access is limited to ${limit} children an hour per person at ${agency}; this request is over that limit. Ask ${agency}'s privacy officer.`;
  return (viewer: ViewerClaims, subject: { childId: string | null; recordIds: string[] }) =>
    async (): Promise<BreakGlassGate> => {
      const release = await lock.acquire(`${viewer.agency}|${viewer.sub}`);
      try {
        const ok = await breakGlassWithinLimit(ds, viewer, subject, limit);
        return { refusal: ok ? null : refusal, release };
      } catch (e) {
        release();
        throw e;
      }
    };
}
