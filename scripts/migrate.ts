/**
 * `npm run migrate [-- child-welfare housing …]`: the owner's part of every service's start, and
 * nothing else — each subgraph's schema, migrations, app role and grants (migrateAsOwner), then
 * exit. Run before a roll-out (deploy/ runs it as a Job, docker-compose.yml as the `migrate`
 * service), so the new pods find the work done (a start whose fingerprint matches skips it) and
 * two replicas never race a migration. No listener, no seed.
 *
 * Database: each subgraph's <NAME>_DATABASE_URL, else MIGRATION_DATABASE_URL or DATABASE_URL (the
 * owner's). App roles: <NAME>_APP_DATABASE_URL, else derived from DB_ROLE_KEY. Exit 0 when every
 * named subgraph is migrated, 1 (and the reason, never a password) when one is not.
 */
import {
  AGENCIES,
  AGENCY_SUBGRAPH,
  agencyMigrations,
  databaseRolesOf,
  loadConfig,
  migrateAsOwner,
  schemaOf,
  SUBGRAPH_NAMES,
  type PlatformConfig,
  type SubgraphName,
} from '@wholechild/shared';
import { INDEX_MIGRATIONS } from '../subgraphs/child-index/src/migrations';
import { redactUrl } from './platformDatabase';
import { agencySpecs } from './services';

/** Each subgraph's migrations, in the order its start runs them. */
export function migrationsOf(name: SubgraphName): Function[] {
  if (name === 'child-index') return INDEX_MIGRATIONS as Function[];
  const agency = AGENCIES.find((a) => AGENCY_SUBGRAPH[a] === name);
  if (!agency) throw new Error(`${name}: not a subgraph`);
  return agencyMigrations(agencySpecs[agency]);
}

export interface MigrateResult {
  subgraph: SubgraphName;
  /** The app role the service will connect as. */
  role: string;
  /** Whether anything was done (false: the fingerprint matched, nothing had changed). */
  granted: boolean;
  /** Where, without a password. */
  database: string;
}

/** Migrates the named subgraphs (all by default), one after another, each on its own database. */
export async function migrate(
  config: PlatformConfig,
  names: readonly SubgraphName[] = SUBGRAPH_NAMES,
): Promise<MigrateResult[]> {
  const results: MigrateResult[] = [];
  for (const name of names) {
    const url = config.databaseUrls[name] ?? config.databaseUrl;
    if (!url)
      throw new Error(
        `${name}: no database: set ${name.toUpperCase().replace(/-/g, '_')}_DATABASE_URL or DATABASE_URL`,
      );
    const { role, granted } = await migrateAsOwner({
      url,
      roles: databaseRolesOf(config, name),
      schema: schemaOf(name),
      migrations: migrationsOf(name),
    });
    results.push({ subgraph: name, role, granted, database: redactUrl(url) });
  }
  return results;
}

/** The subgraphs named on the command line (all when none), refusing an unknown name. */
export function subgraphsOf(args: readonly string[]): SubgraphName[] {
  const names = args.filter((a) => !a.startsWith('-'));
  const unknown = names.filter((n) => !(SUBGRAPH_NAMES as readonly string[]).includes(n));
  if (unknown.length)
    throw new Error(`not a subgraph: ${unknown.join(', ')} (one of ${SUBGRAPH_NAMES.join(', ')})`);
  return names.length ? (names as SubgraphName[]) : [...SUBGRAPH_NAMES];
}

if (require.main === module)
  void (async () => {
    // production by default, as every service: the same refusals of weak secrets
    const config = loadConfig();
    for (const r of await migrate(config, subgraphsOf(process.argv.slice(2))))
      console.log(
        `${r.subgraph.padEnd(18)} ${r.granted ? 'migrated' : 'current '}  role ${r.role}  ${r.database}`,
      );
  })().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
