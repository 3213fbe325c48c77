import { createHash, createHmac } from 'node:crypto';
import type { ClientBase } from 'pg';

/**
 * Least privilege in the database (NIST SP 800-53 AC-6, AU-9): each subgraph's pool connects as
 * a role of its own that owns nothing. The owner (the connection that runs the migrations) keeps
 * every table, function and the schema; the app role gets what the service does at run time and
 * no more:
 *
 * - USAGE on its own schema only (another subgraph's schema is refused), no CREATE;
 * - SELECT, INSERT, UPDATE, DELETE on ordinary tables, USAGE/SELECT on sequences, EXECUTE on
 *   functions — never TRUNCATE, REFERENCES, TRIGGER, ALTER or DROP (those need the owner);
 * - on the append-only tables (APPEND_ONLY) only what each needs: the audit trails are SELECT
 *   only and grow only through their SECURITY DEFINER append function, so the service's own
 *   connection can neither rewrite nor disable them (privileges, not only the trigger).
 *
 * Everything here is idempotent: it runs after the migrations, as the owner, on a start whose
 * fingerprint differs from the last one's (grantState.ts) — the first, or after anything changed.
 */

/** PostgreSQL's longest identifier, in bytes. */
const MAX_IDENTIFIER = 63;
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** What the app role may do on each append-only table (the migrations' append-only triggers):
 *  `select`: read only, written by a SECURITY DEFINER function; `insert`: read and append;
 *  `acknowledge`: read, and set the acknowledgement columns (the trigger allows that one change). */
export const APPEND_ONLY: Record<string, 'select' | 'insert' | 'acknowledge'> = {
  audit_event: 'select', // each agency's trail (AUDIT_TABLE_SQL): written by audit_append
  index_access_event: 'select', // the index's trail (IndexAuditTrail migration): index_access_append
  link_event: 'insert', // the index's link history (LinkHistory migration)
  privacy_notice: 'acknowledge', // written by the audit trail's trigger, acknowledged once
};

/** Functions the app role calls to append to a trail it may not write: they run as their owner,
 *  with the search path pinned to the schema (a caller cannot slip in a table of its own). */
export const DEFINER_FUNCTIONS = ['audit_append', 'index_access_append'];

/** Tables the owner keeps for itself, on which the app role has no right at all: TypeORM's record
 *  of the migrations run and the owner's grant fingerprints (grantState.ts) — the service never
 *  reads them, and a role that could delete a row there could make the next start redo work. */
export const OWNER_ONLY = ['migrations', 'app_role_grant'];

/** The columns a privacy officer's acknowledgement sets (privacy_notice_guard allows only these). */
const ACKNOWLEDGEMENT_COLUMNS = ['acknowledged_at', 'acknowledged_by', 'acknowledgement_note'];

/** `<database>_<schema>_app`: the database is in the name, so databases sharing one cluster (the
 *  tests make one per file) never share a role. Cut with a hash to fit 63 bytes. */
export function appRoleName(database: string, schema: string): string {
  const name = `${database}_${schema}_app`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  if (name.length <= MAX_IDENTIFIER) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 10);
  return `${name.slice(0, MAX_IDENTIFIER - 15)}_${hash}_app`;
}

/** The app role's password: HMAC-SHA256(key, role name). Deterministic, so every start (and every
 *  process of the same service) computes the same one without storing it anywhere. */
export function appRolePassword(key: string, role: string): string {
  return createHmac('sha256', key).update(`wholechild-db-role:${role}`).digest('hex');
}

/** `url` with another user and password (same server, database and options). */
export function withCredentials(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  // a URL without a host (a Unix socket in `?host=`) cannot carry a user: never fall back to the OS user
  if (decodeURIComponent(u.username) !== user)
    throw new Error('The owner URL names no host: give each app role its URL (<NAME>_APP_DATABASE_URL)');
  return u.toString();
}

/** The database a connection URL names. */
export function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}

/** The user a connection URL names. */
export function userOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/** The comment that marks a role as this platform's app role of `database` (dropRolesOf finds
 *  them by it when a test database is dropped). */
export const roleComment = (database: string, schema: string) =>
  `wholechild app role: database ${database}, schema ${schema}`;

const ident = (name: string) => {
  if (!IDENTIFIER.test(name) || name.length > MAX_IDENTIFIER) throw new Error(`bad identifier ${name}`);
  return name;
};
const literal = (v: string) => `'${v.replace(/'/g, "''")}'`;

/** Creates the app role if it does not exist and (re)sets its attributes and password: a login
 *  that is no superuser, creates no database or role, inherits nothing. Caller holds the lock. */
export async function provisionAppRole(
  client: ClientBase,
  opts: { role: string; password: string; database: string; schema: string },
): Promise<void> {
  const role = ident(opts.role);
  // the password goes inside a DO block's $$ body: plain characters only (the derived one is hex)
  if (!/^[A-Za-z0-9_-]{16,}$/.test(opts.password)) throw new Error('bad app role password');
  const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS PASSWORD ${literal(opts.password)}`;
  // another database's service may create it at the same moment: a duplicate is no error
  await client.query(`DO $$ BEGIN
      CREATE ROLE ${role} ${attributes};
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
  await client.query(`ALTER ROLE ${role} WITH ${attributes}`);
  await client.query(`COMMENT ON ROLE ${role} IS ${literal(roleComment(opts.database, opts.schema))}`);
}

