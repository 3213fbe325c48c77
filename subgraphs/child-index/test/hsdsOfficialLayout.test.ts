import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  databaseRolesOf,
  loadConfig,
  openSubgraphDatabase,
  schemaOf,
  type SubgraphDatabase,
  type ViewerClaims,
} from '@wholechild/shared';
import { createTestDatabase } from '@wholechild/shared/testing';
import { DirectoryService } from '../src/directory/directoryService';
import { importHsdsPackage, PackageError, type ImportReport } from '../src/directory/hsdsImport';
import { entities } from '../src/entities';
import { INDEX_MIGRATIONS } from '../src/migrations';

/*
 * A package laid out as Open Referral's own HSDS 3.0.0 data package is (its datapackage.json's
 * resource names and paths, every column its Table Schemas declare for the resources the directory
 * keeps, with their Table Schema details: unique, format, example, core, primaryKey, foreignKeys),
 * plus two resources the directory does not keep (program, phone). The field lists are written
 * from the specification; every value is fictional (Birch County, made up here).
 */

type Field = [name: string, type: string, required: boolean, extra?: Record<string, unknown>];
const uri = { format: 'uri' };
const email = { format: 'email' };
const uniq = { unique: true };

/** The official 3.0.0 resources, in its descriptor's order: name, path (verbatim: "addresss.csv" is
 *  how the specification spells the address file), fields, foreign keys. */
const OFFICIAL: Array<{ name: string; path: string; fields: Field[]; fks: Array<[string, string]> }> = [
  {
    name: 'organization',
    path: 'organizations.csv',
    fields: [
      ['id', 'string', true, uniq],
      ['name', 'string', true],
      ['alternate_name', 'string', false],
      ['description', 'string', true],
      ['email', 'string', false, email],
      ['website', 'string', false, uri],
      ['year_incorporated', 'number', false, { format: '%Y' }],
      ['legal_status', 'string', false],
      ['logo', 'string', false],
      ['uri', 'string', false, uri],
      ['parent_organization_id', 'string', false],
    ],
    fks: [],
  },
  {
    name: 'program',
    path: 'programs.csv',
    fields: [
      ['id', 'string', true, uniq],
      ['organization_id', 'string', true, uniq],
      ['name', 'string', true],
      ['alternate_name', 'string', false],
      ['description', 'string', true],
    ],
    fks: [['organization_id', 'organization']],
  },
  {
    name: 'service',
    path: 'services.csv',
    fields: [
      ['id', 'string', true, uniq],
      ['organization_id', 'string', true],
      ['program_id', 'string', false],
      ['name', 'string', true],
      ['alternate_name', 'string', false],
      ['description', 'string', false],
      ['url', 'string', false, uri],
      ['email', 'string', false, email],
      ['status', 'string', true, { enum: ['active', 'inactive', 'defunct', 'temporarily closed'] }],
      ['interpretation_services', 'string', false],
      ['application_process', 'string', false],
      ['fees_description', 'string', false],
      ['accreditations', 'string', false],
      ['eligibility_description', 'string', false],
      ['minimum_age', 'number', false],
      ['maximum_age', 'number', false],
      ['assured_date', 'date', false],
      ['assurer_email', 'string', false, email],
      ['alert', 'string', false],
    ],
    fks: [
      ['organization_id', 'organization'],
      ['program_id', 'program'],
    ],
  },
  {
    name: 'attribute',
    path: 'attributes.csv',
    fields: [
      ['id', 'string', true, uniq],
      ['link_id', 'string', true],
      ['taxonomy_term_id', 'string', true],
      ['link_type', 'string', true],
      ['link_entity', 'string', true],
      ['value', 'string', false],
    ],
    fks: [['taxonomy_term_id', 'taxonomy_term']],
  },
  {
    name: 'service_at_location',
    path: 'service_at_location.csv',
    fields: [
      ['id', 'string', true, uniq],
      ['service_id', 'string', true],
      ['location_id', 'string', true],
      ['description', 'string', false],
    ],
    fks: [
      ['service_id', 'service'],
      ['location_id', 'location'],
    ],
  },
  {
    name: 'location',
    path: 'locations.csv',
    fields: [
      ['id', 'string', true, uniq],
      ['location_type', 'string', true, { enum: ['physical', 'postal', 'virtual'] }],
      ['url', 'string', false, uri],
      ['organization_id', 'string', false],
      ['name', 'string', false],
      ['alternate_name', 'string', false],
      ['description', 'string', false],
      ['transportation', 'string', false],
      ['latitude', 'number', false],
      ['longitude', 'number', false],
      ['external_identifier', 'string', false],
      ['external_identifier_type', 'string', false],
    ],
    fks: [['organization_id', 'organization']],
  },
  {
    name: 'phone',
    path: 'phones.csv',
    fields: [
      ['id', 'string', true, uniq],
      ['location_id', 'string', false],
      ['service_id', 'string', false],
      ['organization_id', 'string', false],
      ['contact_id', 'string', false],
      ['service_at_location_id', 'string', false],
      ['number', 'string', true],
      ['extension', 'number', false],
      ['type', 'string', false],
      ['description', 'string', false],
    ],
    fks: [
      ['location_id', 'location'],
      ['service_id', 'service'],
      ['organization_id', 'organization'],
      ['contact_id', 'contact'],
      ['service_at_location_id', 'service_at_location'],
    ],
  },
  {
    name: 'address',
    path: 'addresss.csv',
    fields: [
      ['id', 'string', true, uniq],
      ['location_id', 'string', false],
      ['attention', 'string', false],
      ['address_1', 'string', true],
      ['address_2', 'string', false],
      ['city', 'string', true],
      ['region', 'string', false],
      ['state_province', 'string', true],
      ['postal_code', 'string', true],
      ['country', 'string', true],
      ['address_type', 'string', true, { enum: ['physical', 'postal', 'virtual'] }],
    ],
    fks: [['location_id', 'location']],
  },
  {
    name: 'language',
    path: 'languages.csv',
    fields: [
      ['id', 'string', true, uniq],
      ['service_id', 'string', false],
      ['location_id', 'string', false],
      ['phone_id', 'string', false],
      ['name', 'string', false],
      ['code', 'string', false],
      ['note', 'string', false],
    ],
    fks: [
      ['service_id', 'service'],
      ['location_id', 'location'],
      ['phone_id', 'phone'],
    ],
  },
  {
    name: 'taxonomy_term',
    path: 'taxonomy_terms.csv',
    fields: [
      ['id', 'string', true, uniq],
      ['code', 'string', false, uniq],
      ['name', 'string', true],
      ['description', 'string', true],
      ['parent_id', 'string', false],
      ['taxonomy', 'string', false],
      ['language', 'string', false],
      ['taxonomy_id', 'string', false],
      ['term_uri', 'string', false, uri],
    ],
    fks: [['taxonomy_id', 'taxonomy']],
  },
];

