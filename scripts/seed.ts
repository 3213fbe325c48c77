import { loadConfig } from '@wholechild/shared';
import { alreadySeeded, seedCounty } from './seedCounty';
import { agencyFactories } from './services';
import { AGENCIES, AGENCY_SUBGRAPH, type AgencyCode, type SubgraphService } from '@wholechild/shared';

/** `npm run seed`: writes the synthetic county into the agency databases named by DATABASE_URL
 *  (or <AGENCY>_DATABASE_URL), migrating them first. Used by docker-compose; `npm start` seeds by
 *  itself. SEED_CHILDREN sets the size (default 5000). */
async function main() {
  const config = loadConfig(undefined, { defaultMode: 'development' });
  const agencies: Partial<Record<AgencyCode, SubgraphService>> = {};
  for (const agency of AGENCIES) {
    const name = AGENCY_SUBGRAPH[agency];
    const url = config.databaseUrls[name] ?? config.databaseUrl;
    const factory = agencyFactories[name as keyof typeof agencyFactories];
    if (!url) throw new Error('Set DATABASE_URL');
    if (factory) agencies[agency] = await factory({ config, databaseUrl: url });
  }
  try {
    if (await alreadySeeded(agencies)) console.log('already seeded');
    else {
      const { report } = await seedCounty(agencies, {
        size: Number(process.env.SEED_CHILDREN ?? 5000),
        seed: 2026,
      });
      console.log(
        `seeded ${report.children} children, ${report.rows} rows in ${(report.ms / 1000).toFixed(1)} s`,
      );
    }
  } finally {
    for (const s of Object.values(agencies)) await s.stop();
  }
}

void main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
