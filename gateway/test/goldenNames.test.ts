import { put } from './consentFixture';
import { startTestPlatform, type TestPlatform } from './helpers';

/** The golden record shows names in one case; the agencies' records, and the index's copy of
 *  each, keep what the clerk typed. */
describe('golden record names in a consistent case', () => {
  let p: TestPlatform;
  const educator = { roles: ['EDUCATOR' as const], purposeOfUse: 'CARE_COORDINATION' as const };

  beforeAll(async () => {
    p = await startTestPlatform();
    const child = {
      birthDate: '2013-07-08',
      sex: 'M',
      addressLine: '4 Birch Road',
      city: 'Witney',
      postalCode: '95401',
    };
    await put(p, 'EDUCATION', 'EducationStudent', {
      ...child,
      externalId: 'NAME-ED',
      givenName: 'JAMAL',
      familyName: "O'BRIEN",
    });
    await put(p, 'HOUSING', 'HousingClient', {
      ...child,
      externalId: 'NAME-HO',
      givenName: 'jamal',
      familyName: "o'brien",
    });
    await p.syncFeeds();
  });
  afterAll(async () => p?.dispose());

  it('one child shown as Jamal O’Brien, each source keeping its own typing', async () => {
    const res = await p.gql(
      'EDUCATION',
      `{ childByAgencyRecord(agency: EDUCATION, sourceSystem: "TEST", externalId: "NAME-ED") { givenName familyName links { agency } }
         educationRecord(kind: STUDENT, sourceSystem: "TEST", externalId: "NAME-ED") { ... on EducationStudent { givenName familyName } } }`,
      {},
      educator,
    );
    expect(res.body.errors).toBeUndefined();
    const child = res.body.data.childByAgencyRecord;
    expect(child.links.map((l: { agency: string }) => l.agency).sort()).toEqual(['EDUCATION', 'HOUSING']);
    expect([child.givenName, child.familyName]).toEqual(['Jamal', "O'Brien"]);
    expect(res.body.data.educationRecord).toEqual({ givenName: 'JAMAL', familyName: "O'BRIEN" });
    const copies = await p.index.db.dataSource.query(
      `SELECT agency, given_name, family_name FROM agency_record WHERE external_id LIKE 'NAME-%' ORDER BY agency`,
    );
    expect(copies).toEqual([
      { agency: 'EDUCATION', given_name: 'JAMAL', family_name: "O'BRIEN" },
      { agency: 'HOUSING', given_name: 'jamal', family_name: "o'brien" },
    ]);
  });
});
