import type { DataSource } from 'typeorm';
import type { AgencyCode } from '../agencies';
import type { ViewerClaims } from '../auth/claims';
import { assertMay, may } from '../access/permissions';
import { feedLockKey } from '../db/personRecord';
import { errorCodes } from '../errors';

export const FEED_PAGE_DEFAULT = 500;
export const FEED_PAGE_MAX = 5000;

export function encodeCursor(seq: number): string {
  return Buffer.from(`seq:${seq}`).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  const m = Buffer.from(cursor, 'base64url')
    .toString('utf8')
    .match(/^seq:(\d+)$/);
  if (!m)
    throw errorCodes.BAD_USER_INPUT.err('Invalid cursor', {
      errors: [{ field: 'after', code: 'INVALID_TYPE', reason: 'not a cursor this feed issued' }],
    });
  return Number(m[1]);
}

/** Who may read an agency's person feed: the platform's index service, or the agency's own data
 *  stewards and integration accounts, never analytics (PERMISSIONS.READ_PERSON_FEED). */
export function assertFeedReader(viewer: ViewerClaims, agency: AgencyCode): void {
  assertMay(viewer, 'READ_PERSON_FEED', { holder: agency });
}

/** Who may tell the child index that an agency's feed changed (`agencyFeedChanged`): the
 *  agency's own writers (integration accounts and data stewards, the tokens its upserts accept and
 *  forward), or the platform's index service. Another agency may not make the index pull it. */
export function assertFeedNotifier(viewer: ViewerClaims, agency: AgencyCode): void {
  // PERMISSIONS: the agency's writers (WRITE_RECORDS), or the index service that reads the feed
  const service = viewer.agency === 'CHILD_INDEX' && may(viewer, 'READ_PERSON_FEED', { holder: agency });
  if (!service && !may(viewer, 'WRITE_RECORDS', { holder: agency }))
    throw errorCodes.FORBIDDEN.err(
      `Only ${agency} integration accounts and data stewards, or the platform service, may report its feed changed`,
    );
}

/** One agency person record as the feed delivers it (`PersonFeedRecord`): the agency reads it
 *  (readPersonFeed), the child index takes it in. */
export interface PersonFeedRecord {
  agency: string;
  recordId: string;
  sourceSystem: string;
  externalId: string;
  givenName: string | null;
  middleName: string | null;
  familyName: string | null;
  birthDate: string | null;
  sex: string | null;
  race: string | null;
  ethnicity: string | null;
  primaryLanguage: string | null;
  addressLine: string | null;
  city: string | null;
  postalCode: string | null;
  sealedAdoption: boolean;
  /** The holder protects the record's existence: its link is shown only to the holder's staff. */
  existenceProtected?: boolean;
  changeSeq: number;
  /** The agency withdrew the record: drop the copy and its link. */
  withdrawn?: boolean;
}

/** A person row as the feed's query selects it. */
interface FeedRow {
  id: string;
  source_system: string;
  external_id: string;
  given_name: string | null;
  middle_name: string | null;
  family_name: string | null;
  birth_date: string | null;
  sex: string | null;
  race: string | null;
  ethnicity: string | null;
  primary_language: string | null;
  address_line: string | null;
  city: string | null;
  postal_code: string | null;
  change_seq: number | string;
  sealed_adoption: boolean;
  included: boolean;
  existence_protected: boolean;
}

/** Reads one page of the person feed: records changed after the cursor, in change order.
 *  `sealedAdoptionSql` is a SQL expression (child welfare's flag), `false` elsewhere. */
export async function readPersonFeed(
  ds: DataSource,
  table: string,
  agency: AgencyCode,
  after: string | null | undefined,
  first: number | null | undefined,
  sealedAdoptionSql = 'false',
  filterSql = 'true',
  existenceProtectedSql = 'false',
): Promise<{
  records: PersonFeedRecord[];
  cursor: string;
  hasMore: boolean;
  edges: Array<{ cursor: string; node: PersonFeedRecord }>;
  pageInfo: { hasNextPage: boolean; endCursor: string };
}> {
  const from = decodeCursor(after);
  const limit = Math.min(Math.max(first ?? FEED_PAGE_DEFAULT, 1), FEED_PAGE_MAX);
  // wait for writers in flight (feedOrderMigration): no sequence number below the page can still appear
  const rows: FeedRow[] = await ds.transaction(async (em) => {
    await em.query(`SELECT pg_advisory_xact_lock(${feedLockKey(table)})`);
    return em.query(
      `SELECT id, source_system, external_id, given_name, middle_name, family_name, birth_date, sex, race, ethnicity,
            primary_language, address_line, city, postal_code, change_seq, ${sealedAdoptionSql} AS sealed_adoption,
            (${filterSql}) AS included, (${existenceProtectedSql}) AS existence_protected
       FROM ${table} WHERE change_seq > $1 ORDER BY change_seq LIMIT $2`,
      [from, limit + 1],
    );
  });
  const page = rows.slice(0, limit);
  const last = page.length ? Number(page[page.length - 1]!.change_seq) : from;
  const records = page.map((r) => feedRecordOf(agency, r));
  const hasMore = rows.length > limit;
  const cursor = encodeCursor(last);
  return {
    records,
    cursor,
    hasMore,
    edges: records.map((node, i) => ({ node, cursor: encodeCursor(Number(page[i]!.change_seq)) })),
    // a feed's end cursor is kept even when nothing follows yet: new changes come after it
    pageInfo: { hasNextPage: hasMore, endCursor: cursor },
  };
}

/** One row of a person table as the feed sends it. */
function feedRecordOf(agency: AgencyCode, r: FeedRow): PersonFeedRecord {
  return r.included === false
    ? withdrawn(agency, r)
    : {
        agency,
        recordId: r.id,
        sourceSystem: r.source_system,
        externalId: r.external_id,
        givenName: r.given_name,
        middleName: r.middle_name,
        familyName: r.family_name,
        birthDate: r.birth_date,
        sex: r.sex,
        race: r.race,
        ethnicity: r.ethnicity,
        primaryLanguage: r.primary_language,
        addressLine: r.address_line,
        city: r.city,
        postalCode: r.postal_code,
        sealedAdoption: Boolean(r.sealed_adoption),
        changeSeq: Number(r.change_seq),
        existenceProtected: Boolean(r.existence_protected),
        withdrawn: false,
      };
}

function withdrawn(agency: AgencyCode, r: FeedRow): PersonFeedRecord {
  return {
    agency,
    recordId: r.id,
    sourceSystem: r.source_system,
    externalId: r.external_id,
    givenName: null,
    middleName: null,
    familyName: null,
    birthDate: null,
    sex: null,
    race: null,
    ethnicity: null,
    primaryLanguage: null,
    addressLine: null,
    city: null,
    postalCode: null,
    sealedAdoption: false,
    changeSeq: Number(r.change_seq),
    existenceProtected: true,
    withdrawn: true,
  };
}