/** Resources the official descriptor lists that this package ships no file of (HSDS tables are
 *  optional): not read, and not an error. */
const DESCRIBED_ONLY = ['contact', 'schedule', 'service_area', 'metadata', 'taxonomy'];

function descriptor(edit: (r: (typeof OFFICIAL)[number]) => { path: string } = (r) => r) {
  return {
    name: 'birch_county_services',
    profile: 'tabular-data-package',
    version: '3.0.0',
    resources: [
      ...OFFICIAL.map((r) => ({
        name: r.name,
        path: edit(r).path,
        description: `Birch County ${r.name} rows (fictional).`,
        format: 'csv',
        mediatype: 'text/csv',
        profile: 'tabular-data-resource',
        schema: {
          primaryKey: 'id',
          fields: r.fields.map(([name, type, required, extra = {}]) => {
            const {
              unique = false,
              enum: values,
              format,
            } = extra as {
              unique?: boolean;
              enum?: string[];
              format?: string;
            };
            return {
              name,
              type,
              description: `The ${name} (fictional documentation).`,
              ...(format ? { format } : {}),
              constraints: { required, unique, ...(values ? { enum: values } : {}) },
              example: `${name} example`,
              ...(name === 'id' ? { core: 'Y' } : {}),
            };
          }),
          ...(r.fks.length
            ? {
                foreignKeys: r.fks.map(([fields, resource]) => ({
                  fields,
                  reference: { resource, fields: 'id' },
                })),
              }
            : {}),
        },
      })),
      ...DESCRIBED_ONLY.map((name) => ({
        name,
        path: `${name}s.csv`,
        format: 'csv',
        mediatype: 'text/csv',
        profile: 'tabular-data-resource',
        schema: {
          primaryKey: 'id',
          fields: [{ name: 'id', type: 'string', constraints: { required: true } }],
        },
      })),
    ],
  };
}

