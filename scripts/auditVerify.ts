import { AGENCIES, AGENCY_SUBGRAPH, loadConfig, schemaOf, verifyAuditChain } from '@wholechild/shared';
import { DataSource } from 'typeorm';
import { platformDatabase } from './platformDatabase';

/** `npm run audit:verify`: recomputes every agency's audit hash chain and reports the first row
 *  that was changed or follows a removed row. Exit code 1 when any chain is broken. Uses
 *  DATABASE_URL (or <NAME>_DATABASE_URL), else the embedded database of `npm start` (started for
 *  the check if it is not running). */
async function main() {
  const config = loadConfig(undefined, { defaultMode: 'development' }); // database settings only: no secret, no listener
  const db = await platformDatabase(config);
  const url = db.url;
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
    await db.stop();
  }
  process.exit(broken ? 1 : 0);
}

void main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(2);
});
