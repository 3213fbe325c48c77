import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { deterministicKey } from '../matching/normalize';
import { LinkRepository, type FeedRecord } from '../repositories/linkRepository';

/** Links agency records to children. This is the deterministic first pass: records agreeing on
 *  normalised given name, family name and birth date are one child. */
export class LinkService {
  constructor(private readonly ds: DataSource) {}

  /** Stores one feed page and links its records, together with the feed cursor, in one
   *  transaction: a page is either fully taken in (and the cursor moved past it) or not at all. */
  async ingestPage(
    agency: string,
    records: FeedRecord[],
    cursor: string,
  ): Promise<{ linked: number; newChildren: number }> {
    return this.ds.transaction(async (em) => {
      const repo = new LinkRepository(em);
      const affected = new Set<string>(await repo.removeRecords(records.filter((r) => r.withdrawn)));
      const rows = records
        .filter((r) => !r.withdrawn)
        .map(({ withdrawn: _w, ...r }) => ({ ...r, matchKey: deterministicKey(r) }));
      const before = await repo.currentLinks(rows);
      // Children by key as they stood before this page: a record's own stale link must not pull it back.
      const keyed = await repo.childrenByKey([
        ...new Set(rows.map((r) => r.matchKey).filter((k): k is string => !!k)),
      ]);
      await repo.upsertRecords(rows);
      const newChildren: string[] = [];
      const links: Array<{ agency: string; recordId: string; childId: string; score: number | null }> = [];
      for (const r of rows) {
        const prev = before.get(`${r.agency}:${r.recordId}`);
        if (prev && (prev.status === 'CONFIRMED' || prev.status === 'REJECTED')) {
          if (prev.childId) affected.add(prev.childId); // a person decided this link: keep it
          continue;
        }
        let childId = r.matchKey ? keyed.get(r.matchKey) : undefined;
        if (!childId && prev?.childId && prev.matchKey === r.matchKey) childId = prev.childId;
        if (!childId) {
          childId = randomUUID();
          newChildren.push(childId);
          if (r.matchKey) keyed.set(r.matchKey, childId);
        }
        if (prev?.childId) affected.add(prev.childId);
        affected.add(childId);
        links.push({ agency: r.agency, recordId: r.recordId, childId, score: r.matchKey ? 1 : null });
      }
      await repo.createChildren(newChildren);
      await repo.setLinks(links);
      await repo.refreshGolden([...affected]);
      await repo.saveCursor(agency, cursor, records.length);
      return { linked: links.length, newChildren: newChildren.length };
    });
  }
}
