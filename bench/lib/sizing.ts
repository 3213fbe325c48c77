/**
 * The load model: measured costs per operation (bench/scale.ts) turned into how many of each a
 * county needs. Pure arithmetic, every assumption a named constant (README "Sizing").
 */

/** Counties sized in the table, by children (0–17) living there. */
export const COUNTY_CHILDREN = [50_000, 500_000, 5_000_000] as const;

/** Staff who open the cross-system view (child welfare social workers, probation officers,
 *  behavioral health clinicians, school counselors and the like) per 1,000 children in the county.
 *  A county of 500,000 children then has 2,000 such users across its five agencies. */
export const USERS_PER_1000_CHILDREN = 4;
/** Cross-system views each such user opens on a working day. */
export const VIEWS_PER_USER_PER_DAY = 40;
/** The working day the views fall in, hours. */
export const WORKDAY_HOURS = 8;
/** Busiest minute's rate ÷ the working day's average rate. */
export const PEAK_FACTOR = 4;

/** Records of every kind (person, case, enrollment, attendance, episode…) the agencies' nightly
 *  jobs upsert, per child in the county per night: a day's attendance for every enrolled child,
 *  and the other agencies' changes. */
export const UPSERTS_PER_CHILD_PER_NIGHT = 1.2;
/** Of those, the share that are new or changed person records (the ones the child index pulls
 *  and links). */
export const PERSON_RECORD_SHARE = 0.02;
/** The nightly window the ingest must fit in, hours. */
export const INGEST_WINDOW_HOURS = 4;
/** The busiest agency's share of the night's upserts (education's attendance and enrollments). */
export const BUSIEST_AGENCY_SHARE = 0.85;

/** CPU utilisation a service is sized for at peak (headroom for bursts and a lost replica's load). */
export const TARGET_CPU_UTILISATION = 0.6;
/** Fewest replicas of each service (one can be lost or rolled without an outage). */
export const MIN_REPLICAS = 2;
/** Cores one replica uses at most: a Node process runs its JavaScript on one core. */
export const CORES_PER_REPLICA = 1;
/** Cores of the largest PostgreSQL primary a county would run for one agency: past this, the
 *  database itself is the limit (one primary takes every write). */
export const MAX_PG_PRIMARY_CORES = 32;

/** The services sized: the gateway, the index and the five agency subgraphs. */
export type ServiceName =
  'gateway' | 'child-index' | 'child-welfare' | 'behavioral-health' | 'probation' | 'education' | 'housing';

/** What one operation costs, as measured. */
export interface MeasuredCosts {
  /** CPU ms per cross-system view, per service process. */
  viewCpuMs: Partial<Record<ServiceName, number>>;
  /** PostgreSQL CPU ms per view, per service's database (its own role's backends). */
  viewPgMs: Partial<Record<ServiceName, number>>;
  /** CPU ms per upserted record at the gateway and at the agency that takes it. */
  upsertCpuMs: { gateway: number; agency: number };
  /** PostgreSQL CPU ms per upserted record in the agency's database. */
  upsertPgMs: number;
  /** CPU ms of the child index per person record it pulls and links, and of its database. */
  linkCpuMs: number;
  linkPgMs: number;
  /** Person records the index links per second with the link lock held: one lock for every
   *  change to links, so this does not grow with index replicas. */
  linkRecordsPerSecond: number;
  /** One-row audit appends an agency's trail takes a second from several writers at once: each
   *  holds the trail's one chain lock (audit_append) to its commit, whatever the replicas. */
  auditAppendsPerSecond: number;
}

/** The load a county of `children` puts on the platform. */
export function countyLoad(children: number) {
  const users = (children / 1000) * USERS_PER_1000_CHILDREN;
  const viewsPerDay = users * VIEWS_PER_USER_PER_DAY;
  const peakViewsPerSecond = (viewsPerDay / (WORKDAY_HOURS * 3600)) * PEAK_FACTOR;
  const upsertsPerNight = children * UPSERTS_PER_CHILD_PER_NIGHT;
  const upsertsPerSecond = upsertsPerNight / (INGEST_WINDOW_HOURS * 3600);
  const personRecordsPerSecond = upsertsPerSecond * PERSON_RECORD_SHARE;
  return {
    children,
    users,
    viewsPerDay,
    peakViewsPerSecond,
    upsertsPerNight,
    upsertsPerSecond,
    personRecordsPerSecond,
  };
}
export type CountyLoad = ReturnType<typeof countyLoad>;

/** Replicas for `cores` of CPU demand at the target utilisation (at least MIN_REPLICAS). */
export function replicasFor(cores: number): number {
  return Math.max(MIN_REPLICAS, Math.ceil(cores / (TARGET_CPU_UTILISATION * CORES_PER_REPLICA) - 1e-9));
}

const AGENCY_SERVICES: ServiceName[] = [
  'child-welfare',
  'behavioral-health',
  'probation',
  'education',
  'housing',
];

