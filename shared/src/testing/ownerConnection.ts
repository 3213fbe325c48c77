import { Pool } from 'pg';
import { schemaOf, type SubgraphName } from '../agencies';

/** A connection as the database's owner, in one subgraph's schema. */
export interface OwnerConnection {
  /** Rows of one statement (as TypeORM's `query` returns them). */
  query<T = any>(sql: string, params?: unknown[]): Promise<T[]>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): Promise<void>;
}

/**
 * The owner's (admin's) connection to a test database, searching `subgraph`'s schema first: for
 * what a test does that the service's own role may not — tamper with an audit trail, DDL, TRUNCATE.
 * A service's `db.dataSource` connects as its app role, which owns nothing (README "Database
 * roles"); `url` is the database's URL as `createTestDatabase` gave it.
 */
export function ownerConnection(url: string, subgraph: SubgraphName): OwnerConnection {
  const pool = new Pool({
    connectionString: url,
    max: 2,
    options: `-c search_path=${schemaOf(subgraph)},public`,
  });
  return {
    query: async (sql, params) => (await pool.query(sql, params as unknown[])).rows,
    close: () => pool.end(),
  };
}
