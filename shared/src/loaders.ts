import DataLoader from 'dataloader';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import type { DataSource, ObjectLiteral, Repository } from 'typeorm';
import { poolOf, statementName } from './db/dataSource';

/**
 * One compiled read of an entity's rows by one column: the SQL is built once per entity, column
 * and order (not by TypeORM's query builder on every call), runs as a named prepared statement
 * (PostgreSQL parses and plans it once per connection), and each row is hydrated as TypeORM's find
 * would (an instance of the entity, every selected column through the driver's hydration), so
 * callers see the same objects. It is counted by the data source's logger like any other statement.
 */
interface CompiledRead<E> {
  run(keys: readonly string[]): Promise<E[]>;
}

type Order = Record<string, 'ASC' | 'DESC'>;

const compiled = new WeakMap<object, Map<string, CompiledRead<ObjectLiteral>>>();

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** What a compiled read needs of an entity: its table, its selected columns, a column by property. */
function shapeOf(metadata: EntityMetadata) {
  const columnOf = (prop: string): ColumnMetadata => {
    const c = metadata.findColumnWithPropertyPath(prop);
    if (!c) throw new Error(`${metadata.name} has no column ${prop}`);
    return c;
  };
  return {
    columnOf,
    columns: metadata.columns.filter((c) => c.isSelect && !c.isVirtual && !c.relationMetadata),
    table: metadata.schema
      ? `${quote(metadata.schema)}.${quote(metadata.tableName)}`
      : quote(metadata.tableName),
  };
}

/** An entity from one row's values, as TypeORM's find builds it: `value(i)` is the pg driver's
 *  value of `columns[i]` (undefined: not selected). */
function hydrate<E extends ObjectLiteral>(
  metadata: EntityMetadata,
  columns: readonly ColumnMetadata[],
  value: (i: number) => unknown,
): E {
  const driver = metadata.dataSource.driver;
  const entity = metadata.create() as E;
  for (let i = 0; i < columns.length; i++) {
    const v = value(i);
    if (v === undefined) continue;
    columns[i]!.setEntityValue(entity, driver.prepareHydratedValue(v, columns[i]!));
  }
  return entity;
}

function compileRead<E extends ObjectLiteral>(
  repo: Repository<E>,
  property: string,
  order: Order = {},
): CompiledRead<E> {
  const metadata = repo.metadata;
  const cacheKey = `${property}|${JSON.stringify(order)}`;
  let byKey = compiled.get(metadata);
  if (!byKey) compiled.set(metadata, (byKey = new Map()));
  const hit = byKey.get(cacheKey);
  if (hit) return hit as CompiledRead<E>;

  const ds = repo.manager.connection;
  const { columnOf, columns, table } = shapeOf(metadata);
  const orderBy = Object.entries(order).map(([p, dir]) => `${quote(columnOf(p).databaseName)} ${dir}`);
  const text =
    `SELECT ${columns.map((c, i) => `${quote(c.databaseName)} AS c${i}`).join(', ')} FROM ${table} ` +
    `WHERE ${quote(columnOf(property).databaseName)} = ANY($1)` +
    (orderBy.length ? ` ORDER BY ${orderBy.join(', ')}` : '');
  const name = statementName(text);
  const read: CompiledRead<E> = {
    async run(keys) {
      const params = [[...keys]];
      ds.logger.logQuery(text, params);
      const { rows } = await poolOf(ds).query<Record<string, unknown>>({ name, text, values: params });
      return rows.map((row) => hydrate<E>(metadata, columns, (i) => row[`c${i}`]));
    },
  };
  byKey.set(cacheKey, read as CompiledRead<ObjectLiteral>);
  return read;
}

/** A per-request loader of all rows whose `column` equals each key: one SQL statement per batch. */
export function manyByColumn<E extends ObjectLiteral>(
  repo: Repository<E>,
  property: keyof E & string,
  order?: Partial<Record<keyof E, 'ASC' | 'DESC'>>,
) {
  const read = compileRead(repo, property, order as Order);
  return new DataLoader<string, E[]>(async (keys) => {
    const rows = await read.run(keys);
    const byKey = new Map<string, E[]>();
    for (const row of rows) {
      const k = String(row[property]);
      const list = byKey.get(k);
      if (list) list.push(row);
      else byKey.set(k, [row]);
    }
    return keys.map((k) => byKey.get(k) ?? []);
  });
}

/** One list of a multi-list read: the rows of `repo` whose `property` equals a key, in `order`. */
export interface ListPart {
  repo: Repository<ObjectLiteral>;
  property: string;
  order?: Readonly<Order>;
}

/** A key of a multi-list loader: which list (index of its part) and whose rows (the column value). */
export interface ListKey {
  part: number;
  key: string;
}

interface CompiledLists {
  run(keys: ReadonlyArray<readonly string[]>): Promise<Array<Map<string, ObjectLiteral[]>>>;
}

