import type { EntityManager } from 'typeorm';
import { prepare, type PreparedRecord } from '@wholechild/linkage';
import { MATCH_COLUMNS, personOfRow, recordKey, type MatchRow } from './matchModel';

export interface CacheEntry {
  prepared: PreparedRecord;
  childId: string;
  keys: string[];
}

/**
 * The linked records (AUTO or CONFIRMED) held in memory with their blocking keys, so that linking a
 * feed page looks its candidates up without reading the table. PostgreSQL stays the truth: the
 * cache is valid for one value of `link_state.generation` (bumped by a trigger on every statement
 * that changes agency_record, whoever runs it); a transaction that finds another value loads the
 * cache again. Changes a transaction makes are applied only after it commits.
 */
export class LinkCache {
  readonly entries = new Map<string, CacheEntry>();
  readonly blocks = new Map<string, Set<string>>();
  readonly children = new Map<string, Set<string>>();

  constructor(public generation: string) {}

  static async load(em: EntityManager, generation: string): Promise<LinkCache> {
    const cache = new LinkCache(generation);
    const rows: Array<MatchRow & { block_keys: string[] }> = await em.query(
      `SELECT ${MATCH_COLUMNS}, block_keys FROM agency_record
        WHERE child_id IS NOT NULL AND status IN ('AUTO', 'CONFIRMED')`,
    );
    for (const r of rows)
      cache.set(recordKey(r.agency, r.record_id), {
        prepared: prepare(personOfRow(r), 0),
        childId: r.child_id!,
        keys: r.block_keys,
      });
    return cache;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Puts (or, with null, removes) one record. */
  set(key: string, entry: CacheEntry | null): void {
    const old = this.entries.get(key);
    if (old) {
      for (const k of old.keys) this.blocks.get(k)?.delete(key);
      const members = this.children.get(old.childId);
      members?.delete(key);
      if (members && !members.size) this.children.delete(old.childId);
      this.entries.delete(key);
    }
    if (!entry) return;
    this.entries.set(key, entry);
    for (const k of entry.keys) {
      let s = this.blocks.get(k);
      if (!s) this.blocks.set(k, (s = new Set()));
      s.add(key);
    }
    let m = this.children.get(entry.childId);
    if (!m) this.children.set(entry.childId, (m = new Set()));
    m.add(key);
  }
}

/** One linking transaction's view of the cache and the changes to apply when it commits. */
export class LinkSession {
  readonly delta = new Map<string, CacheEntry | null>();
  endGeneration: string | null = null;

  constructor(
    public cache: LinkCache | null,
    readonly startGeneration: string,
  ) {}
}
