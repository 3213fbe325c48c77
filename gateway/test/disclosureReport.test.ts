import request from 'supertest';
import {
  GATEWAY_CREDENTIAL_HEADER,
  gatewayCredential,
  type AgencyCode,
  type PurposeOfUse,
  type Role,
} from '@wholechild/shared';
import { newCase, newConsent, tokenFor } from '@wholechild/shared/testing';
import { childIdOf, put, SRC, type Person } from './consentFixture';
import { startTestPlatform, type TestPlatform } from './helpers';

/*
 * The family's own view (issue 23): the accounting of disclosures (45 CFR 164.528, 42 CFR 2.24)
 * through the gateway, from each agency's own trail and the index's, in the family's language.
 */

const REASON = 'youth in crisis at school, calling the mobile crisis team';
const as = (
  roles: Role[],
  purposeOfUse: PurposeOfUse,
  extra: { sub?: string; breakGlassReason?: string } = {},
) => ({ roles, purposeOfUse, ...extra });
const CW_WORKER = as(['CASEWORKER'], 'CASE_PLANNING', { sub: 'cw-worker-family' });
const BH_STAFF = as(['CLINICIAN'], 'OPERATIONS');

/** Ana: child welfare (open case), behavioral health (mental health), education; Spanish-speaking. */
const ANA: Person = { ext: 'ana', givenName: 'Ana', familyName: 'Delgado', birthDate: '2011-03-14' };
/** Bo and Cy: the same story, but Cy is also a 42 CFR Part 2 client (her only behavioral health
 *  record is substance-use treatment: its existence is protected). */
const BO: Person = { ext: 'bo', givenName: 'Bo', familyName: 'Lindqvist', birthDate: '2008-11-02' };
const CY: Person = { ext: 'cy', givenName: 'Cyrille', familyName: 'Obuya', birthDate: '2013-07-21' };

const demo = (x: Person) => ({
  externalId: x.ext,
  givenName: x.givenName,
  familyName: x.familyName,
  birthDate: x.birthDate,
});

async function seedCommon(p: TestPlatform, x: Person) {
  await put(p, 'CHILD_WELFARE', 'ChildWelfarePerson', demo(x));
  await put(
    p,
    'CHILD_WELFARE',
    'ChildWelfareCase',
    newCase({ externalId: `${x.ext}-case`, personExternalId: x.ext, openedDate: '2025-01-10' }),
  );
  await put(p, 'EDUCATION', 'EducationStudent', demo(x));
}

async function recordConsent(p: TestPlatform, holder: AgencyCode, c: Parameters<typeof newConsent>[0]) {
  const prefix = holder === 'BEHAVIORAL_HEALTH' ? 'BehavioralHealth' : 'ChildWelfare';
  const res = await p.gql(
    holder,
    `mutation($c: ConsentInput!) { record${prefix}Consent(consent: $c) { id } }`,
    { c: newConsent({ sourceSystem: SRC, ...c }) },
    BH_STAFF,
  );
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data[`record${prefix}Consent`].id as string;
}

const SECTIONS = `query($id: ID!) { child(id: $id) { id
  behavioralHealth { __typename ... on BehavioralHealthSection { records { id } } }
  education { __typename ... on EducationSection { records { id } } }
  childWelfare { __typename ... on ChildWelfareSection { records { id } } } } }`;

const REPORT = `query($id: ID!, $language: String) { child(id: $id) { familyLanguage
  disclosureReport(language: $language) { childId language familyLanguage from to title introduction summary notes
    disclosures { date holder recipientAgency recipientRoles categories basis rule consentId emergency times text }
    consents { consentId agency text } } } }`;

interface Line {
  holder: string;
  recipientAgency: string;
  recipientRoles: string[];
  categories: string[];
  basis: string;
  rule: string;
  consentId: string | null;
  emergency: boolean;
  date: string;
  text: string;
}

