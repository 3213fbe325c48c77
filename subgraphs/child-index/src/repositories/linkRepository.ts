import type { PersonFeedRecord } from '@wholechild/shared';
import type { EntityManager } from 'typeorm';

/** One agency person record as the feed delivers it. */
export type FeedRecord = PersonFeedRecord;

const RECORD_COLUMNS: Array<[keyof FeedRecord, string, string]> = [
  ['agency', 'agency', 'varchar'],
  ['recordId', 'record_id', 'uuid'],
  ['sourceSystem', 'source_system', 'varchar'],
  ['externalId', 'external_id', 'varchar'],
  ['givenName', 'given_name', 'varchar'],
  ['middleName', 'middle_name', 'varchar'],
  ['familyName', 'family_name', 'varchar'],
  ['birthDate', 'birth_date', 'date'],
  ['sex', 'sex', 'varchar'],
  ['race', 'race', 'varchar'],
  ['ethnicity', 'ethnicity', 'varchar'],
  ['primaryLanguage', 'primary_language', 'varchar'],
  ['addressLine', 'address_line', 'varchar'],
  ['city', 'city', 'varchar'],
  ['postalCode', 'postal_code', 'varchar'],
  ['sealedAdoption', 'sealed_adoption', 'boolean'],
  ['existenceProtected', 'existence_protected', 'boolean'],
  ['changeSeq', 'change_seq', 'bigint'],
];

const SIGNATURE_FIELDS = [
  'given_name',
  'middle_name',
  'family_name',
  'birth_date',
  'sex',
  'address_line',
  'city',
  'postal_code',
  'sealed_adoption',
] as const;
const SIGNATURE_SQL = `concat_ws('|', ${SIGNATURE_FIELDS.map((f) => `coalesce(${f}::text, '')`).join(', ')})`;

/** The same signature computed from a feed record. */
export function signatureOf(r: FeedRecord): string {
  return [
    r.givenName,
    r.middleName,
    r.familyName,
    r.birthDate,
    r.sex,
    r.addressLine,
    r.city,
    r.postalCode,
    r.sealedAdoption ? 'true' : 'false',
  ]
    .map((v) => v ?? '')
    .join('|');
}

/** SQL of the child index's records and links; nothing else touches these tables. */
export class LinkRepository {
  constructor(private readonly em: EntityManager) {}

  /** Stores the feed's copy of each record (demographics and blocking keys; links are set
   *  separately). */
  async upsertRecords(rows: Array<FeedRecord & { blockKeys: string[] }>): Promise<void> {
    if (!rows.length) return;
    const params: unknown[][] = RECORD_COLUMNS.map(([prop, , type]) =>
      rows.map((r) => r[prop] ?? (type === 'boolean' ? false : null)),
    );
    // unnest would flatten a two-dimensional array: the keys travel joined by a unit separator
    params.push(rows.map((r) => r.blockKeys.join('\u001f')));
    const cols = RECORD_COLUMNS.map(([, c]) => c);
    const types = RECORD_COLUMNS.map(([, , t], i) => `$${i + 1}::${t}[]`);
    const updates = [...cols, 'block_keys']
      .filter((c) => c !== 'agency' && c !== 'record_id')
      .map((c) => `${c} = EXCLUDED.${c}`);
    await this.em.query(
      `INSERT INTO agency_record (${cols.join(', ')}, block_keys, status)
       SELECT ${cols.map((c) => `u.${c}`).join(', ')}, string_to_array(u.block_keys, chr(31)), 'AUTO'
         FROM unnest(${types.join(', ')}, $${cols.length + 1}::text[]) AS u(${cols.join(', ')}, block_keys)
       ON CONFLICT (agency, record_id) DO UPDATE SET ${updates.join(', ')}`,
      params,
    );
  }

  /** Each stored record's link, and a signature of the fields the matcher compares (a record
   *  whose signature is unchanged need not be linked again). */
  async currentLinks(
    keys: Array<{ agency: string; recordId: string }>,
  ): Promise<Map<string, { childId: string | null; signature: string; status: string }>> {
    const rows: Array<{
      agency: string;
      record_id: string;
      child_id: string | null;
      signature: string;
      status: string;
    }> = await this.em.query(
      `SELECT agency, record_id, child_id, status, ${SIGNATURE_SQL} AS signature FROM agency_record
        WHERE (agency, record_id) IN (SELECT * FROM unnest($1::varchar[], $2::uuid[]))`,
      [keys.map((k) => k.agency), keys.map((k) => k.recordId)],
    );
    return new Map(
      rows.map((r) => [
        `${r.agency}:${r.record_id}`,
        { childId: r.child_id, signature: r.signature, status: r.status },
      ]),
    );
  }

