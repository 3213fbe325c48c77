import type { DataSource, EntityMetadata } from 'typeorm';
import { fieldError, type FieldError } from '../errors';
import { isIsoDate } from '../validation';
import { anotherChildErrors, namesNoRecord, unknownParentError, type ChildRef } from './parentRules';
import { ENUM_SPELLINGS } from './personRecord';

/** A parent reference in an upsert input: the parent's external id, in the same source system. */
export interface ParentRef {
  /** Input field holding the parent's externalId, e.g. `personExternalId`. */
  input: string;
  /** Entity property holding the resolved parent id, e.g. `personId`. */
  property: string;
  /** The parent's record kind. */
  kind: () => RecordKind;
  required: boolean;
}

/** Describes one record type an agency accepts: validation comes from the TypeORM column
 *  metadata (type, length, nullability) plus the rules listed here. */
export interface RecordKind {
  name: string;
  entity: Function;
  parents?: ParentRef[];
  enums?: Record<string, readonly string[]>;
  ranges?: Record<string, { min?: number; max?: number }>;
  checks?: Array<(row: Record<string, unknown>) => FieldError | null>;
}

export interface UpsertRowResult {
  index: number;
  id: string | null;
  created: boolean | null;
  errors: FieldError[];
}

const MANAGED = new Set(['id', 'changeSeq', 'createdAt', 'updatedAt']);
const MAX_PARAMS = 60_000;
/** Longest value of a text column declared without a length. */
const MAX_TEXT = 10_000;

/** The columns an input row sets (not the managed ones, nor the resolved parent ids). */
export function inputColumns(meta: EntityMetadata, kind: RecordKind) {
  const parentProps = new Set((kind.parents ?? []).map((p) => p.property));
  return meta.columns.filter(
    (c) => !MANAGED.has(c.propertyName) && !parentProps.has(c.propertyName) && !c.relationMetadata,
  );
}

/** A string of nothing but white space: what a CSV export writes for a missing value. */
function isBlank(value: unknown): boolean {
  return typeof value === 'string' && value.trim() === '';
}

/** The reason given for a date that is not one: only ISO 8601 calendar dates are read, since
 *  04/05/2012 is April 5th in one agency's export and May 4th in another's. */
function dateReason(field: string): string {
  return `${field} must be a real date in ISO 8601 form YYYY-MM-DD (e.g. 2012-04-05); other forms such as MM/DD/YYYY are not accepted`;
}

/** How an enum field reads what agencies send: any letter case, spaces or hyphens for
 *  underscores (`not hispanic` → NOT_HISPANIC), and the list's own other spellings (ENUM_SPELLINGS,
 *  e.g. `female` → F). What matches nothing is left as sent, for the enum check to refuse. */
function enumSpelling(allowed: readonly string[]): { spell: (v: string) => string; also: string } {
  const codes = new Set(allowed);
  const others = ENUM_SPELLINGS.get(allowed) ?? {};
  const also = Object.keys(others).length
    ? ` (any letter case; also ${Object.keys(others).join(', ').toLowerCase()})`
    : ' (any letter case)';
  return {
    also,
    spell: (v) => {
      if (codes.has(v)) return v;
      const canonical = v
        .trim()
        .toUpperCase()
        .replace(/[\s-]+/g, '_');
      return codes.has(canonical) ? canonical : (others[canonical] ?? v);
    },
  };
}

/** Validates one input row against the entity's columns and the kind's rules. Reads the row as
 *  rowValidator does, in place: blank optional fields made undefined, enum spellings made codes. */
export function validateRow(
  meta: EntityMetadata,
  kind: RecordKind,
  row: Record<string, unknown>,
): FieldError[] {
  return rowValidator(meta, kind)(row);
}

type ColumnCheck = (value: unknown, errors: FieldError[]) => void;

/** The checks of validateRow prepared once for a kind (its columns, their types, the kind's enums
 *  and ranges), for validating many rows: the same errors, in the same order. Both write paths
 *  (upsertRecords and bulkIngest) read rows through it, so they read them alike: before checking,
 *  it makes an optional field sent blank ("" or spaces) absent (so null or the column's default
 *  is written) and turns an enum's accepted spelling into its code, in the row itself. */