describe('the family’s accounting of disclosures', () => {
  let p: TestPlatform;
  const ids: Record<string, string> = {};
  let anaConsent: string;
  const today = new Date().toISOString().slice(0, 10);

  const read = async (id: string, agency: AgencyCode, opts: ReturnType<typeof as>) => {
    const res = await p.gql(agency, SECTIONS, { id }, opts);
    if (res.body.errors?.some((e: { extensions?: { code?: string } }) => e.extensions?.code !== 'FORBIDDEN'))
      throw new Error(JSON.stringify(res.body.errors));
    return res.body.data.child;
  };
  const report = async (id: string, agency: AgencyCode, opts: object, language?: string) =>
    p.gql(agency, REPORT, { id, language }, opts);

  beforeAll(async () => {
    p = await startTestPlatform();
    for (const x of [ANA, BO, CY]) await seedCommon(p, x);
    await put(p, 'BEHAVIORAL_HEALTH', 'BehavioralHealthClient', demo(ANA));
    await put(p, 'BEHAVIORAL_HEALTH', 'BehavioralHealthEpisode', {
      externalId: 'ana-mh',
      personExternalId: ANA.ext,
      program: 'OUTPATIENT_MENTAL_HEALTH',
      startDate: '2025-02-01',
      isSubstanceUse: false,
    });
    await put(p, 'BEHAVIORAL_HEALTH', 'BehavioralHealthClient', demo(CY));
    await put(p, 'BEHAVIORAL_HEALTH', 'BehavioralHealthEpisode', {
      externalId: 'cy-sud',
      personExternalId: CY.ext,
      program: 'SUD_OUTPATIENT',
      startDate: '2025-05-01',
      isSubstanceUse: true,
    });
    await p.syncFeeds();
    for (const x of [ANA, BO, CY]) ids[x.ext] = await childIdOf(p, x);

    // a parent's consent: behavioral health's mental health records to probation
    anaConsent = await recordConsent(p, 'BEHAVIORAL_HEALTH', {
      personExternalId: ANA.ext,
      grantorType: 'PARENT_GUARDIAN',
      categories: ['IDENTITY', 'MENTAL_HEALTH'],
      recipientAgencies: ['PROBATION'],
      purposes: ['CARE_COORDINATION'],
    });
    // Cy's own 42 CFR 2.31 consent: her substance-use records to probation's officers
    await recordConsent(p, 'BEHAVIORAL_HEALTH', {
      personExternalId: CY.ext,
      grantorType: 'YOUTH',
      categories: ['IDENTITY', 'SUD'],
      recipientAgencies: ['PROBATION'],
      recipientRoles: ['PROBATION_OFFICER'],
      purposes: ['CARE_COORDINATION'],
    });

    for (const x of [ANA, BO, CY]) {
      // under a consent (Ana) / Part 2 consent (Cy) / nothing to see (Bo)
      await read(ids[x.ext]!, 'PROBATION', as(['PROBATION_OFFICER'], 'CARE_COORDINATION'));
      // under a statute: FERPA's Uninterrupted Scholars Act (child welfare holds an open case)
      await read(ids[x.ext]!, 'CHILD_WELFARE', CW_WORKER);
      // a denial: housing has no consent and no rule for behavioral health or education
      await read(ids[x.ext]!, 'HOUSING', as(['HOUSING_NAVIGATOR'], 'CARE_COORDINATION'));
    }
    // break-glass: a probation officer in an emergency opens Ana's mental health records (only)
    const glass = await p.gql(
      'PROBATION',
      `query($id: ID!) { child(id: $id) { behavioralHealth { __typename } } }`,
      { id: ids.ana },
      as(['PROBATION_OFFICER'], 'EMERGENCY', { breakGlassReason: REASON }),
    );
    expect(glass.body.data.child.behavioralHealth.__typename).toBe('BehavioralHealthSection');
  }, 120_000);

  afterAll(() => p?.dispose());

  it('records the family’s language once, with typed errors for a language it cannot word', async () => {
    const set = (language: string, agency: AgencyCode = 'CHILD_WELFARE', opts: object = CW_WORKER) =>
      p.gql(
        agency,
        'mutation($id: ID!, $l: String!) { setFamilyLanguage(childId: $id, language: $l) { id familyLanguage } }',
        { id: ids.ana, l: language },
        opts,
      );
    const unsupported = await set('fr');
    expect(unsupported.body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'language',
    });
    expect(unsupported.body.errors[0].extensions.errors[0].code).toBe('INVALID_ENUM');
    const malformed = await set('spanish!');
    expect(malformed.body.errors[0].extensions.errors[0]).toMatchObject({
      field: 'language',
      code: 'INVALID_FORMAT',
    });
    // housing holds no record of Ana: it may not speak for her family
    const stranger = await set('es', 'HOUSING', as(['HOUSING_NAVIGATOR'], 'CARE_COORDINATION'));
    expect(stranger.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const ok = await set('es');
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.setFamilyLanguage).toEqual({ id: ids.ana, familyLanguage: 'es' });
    const langs = await p.gql('CHILD_WELFARE', '{ familyLanguages { code name } }', {}, CW_WORKER);
    expect(langs.body.data.familyLanguages).toEqual(
      expect.arrayContaining([
        { code: 'en', name: 'English' },
        { code: 'es', name: 'Español' },
      ]),
    );
  });

  it('lists each disclosure (agency, role, categories, date, basis) in Spanish, without own-agency reads or denials', async () => {
    const res = await report(ids.ana!, 'CHILD_WELFARE', CW_WORKER);
    expect(res.body.errors).toBeUndefined();
    const r = res.body.data.child.disclosureReport;
    expect(r).toMatchObject({ childId: ids.ana, language: 'es', familyLanguage: 'es' });
    expect(r.title).toBe('Quién ha visto los expedientes de su hijo o hija');
    const lines: Line[] = r.disclosures;
    const find = (f: Partial<Line>) =>
      lines.filter((l) =>
        Object.entries(f).every(([k, v]) => JSON.stringify(l[k as keyof Line]) === JSON.stringify(v)),
      );

    const consent = find({ holder: 'BEHAVIORAL_HEALTH', recipientAgency: 'PROBATION', basis: 'CONSENT' });
    expect(consent).toHaveLength(1);
    expect(consent[0]).toMatchObject({
      recipientRoles: ['PROBATION_OFFICER'],
      categories: ['IDENTITY', 'MENTAL_HEALTH'],
      consentId: anaConsent,
      emergency: false,
      date: today,
    });
    expect(consent[0]!.text).toBe(
      `El ${today}, un oficial de libertad condicional de libertad condicional juvenil vio quién es su hijo o hija (nombre, fecha de nacimiento) y los expedientes de salud mental que guarda salud conductual, con el consentimiento dado por un padre, una madre o un tutor.`,
    );

    const statute = find({ holder: 'EDUCATION', recipientAgency: 'CHILD_WELFARE', basis: 'STATUTE' });
    expect(statute).toHaveLength(1);
    expect(statute[0]).toMatchObject({ rule: 'FERPA_USA_CHILD_WELFARE', recipientRoles: ['CASEWORKER'] });
    expect(statute[0]!.text).toContain(
      'porque la ley lo permite sin consentimiento: la agencia de bienestar infantil',
    );

    const glass = find({ holder: 'BEHAVIORAL_HEALTH', basis: 'EMERGENCY' });
    expect(glass).toHaveLength(1);
    expect(glass[0]).toMatchObject({ recipientAgency: 'PROBATION', emergency: true, rule: 'BREAK_GLASS' });
    expect(glass[0]!.categories).toContain('MENTAL_HEALTH');
    expect(glass[0]!.text).toContain('en una emergencia');

    // the index's part: probation and housing (no record of Ana) looked her up; child welfare's
    // own look-ups are its relationship with the child, not a disclosure
    const lookups = find({ holder: 'CHILD_INDEX', basis: 'INDEX_LOOKUP' });
    expect(lookups.map((l) => l.recipientAgency).sort()).toEqual(['HOUSING', 'PROBATION']);
    expect(lookups.find((l) => l.recipientAgency === 'PROBATION')!.text).toContain(
      'buscó a su hijo o hija en el índice de menores del condado',
    );

    // own staff reading their own records, and refused attempts, are not disclosures
    expect(lines.filter((l) => l.holder === l.recipientAgency)).toEqual([]);
    expect(lines.filter((l) => l.recipientAgency === 'HOUSING' && l.basis !== 'INDEX_LOOKUP')).toEqual([]);
    expect(lines).toHaveLength(5);

    expect(r.consents).toEqual([
      {
        consentId: anaConsent,
        agency: 'BEHAVIORAL_HEALTH',
        text: 'Consentimiento dado por un padre, una madre o un tutor para quién es su hijo o hija (nombre, fecha de nacimiento) y los expedientes de salud mental a libertad condicional juvenil, para coordinación de la atención, desde el 2025-01-01.',
      },
    ]);
    expect(r.notes).toContain('No se incluyen: los intentos que se negaron (no se vio nada).');

    // asked in English, the same lines in English
    const en = (await report(ids.ana!, 'CHILD_WELFARE', CW_WORKER, 'en')).body.data.child.disclosureReport;
    expect(en.language).toBe('en');
    expect(en.disclosures.map((l: Line) => l.basis)).toEqual(lines.map((l) => l.basis));
    expect(en.disclosures.find((l: Line) => l.basis === 'CONSENT').text).toContain(
      'with the consent given by a parent or guardian',
    );
  });

  it('audits the request in every trail it reads, and lists no report among the disclosures', async () => {
    const sub = 'cw-worker-audited';
    const res = await report(ids.ana!, 'CHILD_WELFARE', { ...CW_WORKER, sub });
    expect(res.body.errors).toBeUndefined();
    for (const agency of ['CHILD_WELFARE', 'BEHAVIORAL_HEALTH', 'EDUCATION'] as const) {
      const rows = await p.agencies[agency]!.db.dataSource.query(
        `SELECT decision, rule, child_id FROM audit_event WHERE actor = $1`,
        [sub],
      );
      expect(rows).toEqual([{ decision: 'PERMIT', rule: 'DISCLOSURE_ACCOUNTING', child_id: ids.ana }]);
    }
    const index = await p.index.db.dataSource.query(
      `SELECT action, decision FROM index_access_event WHERE actor = $1 AND action = 'DISCLOSURE_ACCOUNTING'`,
      [sub],
    );
    expect(index).toEqual([{ action: 'DISCLOSURE_ACCOUNTING', decision: 'PERMIT' }]);
    const again = (await report(ids.ana!, 'CHILD_WELFARE', CW_WORKER)).body.data.child.disclosureReport;
    expect(again.disclosures).toEqual(res.body.data.child.disclosureReport.disclosures);
  });

  it('never reveals a Part 2 record to a requester outside behavioral health: the report is identical without it', async () => {
    const strip = (r: Record<string, unknown>) => ({ ...r, childId: undefined });
    const bo = (await report(ids.bo!, 'CHILD_WELFARE', CW_WORKER)).body;
    const cy = (await report(ids.cy!, 'CHILD_WELFARE', CW_WORKER)).body;
    expect(bo.errors).toBeUndefined();
    expect(cy.errors).toBeUndefined();
    expect(strip(cy.data.child.disclosureReport)).toEqual(strip(bo.data.child.disclosureReport));
    // the comparison can tell: behavioral health's own clinician sees Cy's Part 2 disclosure, with
    // the 42 CFR 2.32 notice
    const own = (await report(ids.cy!, 'BEHAVIORAL_HEALTH', as(['CLINICIAN'], 'TREATMENT'))).body.data.child
      .disclosureReport;
    const sud = own.disclosures.filter((l: Line) => l.categories.includes('SUD'));
    expect(sud).toHaveLength(1);
    expect(sud[0]).toMatchObject({
      holder: 'BEHAVIORAL_HEALTH',
      recipientAgency: 'PROBATION',
      basis: 'CONSENT',
    });
    expect(own.notes.some((n: string) => n.startsWith('42 CFR part 2 prohibits'))).toBe(true);
  });

  it('refuses a role that may not produce it (FORBIDDEN), audited in the index’s and the agencies’ trails', async () => {
    const cases: Array<[AgencyCode, ReturnType<typeof as>]> = [
      ['CHILD_WELFARE', as(['SUPERVISOR'], 'CASE_PLANNING', { sub: 'refused-supervisor' })],
      ['PROBATION', as(['PROBATION_OFFICER'], 'CARE_COORDINATION', { sub: 'refused-stranger' })],
      ['CHILD_WELFARE', as(['DATA_STEWARD'], 'OPERATIONS', { sub: 'refused-steward' })],
    ];
    for (const [agency, opts] of cases) {
      const res = await report(ids.ana!, agency, opts);
      expect(res.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual([
        'FORBIDDEN',
      ]);
      expect(res.body.data.child.disclosureReport).toBeNull();
      const index = await p.index.db.dataSource.query(
        `SELECT action, decision FROM index_access_event WHERE actor = $1 AND decision = 'DENY'`,
        [opts.sub],
      );
      expect(index).toEqual([{ action: 'disclosureReport', decision: 'DENY' }]);
      const bh = await p.agencies.BEHAVIORAL_HEALTH!.db.dataSource.query(
        `SELECT decision, rule FROM audit_event WHERE actor = $1 AND rule = 'DISCLOSURE_ACCOUNTING'`,
        [opts.sub],
      );
      expect(bh).toEqual([{ decision: 'DENY', rule: 'DISCLOSURE_ACCOUNTING' }]);
    }
    // an analyst never reaches a child at all
    const analyst = await report(ids.ana!, 'CHILD_WELFARE', as(['ANALYST'], 'ANALYTICS'));
    expect(analyst.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('answers a forged call straight to an agency nothing: links must carry the index’s seal', async () => {
    const [bh] = await p.index.db.dataSource.query(
      `SELECT record_id FROM agency_record WHERE agency = 'BEHAVIORAL_HEALTH' AND external_id = $1`,
      [CY.ext],
    );
    const url = new URL(p.subgraphUrls['behavioral-health']!);
    const res = await request(url.origin)
      .post(url.pathname)
      .set('authorization', `Bearer ${tokenFor('CHILD_WELFARE', CW_WORKER, p.config)}`)
      .set(GATEWAY_CREDENTIAL_HEADER, gatewayCredential(p.config, 'behavioral-health'))
      .send({
        query:
          'query($r: [_Any!]!) { _entities(representations: $r) { ... on Child { behavioralHealthDisclosures } } }',
        variables: {
          r: [
            {
              __typename: 'Child',
              id: ids.cy,
              recordLinksSeal: 'forged',
              recordLinks: [{ agency: 'BEHAVIORAL_HEALTH', recordId: bh.record_id, status: 'CONFIRMED' }],
            },
          ],
        },
      });
    expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(JSON.stringify(res.body.data ?? null)).not.toContain('PROBATION');
  });
});
