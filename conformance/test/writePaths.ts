import { Readable } from 'node:stream';
import { Kind, parse, print, type ObjectTypeDefinitionNode } from 'graphql';
import request from 'supertest';
import {
  AGENCY_SUBGRAPH,
  agencySdl,
  bulkIngest,
  gatewayCredential,
  GATEWAY_CREDENTIAL_HEADER,
  type AgencyKind,
  type AgencySubgraphService,
  type AgencySubgraphSpec,
  type BulkKind,
  type PlatformConfig,
} from '@wholechild/shared';
import { tokenFor } from '@wholechild/shared/testing';
import type { CaseRow } from './writeCases';

/**
 * The two write paths of an agency's records, run on the same rows and brought to one shape so
 * they can be compared: the batch upsert mutations of a running agency subgraph (GraphQL,
 * shared/src/db/upsert.ts) and the bulk load (NDJSON, shared/src/db/bulkIngest.ts).
 *
 * Where the two paths differ by design, the outcome is normalised here:
 * - a batch is one GraphQL call per kind (the kinds in the spec's order, parents first, as an
 *   integration would send them) but one NDJSON file; bulk numbers lines from 1 in the file,
 *   GraphQL rows from 0 in each call: both become the row's position in the case's batch;
 * - GraphQL's input types refuse a call whose row lacks a non-null field before the upsert rules
 *   run (the whole call, BAD_USER_INPUT naming the row and field); bulk has no input types, so
 *   the same rule refuses that line only. Such a refusal becomes `field REQUIRED` on its row, and
 *   a case sends the row in a call of its own kind alone, so the rest of the batch is the same;
 * - GraphQL says per row whether it was created, bulk counts created, updated and unchanged rows:
 *   each is checked against what the database shows (new keys, keys with a new change_seq).
 */

/** One path's outcome of one batch. */
export interface BatchOutcome {
  /** Refused rows by position in the batch: `field CODE: reason`, in the order reported. */
  rejected: Record<number, string[]>;
  /** Keys (`KIND:externalId`) the batch created or changed (a new change_seq). */
  changed: string[];
  /** Every stored record of the case, by key: its values without ids, timestamps or change_seq;
   *  a reference to another record as that record's key. */
  stored: Record<string, Record<string, unknown>>;
}

/** Where one path writes: the agency's service (listening for the GraphQL path) and its spec. */
export interface PathTarget {
  spec: AgencySubgraphSpec;
  service: AgencySubgraphService;
  config: PlatformConfig;
  /** The service's URL (the GraphQL path only). */
  url?: URL;
}

const kindsOf = (spec: AgencySubgraphSpec): AgencyKind[] => [spec.person, ...spec.kinds];

/** A row as both paths send it: the case's source system (rows of a case never meet another
 *  case's, so every case starts from an empty agency) and the fields the case gives. */
export const rowIn = (source: string, row: CaseRow): Record<string, unknown> => {
  const { kind: _kind, sourceSystem, ...fields } = row;
  return { sourceSystem: sourceSystem ? `${source}-${String(sourceSystem)}` : source, ...fields };
};

/** A row's key as snapshot names it: `KIND:externalId`, `KIND:<system>/externalId` in another. */
export const keyOfRow = (row: CaseRow): string =>
  `${row.kind}:${row.sourceSystem ? `${row.sourceSystem}/` : ''}${row.externalId}`;

/** Each key's change_seq, for telling which keys a batch created or changed. */
export type Seqs = Map<string, string>;

/** The case's stored records (its source system, and the other systems it names). */
export async function snapshot(
  target: PathTarget,
  source: string,
): Promise<{ stored: BatchOutcome['stored']; seqs: Seqs }> {
  const ds = target.service.db.dataSource;
  const rows: Array<{ kind: string; row: Record<string, unknown> }> = [];
  for (const kind of kindsOf(target.spec)) {
    const table = ds.getMetadata(kind.entity).tablePath;
    const found: Array<{ row: Record<string, unknown> }> = await ds.query(
      `SELECT to_jsonb(t) AS row FROM ${table} t WHERE t.source_system = $1 OR t.source_system LIKE $1 || '-%'`,
      [source],
    );
    rows.push(...found.map(({ row }) => ({ kind: kind.kindEnum, row })));
  }
  const keyOf = (kind: string, row: Record<string, unknown>) =>
    `${kind}:${row.source_system === source ? '' : `${String(row.source_system).slice(source.length + 1)}/`}${String(row.external_id)}`;
  const byId = new Map(rows.map(({ kind, row }) => [row.id, keyOf(kind, row)]));
  const stored: BatchOutcome['stored'] = {};
  const seqs: Seqs = new Map();
  for (const { kind, row } of rows) {
    const key = keyOf(kind, row);
    seqs.set(key, String(row.change_seq));
    const values: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(row)) {
      if (['id', 'change_seq', 'created_at', 'updated_at', 'source_system', 'external_id'].includes(column))
        continue;
      values[column] = typeof value === 'string' && byId.has(value) ? byId.get(value) : value;
    }
    stored[key] = values;
  }
  return { stored, seqs };
}