// fictional ids (UUIDs, as HSDS 3.0 ids are)
const ORG = 'b1c00000-0000-4000-8000-000000000001';
const PROGRAM = 'b1c00000-0000-4000-8000-0000000000a1';
const SWIM = 'b1c00000-0000-4000-8000-000000000011';
const DENTAL = 'b1c00000-0000-4000-8000-000000000012';
const BAD_STATUS = 'b1c00000-0000-4000-8000-000000000013';
const BAD_AGE = 'b1c00000-0000-4000-8000-000000000014';
const POOL = 'b1c00000-0000-4000-8000-000000000021';
const ONLINE = 'b1c00000-0000-4000-8000-000000000022';
const VAN = 'b1c00000-0000-4000-8000-000000000023';
const TERM = 'b1c00000-0000-4000-8000-000000000031';
const UNCODED_TERM = 'b1c00000-0000-4000-8000-000000000032';
const PHONE = 'b1c00000-0000-4000-8000-000000000041';
const id = (n: number) => `b1c00000-0000-4000-8000-0000000009${String(n).padStart(2, '0')}`;

/** Each file's rows, by column name (every declared column present in the header; a column a row
 *  leaves out is empty). */
const ROWS: Record<string, Array<Record<string, string>>> = {
  organization: [
    {
      id: ORG,
      name: 'Birch County Youth Aquatics',
      alternate_name: 'BCYA',
      description: 'Swimming lessons and water safety for children (fictional).',
      email: 'hello@bcya.example',
      website: 'https://bcya.example',
      year_incorporated: '1998',
      legal_status: 'Nonprofit',
      logo: 'https://bcya.example/logo.png',
      uri: 'https://bcya.example/org',
      parent_organization_id: 'b1c00000-0000-4000-8000-0000000000ff',
    },
  ],
  program: [
    {
      id: PROGRAM,
      organization_id: ORG,
      name: 'Water Safety',
      description: 'Every water program (fictional).',
    },
  ],
  service: [
    {
      id: SWIM,
      organization_id: ORG,
      program_id: PROGRAM,
      name: 'Learn-to-Swim for Kids',
      alternate_name: 'Splash Start',
      description: 'Small-group swimming lessons.',
      url: 'https://bcya.example/swim',
      email: 'swim@bcya.example',
      status: 'active',
      interpretation_services: 'Spanish-speaking instructors',
      application_process: 'Register online or at the front desk.',
      fees_description: 'Free with a school lunch card',
      accreditations: 'County aquatics certified',
      eligibility_description: 'Children 5 to 12',
      minimum_age: '5',
      maximum_age: '12',
      assured_date: '2026-01-15',
      assurer_email: 'qa@bcya.example',
      alert: 'Pool closed on holidays',
    },
    {
      id: DENTAL,
      organization_id: ORG,
      name: 'Swim Team Dental Checks',
      status: 'temporarily closed',
      minimum_age: '8',
    },
    // wrong values stay wrong: a status outside HSDS's enum, an age that is no number
    { id: BAD_STATUS, organization_id: ORG, name: 'Paused Class', status: 'paused' },
    { id: BAD_AGE, organization_id: ORG, name: 'Diving', status: 'active', minimum_age: 'ten' },
  ],
  attribute: [
    {
      id: id(1),
      link_id: SWIM,
      taxonomy_term_id: TERM,
      link_type: 'eligibility',
      link_entity: 'service',
      value: 'lessons',
    },
    // an organization's attribute: valid HSDS, the directory keeps services' attributes only
    { id: id(2), link_id: ORG, taxonomy_term_id: TERM, link_type: 'audience', link_entity: 'organization' },
  ],
  service_at_location: [
    { id: id(3), service_id: SWIM, location_id: POOL, description: 'Lessons in the east pool.' },
    { id: id(4), service_id: DENTAL, location_id: VAN, description: 'The dental van parks by the pool.' },
  ],
  location: [
    {
      id: POOL,
      location_type: 'physical',
      url: 'https://bcya.example/pool',
      organization_id: ORG,
      name: 'Birch Lake Pool',
      alternate_name: 'East pool',
      description: 'Indoor pool.',
      transportation: 'Bus 4',
      latitude: '41.2',
      longitude: '-122.3',
      external_identifier: 'BC-POOL-1',
      external_identifier_type: 'county asset number',
    },
    // a location of no organization: valid HSDS 3.0, but the directory keeps a location under the
    // organization that maintains it
    { id: ONLINE, location_type: 'virtual', url: 'https://bcya.example/live', name: 'Online classes' },
    // a coordinate outside WGS84: the location is kept, its coordinate is not
    {
      id: VAN,
      location_type: 'physical',
      organization_id: ORG,
      name: 'Dental van',
      latitude: '95',
      longitude: '10',
    },
  ],
  phone: [{ id: PHONE, service_id: SWIM, number: '555-0100', extension: '12', type: 'voice' }],
  address: [
    {
      id: id(5),
      location_id: POOL,
      attention: 'Front desk',
      address_1: '7 Lakeshore Drive',
      address_2: 'Building B',
      city: 'Birch Lake',
      region: 'East Birch',
      state_province: 'OR',
      postal_code: '97001',
      country: 'US',
      address_type: 'physical',
    },
    {
      id: id(6),
      location_id: VAN,
      address_1: '9 Pine Road',
      city: 'Birch Lake',
      state_province: 'OR',
      postal_code: '97001',
      country: 'US',
      address_type: 'physical',
    },
  ],
  language: [
    {
      id: id(7),
      service_id: SWIM,
      location_id: POOL,
      phone_id: PHONE,
      name: 'Spanish',
      code: 'es',
      note: 'Weekends',
    },
    // a location's language (no service): not the directory's
    { id: id(8), location_id: POOL, name: 'Tagalog', code: 'tl' },
  ],
  taxonomy_term: [
    {
      id: TERM,
      code: 'SWIM_LESSONS',
      name: 'Swimming lessons',
      description: 'Learning to swim.',
      parent_id: 'b1c00000-0000-4000-8000-0000000000fe',
      taxonomy: 'Birch needs',
      language: 'en',
      taxonomy_id: 'b1c00000-0000-4000-8000-0000000000fd',
      term_uri: 'https://birch.example/terms/swim',
    },
    // HSDS 3.0 makes a term's code optional; the directory names needs by code
    { id: UNCODED_TERM, name: 'Water play', description: 'Play in water.' },
  ],
};

