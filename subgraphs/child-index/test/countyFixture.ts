/**
 * The synthetic county's records as the matcher reads them, frozen as a CSV in the linkage
 * package (`linkage/test/fixtures/county.csv`): the package's family-rule tests run on the
 * platform's county without depending on the platform. countyFixture.test.ts checks that the file
 * is still what the generator makes; when the generator changes on purpose, write it again with
 *   npx tsx subgraphs/child-index/test/countyFixture.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateCounty } from '@wholechild/shared';
import type { PersonRecord } from '@wholechild/linkage';
import { personOf } from '../src/services/matchModel';

export const COUNTY_FIXTURE = path.resolve(
  __dirname,
  '..',
  '..',
  '..',
  'linkage',
  'test',
  'fixtures',
  'county.csv',
);

/** The county the fixture holds: 2,000 children, seed 17, generated for a fixed day. */
export const COUNTY_FIXTURE_OPTIONS = { size: 2000, seed: 17, today: '2026-12-01' } as const;

/** The county's records as the matcher reads them; the id carries the true child (and `S` for a
 *  sealed-adoption child welfare record, an identity of its own). */
export function countyRecords(): PersonRecord[] {
  const county = generateCounty({ ...COUNTY_FIXTURE_OPTIONS });
  return Object.values(county.records).flatMap((list) =>
    list.map((r) => {
      const sealed = r.flags.sealedAdoption && r.agency === 'CHILD_WELFARE';
      // the index's view of the record, under an id that names its truth
      return {
        ...personOf({ ...r, recordId: r.externalId, sealedAdoption: sealed }),
        id: `${r.truthId}${sealed ? 'S' : ''}#${r.agency}:${r.externalId}`,
      };
    }),
  );
}

const COLUMNS = [
  'id',
  'givenName',
  'middleName',
  'familyName',
  'birthDate',
  'sex',
  'addressLine',
  'city',
  'postalCode',
  'sourceSystem',
  'sealedAdoption',
] as const;

const cell = (v: string | boolean | null | undefined): string => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The fixture's text: a header of PersonRecord's field names, one record a line. */
export function countyFixtureCsv(): string {
  const lines = [COLUMNS.join(',')];
  for (const r of countyRecords()) lines.push(COLUMNS.map((c) => cell(r[c])).join(','));
  return lines.join('\n') + '\n';
}

if (require.main === module) {
  writeFileSync(COUNTY_FIXTURE, countyFixtureCsv());
  process.stdout.write(`wrote ${COUNTY_FIXTURE}\n`);
}
