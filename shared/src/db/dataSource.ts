import { createHash } from 'node:crypto';
import 'reflect-metadata';
import { Client, types, type Pool } from 'pg';
import { DataSource, type Logger as TypeOrmLogger, type MixedList, type EntitySchema } from 'typeorm';
import { migrateAsOwner, typeormOptions, type DatabaseRoles } from './owner';
import { dropAppRoles } from './roles';

export { isDatabaseUnavailable } from './unavailable';

// DATE columns come back as the 'YYYY-MM-DD' text they are, not as a midnight-UTC Date.
types.setTypeParser(1082, (v: string) => v);
// BIGINT (change sequences, counts) fit in a JS number for any realistic size.
types.setTypeParser(20, (v: string) => Number(v));

/** Counts SQL statements a data source sends: tests use it to prove batching. */
export class StatementCounter implements TypeOrmLogger {
  statements = 0;
  logQuery(): void {
    this.statements++;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

export interface SubgraphDataSourceOptions {
  /** The owner's connection (DATABASE_URL, MIGRATION_DATABASE_URL or <NAME>_DATABASE_URL): runs
   *  the migrations and the grants, then is closed. The service never queries with it. */
  url: string;
  /** How the service's own (app) role is found: an explicit URL, or a key to derive it from. */
  roles: DatabaseRoles;
  schema: string;
  entities: MixedList<Function | string | EntitySchema>;
  migrations: MixedList<Function | string>;
  poolSize?: number;
  /** How long to wait for a new connection before failing the request. @default 5000 */
  connectTimeoutMs?: number;
  /** Told about an idle pooled connection that broke (e.g. PostgreSQL restarted); the pool has
   *  already discarded it. Without a handler such an error would crash the process. */
  onPoolError?: (err: Error) => void;
}

export interface SubgraphDatabase {
  /** The service's pool, connected as its app role (owner of nothing). */
  dataSource: DataSource;
  counter: StatementCounter;
  schema: string;
  /** The app role the pool connects as. */
  role: string;
  close(): Promise<void>;
}

/** The pg Pool behind a TypeORM postgres DataSource (its driver keeps it as `master`). */
export function poolOf(ds: DataSource): Pool {
  return (ds.driver as unknown as { master: Pool }).master;
}

/** Runs one statement on the data source's pool as a named prepared statement (PostgreSQL parses
 *  and plans it once per connection; TypeORM's `query` sends it unnamed, so it is parsed and
 *  planned on every call), counted like every other statement. For hot, fixed SQL only. */
export async function preparedQuery<R extends Record<string, unknown>>(
  ds: DataSource,
  text: string,
  values: unknown[],
): Promise<R[]> {
  let name = preparedNames.get(text);
  if (!name) preparedNames.set(text, (name = statementName(text)));
  ds.logger.logQuery(text, values);
  return (await poolOf(ds).query<R>({ name, text, values })).rows;
}
const preparedNames = new Map<string, string>();

/** A prepared statement's name: the same text, the same name (PostgreSQL keeps it per connection). */
export const statementName = (text: string) =>
  `wc_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;

/** A TypeORM DataSource for one subgraph: its own schema (search_path), never `synchronize`. The
 *  owner's connection migrates and grants first (migrateAsOwner, skipped when nothing changed) and is closed; the returned pool
 *  connects as the subgraph's app role, which owns nothing and may not touch the audit trail but
 *  through its append function. */
export async function openSubgraphDatabase(opts: SubgraphDataSourceOptions): Promise<SubgraphDatabase> {
  const { appUrl, role, granted } = await migrateAsOwner(opts);
  const counter = new StatementCounter();
  let dataSource = appDataSource(appUrl, opts, counter);
  try {
    await dataSource.initialize();
  } catch (e) {
    // the one change the fingerprint cannot see: the provisioned role's password, set out of band
    // (only a superuser reads it). Provision again, whatever the fingerprint says, and retry once.
    if (granted || opts.roles.appUrl || (e as { code?: string }).code !== INVALID_PASSWORD) throw e;
    await migrateAsOwner({ ...opts, force: true });
    dataSource = appDataSource(appUrl, opts, counter);
    await dataSource.initialize();
  }
  return { dataSource, counter, schema: opts.schema, role, close: () => dataSource.destroy() };
}

/** PostgreSQL's invalid_password (a login refused for its password). */
const INVALID_PASSWORD = '28P01';

/** The service's pool, as the app role. */
function appDataSource(appUrl: string, opts: SubgraphDataSourceOptions, counter: StatementCounter) {
  return new DataSource({
    ...typeormOptions(appUrl, opts),
    logger: counter,
    // A connection PostgreSQL closed (restart, failover) is discarded by the pool: idle ones on
    // their 'error' event (handled here so it cannot crash the process), checked-out ones when
    // the query on them fails. New requests then open fresh connections: no service restart.
    poolErrorHandler: (err: Error) => opts.onPoolError?.(err),
    extra: {
      max: opts.poolSize ?? 8,
      options: `-c search_path=${opts.schema},public`,
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 5_000,
      idleTimeoutMillis: 30_000,
      // TCP keepalive finds a peer that vanished without closing (host down, network cut).
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    },
  });
}

/** Creates a database if it does not exist (for the embedded default and tests). */
export async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!exists.rowCount) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Drops a database, then the app roles its services made (roles live in the cluster, not in the
 *  database: without this every test file would leave its roles behind). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropAppRoles(client, name);
  } finally {
    await client.end();
  }
}
