import { randomUUID } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import { pipeline } from 'node:stream/promises';
import { PassThrough, type Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource, EntityMetadata } from 'typeorm';
import { fieldError, type FieldError } from '../errors';
import { inputColumns, rowValidator, type RecordKind } from './upsert';

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

/** Per-transaction scratch table the valid lines are COPYed into (dropped at commit). */
const STAGING = 'bulk_ingest_staging';
/** Lines go to COPY in chunks of about this many characters: one CopyData message per line would
 *  cost a socket write each. */
const COPY_CHUNK = 256_000;

/** Parents before children, so a row may name a parent sent anywhere in the same file. */
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

/** COPY text format: backslash escapes, and tab, newline and carriage return may not appear raw. */
const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
export const copyText = (s: string): string =>
  SPECIAL.test(s) ? s.replace(SPECIALS, (c) => ESCAPED[c]!) : s;
const NULL = '\\N';

/** The staging table's typed columns. Each kind's values go to slots of their column's type (so
 *  COPY parses dates and numbers once, and the merge reads typed values, not JSON), kinds sharing
 *  the slots: the table is as wide as the widest kind, not the sum of them. */
type SlotType = 'text' | 'date' | 'int' | 'float' | 'bool';
const SLOT_SQL: Record<SlotType, string> = {
  text: 'text',
  date: 'date',
  int: 'integer',
  float: 'double precision',
  bool: 'boolean',
};

function slotTypeOf(columnType: string): { slot: SlotType; typed: boolean } {
  if (columnType === 'varchar' || columnType === 'text') return { slot: 'text', typed: true };
  if (columnType === 'date') return { slot: 'date', typed: true };
  if (columnType === 'int' || columnType === 'integer' || columnType === 'smallint')
    return { slot: 'int', typed: true };
  if (columnType === 'double precision' || columnType === 'real') return { slot: 'float', typed: true };
  if (columnType === 'boolean') return { slot: 'bool', typed: true };
  // anything else travels as text and is cast to the column's type in the merge
  return { slot: 'text', typed: false };
}

/** A value as COPY text for a slot: validateRow has checked its type, so each encoding is exact. */
function encoderOf(slot: SlotType, typed: boolean): (v: unknown) => string {
  if (!typed) return (v) => copyText(typeof v === 'string' ? v : JSON.stringify(v));
  switch (slot) {
    case 'text':
      return (v) => copyText(v as string);
    case 'bool':
      return (v) => (v ? 't' : 'f');
    default:
      return (v) => String(v); // dates (checked YYYY-MM-DD) and finite numbers
  }
}

interface ParentPlan {
  input: string;
  /** Staging slot holding the parent's external id. */
  slot: string;
  /** The row's column holding the parent's id. */
  column: string;
  table: string;
  meta: EntityMetadata;
  name: string;
  property: string;
}

interface KindPlan {
  kind: BulkKind;
  index: number;
  meta: EntityMetadata;
  validate: (row: Record<string, unknown>) => FieldError[];
  /** The row's input columns: database name and the staging expression giving its value. */
  columns: Array<{ name: string; expr: string }>;
  parents: ParentPlan[];
  /** The line's staging values after line, kind and id, tab-separated. */
  encode: (row: Record<string, unknown>) => string | FieldError;
  staged: number;
}

