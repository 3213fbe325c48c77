/** The labelled data sets the running-index benchmark loads: the households data (outside,
 *  pseudopeople) mapped source by source to agencies, the synthetic county, and a slice by person. */
import fs from 'node:fs';
import path from 'node:path';
import { generateCounty, type AgencyCode } from '@wholechild/shared';
import { parseCsv } from '@wholechild/linkage';

/** The repository's root (bench/lib/indexLinkage → three up). */
const ROOT = path.resolve(__dirname, '..', '..', '..');
export const HOUSEHOLDS_DIR = path.resolve(ROOT, '..', 'shared', 'data', 'linkage', 'households');

/** Which agency holds each source of the households data (a fixed, documented choice: 4 sources,
 *  4 distinct agencies; probation holds none). */
export const HOUSEHOLD_SOURCE_AGENCY: Readonly<Record<string, AgencyCode>> = {
  CENSUS: 'EDUCATION',
  WIC: 'BEHAVIORAL_HEALTH',
  CPS: 'CHILD_WELFARE',
  ACS: 'HOUSING',
};

/** Records of the households data run through the index in smoke mode (BENCH_SCALE=smoke). */
export const SMOKE_INDEX_RECORDS = 200;

/** One labelled record, as an agency would send its person record. */
export interface LinkageRecord {
  /** Unique in the data set; sent as the record's externalId. */
  recordId: string;
  agency: AgencyCode;
  sourceSystem: string;
  givenName: string | null;
  middleName: string | null;
  familyName: string | null;
  /** YYYY-MM-DD */
  birthDate: string | null;
  /** F, M, X or U (what the agencies accept); anything else is sent as it is and rejected. */
  sex: string | null;
  addressLine: string | null;
  city: string | null;
  postalCode: string | null;
  /** Child welfare only: a record under a sealed adoption. */
  sealedAdoption?: boolean;
}

export interface LinkageDataset {
  name: string;
  records: LinkageRecord[];
  /** recordId → the true person. */
  truth: Map<string, string>;
  /** What the reader should know about how the data was mapped. */
  notes?: string[];
}

const SEX: Record<string, string> = { male: 'M', m: 'M', female: 'F', f: 'F' };
const blank = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : s.trim());

/** The households data (records.csv + truth.csv) mapped to agency person records. */
export function loadHouseholds(dir = HOUSEHOLDS_DIR): LinkageDataset {
  const rows = parseCsv(fs.readFileSync(path.join(dir, 'records.csv'), 'utf8'));
  const head = rows[0]!;
  const col = (name: string) => {
    const i = head.indexOf(name);
    if (i < 0) throw new Error(`records.csv has no column ${name}`);
    return i;
  };
  const c = {
    id: col('record_id'),
    source: col('source'),
    given: col('given_name'),
    middle: col('middle_initial'),
    family: col('family_name'),
    dob: col('birth_date'),
    sex: col('sex'),
    street: col('street'),
    city: col('city'),
    zip: col('zip'),
  };
  const records: LinkageRecord[] = rows
    .slice(1)
    .filter((r) => r.length > 1)
    .map((r) => {
      const source = r[c.source]!;
      const agency = HOUSEHOLD_SOURCE_AGENCY[source];
      if (!agency) throw new Error(`no agency for source ${source}`);
      const sex = blank(r[c.sex]);
      return {
        recordId: r[c.id]!,
        agency,
        sourceSystem: source,
        givenName: blank(r[c.given]),
        middleName: blank(r[c.middle]),
        familyName: blank(r[c.family]),
        birthDate: blank(r[c.dob]),
        sex: sex === null ? null : (SEX[sex.toLowerCase()] ?? sex),
        addressLine: blank(r[c.street]),
        city: blank(r[c.city]),
        postalCode: blank(r[c.zip]),
      };
    });
  const truth = new Map(
    parseCsv(fs.readFileSync(path.join(dir, 'truth.csv'), 'utf8'))
      .slice(1)
      .filter((r) => r.length > 1)
      .map((r) => [r[0]!, r[1]!] as [string, string]),
  );
  return {
    name: 'households',
    records,
    truth,
    notes: [
      `sources → agencies: ${Object.entries(HOUSEHOLD_SOURCE_AGENCY)
        .map(([s, a]) => `${s} → ${a}`)
        .join(', ')}`,
    ],
  };
}

/** The synthetic county: each record in the agency that generated it. */
export function countyDataset(size: number, seed = 2026, today?: string): LinkageDataset {
  const county = generateCounty({ size, seed, today });
  const people = Object.values(county.records).flat();
  const records: LinkageRecord[] = [];
  const truth = new Map<string, string>();
  for (const r of people) {
    const sealed = r.flags.sealedAdoption && r.agency === 'CHILD_WELFARE';
    if (truth.has(r.externalId)) throw new Error(`external id ${r.externalId} is not unique`);
    records.push({
      recordId: r.externalId,
      agency: r.agency,
      sourceSystem: r.sourceSystem,
      givenName: r.givenName,
      middleName: r.middleName,
      familyName: r.familyName,
      birthDate: r.birthDate,
      sex: r.sex,
      addressLine: r.addressLine,
      city: r.city,
      postalCode: r.postalCode,
      ...(sealed ? { sealedAdoption: true } : {}),
    });
    // a sealed adoption record is, by law, an identity of its own
    truth.set(r.externalId, sealed ? `${r.truthId}S` : r.truthId);
  }
  return {
    name: `county(${size})`,
    records,
    truth,
    notes: [
      'each record in the agency that generated it; only person records are sent (no DV-survivor flag, ' +
        'so every housing record enters the feed)',
    ],
  };
}

/** The records of the first persons (in the order their first record appears), up to `max`
 *  records: a small slice that still holds every record of each person in it. */
export function sliceByPerson(ds: LinkageDataset, max: number): LinkageDataset {
  const byPerson = new Map<string, LinkageRecord[]>();
  for (const r of ds.records) {
    const p = ds.truth.get(r.recordId);
    if (p === undefined) throw new Error(`record ${r.recordId} has no truth`);
    let list = byPerson.get(p);
    if (!list) byPerson.set(p, (list = []));
    list.push(r);
  }
  const keep = new Set<string>();
  let n = 0;
  for (const list of byPerson.values()) {
    if (n + list.length > max) break;
    for (const r of list) keep.add(r.recordId);
    n += list.length;
  }
  return {
    ...ds,
    name: `${ds.name}[${n} records]`,
    records: ds.records.filter((r) => keep.has(r.recordId)),
    truth: new Map([...ds.truth].filter(([id]) => keep.has(id))),
  };
}
