import { readFileSync } from 'node:fs';
import { countyRecords as fixtureRecords } from '../../../linkage/test/county';
import { COUNTY_FIXTURE, countyFixtureCsv, countyRecords } from './countyFixture';

/** The linkage package tests its family rules on a frozen copy of the synthetic county; the copy
 *  must stay what the platform's generator makes (see countyFixture.ts to write it again). */
describe('the linkage package’s county fixture', () => {
  it('is the synthetic county, record for record, as the matcher reads it', () => {
    const generated = countyRecords();
    expect(generated.length).toBeGreaterThan(3000);
    expect(readFileSync(COUNTY_FIXTURE, 'utf8')).toBe(countyFixtureCsv());
    expect(fixtureRecords()).toEqual(generated);
  });
});
