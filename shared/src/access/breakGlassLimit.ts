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
 * Decisions of one viewer are serialised from the count to the audit write in this process and,
 * through a transaction-scoped advisory lock on the viewer held until the audit row is committed,
 * across every replica of the subgraph: two requests racing on two replicas cannot both take the
 * last place. Each process holds at most one connection for these locks at a time (break-glass is
 * rare; the audit write that ends a hold needs a connection of its own from the same pool).
 */
export function breakGlassLimiter(ds: DataSource, agency: string, limit: number) {
  const lock = new KeyedLock();
  const slot = new KeyedLock();
  const refusal = `Emergency access is limited to ${limit} children an hour per person at ${agency}; this request is over that limit. Ask ${agency}'s privacy officer.`;
  return (viewer: ViewerClaims, subject: { childId: string | null; recordIds: string[] }) =>
    async (): Promise<BreakGlassGate> => {
      const key = `${viewer.agency}|${viewer.sub}`;
      const releaseViewer = await lock.acquire(key);
      const releaseSlot = await slot.acquire('connection');
      const held = await holdViewerLock(ds, key).catch((e: unknown) => {
        releaseSlot();
        releaseViewer();
        throw e;
      });
      const release = () => {
        // the audit row is committed: let the next decision of this viewer count it
        void held.end().finally(() => {
          releaseSlot();
          releaseViewer();
        });
      };
      try {
        const ok = await breakGlassWithinLimit(ds, viewer, subject, limit);
        return { refusal: ok ? null : refusal, release };
      } catch (e) {
        release();
        throw e;
      }
    };
}

/** Namespace of the break-glass locks (the two-key advisory lock space, apart from the audit
 *  chain's single-key lock). */
const BREAK_GLASS_LOCK = `hashtext('wholechild.break-glass')`;

/** Opens a transaction holding the viewer's break-glass lock across every replica; `end` commits
 *  it (a lost connection ends the transaction, and the lock with it: never left held). */
async function holdViewerLock(ds: DataSource, key: string): Promise<{ end(): Promise<void> }> {
  const runner = ds.createQueryRunner();
  try {
    await runner.connect();
    await runner.startTransaction();
    await runner.query(`SELECT pg_advisory_xact_lock(${BREAK_GLASS_LOCK}, hashtext($1))`, [key]);
  } catch (e) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    await runner.release().catch(() => undefined);
    throw e;
  }
  return {
    end: async () => {
      await runner.commitTransaction().catch(() => undefined);
      await runner.release().catch(() => undefined);
    },
  };
}
