import {
  AGENCIES,
  AGENCY_SUBGRAPH,
  loadConfig,
  schemaOf,
  verifyAuditChain,
  verifyCheckpoints,
  type PlatformConfig,
  type SubgraphName,
} from '@wholechild/shared';
import { DataSource } from 'typeorm';
import { verifyAccessTrail } from '../subgraphs/child-index/src/repositories/accessTrail';
import { platformDatabase } from './platformDatabase';

const TRAILS: Array<{ label: string; subgraph: SubgraphName; table: string }> = [
  ...AGENCIES.map((a) => ({ label: a, subgraph: AGENCY_SUBGRAPH[a], table: 'audit_event' })),
  { label: 'CHILD_INDEX', subgraph: 'child-index', table: 'index_access_event' },
];

/** Every trail of the platform: its hash chain recomputed, and its signed checkpoints (outside the
 *  database, AUDIT_CHECKPOINT_DIR) checked against it, which catches a rewrite of the whole chain.
 *  Returns a line per trail and whether any is broken. */
export async function verifyAllTrails(config: PlatformConfig, url: string) {
  const lines: string[] = [];
  let broken = false;
  for (const t of TRAILS) {
    const ds = new DataSource({
      type: 'postgres',
      url: config.databaseUrls[t.subgraph] ?? url,
      extra: { options: `-c search_path=${schemaOf(t.subgraph)}` },
    });
    await ds.initialize();
    try {
      const [exists] = await ds.query(`SELECT to_regclass($1) AS t`, [t.table]);
      if (!exists.t) {
        lines.push(`${t.label.padEnd(18)} no audit trail yet`);
        continue;
      }
      const chain = t.table === 'audit_event' ? await verifyAuditChain(ds) : await verifyAccessTrail(ds);
      const signed = await verifyCheckpoints(
        ds,
        t.table,
        config.auditCheckpoint.key,
        config.auditCheckpoint.dir,
      );
      if (!chain.ok) {
        broken = true;
        lines.push(
          `${t.label.padEnd(18)} BROKEN  at event ${chain.brokenAt!.id}: ${chain.brokenAt!.problem} (${chain.rows} events verified before it)`,
        );
      } else if (!signed.ok) {
        broken = true;
        lines.push(`${t.label.padEnd(18)} BROKEN  ${signed.problem}`);
      } else
        lines.push(
          `${t.label.padEnd(18)} ok      ${chain.rows} events, chain intact, ${signed.checkpoints} signed checkpoints hold`,
        );
    } finally {
      await ds.destroy();
    }
  }
  return { lines, broken };
}

/** `npm run audit:verify`: exit code 1 when any trail is broken. Uses DATABASE_URL (or
 *  <NAME>_DATABASE_URL), else the embedded database of `npm start` (started for the check if it is
 *  not running). */
async function main() {
  const config = loadConfig(undefined, { defaultMode: 'development' }); // database settings only: no secret, no listener
  // every trail on its subgraph's own database (<NAME>_DATABASE_URL, as deploy/'s CronJob sets
  // them): no fallback database is needed, nor an embedded one started
  const db = TRAILS.every((t) => config.databaseUrls[t.subgraph])
    ? {
        url: '',
        description: "databases: each subgraph's own (<NAME>_DATABASE_URL)",
        stop: async () => undefined,
      }
    : await platformDatabase(config);
  console.log(db.description);
  try {
    const { lines, broken } = await verifyAllTrails(config, db.url);
    for (const l of lines) console.log(l);
    return broken;
  } finally {
    await db.stop();
  }
}

if (require.main === module)
  void main().then(
    (broken) => process.exit(broken ? 1 : 0),
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(2);
    },
  );
