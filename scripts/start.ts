import {
  AGENCIES,
  createLogger,
  ensureDatabase,
  loadConfig,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from '@wholechild/shared';
import { tokenFor } from '@wholechild/shared/testing';
import fs from 'node:fs';
import path from 'node:path';
import { prettyLogDestination } from './devLogs';
import { describeFeedPass, startPlatform } from './platform';
import { alreadySeeded, seedCounty } from './seedCounty';
import { seedDirectory } from './servicesImport';
import { devSignInLinks } from './signInLinks';

/** `npm start`: the whole platform on one machine. Embedded PostgreSQL unless DATABASE_URL is
 *  set; migrations; the synthetic county on first start; every subgraph and the gateway. */
async function main() {
  const t0 = Date.now();
  const config = loadConfig(undefined, { defaultMode: 'development' });
  const size = Number(process.env.SEED_CHILDREN ?? 5000);
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({
      dir: config.embeddedPg.dir,
      port: config.embeddedPg.port,
      persistent: true,
    });
    databaseUrl = await ensureDatabase(embedded.url, 'wholechild');
    console.log(`embedded PostgreSQL: ${config.embeddedPg.dir} on 127.0.0.1:${config.embeddedPg.port}`);
  }
  const platform = await startPlatform({
    config,
    // development: lines for a person at a terminal; production: JSON for a log shipper
    logger:
      config.logFormat === 'pretty'
        ? createLogger('platform', config.logLevel, prettyLogDestination())
        : undefined,
    databaseUrl,
    ports: 'configured',
    useCommittedSupergraph: process.env.COMPOSE_AT_START !== '1',
  });
  const shutdown = async () => {
    await platform.stop().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());

  if (await alreadySeeded(platform.agencies)) {
    console.log('data: reusing the existing county');
  } else {
    const { report } = await seedCounty(platform.agencies, {
      size,
      seed: 2026,
      populationInto: platform.index.db.dataSource,
    });
    console.log(
      `seeded ${report.children} children: ${Object.entries(report.records)
        .map(([a, n]) => `${a} ${n}`)
        .join(', ')} person records; ${report.rows} rows in ${(report.ms / 1000).toFixed(1)} s`,
    );
  }
  const directory = await seedDirectory(platform.index.db.dataSource);
  if (directory) console.log(`service directory: ${directory}`);
  const tLink = Date.now();
  const pass = await platform.syncFeeds();
  const [row] = await platform.index.db.dataSource.query('SELECT count(*)::int AS n FROM child');
  const failed = pass.filter((r) => !r.ok).length;
  console.log(
    `child index: ${row.n} children; feed pass in ${((Date.now() - tLink) / 1000).toFixed(1)} s, ` +
      (failed ? `${failed} of ${pass.length} agencies FAILED:` : `every agency pulled:`),
  );
  for (const line of describeFeedPass(pass)) console.log(line);
  platform.index.feeds.startInterval(config.feedPullIntervalMs);

  const origin = new URL(platform.gatewayUrl).origin;
  console.log(`\nWholeChild is up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`  GraphQL:  ${platform.gatewayUrl}`);
  if (config.mode === 'development') {
    const token = tokenFor('CHILD_WELFARE', { roles: ['CASEWORKER'], purposeOfUse: 'CASE_PLANNING' }, config);
    console.log(`  GraphiQL: ${origin}/graphiql#token=${token}   (signed in as a child welfare caseworker)`);
  }
  console.log(`  health:   ${origin}/health   readiness: ${origin}/ready`);
  const built = fs.existsSync(path.join(__dirname, '..', 'web', 'dist', 'index.html'));
  console.log(`  web app:  ${origin}/app/${built ? '' : '   (not built: run `npm run build -w web`)'}`);
  if (config.mode === 'development') {
    console.log('\nSign in to the web app (development tokens, 12 h):');
    for (const { label, url } of devSignInLinks(origin, config)) console.log(`  ${label}: ${url}`);
    console.log('\nDevelopment tokens (12 h; DEVELOPMENT key only):');
    for (const agency of AGENCIES)
      console.log(
        `  ${agency} caseworker: ${tokenFor(agency, { roles: ['CASEWORKER'], purposeOfUse: 'CARE_COORDINATION' }, config)}`,
      );
    console.log(
      `  CHILD_WELFARE integration (writes): ${tokenFor('CHILD_WELFARE', { roles: ['INTEGRATION'], purposeOfUse: 'OPERATIONS' }, config)}`,
    );
    console.log(
      `  CHILD_WELFARE data steward: ${tokenFor('CHILD_WELFARE', { roles: ['DATA_STEWARD'], purposeOfUse: 'OPERATIONS' }, config)}`,
    );
    console.log('  any other agency and role: npm run token -- --agency housing --role INTEGRATION');
  }
  console.log('\nPress Ctrl+C to stop.');
}

void main().catch((e) => {
  console.error(
    e instanceof Error
      ? (e.stack ?? e.message)
      : `start failed: ${String(e)} (is another \`npm start\` running on these ports?)`,
  );
  process.exit(1);
});