export function rowValidator(
  meta: EntityMetadata,
  kind: RecordKind,
): (row: Record<string, unknown>) => FieldError[] {
  const columns = inputColumns(meta, kind).map((col) => {
    const field = col.propertyName;
    const type = String(col.type);
    let typeCheck: ColumnCheck | null = null;
    if (type === 'varchar' || type === 'text') {
      const max = col.length ? Number(col.length) : MAX_TEXT;
      const tooLong = col.length
        ? `${field} is longer than ${col.length} characters`
        : `${field} is longer than ${MAX_TEXT} characters`;
      typeCheck = (value, errors) => {
        if (typeof value !== 'string')
          errors.push(fieldError(field, 'INVALID_TYPE', `${field} must be a string`));
        // PostgreSQL text cannot hold NUL: refuse it here rather than fail in the driver.
        else if (value.includes('\u0000'))
          errors.push(fieldError(field, 'INVALID_FORMAT', `${field} must not contain a NUL character`));
        else if (value.length > max) errors.push(fieldError(field, 'TOO_LONG', tooLong));
        else if (!col.isNullable && value.trim() === '')
          errors.push(fieldError(field, 'REQUIRED', `${field} must not be blank`));
      };
    } else if (type === 'date') {
      typeCheck = (value, errors) => {
        if (!isIsoDate(value)) errors.push(fieldError(field, 'INVALID_DATE', dateReason(field)));
      };
    } else if (type === 'int' || type === 'integer' || type === 'smallint') {
      const limit = type === 'smallint' ? 32_767 : 2_147_483_647;
      typeCheck = (value, errors) => {
        if (typeof value !== 'number' || !Number.isInteger(value))
          errors.push(fieldError(field, 'INVALID_TYPE', `${field} must be an integer`));
        else if (Math.abs(value) > limit)
          errors.push(fieldError(field, 'OUT_OF_RANGE', `${field} is outside the column's integer range`));
      };
    } else if (type === 'double precision' || type === 'numeric' || type === 'real') {
      typeCheck = (value, errors) => {
        if (typeof value !== 'number' || !Number.isFinite(value))
          errors.push(fieldError(field, 'INVALID_TYPE', `${field} must be a number`));
      };
    } else if (type === 'boolean') {
      typeCheck = (value, errors) => {
        if (typeof value !== 'boolean')
          errors.push(fieldError(field, 'INVALID_TYPE', `${field} must be true or false`));
      };
    }
    const allowed = kind.enums?.[field];
    const allowedSet = allowed ? new Set<string>(allowed) : null;
    const spelling = allowed ? enumSpelling(allowed) : null;
    const range = kind.ranges?.[field];
    const enumReason = allowed ? `${field} must be one of ${allowed.join(', ')}${spelling!.also}` : '';
    return {
      field,
      required: !col.isNullable && col.default === undefined,
      typeCheck,
      spell: spelling?.spell ?? null,
      enumCheck: allowedSet
        ? (value: unknown, errors: FieldError[]) => {
            if (typeof value === 'string' && !allowedSet.has(value))
              errors.push(fieldError(field, 'INVALID_ENUM', enumReason));
          }
        : null,
      rangeCheck: range
        ? (value: unknown, errors: FieldError[]) => {
            if (
              typeof value === 'number' &&
              ((range.min !== undefined && value < range.min) ||
                (range.max !== undefined && value > range.max))
            )
              errors.push(
                fieldError(
                  field,
                  'OUT_OF_RANGE',
                  `${field} must be between ${range.min ?? '-∞'} and ${range.max ?? '∞'}`,
                ),
              );
          }
        : null,
    };
  });
  const parents = kind.parents ?? [];
  const checks = kind.checks ?? [];
  return (row) => {
    const errors: FieldError[] = [];
    for (const c of columns) {
      let value = row[c.field];
      // CSV exports write a missing value as "": in an optional field it means absent
      // (set to undefined, not deleted: a delete would slow every later read of a parsed row)
      if (!c.required && isBlank(value)) value = row[c.field] = undefined;
      if (value === undefined || value === null) {
        if (c.required) errors.push(fieldError(c.field, 'REQUIRED'));
        continue;
      }
      if (c.spell && typeof value === 'string') value = row[c.field] = c.spell(value);
      c.typeCheck?.(value, errors);
      c.enumCheck?.(value, errors);
      c.rangeCheck?.(value, errors);
    }
    for (const parent of parents) {
      const v = row[parent.input];
      if (v === undefined || v === null || v === '') {
        if (parent.required) errors.push(fieldError(parent.input, 'REQUIRED'));
      } else if (typeof v !== 'string' || v.length > 128)
        errors.push(fieldError(parent.input, 'INVALID_TYPE', `${parent.input} must be an external id`));
      else if (namesNoRecord(v))
        errors.push(
          unknownParentError({ input: parent.input, name: parent.kind().name }, v, row.sourceSystem),
        );
    }
    for (const check of checks) {
      const e = check(row);
      if (e) errors.push(e);
    }
    return errors;
  };
}

/**
 * Idempotent batch upsert keyed by `(sourceSystem, externalId)`. The write rules, which the bulk
 * load (bulkIngest) follows too, case by case (conformance/test/writeCases.ts):
 * - each row is read and validated by rowValidator: column types, lengths, enums, ranges and the
 *   kind's checks; an optional field sent blank is absent (written as null or the column's
 *   default, so a re-send with it blank clears it); a required one blank or missing is REQUIRED;
 * - its parents follow parentRules.ts: looked up in the row's source system, UNKNOWN_REFERENCE on
 *   each one not there, and on each one about another child than the row's;
 * - a refused row is reported (by index here, by line in bulk) with all its errors, and nothing
 *   of it is written; the other rows are;
 * - a key repeated in a batch: its last accepted occurrence is written (every occurrence gets
 *   the record's id);
 * - re-sending a record updates it in place; an identical one changes nothing (the tables' touch
 *   trigger gives a new change_seq only to a row that really changed, so the feed skips it).
 * The accepted rows are written together in one transaction, so a reported success is durable.
 */