/** (Re)applies the app role's privileges on `schema` after the migrations: revoked, then granted
 *  again in one transaction, so a table that became append-only loses its old rights. */
export async function grantAppRole(
  client: ClientBase,
  opts: { role: string; schema: string; database: string },
): Promise<void> {
  const role = ident(opts.role);
  const schema = ident(opts.schema);
  const db = `"${opts.database.replace(/"/g, '""')}"`;
  // CONNECT and TEMPORARY (the bulk ingest's staging table) are PUBLIC's by default; granted only
  // if a DBA revoked them (a warning, no error, when the owner does not own the database), under a
  // lock of the whole database: services starting together would update its one ACL at once
  const { rows: can } = await client.query<{ ok: boolean }>(
    `SELECT has_database_privilege($1, current_database(), 'CONNECT')
        AND has_database_privilege($1, current_database(), 'TEMPORARY') AS ok`,
    [role],
  );
  if (!can[0]?.ok) {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('wholechild.owner.database'))`);
    await client.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${db} TO ${role}`);
  }
  const statements = [
    `REVOKE ALL ON ALL TABLES IN SCHEMA ${schema} FROM ${role}`,
    `REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${schema} FROM ${role}`,
    `REVOKE ALL ON SCHEMA ${schema} FROM ${role}`,
    `GRANT USAGE ON SCHEMA ${schema} TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${schema} TO ${role}`,
    // what the owner creates later by hand (a hotfix) is usable at once; the next start narrows
    // it again if it is append-only
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT USAGE, SELECT ON SEQUENCES TO ${role}`,
  ];
  for (const sql of statements) await client.query(sql);
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname = ANY($2)`,
    [schema, Object.keys(APPEND_ONLY)],
  );
  for (const { name } of tables) await narrowAppendOnly(client, schema, name, role);
  for (const table of OWNER_ONLY) await revokeOwnerOnly(client, `${schema}.${ident(table)}`, role);
  const { rows: functions } = await client.query<{ sig: string }>(
    `SELECT p.oid::regprocedure::text AS sig FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = $1 AND p.proname = ANY($2)`,
    [schema, DEFINER_FUNCTIONS],
  );
  for (const { sig } of functions) {
    const fn = sig.startsWith(`${schema}.`) ? sig : `${schema}.${sig}`;
    // runs as its owner; the search path pinned so the caller's cannot redirect its tables
    await client.query(`ALTER FUNCTION ${fn} SECURITY DEFINER SET search_path = ${schema}, pg_temp`);
    await client.query(`REVOKE EXECUTE ON FUNCTION ${fn} FROM PUBLIC`);
    await client.query(`GRANT EXECUTE ON FUNCTION ${fn} TO ${role}`);
  }
}

/** No right at all on an owner's table (nor on the sequences it owns), if it exists yet. */
async function revokeOwnerOnly(client: ClientBase, table: string, role: string): Promise<void> {
  const { rows } = await client.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [table]);
  if (!rows[0]?.t) return;
  await client.query(`REVOKE ALL ON ${table} FROM ${role}`);
  const { rows: seqs } = await client.query<{ seq: string }>(
    `SELECT quote_ident(n.nspname) || '.' || quote_ident(s.relname) AS seq
       FROM pg_depend d JOIN pg_class s ON s.oid = d.objid JOIN pg_namespace n ON n.oid = s.relnamespace
      WHERE d.classid = 'pg_class'::regclass AND d.refobjid = $1::regclass AND s.relkind = 'S'`,
    [table],
  );
  for (const { seq } of seqs) await client.query(`REVOKE ALL ON SEQUENCE ${seq} FROM ${role}`);
}

async function narrowAppendOnly(client: ClientBase, schema: string, table: string, role: string) {
  const t = `${schema}.${ident(table)}`;
  await client.query(`REVOKE ALL ON ${t} FROM ${role}`);
  const rights = APPEND_ONLY[table];
  if (rights === 'insert') await client.query(`GRANT SELECT, INSERT ON ${t} TO ${role}`);
  else if (rights === 'acknowledge')
    await client.query(`GRANT SELECT, UPDATE (${ACKNOWLEDGEMENT_COLUMNS.join(', ')}) ON ${t} TO ${role}`);
  else await client.query(`GRANT SELECT ON ${t} TO ${role}`);
  // a trail's own id sequence is the definer function's business (no gaps made from outside)
  const { rows } = await client.query<{ seq: string | null }>(
    `SELECT pg_get_serial_sequence($1, 'id') AS seq`,
    [t],
  );
  if (rights === 'select' && rows[0]?.seq)
    await client.query(`REVOKE ALL ON SEQUENCE ${rows[0].seq} FROM ${role}`);
}

/** Drops the app roles made for `database` (after the database itself is dropped: a role that
 *  still holds privileges there cannot be dropped). */
export async function dropAppRoles(client: ClientBase, database: string): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT r.rolname AS name FROM pg_roles r
       JOIN pg_shdescription d ON d.objoid = r.oid AND d.classoid = 'pg_authid'::regclass
      WHERE d.description LIKE $1`,
    [`${roleComment(database, '').replace(/%|_/g, (c) => `\\${c}`)}%`],
  );
  for (const { name } of rows) await client.query(`DROP ROLE IF EXISTS ${ident(name)}`);
}
