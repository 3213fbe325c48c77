import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { aggregateFactCodes } from '../aggregateFacts';
import { assertMay } from '../access/permissions';
import type { AgencyPolicy } from '../access/policy';
import { fieldError } from '../errors';
import { assertArgs } from '../graphql/arguments';
import type { PeerRoute } from '../graphql/subgraphService';
import type { DerivedProtection } from './protection';
import type { AgencyLoaders, AgencySubgraphSpec } from './spec';

/** The route on every agency subgraph where the child index reads its contribution. */
export const AGGREGATE_CONTRIBUTION_ROUTE = '/aggregate-contribution';

/**
 * One row of an agency's contribution: `[pseudonym, protected, code, startDay, endDay, ...apart]`.
 * Days count from 1970-01-01 (an open spell's end is null). `apart` (birth year, sex, race,
 * ethnicity) only for a record that never leaves the agency (a survivor, a sealed adoption): the
 * index cannot join it to any child (its pseudonym is salted apart) and knows nothing else of it.
 */
export type ContributionRow = [
  string,
  0 | 1,
  string,
  number,
  number | null,
  (number | null)?,
  (string | null)?,
  (string | null)?,
  (string | null)?,
];

export interface AggregateContribution {
  /** Changes whenever a contributing record (or the policy) changes. */
  version: string;
  /** The caller's `since` is still current: no rows sent. */
  unchanged: boolean;
  /** The codes contributed (the policy's), and whether protected records are among the rows. */
  contributes: string[];
  protectedIncluded: boolean;
  rows: ContributionRow[];
}

/**
 * The agency's door for population measures. Its policy says which facts it contributes and
 * whether protected records count; its spec says how each fact is read from its tables (SQL
 * returning `person_id, start_date, end_date`). What leaves: per fact, a pseudonym of the person
 * record (sha-256 of the index's salt and the record id: the index, which knows the record ids
 * from the person feed, can join it to its links; nobody else can), a code and dates. Never a
 * name, an id, a birth date or an address; only to the child index's service token
 * (CONTRIBUTE_AGGREGATES), never through the gateway.
 */
export function aggregateContributionRoute(
  spec: AgencySubgraphSpec,
  policy: AgencyPolicy,
  ds: DataSource,
  protection: DerivedProtection,
): PeerRoute<AgencyLoaders> {
  const use = policy.aggregates;
  const known = aggregateFactCodes(spec.agency);
  const declared = Object.keys(spec.aggregateFacts ?? {});
  const missing = known.filter((c) => !declared.includes(c));
  const extra = declared.filter((c) => !known.includes(c));
  if ((spec.aggregateFacts || use) && (missing.length || extra.length))
    throw new Error(
      `${spec.agency}: aggregateFacts must read exactly ${known.join(', ')} (missing ${missing.join(', ') || 'none'}, unknown ${extra.join(', ') || 'none'})`,
    );
  const personTable = ds.getMetadata(spec.person.entity).tablePath;
  const tables = [spec.person, ...spec.kinds].map((k) => ds.getMetadata(k.entity).tablePath);
  const contributes = [...(use?.contributes ?? [])];
  const apart = protection.leavesSql ? `NOT (${protection.leavesSql})` : 'false';
  const protectedSql =
    [protection.existenceProtectedSql, protection.leavesSql ? apart : undefined]
      .filter(Boolean)
      .map((x) => `(${x})`)
      .join(' OR ') || 'false';
  const include = use?.protectedRecords.include ?? false;
  const policyMark = createHash('sha256')
    .update(JSON.stringify({ contributes, include }))
    .digest('hex')
    .slice(0, 12);
  const versionSql = `SELECT concat_ws('.', ${tables.map((t) => `(SELECT coalesce(max(change_seq), 0) FROM ${t})`).join(', ')}) AS v`;
  const factsSql = contributes
    .map(
      (code) =>
        `SELECT '${code}'::text AS code, x.person_id, x.start_date, x.end_date FROM (${spec.aggregateFacts![code]}) x`,
    )
    .join(' UNION ALL ');
  const rowsSql = `
    WITH f AS (${factsSql})
    SELECT substr(encode(sha256(convert_to($1 || CASE WHEN ${apart} THEN 'apart:' ELSE '' END || p.id::text, 'UTF8')), 'hex'), 1, 24) AS k,
           CASE WHEN ${protectedSql} THEN 1 ELSE 0 END AS p,
           f.code, f.start_date - DATE '1970-01-01' AS s, f.end_date - DATE '1970-01-01' AS e,
           CASE WHEN ${apart} THEN extract(year FROM p.birth_date)::int END AS by,
           CASE WHEN ${apart} THEN p.sex END AS sex,
           CASE WHEN ${apart} THEN p.race END AS race,
           CASE WHEN ${apart} THEN p.ethnicity END AS eth
      FROM f JOIN ${personTable} p ON p.id = f.person_id
     WHERE f.start_date IS NOT NULL${include ? '' : ` AND NOT (${protectedSql})`}`;

  return async (ctx, params): Promise<AggregateContribution> => {
    assertMay(ctx.viewer, 'CONTRIBUTE_AGGREGATES');
    const salt = params.get('salt') ?? '';
    assertArgs(
      /^[0-9a-f]{32,128}$/.test(salt)
        ? null
        : fieldError('salt', 'INVALID_FORMAT', 'salt must be 32 to 128 lower-case hex digits'),
    );
    const [{ v }] = await ds.query(versionSql);
    const version = `${policyMark}:${v}`;
    const base = { version, contributes, protectedIncluded: include };
    if (params.get('since') === version || !contributes.length)
      return { ...base, unchanged: params.get('since') === version, rows: [] };
    const raw: Array<Record<string, unknown>> = await ds.query(rowsSql, [salt]);
    const rows = raw.map((r) => {
      const row: ContributionRow = [
        r.k as string,
        r.p === 1 ? 1 : 0,
        r.code as string,
        r.s as number,
        r.e as number | null,
      ];
      if (r.sex !== null || r.by !== null || r.race !== null || r.eth !== null)
        row.push(
          r.by as number | null,
          r.sex as string | null,
          r.race as string | null,
          r.eth as string | null,
        );
      return row;
    });
    return { ...base, unchanged: false, rows };
  };
}