/** One row of the sizing table. Views (the working day) and the ingest (the night) do not overlap:
 *  each service is sized for the larger of the two. */
export function sizeCounty(children: number, c: MeasuredCosts) {
  const load = countyLoad(children);
  const viewCores = (s: ServiceName) => (load.peakViewsPerSecond * (c.viewCpuMs[s] ?? 0)) / 1000;
  const nightCores = (s: ServiceName): number => {
    if (s === 'gateway') return (load.upsertsPerSecond * c.upsertCpuMs.gateway) / 1000;
    if (s === 'child-index') return (load.personRecordsPerSecond * c.linkCpuMs) / 1000;
    return (load.upsertsPerSecond * BUSIEST_AGENCY_SHARE * c.upsertCpuMs.agency) / 1000;
  };
  const services = (['gateway', 'child-index', ...AGENCY_SERVICES] as ServiceName[]).map((s) => {
    const cores = Math.max(viewCores(s), nightCores(s));
    return { service: s, cores, replicas: replicasFor(cores) };
  });
  // PostgreSQL per database: the index's, and the busiest agency's (each agency its own primary)
  const pgCores = (s: ServiceName) => {
    const day = (load.peakViewsPerSecond * (c.viewPgMs[s] ?? 0)) / 1000;
    const night =
      s === 'child-index'
        ? (load.personRecordsPerSecond * c.linkPgMs) / 1000
        : (load.upsertsPerSecond * BUSIEST_AGENCY_SHARE * c.upsertPgMs) / 1000;
    return Math.max(day, night) / TARGET_CPU_UTILISATION;
  };
  const pg = Object.fromEntries(
    (['child-index', ...AGENCY_SERVICES] as ServiceName[]).map((s) => [s, pgCores(s)]),
  ) as Record<ServiceName, number>;
  const busiestAgencyPg = Math.max(...AGENCY_SERVICES.map((s) => pg[s]));
  // what does not grow with replicas: the link lock, and each database's one primary
  const serial = [
    { what: 'child-index link lock', used: load.personRecordsPerSecond / c.linkRecordsPerSecond },
    // a view appends at most one statement to each holder's trail; group commit merges the
    // appends a replica has queued into one, so this counts high
    { what: 'agency audit chain lock', used: load.peakViewsPerSecond / c.auditAppendsPerSecond },
    { what: 'child-index PostgreSQL primary', used: pg['child-index'] / MAX_PG_PRIMARY_CORES },
    { what: 'busiest agency PostgreSQL primary', used: busiestAgencyPg / MAX_PG_PRIMARY_CORES },
  ].sort((a, b) => b.used - a.used);
  const mostCpu = [...services].sort((a, b) => b.cores - a.cores)[0]!;
  const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`;
  // a serial limit reached is the bottleneck; else the service that needs the most CPU is the first
  // to scale out, and the serial limit nearest to its ceiling is named beside it
  const firstBottleneck =
    serial[0]!.used >= 1
      ? `${serial[0]!.what} (${pct(serial[0]!.used)} of its ceiling)`
      : `${mostCpu.service} CPU; then ${serial[0]!.what} (${pct(serial[0]!.used)})`;
  return { load, services, pg, busiestAgencyPg, serial, firstBottleneck };
}
export type CountySizing = ReturnType<typeof sizeCounty>;

/** The sizing table as text (README "Sizing" prints the same rows). */
export function formatSizing(rows: CountySizing[]): string {
  const n = (v: number, d = 0) =>
    v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const head = ['', ...rows.map((r) => `${n(r.load.children)} children`)];
  const line = (label: string, f: (r: CountySizing) => string) => [label, ...rows.map(f)];
  const table = [
    head,
    line('users (views)', (r) => n(r.load.users)),
    line('views per day', (r) => n(r.load.viewsPerDay)),
    line('peak views/s', (r) => n(r.load.peakViewsPerSecond, 1)),
    line('nightly upserts', (r) => n(r.load.upsertsPerNight)),
    line('upserts/s in the window', (r) => n(r.load.upsertsPerSecond, 1)),
    ...rows[0]!.services.map((s, i) =>
      line(
        `${s.service} replicas (cores)`,
        (r) => `${r.services[i]!.replicas} (${n(r.services[i]!.cores, 2)})`,
      ),
    ),
    line('PostgreSQL cores: child index', (r) => n(r.pg['child-index'], 2)),
    line('PostgreSQL cores: busiest agency', (r) => n(r.busiestAgencyPg, 2)),
    line('link lock used', (r) => `${n(r.serial.find((x) => x.what.includes('link lock'))!.used * 100, 1)}%`),
    line(
      'audit chain lock used',
      (r) => `${n(r.serial.find((x) => x.what.includes('audit'))!.used * 100, 1)}%`,
    ),
    line('first bottleneck', (r) => r.firstBottleneck),
  ];
  const widths = head.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  return table.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')).join('\n');
}