/** Lays out the staging table and how each kind's rows are written into it. */
function planStaging(kinds: BulkKind[], metas: Map<BulkKind, EntityMetadata>) {
  const width: Record<SlotType, number> = { text: 0, date: 0, int: 0, float: 0, bool: 0 };
  const drafts = kinds.map((kind, index) => {
    const meta = metas.get(kind)!;
    const used: Record<SlotType, number> = { text: 0, date: 0, int: 0, float: 0, bool: 0 };
    const take = (slot: SlotType) => `${slot}${used[slot]++}`;
    const fields = inputColumns(meta, kind).map((col) => {
      const name = col.databaseName;
      const { slot, typed } = slotTypeOf(String(col.type));
      // the natural key has columns of its own: every kind has it, and the joins use it
      const slotName = name === 'source_system' ? 'src' : name === 'external_id' ? 'ext' : take(slot);
      const encode = encoderOf(slot, typed);
      const dflt = col.default;
      // an absent optional value is written as the upsert writes it: the column's default, or null
      const absent = dflt === undefined || dflt === null || typeof dflt === 'function' ? NULL : encode(dflt);
      return { prop: col.propertyName, name, slotName, encode, absent, typed };
    });
    const parents: ParentPlan[] = (kind.parents ?? []).map((p) => {
      const pmeta = [...metas.entries()].find(([k]) => k.entity === p.kind().entity)?.[1];
      if (!pmeta) throw new Error(`parent kind of ${kind.kindEnum}.${p.input} is not an agency kind`);
      return {
        input: p.input,
        slot: take('text'),
        column: meta.findColumnWithPropertyName(p.property)!.databaseName,
        table: pmeta.tablePath,
        meta: pmeta,
        name: p.kind().name,
        property: p.property,
      };
    });
    for (const t of Object.keys(width) as SlotType[]) width[t] = Math.max(width[t], used[t]);
    return { kind, index, meta, fields, parents };
  });
  const slots = [
    'src',
    'ext',
    ...(Object.keys(width) as SlotType[]).flatMap((t) =>
      Array.from({ length: width[t] }, (_, i) => `${t}${i}`),
    ),
  ];
  const ddl = slots
    .map((s) => `${s} ${s === 'src' || s === 'ext' ? 'text' : SLOT_SQL[s.replace(/\d+$/, '') as SlotType]}`)
    .join(', ');
  const plans: KindPlan[] = drafts.map(({ kind, index, meta, fields, parents }) => {
    // For each staging slot, how this kind fills it.
    type Cell = (row: Record<string, unknown>) => string | FieldError;
    const cells: Array<Cell | string> = slots.map((slot) => {
      const f = fields.find((x) => x.slotName === slot);
      if (f)
        return (row) => {
          const v = row[f.prop];
          return v === undefined || v === null ? f.absent : f.encode(v);
        };
      const p = parents.find((x) => x.slot === slot);
      if (p)
        return (row) => {
          const v = row[p.input];
          // an empty external id names no parent, as in the upsert
          if (v === undefined || v === null || v === '') return NULL;
          // no record's external id holds NUL (validateRow refuses it): such a parent is unknown
          if ((v as string).includes('\u0000'))
            return fieldError(
              p.input,
              'UNKNOWN_REFERENCE',
              `no ${p.name} with externalId ${JSON.stringify(v)} in source system ${JSON.stringify(row.sourceSystem)}`,
            );
          return copyText(v as string);
        };
      return NULL;
    });
    // Runs of slots this kind leaves empty become one constant.
    const parts: Array<Cell | string> = [];
    for (const c of cells) {
      const last = parts[parts.length - 1];
      if (typeof c === 'string' && typeof last === 'string') parts[parts.length - 1] = `${last}\t${c}`;
      else parts.push(c);
    }
    const encode = (row: Record<string, unknown>): string | FieldError => {
      let out = '';
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i]!;
        const v = typeof part === 'string' ? part : part(row);
        if (typeof v !== 'string') return v;
        out += i ? `\t${v}` : v;
      }
      return out;
    };
    const metaColumns = new Map(meta.columns.map((c) => [c.databaseName, c]));
    return {
      kind,
      index,
      meta,
      validate: rowValidator(meta, kind),
      columns: fields.map((f) => ({
        name: f.name,
        expr: f.typed ? `s.${f.slotName}` : `s.${f.slotName}::${castType(metaColumns.get(f.name)!.type)}`,
      })),
      parents,
      encode,
      staged: 0,
    };
  });
  return { ddl, plans };
}

const castType = (type: unknown) => (typeof type === 'function' ? type.name.toLowerCase() : String(type));

