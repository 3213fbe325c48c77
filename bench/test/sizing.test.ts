import {
  BUSIEST_AGENCY_SHARE,
  countyLoad,
  formatSizing,
  INGEST_WINDOW_HOURS,
  MAX_PG_PRIMARY_CORES,
  MIN_REPLICAS,
  PEAK_FACTOR,
  PERSON_RECORD_SHARE,
  replicasFor,
  sizeCounty,
  TARGET_CPU_UTILISATION,
  UPSERTS_PER_CHILD_PER_NIGHT,
  USERS_PER_1000_CHILDREN,
  VIEWS_PER_USER_PER_DAY,
  WORKDAY_HOURS,
  type MeasuredCosts,
} from '../lib/sizing';

/** Round costs, so that every figure of the table can be worked out by hand. */
const COSTS: MeasuredCosts = {
  viewCpuMs: {
    gateway: 10,
    'child-index': 5,
    'child-welfare': 8,
    'behavioral-health': 6,
    probation: 6,
    education: 7,
    housing: 6,
  },
  viewPgMs: {
    'child-index': 2,
    'child-welfare': 3,
    'behavioral-health': 2,
    probation: 2,
    education: 2,
    housing: 2,
  },
  upsertCpuMs: { gateway: 0.05, agency: 0.1 },
  upsertPgMs: 0.1,
  linkCpuMs: 1.5,
  linkPgMs: 0.2,
  linkRecordsPerSecond: 200,
  auditAppendsPerSecond: 500,
};

describe('sizing arithmetic (bench/lib/sizing.ts)', () => {
  it('turns a county into users, views and ingest rates by the named assumptions', () => {
    const l = countyLoad(500_000);
    expect(l.users).toBe(500 * USERS_PER_1000_CHILDREN);
    expect(l.viewsPerDay).toBe(l.users * VIEWS_PER_USER_PER_DAY);
    expect(l.peakViewsPerSecond).toBeCloseTo((l.viewsPerDay / (WORKDAY_HOURS * 3600)) * PEAK_FACTOR, 9);
    expect(l.upsertsPerNight).toBe(500_000 * UPSERTS_PER_CHILD_PER_NIGHT);
    expect(l.upsertsPerSecond).toBeCloseTo(l.upsertsPerNight / (INGEST_WINDOW_HOURS * 3600), 9);
    expect(l.personRecordsPerSecond).toBeCloseTo(l.upsertsPerSecond * PERSON_RECORD_SHARE, 9);
  });

  it('replicas: at least the minimum, else enough cores at the target utilisation', () => {
    expect(replicasFor(0)).toBe(MIN_REPLICAS);
    const oneReplica = TARGET_CPU_UTILISATION; // cores one replica serves at the target
    expect(replicasFor(oneReplica * 5)).toBe(Math.max(MIN_REPLICAS, 5));
    expect(replicasFor(oneReplica * 5 + 0.001)).toBe(Math.max(MIN_REPLICAS, 6));
  });

  it('sizes each service for the larger of the working day and the night, by hand', () => {
    const children = 5_000_000;
    const l = countyLoad(children);
    const r = sizeCounty(children, COSTS);
    const gw = r.services.find((s) => s.service === 'gateway')!;
    const day = (l.peakViewsPerSecond * 10) / 1000;
    const night = (l.upsertsPerSecond * 0.05) / 1000;
    expect(gw.cores).toBeCloseTo(Math.max(day, night), 9);
    expect(gw.replicas).toBe(replicasFor(gw.cores));
    const education = r.services.find((s) => s.service === 'education')!;
    expect(education.cores).toBeCloseTo(
      Math.max((l.peakViewsPerSecond * 7) / 1000, (l.upsertsPerSecond * BUSIEST_AGENCY_SHARE * 0.1) / 1000),
      9,
    );
    const index = r.services.find((s) => s.service === 'child-index')!;
    expect(index.cores).toBeCloseTo(
      Math.max((l.peakViewsPerSecond * 5) / 1000, (l.personRecordsPerSecond * 1.5) / 1000),
      9,
    );
    // PostgreSQL: child welfare's views cost its database the most (3 ms), at the target utilisation
    expect(r.busiestAgencyPg).toBeCloseTo(
      Math.max((l.peakViewsPerSecond * 3) / 1000, (l.upsertsPerSecond * BUSIEST_AGENCY_SHARE * 0.1) / 1000) /
        TARGET_CPU_UTILISATION,
      9,
    );
    const lock = r.serial.find((s) => s.what === 'child-index link lock')!;
    expect(lock.used).toBeCloseTo(l.personRecordsPerSecond / 200, 9);
    const audit = r.serial.find((s) => s.what === 'agency audit chain lock')!;
    expect(audit.used).toBeCloseTo(l.peakViewsPerSecond / 500, 9);
  });

  it('names the service that needs the most CPU first, and a serial limit once it is reached', () => {
    expect(sizeCounty(500_000, COSTS).firstBottleneck).toMatch(/^gateway CPU; then /);
    // a link lock that takes a record a second is full long before any CPU is
    const slowLinks = { ...COSTS, linkRecordsPerSecond: 1 };
    expect(sizeCounty(5_000_000, slowLinks).firstBottleneck).toMatch(
      /^child-index link lock \(\d+% of its ceiling\)$/,
    );
    // a database that needs more than the largest primary
    const heavyPg = { ...COSTS, viewPgMs: { ...COSTS.viewPgMs, education: 1000 } };
    const r = sizeCounty(5_000_000, heavyPg);
    expect(r.busiestAgencyPg).toBeGreaterThan(MAX_PG_PRIMARY_CORES);
    expect(r.firstBottleneck).toMatch(/^busiest agency PostgreSQL primary/);
  });

  it('prints one column per county', () => {
    const table = formatSizing([50_000, 500_000].map((c) => sizeCounty(c, COSTS)));
    expect(table.split('\n')[0]).toMatch(/50,000 children.*500,000 children/);
    expect(table).toMatch(/gateway replicas \(cores\)/);
    expect(table).toMatch(/first bottleneck/);
  });
});