export async function upsertRecords(
  ds: DataSource,
  kind: RecordKind,
  rows: Array<Record<string, unknown>>,
): Promise<UpsertRowResult[]> {
  const meta = ds.getMetadata(kind.entity);
  const validate = rowValidator(meta, kind);
  const results: UpsertRowResult[] = rows.map((row, index) => ({
    index,
    id: null,
    created: null,
    errors: validate(row),
  }));
  const valid = results.filter((r) => r.errors.length === 0);
  if (!valid.length) return results;

  await ds.transaction(async (em) => {
    // Resolve parents, one query per parent kind (with the child each child-level parent is about).
    const parentIds = new Map<string, Map<string, { id: string; personId: string | null }>>();
    for (const parent of kind.parents ?? []) {
      const keys = valid
        .map((r) => rows[r.index]!)
        .filter((row) => row[parent.input])
        .map((row) => [row.sourceSystem as string, row[parent.input] as string]);
      const found = new Map<string, { id: string; personId: string | null }>();
      if (keys.length) {
        const pmeta = ds.getMetadata(parent.kind().entity);
        const personCol = pmeta.findColumnWithPropertyName('personId')?.databaseName;
        const res: Array<{
          id: string;
          source_system: string;
          external_id: string;
          person_id: string | null;
        }> = await em.query(
          `SELECT id, source_system, external_id, ${personCol ?? 'NULL::uuid'} AS person_id FROM ${pmeta.tablePath}
            WHERE (source_system, external_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
          [keys.map((k) => k[0]), keys.map((k) => k[1])],
        );
        for (const r of res)
          found.set(`${r.source_system}\u0000${r.external_id}`, { id: r.id, personId: r.person_id });
      }
      parentIds.set(parent.input, found);
    }
    const writable: Array<{ result: UpsertRowResult; values: Record<string, unknown> }> = [];
    for (const result of valid) {
      const row = rows[result.index]!;
      const values: Record<string, unknown> = {};
      for (const col of inputColumns(meta, kind))
        values[col.databaseName] = row[col.propertyName] ?? (col.default !== undefined ? col.default : null);
      const childOf: ChildRef[] = [];
      for (const parent of kind.parents ?? []) {
        const column = meta.findColumnWithPropertyName(parent.property)!.databaseName;
        const ext = row[parent.input] as string | undefined;
        // An absent optional parent is written as null, so every row has the same columns and a
        // re-sent record without the parent clears the old reference.
        values[column] = null;
        if (!ext) continue;
        const found = parentIds.get(parent.input)!.get(`${row.sourceSystem}\u0000${ext}`);
        if (!found) {
          result.errors.push(
            unknownParentError({ input: parent.input, name: parent.kind().name }, ext, row.sourceSystem),
          );
          continue;
        }
        values[column] = found.id;
        if (parent.property === 'personId')
          childOf.push({ input: parent.input, personId: found.id, isPerson: true });
        else if (found.personId)
          childOf.push({ input: parent.input, personId: found.personId, isPerson: false });
      }
      result.errors.push(...anotherChildErrors(childOf));
      if (!result.errors.length) writable.push({ result, values });
    }
    // A batch may repeat a key: the last occurrence wins, every occurrence gets the same id.
    const byKey = new Map<string, Array<{ result: UpsertRowResult; values: Record<string, unknown> }>>();
    for (const w of writable) {
      const key = `${w.values.source_system}\u0000${w.values.external_id}`;
      byKey.set(key, [...(byKey.get(key) ?? []), w]);
    }
    const unique = [...byKey.values()].map((list) => list[list.length - 1]!);
    if (!unique.length) return;
    const columns = Object.keys(unique[0]!.values);
    const perChunk = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
    for (let start = 0; start < unique.length; start += perChunk) {
      const chunk = unique.slice(start, start + perChunk);
      const params: unknown[] = [];
      const tuples = chunk.map(
        (w) =>
          `(${columns
            .map((c) => {
              params.push(w.values[c]);
              return `$${params.length}`;
            })
            .join(', ')})`,
      );
      const updates = columns
        .filter((c) => c !== 'source_system' && c !== 'external_id')
        .map((c) => `${c} = EXCLUDED.${c}`);
      const sql = `INSERT INTO ${meta.tablePath} (${columns.join(', ')}) VALUES ${tuples.join(', ')}
        ON CONFLICT (source_system, external_id) DO UPDATE SET ${updates.join(', ')}
        RETURNING id, source_system, external_id, (xmax = 0) AS created`;
      const returned: Array<{ id: string; source_system: string; external_id: string; created: boolean }> =
        await em.query(sql, params);
      for (const r of returned) {
        for (const w of byKey.get(`${r.source_system}\u0000${r.external_id}`) ?? []) {
          w.result.id = r.id;
          w.result.created = r.created;
        }
      }
    }
  });
  return results;
}
