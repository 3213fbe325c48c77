import { createHash } from 'node:crypto';
import type { ClientBase } from 'pg';
import type { MixedList } from 'typeorm';
import { APPEND_ONLY, DEFINER_FUNCTIONS, grantAppRole, OWNER_ONLY, provisionAppRole } from './roles';

/**
 * Whether a start may skip the owner's work (migrations, provisioning, grants): the owner stores,
 * beside the schema, a fingerprint of what it last did and of the state it left, and a start whose
 * fingerprint is the same does nothing. The fingerprint is the hash of
 *
 * - the intent: the schema, the app role's name, the database, whether the role is provisioned and
 *   with which password (a new DB_ROLE_KEY re-provisions), the migrations' names, the append-only
 *   and definer lists and the code of the functions that grant (a changed grant re-grants);
 * - the state, read from the catalogue in one query (stateDigest): every ACL in the schema (tables,
 *   sequences, columns, functions, default privileges, the schema itself), the definer functions'
 *   settings, the role's attributes and memberships, its CONNECT/TEMPORARY on the database, and
 *   the migrations the schema records as run.
 *
 * So a new migration, a table made by hand, a privilege granted or revoked out of band, a role made
 * superuser or member of another, a migration row deleted: each changes the fingerprint and the
 * next start does the whole work again. The app role cannot forge a match: it owns nothing, may
 * not grant, and has no right on the fingerprint table (OWNER_ONLY). Not seen here: the role's
 * password changed out of band (only a superuser reads it) — the pool's login then fails and the
 * start runs the owner's work once more (openSubgraphDatabase).
 */

/** The owner's table of fingerprints, one row per app role, in the schema it describes. */
export const GRANT_STATE_TABLE = 'app_role_grant';

export interface GrantIntent {
  schema: string;
  role: string;
  database: string;
  /** Set when the role is provisioned (its password derived from the key); unset for a DBA's. */
  password?: string;
  migrations: MixedList<Function | string>;
}

/** The names TypeORM records for the migrations (an instance's `name`, else the class name). */
export function migrationNames(migrations: MixedList<Function | string>): string[] {
  const list = Array.isArray(migrations) ? migrations : Object.values(migrations);
  return list.map((m) => {
    if (typeof m !== 'function') return String(m);
    const instance = new (m as new () => { name?: string })();
    return instance.name ?? m.name;
  });
}

/** What the owner means to do, as one hash (see above). */
export function intentHash(intent: GrantIntent): string {
  return createHash('sha256')
    .update(
      JSON.stringify({
        schema: intent.schema,
        role: intent.role,
        database: intent.database,
        password: intent.password
          ? createHash('sha256').update(`wholechild-db-role:${intent.password}`).digest('hex')
          : null,
        migrations: migrationNames(intent.migrations),
        appendOnly: APPEND_ONLY,
        definers: DEFINER_FUNCTIONS,
        ownerOnly: OWNER_ONLY,
        code: [provisionAppRole, grantAppRole].map((f) => f.toString()),
      }),
    )
    .digest('hex');
}