const compiledLists = new WeakMap<DataSource, Map<string, CompiledLists>>();
/** By the parts array itself: a service passes the same array for every request's loader. */
const compiledParts = new WeakMap<readonly ListPart[], CompiledLists>();

/** The SQL type PostgreSQL gives a column, for a typed NULL in the other lists' branches; enums
 *  (whose type name TypeORM generates) travel as text, which is what pg returns for them anyway. */
function slotTypeOf(ds: DataSource, column: ColumnMetadata): { type: string; cast: boolean } {
  const base = ds.driver.normalizeType(column);
  if (base === 'enum') return { type: 'text', cast: true };
  return { type: column.isArray ? `${base}[]` : base, cast: false };
}

type Slot = { type: string; order?: { position: number; dir: 'ASC' | 'DESC' } };

/** Places every column of every part in a slot (a result column) of its SQL type: a part's order
 *  columns first, each in a slot only that order position (of that type and direction) uses; every
 *  other column in the first slot of its type the part has not filled yet (a new one when none). */
function layOut(ds: DataSource, parts: readonly ListPart[]) {
  const slots: Slot[] = [];
  const orderSlots = new Map<string, number>();
  const shapes = parts.map((part) => {
    if (part.repo.manager.connection !== ds) throw new Error('the parts of one read share a data source');
    const shape = shapeOf(part.repo.metadata);
    const used = new Set<number>();
    const slotOf = new Map<ColumnMetadata, number>();
    for (const [position, [prop, dir]] of Object.entries(part.order ?? {}).entries()) {
      const column = shape.columnOf(prop);
      const { type } = slotTypeOf(ds, column);
      const key = `${position}|${type}|${dir}`;
      let slot = orderSlots.get(key);
      if (slot === undefined) {
        slot = slots.push({ type, order: { position, dir } }) - 1;
        orderSlots.set(key, slot);
      }
      used.add(slot);
      slotOf.set(column, slot);
    }
    for (const column of shape.columns) {
      if (slotOf.has(column)) continue;
      const { type } = slotTypeOf(ds, column);
      let slot = slots.findIndex((s, i) => !s.order && s.type === type && !used.has(i));
      if (slot < 0) slot = slots.push({ type }) - 1;
      used.add(slot);
      slotOf.set(column, slot);
    }
    return { ...shape, metadata: part.repo.metadata, property: part.property, slotOf };
  });
  return { slots, shapes };
}

/** `SELECT <part> AS k, <slots> FROM <table> WHERE <property> = ANY($<part + 1>) UNION ALL … ORDER
 *  BY k, <order slots by position>`: within a part, the other parts' order slots are all NULL. */
function listsSql(ds: DataSource, { slots, shapes }: ReturnType<typeof layOut>): string {
  const branches = shapes.map((shape, part) => {
    const bySlot = new Map([...shape.slotOf].map(([column, slot]) => [slot, column]));
    const values = slots.map((s, slot) => {
      const column = bySlot.get(slot);
      const value = !column
        ? `NULL::${s.type}`
        : slotTypeOf(ds, column).cast
          ? `${quote(column.databaseName)}::text`
          : quote(column.databaseName);
      return part === 0 ? `${value} AS s${slot}` : value;
    });
    const where = `${quote(shape.columnOf(shape.property).databaseName)} = ANY($${part + 1})`;
    return `SELECT ${part}${part === 0 ? ' AS k' : ''}, ${values.join(', ')} FROM ${shape.table} WHERE ${where}`;
  });
  const orderBy = slots
    .flatMap((s, slot) => (s.order ? [{ ...s.order, slot }] : []))
    .sort((a, b) => a.position - b.position)
    .map((o) => `s${o.slot} ${o.dir}`);
  return `${branches.join(' UNION ALL ')} ORDER BY ${['k', ...orderBy].join(', ')}`;
}

/**
 * Several lists in one statement (one round trip): each part is one branch of a UNION ALL, read
 * by its own key array ($1 for part 0, $2 for part 1, …; an empty array reads nothing). The
 * branches share the result's columns ("slots") by SQL type: a column of a part sits in a slot of
 * its own type, and the other parts put a NULL of that type there, so every value comes back
 * through the pg driver's parser of its real type and is hydrated as TypeORM's find would —
 * the same objects as `manyByColumn` returns, with no re-encoding (JSON, text) in between. The
 * order columns of a part have slots of their own, so `ORDER BY part, <order slots>` orders each
 * part's rows by its own order. Built once per set of parts, run as a named prepared statement.
 */