/**
 * An agency's initial history load: every line of an NDJSON file is one record
 * (`{"kind": "STUDENT", "sourceSystem": …, "externalId": …, …}`, the fields of the agency's upsert
 * input). Each line is validated as the upsert API validates it (shared/src/db/upsert.ts); valid
 * lines are COPYed, as they are read, into a temporary staging table of typed columns, then each
 * kind is merged into the agency's table, parents first: the keys not there yet with one plain
 * `INSERT … SELECT`, the keys already there with one `UPDATE … FROM` of the rows that differ (or,
 * if the file repeats a new key or another writer adds one meanwhile, one
 * `INSERT … ON CONFLICT (source_system, external_id) DO UPDATE`). Lines that fail validation or
 * name an unknown parent are reported with their line numbers and nothing of them is written.
 * One transaction: the load lands whole or not at all. Re-running the same file changes nothing.
 * Each written row gets a new change_seq (the column's default when inserted, the table's trigger
 * when changed; touchOnUpdateMigration), so the agency's person feed carries the new records to the
 * child index.
 */
export async function bulkIngest(opts: BulkIngestOptions): Promise<BulkIngestReport> {
  const t0 = performance.now();
  const kinds = writeOrder(opts.kinds);
  const metas = new Map<BulkKind, EntityMetadata>(kinds.map((k) => [k, opts.ds.getMetadata(k.entity)]));
  const { ddl, plans } = planStaging(kinds, metas);
  const byEnum = new Map(plans.map((p) => [p.kind.kindEnum, p]));
  const kindList = [...byEnum.keys()].join(', ');
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
    // Sorts and hashes of a whole kind stay in memory; the staging table's joins with the agency
    // tables are hash joins (the planner, misled by the agency tables' statistics from before the
    // load, sorted both sides for merge joins: 134 ms against 49 ms for the parent check of 50,000
    // lines); the staging table's statistics only need the few kinds (a smaller sample).
    await client.query(`SET LOCAL work_mem = '64MB'`);
    await client.query(`SET LOCAL enable_mergejoin = off`);
    await client.query(`SET LOCAL default_statistics_target = 10`);
    await client.query(
      `CREATE TEMP TABLE ${STAGING} (line integer NOT NULL, kind smallint NOT NULL, id uuid NOT NULL, ${ddl}) ON COMMIT DROP`,
    );
    const copy = client.query(copyFrom(`COPY ${STAGING} FROM STDIN`));
    const out = new PassThrough();
    const copied = pipeline(out, copy);
    let pending = '';
    const flush = async () => {
      if (pending && !out.write(pending)) await new Promise((r) => out.once('drain', r));
      pending = '';
    };
    let n = 0;
    const onLine = (text: string) => {
      n++;
      if (n % 1000 === 0) opts.onProgress?.(n);
      let row: Record<string, unknown>;
      try {
        row = JSON.parse(text) as Record<string, unknown>;
      } catch {
        if (!text.trim()) return; // blank lines are skipped
        row = null as unknown as Record<string, unknown>;
      }
      if (!row || typeof row !== 'object' || Array.isArray(row)) {
        reject(n, null, [fieldError('line', 'INVALID_TYPE', 'not a JSON object')]);
        return;
      }
      const plan = byEnum.get(String(row.kind));
      if (!plan) {
        reject(n, null, [fieldError('kind', 'INVALID_ENUM', `kind must be one of ${kindList}`)]);
        return;
      }
      const errors = plan.validate(row);
      if (errors.length) {
        reject(n, plan.kind.kindEnum, errors);
        return;
      }
      const values = plan.encode(row);
      if (typeof values !== 'string') {
        reject(n, plan.kind.kindEnum, [values]);
        return;
      }
      plan.staged++;
      pending += `${n}\t${plan.index}\t${randomUUID()}\t${values}\n`;
    };
    // Lines end at \n, \r\n or a lone \r, as node:readline splits them.
    const decoder = new StringDecoder('utf8');
    let carry = '';
    const lines = (text: string, last: boolean) => {
      let start = 0;
      if (text.indexOf('\r') < 0) {
        for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
          onLine(text.slice(start, nl));
          start = nl + 1;
        }
      } else {
        const re = /\r\n|\n|\r/g;
        for (let m = re.exec(text); m; m = re.exec(text)) {
          // a \r at the end of the chunk may be the first half of \r\n
          if (!last && m[0] === '\r' && m.index === text.length - 1) break;
          onLine(text.slice(start, m.index));
          start = m.index + m[0].length;
        }
      }
      carry = text.slice(start);
      if (last && carry) onLine(carry);
    };
    for await (const chunk of opts.input as AsyncIterable<Buffer | string>) {
      lines(carry + (typeof chunk === 'string' ? chunk : decoder.write(chunk)), false);
      if (pending.length > COPY_CHUNK) await flush();
    }
    lines(carry + decoder.end(), true);
    await flush();
    out.end();
    await copied;
    report.lines = n;
    opts.onProgress?.(n);
    // the merge's joins need to know how many lines each kind has
    await client.query(`ANALYZE ${STAGING} (kind)`);
    report.phases.copyMs = performance.now() - t0;
    for (const plan of plans) {
      if (!plan.staged) continue;
      const t1 = performance.now();
      const bad = await unknownParents(client, plan);
      for (const b of bad) reject(b.line, plan.kind.kindEnum, [b.error]);
      plan.staged -= new Set(bad.map((b) => b.line)).size;
      const t2 = performance.now();
      const merged = plan.staged ? await mergeKind(client, plan) : { created: 0, updated: 0, unchanged: 0 };
      report.phases.checkMs += t2 - t1;
      report.phases.mergeMs += performance.now() - t2;
      report.created += merged.created;
      report.updated += merged.updated;
      report.unchanged += merged.unchanged;
      if (merged.created + merged.updated + merged.unchanged)
        report.byKind[plan.kind.kindEnum] = merged.created + merged.updated + merged.unchanged;
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

/** Staged lines of the kind naming a parent that is not in the agency's table (nor written earlier
 *  in this load), or naming parents about different children: reported, and removed from staging
 *  so nothing of them is written. */
async function unknownParents(
  client: PoolClient,
  plan: KindPlan,
): Promise<Array<{ line: number; error: FieldError }>> {
  const found: Array<{ line: number; error: FieldError }> = [];
  for (const parent of plan.parents) {
    const { rows } = await client.query<{ line: number; ext: string; src: string }>(
      `SELECT s.line, s.${parent.slot} AS ext, s.src FROM ${STAGING} s
        WHERE s.kind = $1 AND s.${parent.slot} IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM ${parent.table} p WHERE p.source_system = s.src AND p.external_id = s.${parent.slot})`,
      [plan.index],
    );
    for (const r of rows)
      found.push({
        line: r.line,
        error: fieldError(
          parent.input,
          'UNKNOWN_REFERENCE',
          `no ${parent.name} with externalId ${JSON.stringify(r.ext)} in source system ${JSON.stringify(r.src)}`,
        ),
      });
  }
  // Every child-level record a row points at must be about the same child (as the upsert checks).
  const personParent = plan.parents.find((p) => p.property === 'personId');
  for (const parent of plan.parents) {
    if (!personParent || parent === personParent) continue;
    if (!parent.meta.findColumnWithPropertyName('personId')) continue;
    const { rows } = await client.query<{ line: number }>(
      `SELECT s.line FROM ${STAGING} s
         JOIN ${parent.table} p ON p.source_system = s.src AND p.external_id = s.${parent.slot}
         JOIN ${personParent.table} c ON c.source_system = s.src AND c.external_id = s.${personParent.slot}
        WHERE s.kind = $1 AND p.person_id IS DISTINCT FROM c.id`,
      [plan.index],
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
      plan.index,
      found.map((f) => f.line),
    ]);
  return found;
}

/**
 * Writes the staged lines of a kind. The keys not in the table yet go in with one plain
 * `INSERT … SELECT` (each line carries the id it gets); then the keys that were there are updated
 * where they differ, the last line of a repeated key winning. Identical re-sends are left untouched,
 * so they keep their change_seq and the feed does not carry them again. A new key the file repeats,
 * or one another writer added meanwhile, fails that INSERT (unique key): it is undone and the kind
 * goes through one `INSERT … ON CONFLICT … DO UPDATE` of each key's last line instead.
 */
async function mergeKind(
  client: PoolClient,
  plan: KindPlan,
): Promise<{ created: number; updated: number; unchanged: number }> {
  const table = plan.meta.tablePath;
  const joins = plan.parents
    .map(
      (p, i) =>
        `LEFT JOIN ${p.table} p${i} ON p${i}.source_system = s.src AND p${i}.external_id = s.${p.slot}`,
    )
    .join('\n');
  const values = [
    ...plan.columns.map((c) => `${c.expr} AS ${c.name}`),
    ...plan.parents.map((p, i) => `p${i}.id AS ${p.column}`),
  ];
  const columns = [...plan.columns.map((c) => c.name), ...plan.parents.map((p) => p.column)];
  const updates = columns.filter((c) => c !== 'source_system' && c !== 'external_id');
  const differs = (a: string, b: string) =>
    `(${updates.map((c) => `${a}.${c}`).join(', ')}) IS DISTINCT FROM (${updates.map((c) => `${b}.${c}`).join(', ')})`;

  await client.query('SAVEPOINT bulk_merge');
  let created: number;
  try {
    const res = await client.query(
      `INSERT INTO ${table} (id, ${columns.join(', ')})
       SELECT s.id, ${values.join(', ')} FROM ${STAGING} s ${joins}
        WHERE s.kind = $1
          AND NOT EXISTS (SELECT 1 FROM ${table} x WHERE x.source_system = s.src AND x.external_id = s.ext)`,
      [plan.index],
    );
    created = res.rowCount ?? 0;
    await client.query('RELEASE SAVEPOINT bulk_merge');
  } catch (e) {
    if ((e as { code?: string }).code !== '23505') throw e;
    await client.query('ROLLBACK TO SAVEPOINT bulk_merge');
    await client.query('RELEASE SAVEPOINT bulk_merge');
    return upsertKind(client, plan, table, joins, values, columns, updates, differs);
  }
  if (created === plan.staged) return { created, updated: 0, unchanged: 0 };
  // The keys that were there before (a line whose id is not the row's was not inserted above).
  const { rows } = await client.query<{ matched: number; updated: number }>(
    `WITH src AS (
       SELECT DISTINCT ON (s.src, s.ext) x.id AS row_id, ${values.join(', ')}
         FROM ${STAGING} s JOIN ${table} x ON x.source_system = s.src AND x.external_id = s.ext ${joins}
        WHERE s.kind = $1 AND x.id <> s.id
        ORDER BY s.src, s.ext, s.line DESC),
     upd AS (
       UPDATE ${table} t SET ${updates.map((c) => `${c} = src.${c}`).join(', ')}
         FROM src WHERE t.id = src.row_id AND ${differs('t', 'src')}
       RETURNING 1)
     SELECT (SELECT count(*) FROM src)::int AS matched, (SELECT count(*) FROM upd)::int AS updated`,
    [plan.index],
  );
  const { matched, updated } = rows[0]!;
  return { created, updated, unchanged: matched - updated };
}

/** The general merge: each key's last line, inserted or updated where it differs. */
async function upsertKind(
  client: PoolClient,
  plan: KindPlan,
  table: string,
  joins: string,
  values: string[],
  columns: string[],
  updates: string[],
  differs: (a: string, b: string) => string,
): Promise<{ created: number; updated: number; unchanged: number }> {
  const { rows } = await client.query<{ keys: number; created: number; written: number }>(
    `WITH last AS (
       SELECT DISTINCT ON (src, ext) * FROM ${STAGING} WHERE kind = $1 ORDER BY src, ext, line DESC),
     ins AS (
       INSERT INTO ${table} AS t (id, ${columns.join(', ')})
       SELECT s.id, ${values.join(', ')} FROM last s ${joins}
       ON CONFLICT (source_system, external_id) DO UPDATE SET ${updates.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
         WHERE ${differs('t', 'EXCLUDED')}
       RETURNING (xmax = 0) AS created)
     SELECT (SELECT count(*) FROM last)::int AS keys, (SELECT count(*) FILTER (WHERE created) FROM ins)::int AS created,
            (SELECT count(*) FROM ins)::int AS written`,
    [plan.index],
  );
  const { keys, created, written } = rows[0]!;
  return { created, updated: written - created, unchanged: keys - written };
}