const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The package written to a fresh folder: its descriptor, and each shipped resource's file under
 *  the path the descriptor gives, with every declared column. */
function writePackage(edit?: Parameters<typeof descriptor>[0]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hsds-official-'));
  const pkg = descriptor(edit);
  fs.writeFileSync(path.join(dir, 'datapackage.json'), JSON.stringify(pkg, null, 2));
  for (const r of OFFICIAL) {
    const header = r.fields.map(([n]) => n);
    const lines = [header, ...ROWS[r.name]!.map((row) => header.map((h) => cell(row[h] ?? '')))];
    fs.writeFileSync(path.join(dir, r.path), lines.map((l) => l.join(',')).join('\r\n') + '\r\n');
  }
  return dir;
}

describe('an HSDS 3.0 package in the official layout', () => {
  let dbFile: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: SubgraphDatabase;
  let report: ImportReport;
  const viewer: ViewerClaims = {
    sub: 'caseworker-1',
    agency: 'EDUCATION',
    roles: ['CASEWORKER'],
    purposeOfUse: 'CARE_COORDINATION',
  };
  const search = async (s: Record<string, unknown>) =>
    (await new DirectoryService(db.dataSource).search(viewer, s)).edges.map((e) => e.node);

  beforeAll(async () => {
    dbFile = await createTestDatabase();
    const config = loadConfig({ WHOLECHILD_MODE: 'development', LOG_LEVEL: 'silent' });
    db = await openSubgraphDatabase({
      url: dbFile.url,
      roles: databaseRolesOf(config, 'child-index'),
      schema: schemaOf('child-index'),
      entities,
      migrations: INDEX_MIGRATIONS,
    });
    report = await importHsdsPackage(db.dataSource, writePackage(), { agency: 'HOUSING' });
  });
  afterAll(async () => {
    await db?.close();
    await dbFile?.drop();
  });

  it('loads every valid row it keeps, and reports the others row by row', () => {
    expect(report.rejected).toEqual([
      {
        resource: 'service',
        row: 4,
        errors: [expect.objectContaining({ field: 'status', code: 'INVALID_ENUM' })],
      },
      {
        resource: 'service',
        row: 5,
        errors: [expect.objectContaining({ field: 'minimum_age', code: 'INVALID_TYPE' })],
      },
    ]);
    expect(report.notKept).toEqual([
      { resource: 'location', row: 3, errors: [expect.objectContaining({ field: 'organization_id' })] },
      { resource: 'language', row: 3, errors: [expect.objectContaining({ field: 'service_id' })] },
      { resource: 'taxonomy_term', row: 3, errors: [expect.objectContaining({ field: 'code' })] },
      {
        resource: 'attribute',
        row: 3,
        errors: [expect.objectContaining({ field: 'link_entity', code: 'INVALID_ENUM' })],
      },
    ]);
    expect(report.dropped).toEqual([
      {
        resource: 'location',
        row: 4,
        errors: [
          expect.objectContaining({ field: 'latitude', code: 'OUT_OF_RANGE' }),
          expect.objectContaining({ field: 'longitude', code: 'OUT_OF_RANGE' }),
        ],
      },
    ]);
    // organization 1, locations 2, addresses 2, services 2, services at locations 2, language 1,
    // term 1, attribute 1
    expect(report).toMatchObject({ created: 12, updated: 0, unchanged: 0 });
    expect(report.byResource).toEqual({
      organization: 1,
      location: 3,
      address: 2,
      service: 4,
      service_at_location: 2,
      language: 2,
      taxonomy_term: 2,
      attribute: 2,
    });
    expect(report.skippedResources).toEqual(['program', 'phone', ...DESCRIBED_ONLY]);
    expect(report.unreadResources).toEqual([]);
    expect(report.ignoredColumns.service).toEqual({
      declared: ['program_id', 'accreditations', 'assured_date', 'assurer_email', 'alert'],
      undeclared: [],
    });
  });

  it('stores what it keeps of each row', async () => {
    const q = (sql: string) => db.dataSource.query(sql);
    expect(await q(`SELECT id, maintainer_agency, name, website FROM directory_organization`)).toEqual([
      {
        id: ORG,
        maintainer_agency: 'HOUSING',
        name: 'Birch County Youth Aquatics',
        website: 'https://bcya.example',
      },
    ]);
    expect(await q(`SELECT id, latitude, longitude FROM directory_location ORDER BY id`)).toEqual([
      { id: POOL, latitude: 41.2, longitude: -122.3 },
      { id: VAN, latitude: null, longitude: null },
    ]);
    expect(await q(`SELECT id, status FROM directory_service ORDER BY id`)).toEqual([
      { id: SWIM, status: 'active' },
      { id: DENTAL, status: 'temporarily closed' },
    ]);
    expect(await q(`SELECT service_id, taxonomy_term_id FROM directory_attribute`)).toEqual([
      { service_id: SWIM, taxonomy_term_id: TERM },
    ]);
  });

  it('is found by the directory search', async () => {
    const [swim] = await search({ need: 'SWIM_LESSONS' });
    expect(swim).toMatchObject({
      id: SWIM,
      name: 'Learn-to-Swim for Kids',
      minimumAge: 5,
      maximumAge: 12,
      feesDescription: 'Free with a school lunch card',
      organization: { name: 'Birch County Youth Aquatics', maintainer: 'HOUSING' },
      languages: [{ code: 'es', name: 'Spanish' }],
      needs: [{ code: 'SWIM_LESSONS', name: 'Swimming lessons', taxonomy: 'Birch needs' }],
      locations: [
        { id: POOL, address: { address1: '7 Lakeshore Drive', city: 'Birch Lake', region: 'East Birch' } },
      ],
    });
    expect((await search({ age: 7, language: 'Spanish', locality: '97001' })).map((s) => s.id)).toEqual([
      SWIM,
    ]);
    expect((await search({ locality: 'Birch Lake', includeInactive: true })).map((s) => s.name)).toEqual([
      'Learn-to-Swim for Kids',
      'Swim Team Dental Checks',
    ]);
  });

  it('imports the same package again as unchanged, and keeps the package’s boundaries', async () => {
    const again = await importHsdsPackage(db.dataSource, writePackage(), { agency: 'HOUSING' });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 12 });
    // a kept resource the descriptor names but the folder lacks is reported, the rest loads
    const noLanguages = writePackage();
    fs.rmSync(path.join(noLanguages, 'languages.csv'));
    const partial = await importHsdsPackage(db.dataSource, noLanguages, { agency: 'HOUSING' });
    expect(partial.unreadResources).toEqual([{ resource: 'language', path: 'languages.csv' }]);
    expect(partial).toMatchObject({ unchanged: 11, rejected: [expect.anything(), expect.anything()] });
    // a path outside the package is refused before any row
    const outside = writePackage((r) => (r.name === 'address' ? { path: '../addresss.csv' } : r));
    await expect(importHsdsPackage(db.dataSource, outside, { agency: 'HOUSING' })).rejects.toThrow(
      new PackageError('resource address: path outside the package'),
    );
  });
});
