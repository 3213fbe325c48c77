import { Client } from 'pg';
import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { SnakeNamingStrategy } from './namingStrategy';
import {
  appRoleName,
  appRolePassword,
  grantAppRole,
  provisionAppRole,
  userOf,
  withCredentials,
} from './roles';

/** How a subgraph's app role is found. */
export interface DatabaseRoles {
  /** The app role's URL, given by the operator (<NAME>_APP_DATABASE_URL; e.g. a role a DBA made):
   *  nothing is provisioned, its user only gets the grants. */
  appUrl?: string;
  /** Key the app role's password is derived from (DB_ROLE_KEY, or the development key): the role
   *  `<database>_<schema>_app` is created or updated on every start. */
  key?: string;
}

/** What the service's pool and the owner's migration run share. */
export function typeormOptions(
  url: string,
  opts: {
    schema: string;
    entities: MixedList<Function | string | EntitySchema>;
    migrations: MixedList<Function | string>;
  },
) {
  return {
    type: 'postgres' as const,
    url,
    schema: opts.schema,
    entities: opts.entities,
    migrations: opts.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
  };
}

/**
 * The owner's part of a start: as the owner (`opts.url`), make the schema, run the migrations,
 * provision the app role (unless its URL is given) and (re)apply its grants; then close every
 * owner connection. One advisory lock per schema, held from the first statement to the last, lets
 * two processes of one service start at once (the second finds the migrations done). Objects stay
 * the owner's: a database made by an older version (everything owned by the one user) is simply
 * granted to the new role. Returns the URL the service's pool uses.
 */
export async function migrateAsOwner(opts: {
  url: string;
  roles: DatabaseRoles;
  schema: string;
  entities: MixedList<Function | string | EntitySchema>;
  migrations: MixedList<Function | string>;
}): Promise<{ appUrl: string; role: string }> {
  if (!/^[a-z_][a-z0-9_]*$/.test(opts.schema)) throw new Error(`bad schema name ${opts.schema}`);
  const client = new Client({ connectionString: opts.url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`wholechild.owner.${opts.schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}`);
    const migrator = new DataSource({
      // migrations are plain SQL: no entity metadata to build (the service's pool builds it once)
      ...typeormOptions(opts.url, { ...opts, entities: [] }),
      extra: { max: 1, options: `-c search_path=${opts.schema},public` },
    });
    await migrator.initialize();
    try {
      await migrator.runMigrations({ transaction: 'each' });
    } finally {
      await migrator.destroy();
    }
    const [{ db }] = (await client.query<{ db: string }>('SELECT current_database() AS db')).rows as [
      { db: string },
    ];
    const { appUrl, role, password } = appRoleOf(opts.url, db, opts.schema, opts.roles);
    const [{ me }] = (await client.query<{ me: string }>('SELECT current_user AS me')).rows as [
      { me: string },
    ];
    // granting to the owner would first revoke the owner's own rights
    if (role === me) throw new Error(`The app role of schema ${opts.schema} may not be the owner (${me})`);
    await client.query('BEGIN');
    try {
      if (password) await provisionAppRole(client, { role, password, database: db, schema: opts.schema });
      await grantAppRole(client, { role, schema: opts.schema, database: db });
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    }
    return { appUrl, role };
  } finally {
    // ending the session releases the advisory lock
    await client.end();
  }
}

/** The app role's name, URL and (when it is to be provisioned) password. */
function appRoleOf(ownerUrl: string, database: string, schema: string, roles: DatabaseRoles) {
  if (roles.appUrl) return { appUrl: roles.appUrl, role: userOf(roles.appUrl), password: undefined };
  if (!roles.key)
    throw new Error(
      `No database role for schema ${schema}: set DB_ROLE_KEY (the app roles' passwords are derived from it) or ` +
        `the service's <NAME>_APP_DATABASE_URL`,
    );
  const role = appRoleName(database, schema);
  const password = appRolePassword(roles.key, role);
  return { appUrl: withCredentials(ownerUrl, role, password), role, password };
}