function compileLists(parts: readonly ListPart[]): CompiledLists {
  const same = compiledParts.get(parts);
  if (same) return same;
  const ds = parts[0]!.repo.manager.connection;
  const cacheKey = parts
    .map((p) => `${p.repo.metadata.tablePath}|${p.property}|${JSON.stringify(p.order ?? {})}`)
    .join(',');
  let byKey = compiledLists.get(ds);
  if (!byKey) compiledLists.set(ds, (byKey = new Map()));
  let lists = byKey.get(cacheKey);
  if (!lists) {
    const layout = layOut(ds, parts);
    const text = listsSql(ds, layout);
    const name = statementName(text);
    // Per part: the columns to hydrate and the position of each in a result row (k is 0).
    const reads = layout.shapes.map((shape) => ({
      ...shape,
      positions: shape.columns.map((c) => shape.slotOf.get(c)! + 1),
    }));
    lists = {
      async run(keys) {
        const params = keys.map((k) => [...k]);
        ds.logger.logQuery(text, params);
        const { rows } = await poolOf(ds).query<unknown[]>({ name, text, values: params, rowMode: 'array' });
        const out = reads.map(() => new Map<string, ObjectLiteral[]>());
        for (const row of rows) {
          const part = row[0] as number;
          const read = reads[part]!;
          const entity = hydrate(read.metadata, read.columns, (i) => row[read.positions[i]!]);
          const key = String(entity[read.property]);
          const list = out[part]!.get(key);
          if (list) list.push(entity);
          else out[part]!.set(key, [entity]);
        }
        return out;
      },
    };
    byKey.set(cacheKey, lists);
  }
  compiledParts.set(parts, lists);
  return lists;
}

/**
 * A per-request loader of several lists at once: `load({ part, key })` is what
 * `manyByColumn(parts[part].repo, parts[part].property, parts[part].order).load(key)` would give,
 * but every list asked for in one tick (any parts, any keys) is read by ONE SQL statement.
 */
export function manyByColumns(parts: readonly ListPart[]): DataLoader<ListKey, ObjectLiteral[], string> {
  if (!parts.length) throw new Error('manyByColumns needs at least one part');
  const read = compileLists(parts);
  return new DataLoader<ListKey, ObjectLiteral[], string>(
    async (keys) => {
      const byPart = parts.map(() => [] as string[]);
      for (const { part, key } of keys) byPart[part]!.push(key);
      const lists = await read.run(byPart);
      return keys.map(({ part, key }) => lists[part]!.get(key) ?? []);
    },
    { cacheKeyFn: ({ part, key }) => `${part}:${key}` },
  );
}

/** A read of rows by primary key id, each with the rows of a related table that point at it
 *  (`related.table.related.column = id`, and `related.where` on alias `r`), together in one
 *  statement (a LEFT JOIN): `{ row, related }` per id, in the order of the ids. The rows are
 *  hydrated as `oneById` does; the related rows come back as the pg driver gives them (column names
 *  as stored). The first related column must never be null (the related table's key): a null
 *  there means "no related row". Compiled once; run it from a DataLoader's batch function. */
export function readByIdWithRelated<E extends ObjectLiteral & { id: string }>(
  repo: Repository<E>,
  related: { table: string; column: string; where?: string; columns: readonly string[] },
) {
  const metadata = repo.metadata;
  const ds = repo.manager.connection;
  const { columnOf, columns, table } = shapeOf(metadata);
  const id = quote(columnOf('id').databaseName);
  const text =
    `SELECT ${columns.map((c, i) => `p.${quote(c.databaseName)} AS c${i}`).join(', ')}, ` +
    `${related.columns.map((c, i) => `r.${quote(c)} AS r${i}`).join(', ')} FROM ${table} p ` +
    `LEFT JOIN ${quote(related.table)} r ON r.${quote(related.column)} = p.${id}` +
    (related.where ? ` AND (${related.where})` : '') +
    ` WHERE p.${id} = ANY($1)`;
  const name = statementName(text);
  const idAt = `c${columns.indexOf(columnOf('id'))}`;
  return async (
    ids: readonly string[],
  ): Promise<Array<{ row: E | null; related: Array<Record<string, unknown>> }>> => {
    const params = [[...ids]];
    ds.logger.logQuery(text, params);
    const { rows } = await poolOf(ds).query<Record<string, unknown>>({ name, text, values: params });
    const byId = new Map<string, { row: E; related: Array<Record<string, unknown>> }>();
    for (const r of rows) {
      let hit = byId.get(r[idAt] as string);
      if (!hit) {
        const row = hydrate<E>(metadata, columns, (i) => r[`c${i}`]);
        byId.set(row.id, (hit = { row, related: [] }));
      }
      if (r.r0 !== null && r.r0 !== undefined)
        hit.related.push(Object.fromEntries(related.columns.map((c, i) => [c, r[`r${i}`]])));
    }
    return ids.map((i) => byId.get(i) ?? { row: null, related: [] });
  };
}

/** A per-request loader of rows by primary key id. */
export function oneById<E extends ObjectLiteral & { id: string }>(repo: Repository<E>) {
  const read = compileRead(repo, 'id');
  return new DataLoader<string, E | null>(async (ids) => {
    const rows = await read.run(ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Loads the rows of several keys and flattens them (a section's list across linked records). */
export async function loadAll<K, E, C = K>(loader: DataLoader<K, E[], C>, keys: readonly K[]): Promise<E[]> {
  return (await loader.loadMany(keys)).flatMap((r) => {
    if (r instanceof Error) throw r;
    return r;
  });
}
