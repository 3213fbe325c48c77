import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  addCannotLink,
  indexOfPrepared,
  INDEX_LINK_OPTIONS,
  linkOne,
  prepare,
  removeFromIndex,
  type PersonRecord,
  type PreparedRecord,
} from '@wholechild/linkage';
import { LinkCache, LinkSession } from './linkCache';
import { LinkRepository, signatureOf, type FeedRecord } from '../repositories/linkRepository';
import { blockKeysOf, personOf, recordKey, type ModelStore } from './matchModel';

/** One lock for every change to links, so that two feed pages (or a page and a re-link batch)
 *  never decide about the same child at once. */
export const LINK_LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext('wholechild.child-index.link'))`;

export interface LinkOutcome {
  linked: number;
  newChildren: number;
  /** records that left one child for another */
  moved: number;
  reviewPairs: number;
  affected: string[];
  /** The page was read from a cursor another replica has since moved: nothing was taken in. */
  stale?: boolean;
}

const splitKey = (k: string) => {
  const i = k.indexOf(':');
  return { agency: k.slice(0, i), recordId: k.slice(i + 1) };
};

/**
 * Links agency records to children with the probabilistic matcher (Fellegi–Sunter, see
 * `@wholechild/linkage`), incrementally: a new or changed record is scored only against the stored records
 * that share a blocking key with it (one indexed query per page) and joins the best child at or
 * above the auto-link threshold whose every record passes the consistency rule; otherwise it starts
 * a child of its own. Pairs between the thresholds go to the review queue. A record never merges
 * two existing children (only a data steward does that), and a link a person decided (CONFIRMED or
 * REJECTED) is never moved.
 */
export class LinkService {
  private cache: LinkCache | null = null;

  constructor(
    private readonly ds: DataSource,
    readonly models: ModelStore,
  ) {}

  /**
   * A transaction holding the link lock, with a session over the in-memory cache of linked records
   * (valid if nobody changed agency_record since this process last did). The session's changes
   * reach the cache only once the transaction has committed.
   */
  async transaction<T>(fn: (em: EntityManager, session: LinkSession) => Promise<T>): Promise<T> {
    let session: LinkSession | undefined;
    const out = await this.ds.transaction(async (em) => {
      await em.query(LINK_LOCK_SQL);
      const gen = await this.generation(em);
      session = new LinkSession(this.cache?.generation === gen ? this.cache : null, gen);
      const r = await fn(em, session);
      session.endGeneration = await this.generation(em);
      return r;
    });
    const s = session!;
    if (s.cache && s.endGeneration) {
      for (const [k, e] of s.delta) s.cache.set(k, e);
      s.cache.generation = s.endGeneration;
      this.cache = s.cache;
    } else if (!s.cache) this.cache = null;
    return out;
  }

  private async generation(em: EntityManager): Promise<string> {
    const [row]: Array<{ g: string }> = await em.query(
      'SELECT generation::text AS g FROM link_state WHERE id = 1',
    );
    return row!.g;
  }

  /** Records linked in memory (for tests and metrics). */
  cachedRecords(): number {
    return this.cache?.size ?? 0;
  }

  /** Stores one feed page and links its records, together with the feed cursor, in one
   *  transaction: a page is either fully taken in (and the cursor moved past it) or not at all. */
  async ingestPage(
    agency: string,
    records: FeedRecord[],
    cursor: string,
    from?: string | null,
  ): Promise<LinkOutcome> {
    return this.transaction(async (em, session) => {
      const repo = new LinkRepository(em);
      // Compare and set: with several index replicas, two may read the same page from one stored
      // cursor. The first takes it in and moves the cursor (under the link lock, as every cursor
      // write is); the second finds the cursor moved and takes in nothing: it reads on from where
      // the cursor is now. A page is counted once, and an older page never lands after a newer.
      if (from !== undefined && ((await repo.storedCursor(agency)) ?? null) !== (from || null))
        return { linked: 0, newChildren: 0, moved: 0, reviewPairs: 0, affected: [], stale: true };
      const withdrawn = records.filter((r) => r.withdrawn);
      for (const r of withdrawn) session.delta.set(recordKey(r.agency, r.recordId), null);
      const affected = new Set<string>(await repo.removeRecords(withdrawn));
      const rows = records
        .filter((r) => !r.withdrawn)
        .map(({ withdrawn: _w, ...r }) => ({
          ...r,
          blockKeys: blockKeysOf(personOf(r)),
        }));
      const before = await repo.currentLinks(rows);
      await repo.upsertRecords(rows);
      const toLink: Array<{ person: PersonRecord; childId: string | null }> = [];
      for (const r of rows) {
        const prev = before.get(recordKey(r.agency, r.recordId));
        if (prev?.childId) affected.add(prev.childId); // golden fields may have changed
        if (prev && (prev.status === 'CONFIRMED' || prev.status === 'REJECTED')) {
          // a person decided: the link stays, the cache takes the new demographics
          const key = recordKey(r.agency, r.recordId);
          session.delta.set(
            key,
            prev.status === 'CONFIRMED' && prev.childId
              ? { prepared: prepare(personOf(r), 0), childId: prev.childId, keys: r.blockKeys }
              : null,
          );
          continue;
        }
        if (prev?.childId && prev.signature === signatureOf(r)) continue; // nothing the matcher reads changed
        toLink.push({ person: personOf(r), childId: prev?.childId ?? null });
      }
      const out = await this.linkTx(em, toLink, 'matcher', session);
      for (const c of out.affected) affected.add(c);
      await repo.refreshGolden([...affected]);
      await repo.saveCursor(agency, cursor, records.length);
      return { ...out, affected: [...affected] };
    });
  }

  /**
   * Links (or links again) records already stored, inside a `transaction` (which holds
   * LINK_LOCK_SQL). Each record is first taken out of the child it is in (`childId`, null for a new
   * record), then linked against the rest.
   *
   * A record marked `inPlace` (its stored copy, as linked, is unchanged: a re-link) stays a
   * candidate in its child until its own turn comes, so that every record is linked again against
   * all the others, whatever else its batch holds; the others (new or changed records) take part
   * only from their turn on, in the order given.
   */
  async linkTx(
    em: EntityManager,
    records: Array<{ person: PersonRecord; childId: string | null; inPlace?: boolean }>,
    actor: string,
    session: LinkSession,
  ): Promise<LinkOutcome> {
    const empty = { linked: 0, newChildren: 0, moved: 0, reviewPairs: 0, affected: [] };
    if (!records.length) return empty;
    const people = records.map((r) => r.person);
    const { model } = await this.models.get(em);
    const ids = new Set(people.map((p) => p.id));
    const refs = people.map((p) => splitKey(p.id));
    const agencies = refs.map((r) => r.agency);
    const recordIds = refs.map((r) => r.recordId);
    const prevChild = new Map(records.map((r) => [r.person.id, r.childId]));
    const keysOf = new Map(people.map((p) => [p.id, blockKeysOf(p)]));
    // candidates from memory: records sharing a blocking key, then every record of their children
    // and of the children the records leave (the consistency rule looks at whole children)
    session.cache ??= await LinkCache.load(em, session.startGeneration);
    const cache = session.cache;
    const childIds = new Set([...prevChild.values()].filter((c): c is string => !!c));
    for (const k of new Set([...keysOf.values()].flat()))
      for (const key of cache.blocks.get(k) ?? []) childIds.add(cache.entries.get(key)!.childId);
    const inPlace = new Set(
      records
        .filter((r) => r.inPlace && r.childId && cache.entries.get(r.person.id)?.childId === r.childId)
        .map((r) => r.person.id),
    );
    const known: Array<{ prepared: PreparedRecord; clusterId: string }> = [];
    for (const c of childIds)
      for (const key of cache.children.get(c) ?? [])
        if (!ids.has(key) || inPlace.has(key)) {
          const e = cache.entries.get(key)!;
          known.push({ prepared: e.prepared, clusterId: e.childId });
        }
    const index = indexOfPrepared(known, model, INDEX_LINK_OPTIONS);
    // pairs the agency or a steward said are different children
    const cannotRows: Array<{ agency_a: string; record_a: string; agency_b: string; record_b: string }> =
      await em.query(
        `SELECT agency_a, record_a, agency_b, record_b FROM cannot_link
          WHERE (agency_a, record_a) IN (SELECT * FROM unnest($1::varchar[], $2::uuid[]))
             OR (agency_b, record_b) IN (SELECT * FROM unnest($1::varchar[], $2::uuid[]))`,
        [agencies, recordIds],
      );
    const cannot = new Map<string, string[]>();
    for (const c of cannotRows) {
      const a = recordKey(c.agency_a, c.record_a);
      const b = recordKey(c.agency_b, c.record_b);
      cannot.set(a, [...(cannot.get(a) ?? []), b]);
      cannot.set(b, [...(cannot.get(b) ?? []), a]);
    }

    const links: Array<{ agency: string; recordId: string; childId: string; score: number | null }> = [];
    const newChildren: string[] = [];
    const reviews = new Map<string, { a: string; b: string; weight: number }>();
    const events: Array<{
      action: string;
      childId: string;
      other: string | null;
      key: string;
      reason: string;
    }> = [];
    for (const p of people) {
      const stays = inPlace.has(p.id) ? index.idToIdx.get(p.id) : undefined;
      if (stays !== undefined) removeFromIndex(index, stays);
      const idx = index.records.length;
      for (const other of cannot.get(p.id) ?? []) {
        const j = index.idToIdx.get(other);
        if (j !== undefined) addCannotLink(index, idx, j);
      }
      // a record alone in its child keeps that child's id rather than taking a new one
      const prev = prevChild.get(p.id) ?? null;
      const fresh = prev && !(index.members.get(prev)?.length ?? 0) ? prev : randomUUID();
      const res = linkOne(p, index, fresh);
      const { agency, recordId } = splitKey(p.id);
      if (res.clusterId === fresh && fresh !== prev) newChildren.push(fresh);
      links.push({ agency, recordId, childId: res.clusterId, score: res.weight });
      session.delta.set(p.id, {
        prepared: index.records[index.records.length - 1]!,
        childId: res.clusterId,
        keys: keysOf.get(p.id)!,
      });
      if (res.clusterId !== prev)
        events.push({
          action: prev ? 'MOVE' : 'LINK',
          childId: res.clusterId,
          other: prev,
          key: p.id,
          reason:
            res.weight !== null
              ? `${actor}: match weight ${res.weight.toFixed(1)} at or above the auto-link threshold ${model.upper}`
              : `${actor}: no child scored at or above the auto-link threshold ${model.upper}: a child of its own`,
        });
      for (const rp of res.reviewPairs) {
        const [a, b] = rp.a < rp.b ? [rp.a, rp.b] : [rp.b, rp.a];
        reviews.set(`${a}|${b}`, { a, b, weight: rp.weight });
      }
    }

    const repo = new LinkRepository(em);
    await repo.createChildren(newChildren);
    await repo.setLinks(links);
    if (events.length) {
      await em.query(
        `INSERT INTO link_event (actor, action, child_id, other_child_id, agency, record_id, reason)
         SELECT 'matcher', * FROM unnest($1::varchar[], $2::uuid[], $3::uuid[], $4::varchar[], $5::uuid[], $6::varchar[])`,
        [
          events.map((e) => e.action),
          events.map((e) => e.childId),
          events.map((e) => e.other),
          events.map((e) => splitKey(e.key).agency),
          events.map((e) => splitKey(e.key).recordId),
          events.map((e) => e.reason.slice(0, 500)),
        ],
      );
    }
    const rv = [...reviews.values()];
    if (rv.length) {
      await em.query(
        `INSERT INTO review_pair (agency_a, record_a, agency_b, record_b, weight)
         SELECT * FROM unnest($1::varchar[], $2::uuid[], $3::varchar[], $4::uuid[], $5::float8[])
         ON CONFLICT (agency_a, record_a, agency_b, record_b)
           DO UPDATE SET weight = EXCLUDED.weight WHERE review_pair.status = 'PENDING'`,
        [
          rv.map((r) => splitKey(r.a).agency),
          rv.map((r) => splitKey(r.a).recordId),
          rv.map((r) => splitKey(r.b).agency),
          rv.map((r) => splitKey(r.b).recordId),
          rv.map((r) => r.weight),
        ],
      );
    }
    const affected = new Set<string>(links.map((l) => l.childId));
    for (const c of prevChild.values()) if (c) affected.add(c);
    return {
      linked: links.length,
      newChildren: newChildren.length,
      moved: events.filter((e) => e.action === 'MOVE').length,
      reviewPairs: rv.length,
      affected: [...affected],
    };
  }
}
