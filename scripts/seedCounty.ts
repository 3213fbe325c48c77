import {
  AGENCIES,
  generateCounty,
  Rng,
  type AgencyCode,
  type County,
  type SubgraphService,
  type SyntheticPerson,
} from '@wholechild/shared';
import type { DataSource } from 'typeorm';
import { replacePopulation, syntheticPopulation } from '../subgraphs/child-index/src/analytics/population';
import { agencySeeds } from './services';

export interface SeedReport {
  children: number;
  records: Record<string, number>;
  rows: number;
  ms: number;
}

/** Seeds the synthetic county into the running agency subgraphs' databases (through each
 *  agency's validated upsert path). Deterministic for a seed. */
export async function seedCounty(
  agencies: Partial<Record<AgencyCode, SubgraphService>>,
  opts: {
    size: number;
    seed?: number;
    /** The child index's database: its reference population becomes the county's own children. */
    populationInto?: DataSource;
  },
): Promise<{ county: County; report: SeedReport }> {
  const started = Date.now();
  const county = generateCounty({ size: opts.size, seed: opts.seed });
  const records: Record<string, number> = {};
  const written = await Promise.all(
    AGENCIES.map(async (agency, i) => {
      const service = agencies[agency];
      const seed = agencySeeds[agency] as
        ((ds: DataSource, people: SyntheticPerson[], rng: Rng) => Promise<number>) | undefined;
      if (!service || !seed) return 0;
      records[agency] = county.records[agency].length;
      return seed(service.db.dataSource, county.records[agency], new Rng((opts.seed ?? 1) * 31 + i));
    }),
  );
  const rows = written.reduce((a, b) => a + b, 0);
  if (opts.populationInto)
    await replacePopulation(
      opts.populationInto,
      syntheticPopulation(county.children, new Date().toISOString().slice(0, 10)),
      `synthetic county (${opts.size} children, seed ${opts.seed ?? 1})`,
    );
  return { county, report: { children: county.children.length, records, rows, ms: Date.now() - started } };
}

/** True when the agencies already hold data (a second `npm start` reuses it). */
export async function alreadySeeded(
  agencies: Partial<Record<AgencyCode, SubgraphService>>,
): Promise<boolean> {
  const cw = agencies.CHILD_WELFARE;
  if (!cw) return false;
  const [row] = await cw.db.dataSource.query('SELECT count(*)::int AS n FROM person');
  return row.n > 0;
}
