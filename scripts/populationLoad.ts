/**
 * `npm run population:load -- file.csv [--source "ACS 2023 5-year, table B01001"]`: replaces the
 * reference population the child index computes rates per 1,000 with. One row per cell:
 * `locality,age_band,sex,race_ethnicity,count` (README, Population measures). Every row is
 * checked first; any problem and nothing is loaded (the problems are listed by line).
 * Database: CHILD_INDEX_DATABASE_URL, DATABASE_URL, or the embedded PostgreSQL `npm start` uses.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  databaseRolesOf,
  loadConfig,
  openSubgraphDatabase,
  schemaOf,
  type PlatformConfig,
} from '@wholechild/shared';
import { entities } from '../subgraphs/child-index/src/entities';
import { INDEX_MIGRATIONS } from '../subgraphs/child-index/src/migrations';
import {
  parsePopulationCsv,
  replacePopulation,
  type PopulationRow,
} from '../subgraphs/child-index/src/analytics/population';
import { platformDatabase } from './platformDatabase';

/** Writes `rows` as the reference population into the index's database at `databaseUrl`. */
export async function loadPopulation(opts: {
  databaseUrl: string;
  rows: PopulationRow[];
  source: string;
  config?: PlatformConfig;
}): Promise<void> {
  const config = opts.config ?? loadConfig(undefined, { defaultMode: 'development' });
  const db = await openSubgraphDatabase({
    url: opts.databaseUrl,
    roles: databaseRolesOf(config, 'child-index'),
    schema: schemaOf('child-index'),
    entities,
    migrations: INDEX_MIGRATIONS,
  });
  try {
    await replacePopulation(db.dataSource, opts.rows, opts.source);
  } finally {
    await db.close();
  }
}

async function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf('--source');
  const file = args.filter((_, i) => at < 0 || (i !== at && i !== at + 1)).find((a) => !a.startsWith('-'));
  if (!file) {
    console.error('usage: npm run population:load -- file.csv [--source "where the figures come from"]');
    process.exit(64);
  }
  const { rows, errors } = parsePopulationCsv(fs.readFileSync(file, 'utf8'));
  if (errors.length) {
    console.error(`${file}: nothing loaded; ${errors.length} problem(s):`);
    for (const e of errors.slice(0, 50)) console.error(`  ${e.field} ${e.code}: ${e.reason}`);
    process.exit(2);
  }
  const config = loadConfig(undefined, { defaultMode: 'development' }); // database settings only
  const db = await platformDatabase(config, config.databaseUrls['child-index'] ?? config.databaseUrl);
  console.log(db.description);
  try {
    const source = at >= 0 ? (args[at + 1] ?? path.basename(file)) : path.basename(file);
    await loadPopulation({ databaseUrl: db.url, rows, source, config });
    const children = rows.reduce((n, r) => n + r.count, 0);
    console.log(`loaded ${rows.length} cells, ${children} children, from ${source}`);
  } finally {
    await db.stop();
  }
}

if (require.main === module)
  void main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
