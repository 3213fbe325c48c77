import { CASEY, childIdOf, SAM, seedFixture, setConsent, SRC, type Viewer } from './consentFixture';
import { startTestPlatform, type TestPlatform } from './helpers';

/**
 * Consents are protected data too: a consent says which categories of a child's records an agency
 * holds and who granted them. A 42 CFR Part 2 consent shown after it was revoked, after it expired,
 * or to a viewer whose purpose it does not cover tells its reader that the child is in a
 * substance-use program; a consent on a domestic-violence survivor's housing record tells that the
 * survivor is a client. Each case is compared with the whole response before the consent existed.
 */
describe('consents shown only while they grant the viewer something', () => {
  let p: TestPlatform;
  let casey: string;
  const bhStaff = { roles: ['CASEWORKER' as const], purposeOfUse: 'OPERATIONS' as const };
  const listQuery = `query($id: ID!) { child(id: $id) { consents { agency categories recipientAgencies status grantorName } } }`;
  const lookup = (ext: string) =>
    `{ behavioralHealthConsents(sourceSystem: "${SRC}", personExternalId: "${ext}") { id categories grantorName status } }`;
  const asViewer = (v: Viewer) => ({ roles: v.roles ?? ['CASEWORKER'], purposeOfUse: v.purposeOfUse });

  beforeAll(async () => {
    p = await startTestPlatform();
    await seedFixture(p);
    casey = await childIdOf(p, CASEY);
  }, 120_000);
  afterAll(async () => p?.dispose());

  it.each([
    ['revoked', 'revoked'],
    ['expired', 'expired'],
    ['covering another purpose', 'wrongPurpose'],
    ['naming another agency', 'wrongRecipient'],
  ] as const)(
    'a Part 2 consent %s is invisible to the child welfare caseworker: the same answer as no consent',
    async (_label, state) => {
      const viewer: Viewer = {
        agency: 'CHILD_WELFARE',
        roles: ['CASEWORKER'],
        purposeOfUse: 'CARE_COORDINATION',
      };
      const ask = async () => {
        const list = await p.gql('CHILD_WELFARE', listQuery, { id: casey }, asViewer(viewer));
        const look = await p.gql('CHILD_WELFARE', lookup(CASEY.ext), {}, asViewer(viewer));
        return { list: list.body, look: look.body };
      };
      await setConsent(p, 'BEHAVIORAL_HEALTH', CASEY, 'none', viewer, ['SUD']);
      const before = await ask();
      await setConsent(p, 'BEHAVIORAL_HEALTH', CASEY, state, viewer, ['SUD']);
      expect(await ask()).toEqual(before);
      // in force, naming the viewer and covering the purpose: shown (the comparison could fail)
      await setConsent(p, 'BEHAVIORAL_HEALTH', CASEY, 'active', viewer, ['SUD']);
      const shown = await ask();
      expect(shown).not.toEqual(before);
      expect(shown.look.data.behavioralHealthConsents).toContainEqual(
        expect.objectContaining({ categories: ['SUD'], status: 'ACTIVE' }),
      );
      // the holder's own staff see every consent, revoked ones too
      const staff = await p.gql('BEHAVIORAL_HEALTH', lookup(CASEY.ext), {}, bhStaff);
      expect(staff.body.data.behavioralHealthConsents.length).toBeGreaterThan(1);
    },
  );

  it('a consent naming Part 2 and another category is not shown to a viewer it grants only the other', async () => {
    const viewer: Viewer = { agency: 'EDUCATION', roles: ['EDUCATOR'], purposeOfUse: 'CARE_COORDINATION' };
    await setConsent(p, 'BEHAVIORAL_HEALTH', CASEY, 'none', viewer, ['SUD']);
    const before = await p.gql('EDUCATION', listQuery, { id: casey }, asViewer(viewer));
    // recipient roles: only clinicians of education may receive it; the educator is not one
    const res = await p.gql(
      'BEHAVIORAL_HEALTH',
      `mutation($c: ConsentInput!) { recordBehavioralHealthConsent(consent: $c) { id } }`,
      {
        c: {
          sourceSystem: SRC,
          personExternalId: CASEY.ext,
          grantorType: 'YOUTH',
          grantorName: 'Casey Rivera',
          categories: ['SUD', 'MENTAL_HEALTH'],
          recipientAgencies: ['EDUCATION'],
          recipientRoles: ['CLINICIAN'],
          purposes: ['CARE_COORDINATION'],
          periodStart: '2025-01-01',
          sourceDocumentRef: 'DOC-2',
        },
      },
      bhStaff,
    );
    expect(res.body.errors).toBeUndefined();
    expect((await p.gql('EDUCATION', listQuery, { id: casey }, asViewer(viewer))).body).toEqual(before.body);
  });

  it('no consent can be recorded for a survivor’s housing record, and a lookup answers as for a missing one', async () => {
    const hoStaff = { roles: ['HOUSING_NAVIGATOR' as const], purposeOfUse: 'OPERATIONS' as const };
    const res = await p.gql(
      'HOUSING',
      `mutation($c: ConsentInput!) { recordHousingConsent(consent: $c) { id } }`,
      {
        c: {
          sourceSystem: SRC,
          personExternalId: SAM.ext,
          grantorType: 'YOUTH',
          grantorName: 'Sam Hale',
          categories: ['HMIS'],
          recipientAgencies: ['CHILD_WELFARE'],
          purposes: ['CARE_COORDINATION'],
          periodStart: '2025-01-01',
          sourceDocumentRef: 'DOC-3',
        },
      },
      hoStaff,
    );
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(res.body.errors[0].extensions.errors).toContainEqual(
      expect.objectContaining({ field: 'personExternalId', code: 'OUT_OF_RANGE' }),
    );
    // one recorded before the flag (written straight to housing's table): still never shown outside
    const [person] = await p.agencies.HOUSING!.db.dataSource.query(
      `SELECT id FROM client WHERE external_id = $1`,
      [SAM.ext],
    );
    await p.agencies.HOUSING!.db.dataSource.query(
      `INSERT INTO consent (person_id, grantor_type, grantor_name, recorded_by, categories, recipient_agencies, recipient_roles, purposes, period_start, status, source_document_ref)
       VALUES ($1, 'YOUTH', 'Sam Hale', 'before-the-flag', '{HMIS}', '{CHILD_WELFARE}', '{}', '{CARE_COORDINATION,EMERGENCY}', '2025-01-01', 'ACTIVE', 'DOC-0')`,
      [person.id],
    );
    const q = (ext: string) =>
      `{ housingConsents(sourceSystem: "${SRC}", personExternalId: "${ext}") { id grantorName } }`;
    for (const opts of [
      { roles: ['CASEWORKER' as const], purposeOfUse: 'CARE_COORDINATION' as const },
      {
        roles: ['CASEWORKER' as const],
        purposeOfUse: 'EMERGENCY' as const,
        breakGlassReason: 'child missing overnight',
      },
    ]) {
      const survivor = await p.gql('CHILD_WELFARE', q(SAM.ext), {}, opts);
      const missing = await p.gql('CHILD_WELFARE', q('nobody-at-all'), {}, opts);
      expect(survivor.body).toEqual(missing.body);
      expect(survivor.body.data.housingConsents).toEqual([]);
    }
    // housing's own staff see it
    const own = await p.gql('HOUSING', q(SAM.ext), {}, hoStaff);
    expect(own.body.data.housingConsents).toHaveLength(1);
  });

  it('analysts read no consents and no person feed, whatever else their token says', async () => {
    const analyst = await p.gql(
      'BEHAVIORAL_HEALTH',
      lookup(CASEY.ext),
      {},
      {
        roles: ['ANALYST'],
        purposeOfUse: 'OPERATIONS',
      },
    );
    expect(analyst.body.data.behavioralHealthConsents).toEqual([]);
    const feed = await p.gql(
      'BEHAVIORAL_HEALTH',
      `{ behavioralHealthPersonFeed(first: 5) { records { givenName } } }`,
      {},
      { roles: ['ANALYST', 'DATA_STEWARD'], purposeOfUse: 'ANALYTICS' },
    );
    expect(feed.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(JSON.stringify(feed.body)).not.toContain(CASEY.givenName);
  });
});
