import DataLoader from 'dataloader';
import { canonicalJson, verifyHashChain, type ViewerClaims } from '@wholechild/shared';
import type { DataSource } from 'typeorm';

/** The advisory lock key of the index's audit chain. */
const INDEX_CHAIN_LOCK = 727_275;

/** One access to write: what was asked, and what the index showed (or refused). */
export interface IndexAccessEntry {
  /** SEARCH, VIEW_CHILD, LOOKUP_RECORD, REVIEW_QUEUE, … or the refused operation. */
  action: string;
  decision: 'PERMIT' | 'DENY';
  /** Why: the rule that let it through, or the refusal's reason. */
  rule: string;
  /** What was asked (search terms, the record looked up); no protected values. */
  terms?: Record<string, string | number | null> | null;
  /** The children shown. */
  childIds: string[];
  /** The links shown, as AGENCY:recordId. */
  recordRefs: string[];
}

interface IndexAccessRow {
  at: string;
  actor: string;
  actorAgency: string;
  actorRoles: string[];
  purposeOfUse: string;
  action: string;
  decision: string;
  rule: string;
  terms: Record<string, unknown> | null;
  childIds: string[];
  recordRefs: string[];
  requestId: string;
}

/** A request's writer: entries made in one turn of the event loop go out in one statement, and
 *  each caller waits for the commit (fail closed: no trail, no answer). */
export function createAccessTrail(ds: DataSource, viewer: ViewerClaims, requestId: string) {
  const loader = new DataLoader<IndexAccessEntry, true>(
    async (entries) => {
      const at = new Date().toISOString();
      const rows: IndexAccessRow[] = entries.map((e) => ({
        at,
        actor: viewer.sub,
        actorAgency: viewer.agency,
        actorRoles: [...viewer.roles],
        purposeOfUse: viewer.purposeOfUse,
        action: e.action,
        decision: e.decision,
        rule: e.rule.slice(0, 200),
        terms: e.terms ?? null,
        childIds: e.childIds,
        recordRefs: e.recordRefs,
        requestId,
      }));
      await ds.query('SELECT index_access_append($1, $2::jsonb, $3::text[])', [
        INDEX_CHAIN_LOCK,
        JSON.stringify(rows),
        rows.map((r) => canonicalJson(r)),
      ]);
      return entries.map(() => true as const);
    },
    { cache: false, batchScheduleFn: (flush) => setImmediate(flush) },
  );
  return (entry: IndexAccessEntry) => loader.load(entry).then(() => undefined);
}
export type AccessTrail = ReturnType<typeof createAccessTrail>;

function rowOf(r: Record<string, unknown>): IndexAccessRow {
  return {
    at: (r.at as Date).toISOString(),
    actor: r.actor as string,
    actorAgency: r.actor_agency as string,
    actorRoles: r.actor_roles as string[],
    purposeOfUse: r.purpose_of_use as string,
    action: r.action as string,
    decision: r.decision as string,
    rule: r.rule as string,
    terms: (r.terms as Record<string, unknown> | null) ?? null,
    childIds: r.child_ids as string[],
    recordRefs: r.record_refs as string[],
    requestId: r.request_id as string,
  };
}

/** The GraphQL IndexAccessEvent of a stored row. */
export function indexAccessEventOf(r: Record<string, unknown>) {
  const row = rowOf(r);
  return { id: String(r.id), ...row, terms: row.terms ? canonicalJson(row.terms) : null };
}

/** A page of the trail, newest first: the events of one agency's staff (what a privacy officer
 *  answers for), optionally about one child. */
export async function readAccessTrail(
  ds: DataSource,
  actorAgency: string,
  opts: { childId?: string | null; first: number; before?: number | null },
) {
  const rows: Array<Record<string, unknown>> = await ds.query(
    `SELECT * FROM index_access_event WHERE actor_agency = $1 AND ($2::uuid IS NULL OR $2::uuid = ANY(child_ids))
        AND ($3::bigint IS NULL OR id < $3) ORDER BY id DESC LIMIT $4`,
    [actorAgency, opts.childId ?? null, opts.before ?? null, opts.first + 1],
  );
  return rows;
}

/** Recomputes the index's chain: a changed row breaks its own hash, a removed one the next link. */
export const verifyAccessTrail = (ds: DataSource) => verifyHashChain(ds, 'index_access_event', rowOf);
