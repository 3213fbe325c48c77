import { Client } from 'pg';
import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import {
  currentFingerprint,
  ensureGrantStateTable,
  storedFingerprint,
  storeFingerprint,
  type GrantIntent,
} from './grantState';
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
   *  `<database>_<schema>_app` is created or updated on a start that finds anything changed. */
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
 * two processes of one service start at once (the second finds the work done). Objects stay the
 * owner's: a database made by an older version (everything owned by the one user) is simply
 * granted to the new role. A start that finds the fingerprint of the last one (grantState.ts: the
 * migrations, the grant code, the role and every privilege as the catalogue holds them) skips the
 * migrations, the provisioning and the grants: nothing they would change has changed.
 * `force` does the whole work whatever the fingerprint says. Returns the URL the service's pool
 * uses, and whether the work was done.
 */
export async function migrateAsOwner(opts: {
  url: string;
  roles: DatabaseRoles;
  schema: string;
  migrations: MixedList<Function | string>;
  force?: boolean;
}): Promise<{ appUrl: string; role: string; granted: boolean }> {
  if (!/^[a-z_][a-z0-9_]*$/.test(opts.schema)) throw new Error(`bad schema name ${opts.schema}`);
  const client = new Client({ connectionString: opts.url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`wholechild.owner.${opts.schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}`);
    const { rows } = await client.query<{ db: string; me: string }>(
      'SELECT current_database() AS db, current_user AS me',
    );
    const { db, me } = rows[0]!;
    const { appUrl, role, password } = appRoleOf(opts.url, db, opts.schema, opts.roles);
    // granting to the owner would first revoke the owner's own rights
    if (role === me) throw new Error(`The app role of schema ${opts.schema} may not be the owner (${me})`);
    const intent: GrantIntent = {
      schema: opts.schema,
      role,
      database: db,
      password,
      migrations: opts.migrations,
    };
    if (!opts.force) {
      const stored = await storedFingerprint(client, intent);
      if (stored && stored === (await currentFingerprint(client, intent)))
        return { appUrl, role, granted: false };
    }
    await runMigrations(opts.url, opts.schema, opts.migrations);
    await client.query('BEGIN');
    try {
      if (password) await provisionAppRole(client, { role, password, database: db, schema: opts.schema });
      await ensureGrantStateTable(client, opts.schema);
      await grantAppRole(client, { role, schema: opts.schema, database: db });
      await storeFingerprint(client, intent);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    }
    return { appUrl, role, granted: true };
  } finally {
    // ending the session releases the advisory lock
    await client.end();
  }
}

/** Runs the pending migrations on a connection of their own (the caller holds the schema's lock). */
async function runMigrations(url: string, schema: string, migrations: MixedList<Function | string>) {
  const migrator = new DataSource({
    // migrations are plain SQL: no entity metadata to build (the service's pool builds it once)
    ...typeormOptions(url, { schema, entities: [], migrations }),
    extra: { max: 1, options: `-c search_path=${schema},public` },
  });
  await migrator.initialize();
  try {
    await migrator.runMigrations({ transaction: 'each' });
  } finally {
    await migrator.destroy();
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
