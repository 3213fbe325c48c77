import type { EntityMetadata } from 'typeorm';
import type { FieldError } from '../errors';
import { inputColumns, rowValidator, type RecordKind } from './upsert';

/** A record kind as the bulk file names it (`"kind": "ENROLLMENT"`). */
export interface BulkKind extends RecordKind {
  kindEnum: string;
}

/** Per-transaction scratch table the valid lines are COPYed into (dropped at commit). */
export const STAGING = 'bulk_ingest_staging';

/** Parents before children, so a row may name a parent sent anywhere in the same file. */
export function writeOrder(kinds: BulkKind[]): BulkKind[] {
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

export interface ParentPlan {
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

export interface KindPlan {
  kind: BulkKind;
  index: number;
  meta: EntityMetadata;
  validate: (row: Record<string, unknown>) => FieldError[];
  /** The row's input columns: database name and the staging expression giving its value. */
  columns: Array<{ name: string; expr: string }>;
  parents: ParentPlan[];
  /** The line's staging values after line, kind and id, tab-separated. */
  encode: (row: Record<string, unknown>) => string;
  staged: number;
}

type Cell = (row: Record<string, unknown>) => string;
interface Field {
  prop: string;
  name: string;
  slotName: string;
  encode: (v: unknown) => string;
  absent: string;
  typed: boolean;
}

/** One kind's columns and parents placed in slots, before the table's width is known. */
function draftKind(kind: BulkKind, index: number, metas: Map<BulkKind, EntityMetadata>) {
  const meta = metas.get(kind)!;
  const used: Record<SlotType, number> = { text: 0, date: 0, int: 0, float: 0, bool: 0 };
  const take = (slot: SlotType) => `${slot}${used[slot]++}`;
  const fields: Field[] = inputColumns(meta, kind).map((col) => {
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
  return { kind, index, meta, fields, parents, used };
}

/** How a kind fills the staging slots, as one function of the row: runs of slots the kind leaves
 *  empty become one constant. */
function encoderFor(slots: string[], fields: Field[], parents: ParentPlan[]) {
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
        // an empty external id names no parent, as in the upsert (one no record can have is
        // refused by validateRow: parentRules.ts)
        if (v === undefined || v === null || v === '') return NULL;
        return copyText(v as string);
      };
    return NULL;
  });
  const parts: Array<Cell | string> = [];
  for (const c of cells) {
    const last = parts[parts.length - 1];
    if (typeof c === 'string' && typeof last === 'string') parts[parts.length - 1] = `${last}\t${c}`;
    else parts.push(c);
  }
  return (row: Record<string, unknown>): string => {
    let out = '';
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const v = typeof part === 'string' ? part : part(row);
      out += i ? `\t${v}` : v;
    }
    return out;
  };
}

const castType = (type: unknown) => (typeof type === 'function' ? type.name.toLowerCase() : String(type));

/** Lays out the staging table (`ddl`: its typed slot columns) and how each kind's rows are
 *  written into it. */
export function planStaging(kinds: BulkKind[], metas: Map<BulkKind, EntityMetadata>) {
  const width: Record<SlotType, number> = { text: 0, date: 0, int: 0, float: 0, bool: 0 };
  const drafts = kinds.map((kind, index) => {
    const draft = draftKind(kind, index, metas);
    for (const t of Object.keys(width) as SlotType[]) width[t] = Math.max(width[t], draft.used[t]);
    return draft;
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
      encode: encoderFor(slots, fields, parents),
      staged: 0,
    };
  });
  return { ddl, plans };
}
