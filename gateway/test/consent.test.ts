import { AGENCY_SUBGRAPH, PART2_NOTICE, verifyAuditChain, type AgencyCode } from '@wholechild/shared';
import { newConsent } from '@wholechild/shared/testing';
import { startTestPlatform, type TestPlatform } from './helpers';
import {
  CASEY,
  categoriesOf,
  childIdOf,
  DANA,
  observe,
  SAM,
  seedFixture,
  setConsent,
  SRC,
  type ConsentState,
  type Viewer,
} from './consentFixture';

/** One row: the holder, the viewer, the consent state (a consent for `categories`, or all of the
 *  holder's consentable categories), and the expected outcome per category (V shown, R withheld
 *  as Restricted, H absent without a trace). */
type Row = [
  holder: AgencyCode,
  viewer: Viewer,
  consent: ConsentState,
  expected: string,
  categories?: string[],
];

const clinician = (agency: AgencyCode, purposeOfUse: Viewer['purposeOfUse'] = 'TREATMENT'): Viewer => ({
  agency,
  roles: ['CLINICIAN'],
  purposeOfUse,
});
const caseworker = (
  agency: AgencyCode,
  purposeOfUse: Viewer['purposeOfUse'] = 'CARE_COORDINATION',
): Viewer => ({ agency, roles: ['CASEWORKER'], purposeOfUse });
// Roles are bound to agencies (AGENCY_ROLES): a housing or probation account is never a clinician.
const glass = (agency: AgencyCode): Viewer => ({
  agency,
  roles: [
    agency === 'HOUSING' ? 'HOUSING_NAVIGATOR' : agency === 'PROBATION' ? 'PROBATION_OFFICER' : 'CLINICIAN',
  ],
  purposeOfUse: 'EMERGENCY',
  breakGlassReason: 'unresponsive youth in the emergency department',
});

