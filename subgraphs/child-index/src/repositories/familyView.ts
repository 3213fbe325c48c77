import type { DataSource } from 'typeorm';

/** The family's recorded language of each child (null when none is recorded). */
export async function familyLanguagesOf(ds: DataSource, childIds: readonly string[]) {
  const rows: Array<{ child_id: string; language: string }> = await ds.query(
    'SELECT child_id, language FROM family_language WHERE child_id = ANY($1::uuid[])',
    [childIds],
  );
  const by = new Map(rows.map((r) => [r.child_id, r.language]));
  return childIds.map((id) => by.get(id) ?? null);
}

/** Records (or replaces) the family's language of a child. */
export async function saveFamilyLanguage(
  ds: DataSource,
  childId: string,
  language: string,
  by: { actor: string; agency: string },
): Promise<void> {
  await ds.query(
    `INSERT INTO family_language (child_id, language, recorded_by, recorded_agency, recorded_at)
       VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (child_id) DO UPDATE SET language = EXCLUDED.language, recorded_by = EXCLUDED.recorded_by,
       recorded_agency = EXCLUDED.recorded_agency, recorded_at = now()`,
    [childId, language, by.actor, by.agency],
  );
}

/** One look-up of a child in the index, as the family's accounting lists it. */
export interface IndexLookup {
  at: string;
  actorAgency: string;
  actorRoles: string[];
}

/** Who looked the child up in the index in the last `years` years, oldest first (at most `max`,
 *  the newest kept): shown children only (PERMIT), never the index's own service, never an agency
 *  of `except` (those holding a record of the child the requester may know of: their staff use
 *  their own relationship with the child), and never a request that produced an accounting. */
export async function lookupsOfChild(
  ds: DataSource,
  childId: string,
  opts: { except: string[]; years: number; max: number; accountingAction: string },
): Promise<IndexLookup[]> {
  const rows: Array<{ at: Date; actor_agency: string; actor_roles: string[] }> = await ds.query(
    `SELECT at, actor_agency, actor_roles FROM (
       SELECT id, at, actor_agency, actor_roles FROM index_access_event e
        WHERE $1::uuid = ANY(child_ids) AND decision = 'PERMIT' AND actor_agency <> 'CHILD_INDEX'
          AND action IN ('VIEW_CHILD', 'SEARCH', 'LOOKUP_RECORD') AND NOT (actor_agency = ANY($2::text[]))
          AND at >= now() - make_interval(years => $3)
          AND e.request_id NOT IN (SELECT request_id FROM index_access_event WHERE action = $5 AND $1::uuid = ANY(child_ids))
        ORDER BY id DESC LIMIT $4) recent
     ORDER BY id`,
    [childId, opts.except, opts.years, opts.max, opts.accountingAction],
  );
  return rows.map((r) => ({
    at: r.at.toISOString(),
    actorAgency: r.actor_agency,
    actorRoles: r.actor_roles,
  }));
}
