import {
  CountTable,
  disproportionality,
  ratePer1000,
  recordKey,
  type PublishedCell as PublishedCellOf,
} from '@wholechild/analytics';
import { AGENCIES, type AgencyCode, type PlatformConfig } from '@wholechild/shared';
import type { DataSource } from 'typeorm';
import type { AgencyContribution, ContributionReader } from './contributions';
import {
  AGE_BANDS,
  ageBandOf,
  languageOf,
  LANGUAGES,
  localityOf,
  localityValues,
  RACE_ETHNICITY_GROUPS,
  raceEthnicityOf,
  SEXES,
  sexOf,
  systemsValue,
  systemsValues,
  type Dimension,
} from './dimensions';
import { knownTo, MEASURES, reached, STAGES, type Period } from './measures';
import { populationOf, readPopulation, type PopulationRow } from './population';
import { buildChildren, type AnalyticChild } from './store';

/** Who a table counts: children known in the period to at least one of `systems`, to every one
 *  of `knownTo` and to none of `notKnownTo`. */
export interface Universe {
  systems: AgencyCode[];
  knownTo: AgencyCode[];
  notKnownTo: AgencyCode[];
}

export interface TableQuery extends Universe {
  measure: keyof typeof MEASURES;
  period: Period;
  by: Dimension[];
}

export interface PublishedCell {
  group: Array<string | null>;
  children: number | null;
  suppressed: 'PRIMARY' | 'COMPLEMENTARY' | null;
  total: number | null;
  ratePer1000: { value: number; low: number; high: number } | null;
}

/** Where a table's facts came from: each agency's contribution, as of when it was read. */
export interface SourceNote {
  agency: AgencyCode;
  contributes: string[];
  protectedRecordsCounted: boolean;
  asOf: string | null;
  available: boolean;
}

/** The key of a margin (every value) among a stage's groups. */
const TOTAL = '\u0000total';

interface Snapshot {
  children: Array<AnalyticChild & { key: number }>;
  contributions: AgencyContribution[];
  unavailable: AgencyCode[];
  population: PopulationRow[];
  populationSource: string | null;
}

/**
 * Population measures over the five systems. The agencies' facts come from their own doors
 * (ContributionReader) and are joined on the index's links (buildChildren) in this process; a
 * table is counted here and published through the disclosure control (@wholechild/analytics):
 * random rounding keyed by the cell's children, suppression under the threshold, complementary
 * suppression. Nothing child-level is ever returned.
 */
export class AnalyticsService {
  private snapshot: Snapshot | undefined;
  private refreshing: Promise<Snapshot> | undefined;

  constructor(
    private readonly ds: DataSource,
    private readonly reader: ContributionReader,
    private readonly key: string,
    private readonly config: PlatformConfig['analytics'],
  ) {}