// Expected outcomes list the holder's categories in order (see consentFixture CATEGORY_OF):
// CHILD_WELFARE: IDENTITY CASE PLACEMENT SAFETY ALLEGATION NARRATIVE
// BEHAVIORAL_HEALTH: IDENTITY MENTAL_HEALTH SUD
// PROBATION: IDENTITY JUVENILE_CASE_FILE
// EDUCATION: IDENTITY EDUCATION_RECORD SPECIAL_EDUCATION
// HOUSING: IDENTITY HMIS
const TABLE: Row[] = [
  // child welfare: placement, safety and case facts to the treating BH provider and the school's
  // foster-care liaison; allegations and narratives only by consent or court order.
  ['CHILD_WELFARE', caseworker('CHILD_WELFARE'), 'none', 'VVVVVV'],
  ['CHILD_WELFARE', clinician('BEHAVIORAL_HEALTH'), 'none', 'VVVVRR'],
  ['CHILD_WELFARE', clinician('BEHAVIORAL_HEALTH', 'CASE_PLANNING'), 'none', 'RRRRRR'],
  [
    'CHILD_WELFARE',
    { agency: 'EDUCATION', roles: ['FOSTER_CARE_LIAISON'], purposeOfUse: 'CARE_COORDINATION' },
    'none',
    'VVVVRR',
  ],
  [
    'CHILD_WELFARE',
    { agency: 'EDUCATION', roles: ['EDUCATOR'], purposeOfUse: 'CARE_COORDINATION' },
    'none',
    'RRRRRR',
  ],
  ['CHILD_WELFARE', caseworker('PROBATION'), 'none', 'RRRRRR'],
  ['CHILD_WELFARE', caseworker('PROBATION'), 'active', 'VVVRRR', ['CASE', 'PLACEMENT']],
  ['CHILD_WELFARE', caseworker('PROBATION'), 'active', 'VRRRVV', ['ALLEGATION', 'NARRATIVE']],
  ['CHILD_WELFARE', caseworker('PROBATION'), 'revoked', 'RRRRRR', ['CASE', 'PLACEMENT']],
  ['CHILD_WELFARE', caseworker('PROBATION'), 'expired', 'RRRRRR', ['CASE', 'PLACEMENT']],
  ['CHILD_WELFARE', caseworker('PROBATION'), 'wrongRecipient', 'RRRRRR', ['CASE', 'PLACEMENT']],
  ['CHILD_WELFARE', caseworker('PROBATION'), 'wrongPurpose', 'RRRRRR', ['CASE', 'PLACEMENT']],
  [
    'CHILD_WELFARE',
    { agency: 'PROBATION', roles: ['COURT'], purposeOfUse: 'CASE_PLANNING' },
    'none',
    'VVVVVV',
  ],
  ['CHILD_WELFARE', glass('HOUSING'), 'none', 'VVVVVV'],
  [
    'CHILD_WELFARE',
    { agency: 'HOUSING', roles: ['HOUSING_NAVIGATOR'], purposeOfUse: 'EMERGENCY' },
    'none',
    'RRRRRR',
  ],
  // behavioral health: mental health to treating clinicians of any agency; substance use only by
  // a Part 2 consent naming the recipient, and a denial never shows that it exists.
  ['BEHAVIORAL_HEALTH', caseworker('BEHAVIORAL_HEALTH'), 'none', 'VVV'],
  ['BEHAVIORAL_HEALTH', clinician('CHILD_WELFARE'), 'none', 'VVH'],
  ['BEHAVIORAL_HEALTH', clinician('CHILD_WELFARE', 'CASE_PLANNING'), 'none', 'RRH'],
  ['BEHAVIORAL_HEALTH', caseworker('CHILD_WELFARE'), 'none', 'RRH'],
  ['BEHAVIORAL_HEALTH', caseworker('CHILD_WELFARE'), 'active', 'VVH', ['MENTAL_HEALTH']],
  ['BEHAVIORAL_HEALTH', caseworker('CHILD_WELFARE'), 'active', 'VRV', ['SUD']],
  ['BEHAVIORAL_HEALTH', caseworker('CHILD_WELFARE'), 'revoked', 'RRH', ['SUD']],
  ['BEHAVIORAL_HEALTH', caseworker('CHILD_WELFARE'), 'expired', 'RRH', ['SUD']],
  ['BEHAVIORAL_HEALTH', caseworker('CHILD_WELFARE'), 'wrongRecipient', 'RRH', ['SUD']],
  ['BEHAVIORAL_HEALTH', caseworker('CHILD_WELFARE'), 'wrongPurpose', 'RRH', ['SUD']],
  ['BEHAVIORAL_HEALTH', glass('EDUCATION'), 'none', 'VVV'],
  // 42 CFR 2.51: break-glass opens Part 2 records to medical personnel only; a reason must be one
  ['BEHAVIORAL_HEALTH', glass('HOUSING'), 'none', 'VVH'],
  ['BEHAVIORAL_HEALTH', glass('PROBATION'), 'none', 'VVH'],
  ['BEHAVIORAL_HEALTH', { ...glass('CHILD_WELFARE'), breakGlassReason: ' ' }, 'none', 'RRH'],
  [
    'CHILD_WELFARE',
    { ...glass('HOUSING'), breakGlassReason: 'urgent\u0000\u0000\u0000\u0000\u0000\u0000' },
    'none',
    'RRRRRR',
  ],
  // probation: WIC 827 lists the court, child welfare and minor's counsel; others need a court order.
  ['PROBATION', caseworker('PROBATION'), 'none', 'VV'],
  ['PROBATION', caseworker('CHILD_WELFARE', 'CASE_PLANNING'), 'none', 'VV'],
  ['PROBATION', caseworker('EDUCATION'), 'none', 'RR'],
  [
    'PROBATION',
    { agency: 'PROBATION', roles: ['MINORS_COUNSEL'], purposeOfUse: 'CARE_COORDINATION' },
    'none',
    'VV',
  ],
  // minor's counsel (signed in through the juvenile justice issuer) inspects the dependency file too
  [
    'CHILD_WELFARE',
    { agency: 'PROBATION', roles: ['MINORS_COUNSEL'], purposeOfUse: 'CARE_COORDINATION' },
    'none',
    'VVVVVV',
  ],
  ['PROBATION', caseworker('EDUCATION'), 'active', 'VV', ['JUVENILE_CASE_FILE']],
  ['PROBATION', caseworker('EDUCATION'), 'revoked', 'RR', ['JUVENILE_CASE_FILE']],
  ['PROBATION', caseworker('EDUCATION'), 'expired', 'RR', ['JUVENILE_CASE_FILE']],
  ['PROBATION', caseworker('EDUCATION'), 'wrongRecipient', 'RR', ['JUVENILE_CASE_FILE']],
  ['PROBATION', caseworker('EDUCATION'), 'wrongPurpose', 'RR', ['JUVENILE_CASE_FILE']],
  // education (FERPA): the child welfare agency with an open case (Uninterrupted Scholars Act);
  // others by the parent's consent.
  ['EDUCATION', caseworker('EDUCATION'), 'none', 'VVV'],
  ['EDUCATION', caseworker('CHILD_WELFARE', 'CASE_PLANNING'), 'none', 'VVV'],
  ['EDUCATION', caseworker('CHILD_WELFARE', 'TREATMENT'), 'none', 'RRR'],
  ['EDUCATION', caseworker('PROBATION'), 'none', 'RRR'],
  ['EDUCATION', caseworker('PROBATION'), 'active', 'VVR', ['EDUCATION_RECORD']],
  ['EDUCATION', caseworker('PROBATION'), 'revoked', 'RRR', ['EDUCATION_RECORD']],
  ['EDUCATION', caseworker('PROBATION'), 'expired', 'RRR', ['EDUCATION_RECORD']],
  ['EDUCATION', caseworker('PROBATION'), 'wrongRecipient', 'RRR', ['EDUCATION_RECORD']],
  ['EDUCATION', caseworker('PROBATION'), 'wrongPurpose', 'RRR', ['EDUCATION_RECORD']],
  // housing: the client's consent to share within the continuum of care.
  ['HOUSING', caseworker('HOUSING'), 'none', 'VV'],
  ['HOUSING', caseworker('CHILD_WELFARE'), 'none', 'RR'],
  ['HOUSING', caseworker('CHILD_WELFARE'), 'active', 'VV', ['IDENTITY', 'HMIS']],
  ['HOUSING', caseworker('CHILD_WELFARE'), 'revoked', 'RR', ['IDENTITY', 'HMIS']],
  ['HOUSING', caseworker('CHILD_WELFARE'), 'expired', 'RR', ['IDENTITY', 'HMIS']],
  ['HOUSING', caseworker('CHILD_WELFARE'), 'wrongRecipient', 'RR', ['IDENTITY', 'HMIS']],
  ['HOUSING', caseworker('CHILD_WELFARE'), 'wrongPurpose', 'RR', ['IDENTITY', 'HMIS']],
  ['HOUSING', glass('EDUCATION'), 'none', 'VV'],
];

