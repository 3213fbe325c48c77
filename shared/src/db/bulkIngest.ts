import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { PassThrough, type Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource, EntityMetadata } from 'typeorm';
import { fieldError, type FieldError } from '../errors';
import { inputColumns, validateRow, type RecordKind } from './upsert';

/** A record kind as the bulk file names it (`"kind": "ENROLLMENT"`). */
export interface BulkKind extends RecordKind {
  kindEnum: string;
}

export interface RejectedLine {
  /** 1-based line number in the file. */
  line: number;
  kind: string | null;
  errors: FieldError[];
}

export interface BulkIngestReport {
  lines: number;
  /** Rows written new, rows changed, rows re-sent identical (left untouched). */
  created: number;
  updated: number;
  unchanged: number;
  rejected: RejectedLine[];
  byKind: Record<string, number>;
  ms: number;
  /** Where the time went: reading, validating and COPYing; checking parents; merging. */
  phases: { copyMs: number; checkMs: number; mergeMs: number };
}

export interface BulkIngestOptions {
  ds: DataSource;
  /** Every kind the agency accepts; written parents first whatever the order given. */
  kinds: BulkKind[];
  input: Readable;
  /** Called as lines are read (for a progress bar). */
  onProgress?: (lines: number) => void;
}

/** Largest number of rejected lines listed one by one; more are counted. */
export const MAX_REJECTED_LISTED = 1000;

const STAGING = 'bulk_ingest_staging';

/** Parents before children, so a row may name a parent sent earlier in the same file. */
function writeOrder(kinds: BulkKind[]): BulkKind[] {
  const done: BulkKind[] = [];
  const visit = (k: BulkKind, path: Set<BulkKind>) => {
    if (done.includes(k)) return;
    if (path.has(k)) throw new Error(`record kinds refer to each other in a cycle at ${k.kindEnum}`);
    path.add(k);
    for (const p of k.parents ?? []) {
      const parent = kinds.find((x) => x.entity === p.kind().entity);
      if (parent) visit(parent, path);
    }
    done.push(k);
  };
  for (const k of kinds) visit(k, new Set());
  return done;
}

/** COPY text format: backslash is the escape character; JSON text has no raw tab or newline. */
const copyLine = (line: number, kind: string, doc: unknown) =>
  `${line}\t${kind}\t${JSON.stringify(doc).replace(/\\/g, '\\\\')}\n`;

/**
 * An agency's initial history load: every line of an NDJSON file is one record
 * (`{"kind": "STUDENT", "sourceSystem": …, "externalId": …, …}`, the fields of the agency's upsert
 * input). Each line is validated as the upsert API validates it (shared/src/db/upsert.ts); valid
 * lines are COPYed into a staging table, then each kind is merged into the agency's table with one
 * `INSERT … SELECT … ON CONFLICT (source_system, external_id) DO UPDATE`, parents first. Lines
 * that fail validation or name an unknown parent are reported with their line numbers and nothing
 * of them is written. One transaction: the load lands whole or not at all. Re-running the same
 * file changes nothing. Each written row gets a new change_seq (the table's trigger), so the
 * agency's person feed carries the new records to the child index.
 */