/** One catalogue read of everything the grants set or depend on (md5: an identity, not a secret). */
const STATE_SQL = `
  WITH s AS (SELECT oid FROM pg_namespace WHERE nspname = $1),
       r AS (SELECT * FROM pg_roles WHERE rolname = $2)
  SELECT md5(concat_ws(' | ',
    (SELECT nspacl::text FROM pg_namespace WHERE oid = (SELECT oid FROM s)),
    (SELECT string_agg(c.relname || ':' || c.relkind::text || ':' || coalesce(c.relacl::text, '-'), ',' ORDER BY c.relname, c.relkind)
       FROM pg_class c WHERE c.relnamespace = (SELECT oid FROM s) AND c.relkind IN ('r', 'p', 'S', 'v', 'm', 'f')),
    (SELECT string_agg(c.relname || '.' || a.attname || ':' || a.attacl::text, ',' ORDER BY c.relname, a.attname)
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relnamespace = (SELECT oid FROM s) AND a.attacl IS NOT NULL),
    (SELECT string_agg(p.oid::regprocedure::text || ':' || p.prosecdef || ':' || coalesce(p.proconfig::text, '-')
                       || ':' || coalesce(p.proacl::text, '-'), ',' ORDER BY p.oid::regprocedure::text)
       FROM pg_proc p WHERE p.pronamespace = (SELECT oid FROM s)),
    (SELECT string_agg(d.defaclobjtype::text || ':' || d.defaclacl::text, ',' ORDER BY d.defaclobjtype, d.defaclacl::text)
       FROM pg_default_acl d WHERE d.defaclnamespace = (SELECT oid FROM s)),
    (SELECT concat_ws(':', rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication,
                      rolbypassrls, rolconnlimit, rolvaliduntil,
                      has_database_privilege(oid, current_database(), 'CONNECT'),
                      has_database_privilege(oid, current_database(), 'TEMPORARY')) FROM r),
    (SELECT string_agg(m.roleid::text || '>' || m.member::text, ',' ORDER BY m.roleid, m.member)
       FROM pg_auth_members m WHERE m.member = (SELECT oid FROM r) OR m.roleid = (SELECT oid FROM r))
  )) AS digest`;

/** The migrations the schema records as run, in order ('' before TypeORM made its table). */
async function migrationsRun(client: ClientBase, schema: string): Promise<string> {
  const exists = await client.query<{ t: string | null }>(`SELECT to_regclass($1) AS t`, [
    `${schema}.migrations`,
  ]);
  if (!exists.rows[0]?.t) return '';
  const { rows } = await client.query<{ names: string | null }>(
    `SELECT string_agg(name, ',' ORDER BY id) AS names FROM ${schema}.migrations`,
  );
  return rows[0]?.names ?? '';
}

/** The fingerprint of `intent` over the state the catalogue holds now. */
export async function currentFingerprint(client: ClientBase, intent: GrantIntent): Promise<string> {
  const { rows } = await client.query<{ digest: string }>(STATE_SQL, [intent.schema, intent.role]);
  const ran = await migrationsRun(client, intent.schema);
  return createHash('sha256')
    .update(`${intentHash(intent)}\n${rows[0]!.digest}\n${ran}`)
    .digest('hex');
}

/** The fingerprint the owner stored at its last full start (undefined before the first). */
export async function storedFingerprint(
  client: ClientBase,
  intent: GrantIntent,
): Promise<string | undefined> {
  const exists = await client.query<{ t: string | null }>(`SELECT to_regclass($1) AS t`, [
    `${intent.schema}.${GRANT_STATE_TABLE}`,
  ]);
  if (!exists.rows[0]?.t) return undefined;
  const { rows } = await client.query<{ fingerprint: string }>(
    `SELECT fingerprint FROM ${intent.schema}.${GRANT_STATE_TABLE} WHERE role = $1`,
    [intent.role],
  );
  return rows[0]?.fingerprint;
}

/** Makes the fingerprint table (before the grants, which leave the app role no right on it). */
export async function ensureGrantStateTable(client: ClientBase, schema: string): Promise<void> {
  await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.${GRANT_STATE_TABLE} (
      role text PRIMARY KEY,
      fingerprint text NOT NULL,
      granted_at timestamptz NOT NULL DEFAULT now())`);
}

/** Stores the fingerprint of the state the grants just left (same transaction, same lock). */
export async function storeFingerprint(client: ClientBase, intent: GrantIntent): Promise<void> {
  const fingerprint = await currentFingerprint(client, intent);
  await client.query(
    `INSERT INTO ${intent.schema}.${GRANT_STATE_TABLE} (role, fingerprint, granted_at) VALUES ($1, $2, now())
     ON CONFLICT (role) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, granted_at = EXCLUDED.granted_at`,
    [intent.role, fingerprint],
  );
}