describe('consent rules through the gateway', () => {
  let p: TestPlatform;
  let casey: string;
  beforeAll(async () => {
    p = await startTestPlatform();
    await seedFixture(p);
    casey = await childIdOf(p, CASEY);
  }, 120_000);
  afterAll(async () => p?.dispose());

  // Every row has five cells (jest would take a fifth parameter missing from a row for `done`).
  const rows = TABLE.map(([h, v, c, e, cats]) => [h, v, c, e, cats ?? null] as const);
  it.each(rows)('%s to %j with consent %s → %s %j', async (holder, viewer, consent, expected, categories) => {
    await setConsent(
      p,
      holder,
      CASEY,
      consent,
      viewer,
      categories ?? categoriesOf(holder).filter((c) => c !== 'IDENTITY'),
    );
    const { outcome, body } = await observe(p, holder, casey, viewer);
    expect(
      categoriesOf(holder)
        .map((c) => outcome[c])
        .join(''),
    ).toBe(expected);
    // Withheld data never travels: not in values, errors or extensions.
    const text = JSON.stringify(body);
    for (const [category, marker] of [
      ['NARRATIVE', 'NARRATIVE-SECRET'],
      ['SUD', 'F12.10'],
      ['SUD', 'SUD_OUTPATIENT'],
    ] as const) {
      if (categoriesOf(holder).includes(category) && outcome[category] !== 'V')
        expect(text).not.toContain(marker);
    }
    if (holder === 'BEHAVIORAL_HEALTH' && outcome.SUD !== 'V') expect(text).not.toMatch(/SUD|Part 2|part 2/);
  });

  it('discloses only the fields a rule allows (minimum necessary): the school liaison sees placement dates, not the caregiver', async () => {
    await setConsent(p, 'CHILD_WELFARE', CASEY, 'none', { agency: 'EDUCATION' }, []);
    const { section } = await observe(p, 'CHILD_WELFARE', casey, {
      agency: 'EDUCATION',
      roles: ['FOSTER_CARE_LIAISON'],
      purposeOfUse: 'CARE_COORDINATION',
    });
    expect(section.placements[0]).toMatchObject({
      placementType: 'RELATIVE',
      startDate: '2025-01-11',
      providerName: null,
    });
    expect(section.safetyPlans[0]).toMatchObject({ status: 'ACTIVE', threats: null });
    expect(JSON.stringify(section)).not.toMatch(/PROVIDER-SECRET|THREAT-SECRET/);
  });

  it('carries the Part 2 re-disclosure notice with substance-use records disclosed by consent', async () => {
    await setConsent(p, 'BEHAVIORAL_HEALTH', CASEY, 'active', caseworker('CHILD_WELFARE'), ['SUD']);
    const { section } = await observe(p, 'BEHAVIORAL_HEALTH', casey, caseworker('CHILD_WELFARE'));
    expect(section.notices).toEqual([PART2_NOTICE]);
    const own = await observe(p, 'BEHAVIORAL_HEALTH', casey, caseworker('BEHAVIORAL_HEALTH'));
    expect(own.section.notices).toEqual([]);
  });

  it('revocation takes effect on the very next request', async () => {
    const viewer = caseworker('PROBATION');
    await setConsent(p, 'CHILD_WELFARE', CASEY, 'active', viewer, ['PLACEMENT']);
    expect((await observe(p, 'CHILD_WELFARE', casey, viewer)).outcome.PLACEMENT).toBe('V');
    const staff = { roles: ['CASEWORKER' as const], purposeOfUse: 'OPERATIONS' as const };
    const list = await p.gql(
      'CHILD_WELFARE',
      `{ childWelfareConsents(sourceSystem: "${SRC}", personExternalId: "casey") { id status } }`,
      {},
      staff,
    );
    const active = list.body.data.childWelfareConsents.find((c: { status: string }) => c.status === 'ACTIVE');
    const revoked = await p.gql(
      'CHILD_WELFARE',
      `mutation { revokeChildWelfareConsent(id: "${active.id}", reason: "youth withdrew") { status revokedAt } }`,
      {},
      staff,
    );
    expect(revoked.body.errors).toBeUndefined();
    expect(revoked.body.data.revokeChildWelfareConsent.status).toBe('REVOKED');
    expect((await observe(p, 'CHILD_WELFARE', casey, viewer)).outcome.PLACEMENT).toBe('R');
  });

  it('an amendment takes effect on the next request and raises the version', async () => {
    const viewer = caseworker('PROBATION');
    await setConsent(p, 'CHILD_WELFARE', CASEY, 'active', viewer, ['PLACEMENT']);
    const staff = { roles: ['SUPERVISOR' as const], purposeOfUse: 'OPERATIONS' as const };
    const list = await p.gql(
      'CHILD_WELFARE',
      `{ childWelfareConsents(sourceSystem: "${SRC}", personExternalId: "casey") { id status } }`,
      {},
      staff,
    );
    const active = list.body.data.childWelfareConsents.find((c: { status: string }) => c.status === 'ACTIVE');
    const amended = await p.gql(
      'CHILD_WELFARE',
      `mutation($a: ConsentAmendment!) { amendChildWelfareConsent(id: "${active.id}", amendment: $a) { version categories } }`,
      { a: { categories: ['SAFETY'] } },
      staff,
    );
    expect(amended.body.data.amendChildWelfareConsent).toEqual({ version: 2, categories: ['SAFETY'] });
    const { outcome } = await observe(p, 'CHILD_WELFARE', casey, viewer);
    expect([outcome.PLACEMENT, outcome.SAFETY]).toEqual(['R', 'V']);
    const bad = await p.gql(
      'CHILD_WELFARE',
      `mutation($a: ConsentAmendment!) { amendChildWelfareConsent(id: "${active.id}", amendment: $a) { version } }`,
      { a: { recipientAgencies: ['CHILD_WELFARE'] } },
      staff,
    );
    expect(bad.body.errors[0].extensions.errors).toContainEqual(
      expect.objectContaining({ field: 'recipientAgencies', code: 'OUT_OF_RANGE' }),
    );
    const other = await p.gql(
      'PROBATION',
      `mutation { revokeChildWelfareConsent(id: "${active.id}", reason: "x") { id } }`,
    );
    expect(other.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('a child known only through a Part 2 program does not exist for anyone else; the holder sees it', async () => {
    const dana = await childIdOf(p, DANA);
    const q = `query($id: ID!) { child(id: $id) { id links { agency } behavioralHealth { __typename } } }`;
    const other = await p.gql(
      'CHILD_WELFARE',
      q,
      { id: dana },
      { roles: ['CLINICIAN'], purposeOfUse: 'TREATMENT' },
    );
    expect(other.body).toEqual({ data: { child: null } });
    const search = await p.gql(
      'CHILD_WELFARE',
      `{ searchChildren(familyName: "okoro") { nodes { id } hasMore } }`,
    );
    expect(search.body.data.searchChildren).toEqual({ nodes: [], hasMore: false });
    const own = await p.gql('BEHAVIORAL_HEALTH', q, { id: dana });
    expect(own.body.data.child).toMatchObject({
      links: [{ agency: 'BEHAVIORAL_HEALTH' }],
      behavioralHealth: { __typename: 'BehavioralHealthSection' },
    });
  });

  it('a domestic-violence survivor’s housing record never leaves housing: no link, no section, no trace', async () => {
    const sam = await childIdOf(p, SAM);
    const res = await p.gql(
      'CHILD_WELFARE',
      `query($id: ID!) { child(id: $id) { links { agency } housing { __typename } } }`,
      { id: sam },
      { roles: ['CASEWORKER'], purposeOfUse: 'EMERGENCY', breakGlassReason: 'missing child' },
    );
    expect(res.body.data.child).toEqual({ links: [{ agency: 'CHILD_WELFARE' }], housing: null });
    const [{ n }] = await p.index.db.dataSource.query(
      `SELECT count(*)::int AS n FROM agency_record WHERE agency = 'HOUSING' AND external_id = 'sam'`,
    );
    expect(n).toBe(0);
    const lookup = await p.gql(
      'CHILD_WELFARE',
      `{ housingRecord(kind: CLIENT, sourceSystem: "${SRC}", externalId: "sam") { __typename } }`,
      {},
      { roles: ['CASEWORKER'], purposeOfUse: 'EMERGENCY', breakGlassReason: 'x' },
    );
    expect(lookup.body.data.housingRecord).toBeNull();
  });

  it.each([
    ['an unknown category', { categories: ['EVERYTHING'] }, 'categories', 'INVALID_ENUM'],
    [
      'an end before its start',
      { periodStart: '2026-01-01', periodEnd: '2025-01-01' },
      'periodEnd',
      'DATE_ORDER',
    ],
    [
      'the holder as recipient',
      { recipientAgencies: ['BEHAVIORAL_HEALTH'] },
      'recipientAgencies',
      'OUT_OF_RANGE',
    ],
    [
      'a grantor the category does not accept (Part 2 needs the patient)',
      { categories: ['SUD'], grantorType: 'COURT_ORDER' },
      'grantorType',
      'INVALID_ENUM',
    ],
    ['an unknown person', { personExternalId: 'nobody' }, 'personExternalId', 'UNKNOWN_REFERENCE'],
    ['the analytics purpose', { purposes: ['ANALYTICS'] }, 'purposes', 'INVALID_ENUM'],
  ])('refuses a consent with %s, storing nothing', async (_what, change, field, code) => {
    const [{ n: before }] = await p.agencies.BEHAVIORAL_HEALTH!.db.dataSource.query(
      'SELECT count(*)::int AS n FROM consent',
    );
    const consent = newConsent({
      sourceSystem: SRC,
      personExternalId: 'casey',
      grantorType: 'YOUTH',
      categories: ['MENTAL_HEALTH'],
      ...change,
    });
    const res = await p.gql(
      'BEHAVIORAL_HEALTH',
      `mutation($c: ConsentInput!) { recordBehavioralHealthConsent(consent: $c) { id } }`,
      { c: consent },
      { roles: ['CLINICIAN'], purposeOfUse: 'OPERATIONS' },
    );
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors[0].extensions.errors).toContainEqual(expect.objectContaining({ field, code }));
    const [{ n: after }] = await p.agencies.BEHAVIORAL_HEALTH!.db.dataSource.query(
      'SELECT count(*)::int AS n FROM consent',
    );
    expect(after).toBe(before);
  });

  it('refuses an eligible-student consent for a student under 18 (FERPA)', async () => {
    const res = await p.gql(
      'EDUCATION',
      `mutation($c: ConsentInput!) { recordEducationConsent(consent: $c) { id } }`,
      {
        c: newConsent({
          sourceSystem: SRC,
          personExternalId: 'casey',
          grantorType: 'ELIGIBLE_STUDENT',
          categories: ['EDUCATION_RECORD'],
          recipientAgencies: ['PROBATION'],
        }),
      },
    );
    expect(res.body.errors[0].extensions.errors).toContainEqual(
      expect.objectContaining({ field: 'grantorType', code: 'DEPENDS_ON' }),
    );
  });

  it('lists a child’s consents through federation to the holder and to the agencies they name, not to others', async () => {
    await setConsent(p, 'HOUSING', CASEY, 'active', caseworker('CHILD_WELFARE'), ['HMIS']);
    const q = `query($id: ID!) { child(id: $id) { consents { agency categories recipientAgencies status } } }`;
    const named = await p.gql('CHILD_WELFARE', q, { id: casey });
    expect(named.body.data.child.consents).toContainEqual({
      agency: 'HOUSING',
      categories: ['HMIS'],
      recipientAgencies: ['CHILD_WELFARE'],
      status: 'ACTIVE',
    });
    const holder = await p.gql('HOUSING', q, { id: casey });
    expect(
      holder.body.data.child.consents.filter((c: { agency: string }) => c.agency === 'HOUSING').length,
    ).toBeGreaterThan(1);
    const stranger = await p.gql('EDUCATION', q, { id: casey });
    expect(
      stranger.body.data.child.consents.filter((c: { agency: string }) => c.agency === 'HOUSING'),
    ).toEqual([]);
  });

  it('audits every permit and deny; break-glass is flagged and reported; privacy officers read their own trail', async () => {
    const viewer = glass('PROBATION');
    await observe(p, 'HOUSING', casey, viewer);
    const officer = { roles: ['PRIVACY_OFFICER' as const], purposeOfUse: 'AUDIT' as const };
    const report = await p.gql(
      'HOUSING',
      `{ housingBreakGlassReport { actor actorAgency rule breakGlass breakGlassReason categories decision } }`,
      {},
      officer,
    );
    expect(report.body.data.housingBreakGlassReport).toContainEqual(
      expect.objectContaining({
        actorAgency: 'PROBATION',
        rule: 'BREAK_GLASS',
        breakGlass: true,
        breakGlassReason: viewer.breakGlassReason,
        decision: 'PERMIT',
      }),
    );
    await observe(p, 'HOUSING', casey, caseworker('EDUCATION'));
    const trail = await p.gql(
      'HOUSING',
      `{ housingAuditTrail(first: 20) { events { actorAgency decision rule categories childId requestId } } }`,
      {},
      officer,
    );
    expect(trail.body.data.housingAuditTrail.events).toContainEqual(
      expect.objectContaining({
        actorAgency: 'EDUCATION',
        decision: 'DENY',
        rule: 'NO_CONSENT',
        childId: casey,
      }),
    );
    const refused = await p.gql('HOUSING', `{ housingAuditTrail { events { id } } }`);
    expect(refused.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const viaChild = await p.gql(
      'HOUSING',
      `query($id: ID!) { child(id: $id) { auditTrail { agency actorAgency decision } } }`,
      { id: casey },
      officer,
    );
    expect(viaChild.body.data.child.auditTrail.length).toBeGreaterThan(0);
    expect(viaChild.body.data.child.auditTrail.every((e: { agency: string }) => e.agency === 'HOUSING')).toBe(
      true,
    );
    const notOfficer = await p.gql('HOUSING', `query($id: ID!) { child(id: $id) { auditTrail { id } } }`, {
      id: casey,
    });
    expect(notOfficer.body.data.child.auditTrail).toEqual([]);
  });

  it('keeps the audit trail append-only and detects a changed or removed row', async () => {
    for (const agency of ['CHILD_WELFARE', 'BEHAVIORAL_HEALTH'] as const) {
      const ds = p.agencies[agency]!.db.dataSource;
      expect(await verifyAuditChain(ds)).toMatchObject({ ok: true });
      // the service's own role has no such privilege; the trigger stops even the owner
      await expect(ds.query(`DELETE FROM audit_event`)).rejects.toThrow(/permission denied/);
      const owner = p.owner(AGENCY_SUBGRAPH[agency]);
      await expect(
        owner.query(`UPDATE audit_event SET decision = 'PERMIT' WHERE decision = 'DENY'`),
      ).rejects.toThrow(/append-only/);
      await expect(owner.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
    }
    // Someone with the database owner's powers switches the guard off and edits history:
    const cw = p.agencies.CHILD_WELFARE!.db.dataSource;
    const cwOwner = p.owner('child-welfare');
    await cwOwner.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update');
    const [victim] = await cw.query(`SELECT id FROM audit_event WHERE decision = 'DENY' ORDER BY id LIMIT 1`);
    await cwOwner.query(`UPDATE audit_event SET decision = 'PERMIT' WHERE id = $1`, [victim.id]);
    expect(await verifyAuditChain(cw)).toMatchObject({
      ok: false,
      brokenAt: { id: Number(victim.id), problem: expect.stringMatching(/changed/) },
    });
    const bh = p.agencies.BEHAVIORAL_HEALTH!.db.dataSource;
    const bhOwner = p.owner('behavioral-health');
    await bhOwner.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update');
    const [second] = await bh.query(`SELECT id FROM audit_event ORDER BY id OFFSET 1 LIMIT 1`);
    await bhOwner.query(`DELETE FROM audit_event WHERE id = $1`, [second.id]);
    const broken = await verifyAuditChain(bh);
    expect(broken.ok).toBe(false);
    expect(broken.brokenAt!.id).toBeGreaterThan(Number(second.id));
  });

  it('analytics never reads a child, whoever asks', async () => {
    const res = await p.gql(
      'BEHAVIORAL_HEALTH',
      `query($id: ID!) { child(id: $id) { id } }`,
      { id: casey },
      { roles: ['ANALYST'], purposeOfUse: 'ANALYTICS' },
    );
    expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(res.body.data).toEqual({ child: null });
  });
});