export async function bulkIngest(opts: BulkIngestOptions): Promise<BulkIngestReport> {
  const t0 = performance.now();
  const kinds = writeOrder(opts.kinds);
  const byEnum = new Map(kinds.map((k) => [k.kindEnum, k]));
  const metas = new Map<BulkKind, EntityMetadata>(kinds.map((k) => [k, opts.ds.getMetadata(k.entity)]));
  const rejected: RejectedLine[] = [];
  let rejectedCount = 0;
  const reject = (line: number, kind: string | null, errors: FieldError[]) => {
    rejectedCount++;
    if (rejected.length < MAX_REJECTED_LISTED) rejected.push({ line, kind, errors });
  };
  const report: BulkIngestReport = {
    lines: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected,
    byKind: {},
    ms: 0,
    phases: { copyMs: 0, checkMs: 0, mergeMs: 0 },
  };

  const runner = opts.ds.createQueryRunner();
  const client = (await runner.connect()) as PoolClient;
  try {
    await client.query('BEGIN');
    await client.query(
      `CREATE TEMP TABLE ${STAGING} (line int NOT NULL, kind text NOT NULL, doc jsonb NOT NULL) ON COMMIT DROP`,
    );
    const copy = client.query(copyFrom(`COPY ${STAGING} (line, kind, doc) FROM STDIN`));
    const out = new PassThrough();
    const copied = pipeline(out, copy);
    // Lines go to COPY in chunks of ~256 kB: one CopyData message per line would cost a socket
    // write each.
    let pending = '';
    const flush = async () => {
      if (pending && !out.write(pending)) await new Promise((r) => out.once('drain', r));
      pending = '';
    };
    const columnsOf = new Map(kinds.map((k) => [k, inputColumns(metas.get(k)!, k)]));
    const lines = readline.createInterface({ input: opts.input, crlfDelay: Infinity });
    let n = 0;
    for await (const text of lines) {
      n++;
      if (n % 1000 === 0) opts.onProgress?.(n);
      if (!text.trim()) continue;
      let row: Record<string, unknown>;
      try {
        row = JSON.parse(text) as Record<string, unknown>;
        if (!row || typeof row !== 'object' || Array.isArray(row)) throw new Error('not an object');
      } catch {
        reject(n, null, [fieldError('line', 'INVALID_TYPE', 'not a JSON object')]);
        continue;
      }
      const kind = byEnum.get(String(row.kind));
      if (!kind) {
        reject(n, null, [
          fieldError('kind', 'INVALID_ENUM', `kind must be one of ${[...byEnum.keys()].join(', ')}`),
        ]);
        continue;
      }
      const meta = metas.get(kind)!;
      const errors = validateRow(meta, kind, row);
      if (errors.length) {
        reject(n, kind.kindEnum, errors);
        continue;
      }
      // The row as the table names its columns (absent optional values as the upsert writes
      // them), with the parents' external ids beside it.
      const doc: Record<string, unknown> = {};
      for (const col of columnsOf.get(kind)!)
        doc[col.databaseName] = row[col.propertyName] ?? (col.default !== undefined ? col.default : null);
      for (const parent of kind.parents ?? []) doc[`$${parent.input}`] = row[parent.input] ?? null;
      pending += copyLine(n, kind.kindEnum, doc);
      if (pending.length > 256_000) await flush();
    }
    await flush();
    out.end();
    await copied;
    report.lines = n;
    opts.onProgress?.(n);
    await client.query(`CREATE INDEX ON ${STAGING} (kind, line)`);
    await client.query(`ANALYZE ${STAGING}`);
    report.phases.copyMs = performance.now() - t0;
    for (const kind of kinds) {
      const t1 = performance.now();
      for (const bad of await unknownParents(client, kind, metas))
        reject(bad.line, kind.kindEnum, [bad.error]);
      const t2 = performance.now();
      const merged = await mergeKind(client, kind, metas.get(kind)!);
      report.phases.checkMs += t2 - t1;
      report.phases.mergeMs += performance.now() - t2;
      report.created += merged.created;
      report.updated += merged.updated;
      report.unchanged += merged.unchanged;
      if (merged.created + merged.updated + merged.unchanged)
        report.byKind[kind.kindEnum] = merged.created + merged.updated + merged.unchanged;
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await runner.release();
  }
  rejected.sort((a, b) => a.line - b.line);
  if (rejectedCount > rejected.length)
    rejected.push({
      line: 0,
      kind: null,
      errors: [fieldError('line', 'OUT_OF_RANGE', `${rejectedCount - rejected.length} more rejected lines`)],
    });
  report.ms = performance.now() - t0;
  return report;
}

/** Staged lines of `kind` naming a parent that is not in the agency's table (nor written earlier
 *  in this load), or naming parents about different children: reported, and removed from staging
 *  so nothing of them is written. */
async function unknownParents(
  client: PoolClient,
  kind: BulkKind,
  metas: Map<BulkKind, EntityMetadata>,
): Promise<Array<{ line: number; error: FieldError }>> {
  const found: Array<{ line: number; error: FieldError }> = [];
  const metaOf = (entity: Function) => [...metas.entries()].find(([k]) => k.entity === entity)?.[1];
  const parents = kind.parents ?? [];
  for (const parent of parents) {
    const pmeta = metaOf(parent.kind().entity);
    if (!pmeta) throw new Error(`parent kind of ${kind.kindEnum}.${parent.input} is not an agency kind`);
    const { rows } = await client.query<{ line: number; ext: string; src: string }>(
      `SELECT s.line, s.doc->>'$${parent.input}' AS ext, s.doc->>'source_system' AS src FROM ${STAGING} s
        WHERE s.kind = $1 AND s.doc->>'$${parent.input}' IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM ${pmeta.tablePath} p
                           WHERE p.source_system = s.doc->>'source_system' AND p.external_id = s.doc->>'$${parent.input}')`,
      [kind.kindEnum],
    );
    for (const r of rows)
      found.push({
        line: r.line,
        error: fieldError(
          parent.input,
          'UNKNOWN_REFERENCE',
          `no ${parent.kind().name} with externalId ${JSON.stringify(r.ext)} in source system ${JSON.stringify(r.src)}`,
        ),
      });
  }
  // Every child-level record a row points at must be about the same child (as the upsert checks).
  const personParent = parents.find((p) => p.property === 'personId');
  for (const parent of parents) {
    if (!personParent || parent === personParent) continue;
    const pmeta = metaOf(parent.kind().entity)!;
    if (!pmeta.findColumnWithPropertyName('personId')) continue;
    const person = metaOf(personParent.kind().entity)!;
    const { rows } = await client.query<{ line: number }>(
      `SELECT s.line FROM ${STAGING} s
         JOIN ${pmeta.tablePath} p ON p.source_system = s.doc->>'source_system' AND p.external_id = s.doc->>'$${parent.input}'
         JOIN ${person.tablePath} c ON c.source_system = s.doc->>'source_system' AND c.external_id = s.doc->>'$${personParent.input}'
        WHERE s.kind = $1 AND p.person_id IS DISTINCT FROM c.id`,
      [kind.kindEnum],
    );
    for (const r of rows)
      found.push({
        line: r.line,
        error: fieldError(
          parent.input,
          'UNKNOWN_REFERENCE',
          `${parent.input} refers to a record of another person than ${personParent.input}`,
        ),
      });
  }
  if (found.length)
    await client.query(`DELETE FROM ${STAGING} WHERE kind = $1 AND line = ANY($2::int[])`, [
      kind.kindEnum,
      found.map((f) => f.line),
    ]);
  return found;
}

/** One INSERT … SELECT … ON CONFLICT for every staged line of `kind` (the last line of a repeated
 *  key wins, as in a batch upsert). Identical re-sends are left untouched, so they keep their
 *  change_seq and the feed does not carry them again. */
async function mergeKind(
  client: PoolClient,
  kind: BulkKind,
  meta: EntityMetadata,
): Promise<{ created: number; updated: number; unchanged: number }> {
  const own = inputColumns(meta, kind).map((c) => c.databaseName);
  const parentTables = (kind.parents ?? []).map((p, i) => ({
    alias: `p${i}`,
    input: p.input,
    column: meta.findColumnWithPropertyName(p.property)!.databaseName,
    table: meta.connection.getMetadata(p.kind().entity).tablePath,
  }));
  const columns = [...own, ...parentTables.map((p) => p.column)];
  const select = [...own.map((c) => `r.${c}`), ...parentTables.map((p) => `${p.alias}.id`)].join(', ');
  const joins = parentTables
    .map(
      (p) =>
        `LEFT JOIN ${p.table} ${p.alias} ON ${p.alias}.source_system = s.doc->>'source_system' AND ${p.alias}.external_id = s.doc->>'$${p.input}'`,
    )
    .join('\n');
  const updates = columns.filter((c) => c !== 'source_system' && c !== 'external_id');
  const [{ n: staged }] = (
    await client.query<{ n: number }>(
      `SELECT count(DISTINCT (doc->>'source_system', doc->>'external_id'))::int AS n FROM ${STAGING} WHERE kind = $1`,
      [kind.kindEnum],
    )
  ).rows as [{ n: number }];
  if (!staged) return { created: 0, updated: 0, unchanged: 0 };
  const { rows } = await client.query<{ created: boolean }>(
    `INSERT INTO ${meta.tablePath} AS t (${columns.join(', ')})
     SELECT ${select}
       FROM (SELECT DISTINCT ON (doc->>'source_system', doc->>'external_id') line, doc FROM ${STAGING}
              WHERE kind = $1 ORDER BY doc->>'source_system', doc->>'external_id', line DESC) s
       CROSS JOIN LATERAL jsonb_populate_record(NULL::${meta.tablePath}, s.doc) r
       ${joins}
     ON CONFLICT (source_system, external_id) DO UPDATE SET ${updates.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
       WHERE (${updates.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM (${updates.map((c) => `EXCLUDED.${c}`).join(', ')})
     RETURNING (xmax = 0) AS created`,
    [kind.kindEnum],
  );
  const created = rows.filter((r) => r.created).length;
  return { created, updated: rows.length - created, unchanged: staged - rows.length };
}