/** The keys whose change_seq is new or different. */
export const changedKeys = (before: Seqs, after: Seqs): string[] =>
  [...after].filter(([key, seq]) => before.get(key) !== seq).map(([key]) => key);

/** The input type of the kind's batch mutation, read from the agency's SDL. */
function inputTypeOf(spec: AgencySubgraphSpec, kind: AgencyKind): string {
  const sdl = parse(agencySdl(spec));
  const mutation = sdl.definitions.find(
    (d): d is ObjectTypeDefinitionNode =>
      d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Mutation',
  );
  const field = mutation?.fields?.find((f) => f.name.value === kind.upsertMany);
  if (!field?.arguments?.[0]) throw new Error(`${spec.agency} has no mutation ${kind.upsertMany}`);
  return print(field.arguments[0].type);
}

const asText = (e: { field: string; code: string; reason: string }) => `${e.field} ${e.code}: ${e.reason}`;

/** GraphQL's refusal of a call by its input types (`Variable "$rs" got invalid value … at
 *  "rs[1]"; Field "entryDate" of required type "String!" was not provided.`), as the row's error. */
function inputTypeRefusal(message: string): { index: number; field: string } | null {
  const m = /at "rs\[(\d+)\]"; Field "(\w+)" of required type "[^"]+" was not provided/.exec(message);
  return m ? { index: Number(m[1]), field: m[2]! } : null;
}

interface RowResult {
  index: number;
  id: string | null;
  created: boolean | null;
  errors: Array<{ field: string; code: string; reason: string }>;
}

/** Sends a batch through the agency's batch upsert mutations, one call per kind. */
export async function viaGraphql(
  target: PathTarget,
  source: string,
  batch: CaseRow[],
): Promise<{ rejected: BatchOutcome['rejected']; created: string[] }> {
  const { spec, config } = target;
  const token = tokenFor(spec.agency, { roles: ['INTEGRATION'], purposeOfUse: 'OPERATIONS' }, config);
  const credential = gatewayCredential(config, AGENCY_SUBGRAPH[spec.agency]);
  const rejected: BatchOutcome['rejected'] = {};
  const created = new Set<string>();
  const unknown = batch.find((row) => !kindsOf(spec).some((k) => k.kindEnum === row.kind));
  if (unknown) throw new Error(`${spec.agency} has no record kind ${unknown.kind}`);
  for (const kind of kindsOf(spec)) {
    const positions = batch.flatMap((row, i) => (row.kind === kind.kindEnum ? [i] : []));
    if (!positions.length) continue;
    const query = `mutation($rs: ${inputTypeOf(spec, kind)}) { ${kind.upsertMany}(records: $rs) {
      accepted rejected rows { index id created errors { field code reason } } } }`;
    const res = await request(target.url!.origin)
      .post(target.url!.pathname)
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${token}`)
      .set(GATEWAY_CREDENTIAL_HEADER, credential)
      .send({ query, variables: { rs: positions.map((i) => rowIn(source, batch[i]!)) } });
    if (res.body.errors) {
      for (const error of res.body.errors as Array<{ message: string; extensions?: { code?: string } }>) {
        const refusal = error.extensions?.code === 'BAD_USER_INPUT' ? inputTypeRefusal(error.message) : null;
        if (!refusal) throw new Error(`${kind.upsertMany} failed: ${JSON.stringify(res.body.errors)}`);
        const at = positions[refusal.index]!;
        rejected[at] = [...(rejected[at] ?? []), `${refusal.field} REQUIRED: (refused by the input type)`];
      }
      continue;
    }
    const out = res.body.data[kind.upsertMany] as { accepted: number; rejected: number; rows: RowResult[] };
    for (const row of out.rows) {
      const at = positions[row.index]!;
      if (row.errors.length) rejected[at] = row.errors.map(asText);
      else if (row.created) created.add(keyOfRow(batch[at]!));
    }
    if (out.accepted + out.rejected !== positions.length) throw new Error('rows miscounted');
  }
  return { rejected, created: [...created] };
}

/** Sends a batch as one NDJSON file through bulkIngest. */
export async function viaBulk(
  target: PathTarget,
  source: string,
  batch: CaseRow[],
): Promise<{
  rejected: BatchOutcome['rejected'];
  counts: { created: number; updated: number; unchanged: number };
}> {
  const text = batch.map((row) => JSON.stringify({ kind: row.kind, ...rowIn(source, row) })).join('\n');
  const report = await bulkIngest({
    ds: target.service.db.dataSource,
    kinds: kindsOf(target.spec) as BulkKind[],
    input: Readable.from([Buffer.from(`${text}\n`)]),
  });
  const rejected: BatchOutcome['rejected'] = {};
  for (const line of report.rejected) {
    // the kind must be the line's own kind: a line is reported under the kind it names
    if (line.kind !== null && line.kind !== batch[line.line - 1]?.kind) throw new Error('kind misreported');
    // one entry per line, as GraphQL gives one per row: a line listed twice shows here
    if (rejected[line.line - 1]) rejected[line.line - 1]!.push('(the line listed again)');
    rejected[line.line - 1] = [...(rejected[line.line - 1] ?? []), ...line.errors.map(asText)];
  }
  return {
    rejected,
    counts: { created: report.created, updated: report.updated, unchanged: report.unchanged },
  };
}