  /** The children as of now: rebuilt when an agency's records, the links or the population changed. */
  private async current(): Promise<Snapshot> {
    this.refreshing ??= this.refresh().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  /** The versions the snapshot was built on: the links', and the reference population's. */
  private builtOn = { links: '', population: '' };

  private async refresh(): Promise<Snapshot> {
    const [set, [versions]] = await Promise.all([
      this.reader.readAll(),
      this.ds.query(
        `SELECT (SELECT coalesce(max(change_seq), 0)::text || '.' || count(*)::text || '.' || coalesce(max(linked_at)::text, '')
                   FROM agency_record) AS links,
                (SELECT count(*)::text || '.' || coalesce(max(loaded_at)::text, '') FROM reference_population) AS population`,
      ),
    ]);
    // the population is read again only when it was loaded again (npm run population:load)
    const population =
      this.snapshot && versions.population === this.builtOn.population
        ? { rows: this.snapshot.population, source: this.snapshot.populationSource }
        : await readPopulation(this.ds);
    const base = {
      contributions: set.contributions,
      unavailable: set.unavailable,
      population: population.rows,
      populationSource: population.source,
    };
    const children =
      this.snapshot && !set.changed && versions.links === this.builtOn.links
        ? this.snapshot.children
        : (await buildChildren(this.ds, set.contributions, (a) => this.reader.saltOf(a))).map((c) => ({
            ...c,
            key: recordKey(this.key, c.group),
          }));
    this.builtOn = { links: versions.links as string, population: versions.population as string };
    this.snapshot = { children, ...base };
    return this.snapshot;
  }

  private sourcesOf(s: Snapshot): SourceNote[] {
    return AGENCIES.map((agency) => {
      const c = s.contributions.find((x) => x.agency === agency);
      return {
        agency,
        contributes: c?.contributes ?? [],
        protectedRecordsCounted: c?.protectedIncluded ?? false,
        asOf: c?.readAt.toISOString() ?? null,
        available: !s.unavailable.includes(agency),
      };
    });
  }

  private dimensionValues(s: Snapshot, dim: Dimension, systems: AgencyCode[]): readonly string[] {
    switch (dim) {
      case 'SYSTEMS':
        return systemsValues(systems);
      case 'RACE_ETHNICITY':
        return RACE_ETHNICITY_GROUPS;
      case 'AGE_BAND':
        return AGE_BANDS;
      case 'SEX':
        return SEXES;
      case 'LANGUAGE':
        return LANGUAGES;
      case 'LOCALITY':
        return localityValues([...new Set(s.population.map((r) => r.locality))]);
    }
  }

  private classifier(s: Snapshot, dims: Dimension[], q: Universe, p: Period) {
    const localities = new Set(s.population.map((r) => r.locality));
    return (c: AnalyticChild, known: AgencyCode[]) =>
      dims.map((d) => {
        switch (d) {
          case 'SYSTEMS':
            return systemsValue(known.filter((a) => q.systems.includes(a)));
          case 'RACE_ETHNICITY':
            return raceEthnicityOf(c.race, c.ethnicity);
          case 'AGE_BAND':
            return ageBandOf(c.birthDay, p.from);
          case 'SEX':
            return sexOf(c.sex);
          case 'LANGUAGE':
            return languageOf(c.language);
          case 'LOCALITY':
            return localityOf(c.postalCode, localities);
        }
      });
  }

  private inUniverse(known: AgencyCode[], q: Universe): boolean {
    return (
      known.some((a) => q.systems.includes(a)) &&
      q.knownTo.every((a) => known.includes(a)) &&
      !q.notKnownTo.some((a) => known.includes(a))
    );
  }

  /** A population table: one cell per combination of the dimensions' values and every margin. */
  async table(
    q: TableQuery,
  ): Promise<{ cells: PublishedCell[]; sources: SourceNote[]; populationSource: string | null }> {
    const s = await this.current();
    const measure = MEASURES[q.measure]!;
    const table = new CountTable(
      q.by.map((d) => ({ name: d, values: this.dimensionValues(s, d, q.systems) })),
    );
    const classify = this.classifier(s, q.by, q, q.period);
    for (const c of s.children) {
      const known = knownTo(c, q.period);
      if (!this.inUniverse(known, q)) continue;
      const v = measure.value(c, q.period);
      if (!v.include) continue;
      table.add(classify(c, known), c.key, { protected: c.protected, weight: v.weight });
    }
    const published = table.publish({ threshold: this.config.threshold, base: this.config.roundingBase });
    const cells = published.map((cell) => {
      const pop = populationOf(s.population, q.by, cell.values);
      return {
        group: cell.values,
        children: cell.count,
        suppressed: cell.suppressed,
        total: measure.total === null ? null : cell.weight,
        ratePer1000:
          cell.count !== null && pop !== null && pop > 0 && cell.count <= pop
            ? ratePer1000(cell.count, pop)
            : null,
      };
    });
    return { cells, sources: this.sourcesOf(s), populationSource: s.populationSource };
  }

  /** Disproportionality along a system's stages, by one dimension. */
  async disproportionality(q: {
    system: AgencyCode;
    period: Period;
    by: Dimension;
    referenceGroup: string;
    knownTo: AgencyCode[];
  }) {
    const s = await this.current();
    const stages = STAGES[q.system] ?? [];
    const values = this.dimensionValues(s, q.by, AGENCIES.slice());
    const universe: Universe = { systems: [...AGENCIES], knownTo: q.knownTo, notKnownTo: [] };
    const classify = this.classifier(s, [q.by], universe, q.period);
    const tables = stages.map(() => new CountTable([{ name: q.by, values }]));
    for (const c of s.children) {
      const known = knownTo(c, q.period);
      if (!q.knownTo.every((a) => known.includes(a))) continue;
      const [group] = classify(c, known);
      stages.forEach((st, i) => {
        if (reached(c, q.system, st.code, q.period))
          tables[i]!.add([group!], c.key, { protected: c.protected });
      });
    }
    const published = tables.map((t) =>
      t.publish({ threshold: this.config.threshold, base: this.config.roundingBase }),
    );
    // the groups compared: those with a reference population (not UNKNOWN or OTHER)
    const groups = values.filter((v) => (populationOf(s.population, [q.by], [v]) ?? 0) > 0);
    const population = Object.fromEntries(groups.map((g) => [g, populationOf(s.population, [q.by], [g])!]));
    const populationTotal = populationOf(s.population, [q.by], [null]) ?? 0;
    const countsOf = (cells: PublishedCellOf[]) => {
      const counts: Record<string, number | null> = {};
      const suppressed: Record<string, 'PRIMARY' | 'COMPLEMENTARY' | null> = {};
      for (const cell of cells) {
        const key = cell.values[0] ?? TOTAL;
        counts[key] = cell.count;
        suppressed[key] = cell.suppressed;
      }
      return { counts, suppressed };
    };
    const perStage = published.map(countsOf);
    const result =
      groups.length && groups.includes(q.referenceGroup)
        ? disproportionality({
            groups,
            referenceGroup: q.referenceGroup,
            population,
            populationTotal,
            stages: stages.map((st, i) => ({
              name: st.stage,
              counts: Object.fromEntries(groups.map((g) => [g, perStage[i]!.counts[g] ?? null])),
              total: perStage[i]!.counts[TOTAL] ?? null,
            })),
          })
        : null;
    const estimate = (
      r: { value?: number; ratio?: number | null; low: number | null; high: number | null } | null,
    ) =>
      r && (r.value ?? r.ratio) !== null && (r.value ?? r.ratio) !== undefined
        ? { value: (r.value ?? r.ratio)!, low: r.low, high: r.high }
        : null;
    return {
      groups,
      stages: stages.map((st, i) => ({
        stage: st.stage,
        rows: (result?.stages[i]?.rows ?? []).map((row) => ({
          group: row.group,
          children: row.count,
          suppressed: perStage[i]!.suppressed[row.group ?? TOTAL] ?? null,
          population: row.group === null ? populationTotal : population[row.group],
          ratePer1000: estimate(row.ratePer1000),
          ratePer100PreviousStage: estimate(row.ratePer100Previous),
          relativeRateIndex: estimate(row.relativeRateIndex),
          disparityIndex: estimate(row.disparityIndex),
          notes: row.notes,
        })),
      })),
      sources: this.sourcesOf(s),
      populationSource: s.populationSource,
    };
  }
}