  /** For a notification dispatcher: each record's child and that child's current links (AUTO,
   *  CONFIRMED); a record the index does not hold is left out. */
  async linksOfRecords(
    agency: string,
    recordIds: string[],
  ): Promise<
    Map<
      string,
      { childId: string | null; links: Array<{ agency: string; recordId: string; status: string }> }
    >
  > {
    const rows: Array<{
      record_id: string;
      child_id: string | null;
      links: Array<{ agency: string; recordId: string; status: string }> | null;
    }> = await this.em.query(
      `SELECT r.record_id, r.child_id,
                (SELECT json_agg(json_build_object('agency', o.agency, 'recordId', o.record_id, 'status', o.status)
                          ORDER BY o.agency, o.record_id)
                   FROM agency_record o
                  WHERE o.child_id = r.child_id AND o.status IN ('AUTO', 'CONFIRMED')) AS links
           FROM agency_record r WHERE r.agency = $1 AND r.record_id = ANY ($2::uuid[])`,
      [agency, recordIds],
    );
    return new Map(
      rows.map((r) => [r.record_id, { childId: r.child_id, links: r.child_id ? (r.links ?? []) : [] }]),
    );
  }

  /** Drops withdrawn records; returns the children they were linked to. */
  async removeRecords(keys: Array<{ agency: string; recordId: string }>): Promise<string[]> {
    if (!keys.length) return [];
    const rows: Array<{ child_id: string | null }> = await this.em.query(
      `WITH d AS (DELETE FROM agency_record WHERE (agency, record_id) IN (SELECT * FROM unnest($1::varchar[], $2::uuid[])) RETURNING child_id)
       SELECT child_id FROM d`,
      [keys.map((k) => k.agency), keys.map((k) => k.recordId)],
    );
    return rows.map((r) => r.child_id).filter((c): c is string => !!c);
  }

  async createChildren(ids: string[]): Promise<void> {
    if (ids.length) await this.em.query(`INSERT INTO child (id) SELECT * FROM unnest($1::uuid[])`, [ids]);
  }

  async setLinks(
    links: Array<{ agency: string; recordId: string; childId: string; score: number | null }>,
  ): Promise<void> {
    if (!links.length) return;
    await this.em.query(
      `UPDATE agency_record a SET child_id = x.child_id, match_score = x.score, status = 'AUTO', linked_at = now()
         FROM unnest($1::varchar[], $2::uuid[], $3::uuid[], $4::float8[]) AS x(agency, record_id, child_id, score)
        WHERE a.agency = x.agency AND a.record_id = x.record_id`,
      [
        links.map((l) => l.agency),
        links.map((l) => l.recordId),
        links.map((l) => l.childId),
        links.map((l) => l.score),
      ],
    );
  }

  /** Golden demographics: for each field, the value most of the child's linked records agree on. */
  async refreshGolden(childIds: string[]): Promise<void> {
    if (!childIds.length) return;
    const fields = [
      'given_name',
      'middle_name',
      'family_name',
      'birth_date',
      'sex',
      'race',
      'ethnicity',
      'primary_language',
    ];
    await this.em.query(
      `UPDATE child c SET ${fields.map((f) => `${f} = g.${f}`).join(', ')}, updated_at = now()
         FROM (SELECT child_id, ${fields.map((f) => `mode() WITHIN GROUP (ORDER BY ${f}) AS ${f}`).join(', ')}
                 FROM agency_record WHERE child_id = ANY($1::uuid[]) AND status IN ('AUTO', 'CONFIRMED') GROUP BY child_id) g
        WHERE c.id = g.child_id`,
      [childIds],
    );
    // A child left without any linked record no longer stands for anyone.
    await this.em.query(
      `DELETE FROM child c WHERE c.id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM agency_record a WHERE a.child_id = c.id)`,
      [childIds],
    );
  }

  /** One entry of the link history (append-only): who did what to which child, and why. */
  async logEvent(
    actor: string,
    action: string,
    childId: string,
    otherChildId: string | null,
    ref: { agency: string; recordId: string } | null,
    reason: string,
  ): Promise<void> {
    await this.em.query(
      `INSERT INTO link_event (actor, action, child_id, other_child_id, agency, record_id, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [actor, action, childId, otherChildId, ref?.agency ?? null, ref?.recordId ?? null, reason],
    );
  }

  /** The agency's stored feed cursor (null before its first page). */
  async storedCursor(agency: string): Promise<string | null> {
    const [row] = await this.em.query('SELECT cursor FROM feed_cursor WHERE agency = $1', [agency]);
    return row?.cursor || null;
  }

  async saveCursor(agency: string, cursor: string, read: number): Promise<void> {
    await this.em.query(
      `INSERT INTO feed_cursor (agency, cursor, records_read, last_error, updated_at) VALUES ($1, $2, $3, NULL, now())
       ON CONFLICT (agency) DO UPDATE SET cursor = EXCLUDED.cursor, records_read = feed_cursor.records_read + EXCLUDED.records_read,
         last_error = NULL, updated_at = now()`,
      [agency, cursor, read],
    );
  }
}
