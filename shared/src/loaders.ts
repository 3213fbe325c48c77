import { createHash } from 'node:crypto';
import DataLoader from 'dataloader';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { ObjectLiteral, Repository } from 'typeorm';
import { poolOf } from './db/dataSource';

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

const compiled = new WeakMap<object, Map<string, CompiledRead<ObjectLiteral>>>();

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function compileRead<E extends ObjectLiteral>(
  repo: Repository<E>,
  property: string,
  order: Record<string, 'ASC' | 'DESC'> = {},
): CompiledRead<E> {
  const metadata = repo.metadata;
  const cacheKey = `${property}|${JSON.stringify(order)}`;
  let byKey = compiled.get(metadata);
  if (!byKey) compiled.set(metadata, (byKey = new Map()));
  const hit = byKey.get(cacheKey);
  if (hit) return hit as CompiledRead<E>;

  const ds = repo.manager.connection;
  const driver = ds.driver;
  const columnOf = (prop: string): ColumnMetadata => {
    const c = metadata.findColumnWithPropertyPath(prop);
    if (!c) throw new Error(`${metadata.name} has no column ${prop}`);
    return c;
  };
  const columns = metadata.columns.filter((c) => c.isSelect && !c.isVirtual && !c.relationMetadata);
  const table = metadata.schema
    ? `${quote(metadata.schema)}.${quote(metadata.tableName)}`
    : quote(metadata.tableName);
  const orderBy = Object.entries(order).map(([p, dir]) => `${quote(columnOf(p).databaseName)} ${dir}`);
  const text =
    `SELECT ${columns.map((c, i) => `${quote(c.databaseName)} AS c${i}`).join(', ')} FROM ${table} ` +
    `WHERE ${quote(columnOf(property).databaseName)} = ANY($1)` +
    (orderBy.length ? ` ORDER BY ${orderBy.join(', ')}` : '');
  const name = `wc_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
  const read: CompiledRead<E> = {
    async run(keys) {
      const params = [[...keys]];
      ds.logger.logQuery(text, params);
      const { rows } = await poolOf(ds).query<Record<string, unknown>>({ name, text, values: params });
      return rows.map((row) => {
        const entity = metadata.create() as E;
        for (let i = 0; i < columns.length; i++) {
          const value = row[`c${i}`];
          if (value === undefined) continue;
          columns[i]!.setEntityValue(entity, driver.prepareHydratedValue(value, columns[i]!));
        }
        return entity;
      });
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
  const read = compileRead(repo, property, order as Record<string, 'ASC' | 'DESC'>);
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
export async function loadAll<E>(loader: DataLoader<string, E[]>, keys: string[]): Promise<E[]> {
  return (await loader.loadMany(keys)).flatMap((r) => {
    if (r instanceof Error) throw r;
    return r;
  });
}
