/**
 * A county of families for the family-rule tests: the platform's synthetic county (2,000 children,
 * seed 17), frozen in fixtures/county.csv so that this package does not depend on the platform.
 * The child index's countyFixture.test.ts checks that the file is what the generator makes.
 * Each id is `<true child>#<agency>:<record>`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsv, rowsToRecords, type ColumnMapping, type PersonRecord } from '../src';

export const COUNTY_CSV = path.join(__dirname, 'fixtures', 'county.csv');

/** The fixture's header is PersonRecord's field names. */
const MAPPING: ColumnMapping = {
  recordId: 'id',
  givenName: 'givenName',
  middleName: 'middleName',
  familyName: 'familyName',
  birthDate: 'birthDate',
  sex: 'sex',
  addressLine: 'addressLine',
  city: 'city',
  postalCode: 'postalCode',
  sourceSystem: 'sourceSystem',
  sealedAdoption: 'sealedAdoption',
};

/** The county's records, read through this package's own CSV path. */
export function countyRecords(): PersonRecord[] {
  return rowsToRecords(parseCsv(readFileSync(COUNTY_CSV, 'utf8')), MAPPING);
}
