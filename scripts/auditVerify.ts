import { Client } from 'pg';
import {
  AGENCIES,
  AGENCY_SUBGRAPH,
  ensureDatabase,
  loadConfig,
  schemaOf,
  startEmbeddedPostgres,
  verifyAuditChain,
  type EmbeddedDatabase,
} from '@wholechild/shared';
import { DataSource } from 'typeorm';

/** `npm run audit:verify`: recomputes every agency's audit hash chain and reports the first row
 *  that was changed or follows a removed row. Exit code 1 when any chain is broken. Uses
 *  DATABASE_URL (or <NAME>_DATABASE_URL), else the embedded database of `npm start` (started for
 *  the check if it is not running). */
async function main() {
  const config = loadConfig();
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
    const admin = `postgres://postgres:postgres@127.0.0.1:${config.embeddedPg.port}/postgres`;
    const probe = new Client({ connectionString: admin });
    try {
      await probe.connect();
      await probe.end();
    } catch {
      embedded = await startEmbeddedPostgres({
        dir: config.embeddedPg.dir,
        port: config.embeddedPg.port,
        persistent: true,
      });
    }
    url = await ensureDatabase(admin, 'wholechild');
  }
  let broken = false;
  try {
    for (const agency of AGENCIES) {
      const name = AGENCY_SUBGRAPH[agency];
      const ds = new DataSource({
        type: 'postgres',
        url: config.databaseUrls[name] ?? url,
        extra: { options: `-c search_path=${schemaOf(name)}` },
      });
      await ds.initialize();
      try {
        const [exists] = await ds.query(`SELECT to_regclass('audit_event') AS t`);
        if (!exists.t) {
          console.log(`${agency.padEnd(18)} no audit trail yet`);
          continue;
        }
        const r = await verifyAuditChain(ds);
        if (r.ok) console.log(`${agency.padEnd(18)} ok      ${r.rows} events, chain intact`);
        else {
          broken = true;
          console.log(
            `${agency.padEnd(18)} BROKEN  at event ${r.brokenAt!.id}: ${r.brokenAt!.problem} (${r.rows} events verified before it)`,
          );
        }
      } finally {
        await ds.destroy();
      }
    }
  } finally {
    await embedded?.stop();
  }
  process.exit(broken ? 1 : 0);
}

void main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(2);
});
