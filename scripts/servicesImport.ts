/**
 * Loads an Open Referral HSDS data package into the county's service directory:
 *   npm run services:import -- --agency <child-welfare|…> <folder>
 * The folder holds datapackage.json and the CSV files it names (organizations, services, locations,
 * addresses, service_at_locations, languages, taxonomy_terms, attributes). Every row is checked
 * against its resource's schema in datapackage.json; rejected rows are listed with their file and
 * line, and nothing of them is stored. Valid HSDS rows the directory has no place for (a location of
 * no organization, a location's language, an organization's attribute) are listed apart, as are the
 * resources it does not keep (program, phone, schedule, …), the files the descriptor names that the
 * folder lacks, and the columns it ignores. Rows are keyed by their HSDS ids: importing again updates.
 * The agency named maintains the organizations it creates (only it edits them afterwards).
 * Database: CHILD_INDEX_DATABASE_URL, DATABASE_URL, or the embedded PostgreSQL `npm start` uses.
 */
import path from 'node:path';
import type { DataSource } from 'typeorm';
import {
  databaseRolesOf,
  loadConfig,
  openSubgraphDatabase,
  schemaOf,
  type AgencyCode,
  type PlatformConfig,
} from '@wholechild/shared';
import {
  importHsdsPackage,
  PackageError,
  type ImportReport,
} from '../subgraphs/child-index/src/directory/hsdsImport';
import { entities } from '../subgraphs/child-index/src/entities';
import { INDEX_MIGRATIONS } from '../subgraphs/child-index/src/migrations';
import { AGENCY_NAMES, agencyOf, flagValue } from './cliArgs';
import { platformDatabase } from './platformDatabase';

export interface ServicesImportOptions {
  folder: string;
  agency: AgencyCode;
  /** The owner's connection (migrations, grants); the load runs as the index's app role. */
  databaseUrl: string;
  config?: PlatformConfig;
}

/** Imports one package into the index's directory tables. */
export async function runServicesImport(opts: ServicesImportOptions): Promise<ImportReport> {
  const config = opts.config ?? loadConfig(undefined, { defaultMode: 'development' });
  const db = await openSubgraphDatabase({
    url: opts.databaseUrl,
    roles: databaseRolesOf(config, 'child-index'),
    schema: schemaOf('child-index'),
    entities,
    migrations: INDEX_MIGRATIONS,
  });
  try {
    return await importHsdsPackage(db.dataSource, opts.folder, { agency: opts.agency });
  } finally {
    await db.close();
  }
}

/** The fictional sample package (a dozen Alder County services) `npm start` loads. */
export const SAMPLE_DIRECTORY = path.join(__dirname, '../subgraphs/child-index/directory-sample');

/** Loads the sample package when the directory is empty (so an edit made through the API stays);
 *  what it did, or null when there was something already. */
export async function seedDirectory(ds: DataSource): Promise<string | null> {
  const [row] = await ds.query('SELECT count(*)::int AS n FROM directory_service');
  if (row.n > 0) return null;
  const r = await importHsdsPackage(ds, SAMPLE_DIRECTORY, { agency: 'HOUSING', actor: 'npm-start' });
  return `${r.created} rows of the sample HSDS package (maintained by HOUSING)`;
}

/** The report as lines for a person. */
export function describeImport(r: ImportReport): string[] {
  const read = Object.entries(r.byResource)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const rows = (label: string, list: ImportReport['rejected']) =>
    list.map(
      (bad) =>
        `  ${label} ${bad.resource} line ${bad.row}: ${bad.errors.map((e) => `${e.field} ${e.code}: ${e.reason}`).join('; ')}`,
    );
  const ignored = Object.entries(r.ignoredColumns)
    .map(
      ([k, c]) =>
        `${k}: ${[...c.declared, ...c.undeclared.map((u) => `${u} (not in its schema)`)].join(', ')}`,
    )
    .join('; ');
  return [
    `${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected.length} rejected, ${r.notKept.length} not kept (${read})`,
    ...rows('rejected:', r.rejected),
    ...rows('not kept:', r.notKept),
    ...rows('stored without:', r.dropped),
    ...r.unreadResources.map((u) => `  not read: ${u.resource} (its file ${u.path} is not in the package)`),
    ...(r.skippedResources.length ? [`  resources not kept: ${r.skippedResources.join(', ')}`] : []),
    ...(ignored ? [`  columns not kept: ${ignored}`] : []),
  ];
}

async function main() {
  const args = process.argv.slice(2);
  const agency = agencyOf(flagValue(args, 'agency') ?? '');
  const at = args.indexOf('--agency');
  const folder = args.filter((_, i) => i !== at && i !== at + 1).find((a) => !a.startsWith('-'));
  if (!agency || !folder) {
    console.error(
      `usage: npm run services:import -- --agency <${AGENCY_NAMES}> <folder with datapackage.json>`,
    );
    process.exit(64);
  }
  const config = loadConfig(undefined, { defaultMode: 'development' }); // database settings only
  const db = await platformDatabase(config, config.databaseUrls['child-index'] ?? config.databaseUrl);
  console.log(db.description);
  try {
    const r = await runServicesImport({ folder, agency, databaseUrl: db.url, config });
    for (const line of describeImport(r)) console.log(line);
    process.exitCode = r.rejected.length ? 2 : 0;
  } catch (e) {
    if (!(e instanceof PackageError)) throw e;
    console.error(`not imported: ${e.message}`);
    process.exitCode = 65;
  } finally {
    await db.stop();
  }
}

if (require.main === module)
  void main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
