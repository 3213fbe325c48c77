import {
  AGENCIES,
  EXTERNAL_ID_RANDOM_CHARS,
  ExternalIdIssuer,
  generateCounty,
  Rng,
  type SyntheticPerson,
} from '@wholechild/shared';

const TODAY = '2026-11-25';
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Of consecutive ids (in the order issued), how many go up: about half for ids of no order, all
 *  of them for a counter (HO0000041, HO0000042, …). */
const risingShare = (ids: string[]) => {
  let up = 0;
  for (let i = 1; i < ids.length; i++) if (ids[i]! > ids[i - 1]!) up++;
  return up / (ids.length - 1);
};

/** How many of the 32 symbols each random position takes over the ids. */
const symbolsPerPosition = (ids: string[], prefixLength: number) =>
  Array.from(
    { length: EXTERNAL_ID_RANDOM_CHARS },
    (_, i) => new Set(ids.map((id) => id[prefixLength + i])).size,
  );

/** External ids an agency issues cannot be walked: a lookup by external id (housingConsents by
 *  personExternalId, a record by sourceSystem and externalId) learns nothing from the ids next to
 *  one it knows. */
describe(ExternalIdIssuer.name, () => {
  const county = generateCounty({ size: 3000, seed: 2026, today: TODAY });

  it('gives every person record a prefix and 65 bits of no order', () => {
    expect(EXTERNAL_ID_RANDOM_CHARS * Math.log2(BASE32.length)).toBeGreaterThanOrEqual(60);
    for (const agency of AGENCIES) {
      const ids = county.records[agency].map((r: SyntheticPerson) => r.externalId);
      expect(ids.length).toBeGreaterThan(150);
      for (const id of ids) expect(id).toMatch(new RegExp(`^${agency.slice(0, 2)}[${BASE32}]{13}$`));
      expect(new Set(ids).size).toBe(ids.length);
      // not in issue order, and no id is a neighbour of another
      expect(risingShare(ids)).toBeGreaterThan(0.4);
      expect(risingShare(ids)).toBeLessThan(0.6);
      // every random position spreads over (nearly) all 32 symbols
      for (const n of symbolsPerPosition(ids, 2)) expect(n).toBeGreaterThanOrEqual(30);
      // 40 leading random bits already differ between any two records of the agency
      expect(new Set(ids.map((id) => id.slice(0, 10))).size).toBe(ids.length);
    }
  });

  it('is reproducible from the seed, and another seed gives other ids', () => {
    const again = generateCounty({ size: 3000, seed: 2026, today: TODAY });
    const other = generateCounty({ size: 3000, seed: 2027, today: TODAY });
    const ids = (c: typeof county) => AGENCIES.flatMap((a) => c.records[a].map((r) => r.externalId));
    expect(ids(again)).toEqual(ids(county));
    const mine = new Set(ids(county));
    expect(ids(other).filter((id) => mine.has(id))).toEqual([]);
  });

  it('leaves every other value of the county as the seed made it (keying draws nothing)', () => {
    const a = new Rng(99);
    const b = new Rng(99);
    a.key('ids');
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
  });

  it('issues directory ids (projects, providers, officers, schools) with no order, the same for every seed', () => {
    const issuer = ExternalIdIssuer.forCatalogue('housing projects');
    const ids = Array.from({ length: 500 }, (_, i) => issuer.issue('PRJ-', i + 1));
    expect(issuer.issue('PRJ-', 1)).toBe(ids[0]); // one ordinal, one id
    expect(ExternalIdIssuer.forCatalogue('housing projects').issue('PRJ-', 1)).toBe(ids[0]);
    expect(ExternalIdIssuer.forCatalogue('education schools').issue('PRJ-', 1)).not.toBe(ids[0]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(new RegExp(`^PRJ-[${BASE32}]{13}$`));
    expect(risingShare(ids)).toBeGreaterThan(0.4);
    expect(risingShare(ids)).toBeLessThan(0.6);
    for (const n of symbolsPerPosition(ids, 4)) expect(n).toBeGreaterThanOrEqual(30);
  });
});
