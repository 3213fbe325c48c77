import request from 'supertest';
import {
  gatewayCredential,
  addDays,
  GATEWAY_CREDENTIAL_HEADER,
  loadConfig,
  Rng,
  serviceToken,
  today,
  type PlatformConfig,
  type SubgraphService,
} from '@wholechild/shared';
import {
  ageOn,
  createTestDatabase,
  newChild,
  newIntegrationToken,
  newPerson,
  newSyntheticPerson,
  sealRepresentations,
  tokenFor,
} from '@wholechild/shared/testing';
import { composeSupergraph } from '../../../gateway/src/supergraph';
import { servedSdl } from '../../../scripts/services';
import { seed } from '../seed';
import { createProbationService } from '../src/server';

const SRC = 'PCMS';

describe('probation subgraph', () => {
  let config: PlatformConfig;
  let db: { url: string; drop(): Promise<void> };
  let service: SubgraphService;
  let url: URL;
  let writer: string;
  let probationViewer: string;
  let educationViewer: string;

  const gql = (
    token: string | null,
    query: string,
    variables?: Record<string, unknown>,
    credential: string | null = gatewayCredential(config, 'probation'),
  ) => {
    const req = request(url.origin).post(url.pathname).set('content-type', 'application/json');
    if (token) req.set('authorization', `Bearer ${token}`);
    if (credential) req.set(GATEWAY_CREDENTIAL_HEADER, credential);
    // as the index and the lending agencies would: links and lent facts sealed for this token
    return req.send({ query, variables: token ? sealRepresentations(variables, token, config) : variables });
  };
  const sql = async (text: string, params: unknown[] = []) =>
    (await service.db.dataSource.query(text, params)) as Array<Record<string, unknown>>;
  const count = async (table: string, where = 'true', params: unknown[] = []) =>
    Number((await sql(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params))[0]!.n);

  /** Runs a mutation as the probation integration account and fails the test on any error. */
  const write = async (mutation: string, input: string, record: Record<string, unknown>) => {
    const res = await gql(writer, `mutation($r: ${input}!) { ${mutation}(record: $r) { id created } }`, {
      r: { sourceSystem: SRC, ...record },
    });
    expect(res.body.errors).toBeUndefined();
    return res.body.data[mutation] as { id: string; created: boolean };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    config = loadConfig({
      WHOLECHILD_MODE: 'development',
      LOG_LEVEL: 'silent',
      // no webhook worker in the background: this file counts the subgraph's statements
      WEBHOOK_POLL_INTERVAL_MS: '0',
    });
    service = await createProbationService({ config, databaseUrl: db.url });
    const listening = await service.start(0);
    url = new URL(listening.url);
    writer = newIntegrationToken('PROBATION', config);
    probationViewer = tokenFor('PROBATION', { roles: ['PROBATION_OFFICER'] }, config);
    educationViewer = tokenFor('EDUCATION', {}, config);
  });

  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  describe('idempotent upserts', () => {
    it('re-sending a youth record keeps one row and reports created=false', async () => {
      const record = newPerson({
        sourceSystem: SRC,
        externalId: 'Y-IDEM',
        birthDate: '2010-05-06',
        sex: 'M',
      });
      const first = await write('upsertProbationYouth', 'ProbationYouthInput', record);
      const second = await write('upsertProbationYouth', 'ProbationYouthInput', {
        ...record,
        city: 'Fresno',
      });
      expect(first.created).toBe(true);
      expect(second.created).toBe(false);
      expect(second.id).toBe(first.id);
      expect(await count('youth', 'external_id = $1', ['Y-IDEM'])).toBe(1);
      const [row] = await sql('SELECT city FROM youth WHERE external_id = $1', ['Y-IDEM']);
      expect(row!.city).toBe('Fresno');
    });

    it('re-sending a referral in a batch updates it in place', async () => {
      const ref = {
        sourceSystem: SRC,
        externalId: 'Y-IDEM-R1',
        personExternalId: 'Y-IDEM',
        referralDate: '2024-03-01',
        referringAgency: 'LAW_ENFORCEMENT',
        offenseCode: 'PC 459',
        offenseDescription: 'Burglary',
        offenseLevel: 'FELONY',
        intakeDecision: 'PENDING',
      };
      const q = `mutation($rs: [ProbationReferralInput!]!) { upsertProbationReferrals(records: $rs) { accepted rejected rows { index id created } } }`;
      const a = await gql(writer, q, { rs: [ref] });
      const b = await gql(writer, q, { rs: [{ ...ref, intakeDecision: 'PETITION_REQUESTED' }] });
      expect(a.body.data.upsertProbationReferrals.rows[0].created).toBe(true);
      expect(b.body.data.upsertProbationReferrals.rows[0].created).toBe(false);
      expect(b.body.data.upsertProbationReferrals.rows[0].id).toBe(
        a.body.data.upsertProbationReferrals.rows[0].id,
      );
      const rows = await sql('SELECT intake_decision FROM referral WHERE external_id = $1', ['Y-IDEM-R1']);
      expect(rows).toEqual([{ intake_decision: 'PETITION_REQUESTED' }]);
    });
  });

  describe('validation', () => {
    beforeAll(async () => {
      await write(
        'upsertProbationYouth',
        'ProbationYouthInput',
        newPerson({ sourceSystem: SRC, externalId: 'Y-VAL', birthDate: '2009-01-02' }),
      );
    });

    const referral = {
      externalId: 'Y-VAL-R1',
      personExternalId: 'Y-VAL',
      referralDate: '2024-06-01',
      referringAgency: 'SCHOOL',
      offenseCode: 'PC 415(1)',
      offenseLevel: 'MISDEMEANOR',
      intakeDecision: 'DIVERSION',
    };
    const term = {
      externalId: 'Y-VAL-T1',
      personExternalId: 'Y-VAL',
      startDate: '2024-07-01',
      supervisionLevel: 'LOW',
      status: 'ACTIVE',
    };
    const cases: Array<[string, string, string, string, Record<string, unknown>, Array<[string, string]>]> = [
      [
        'a date that does not exist',
        'upsertProbationReferral',
        'ProbationReferralInput',
        'referral',
        { ...referral, referralDate: '2024-02-30' },
        [['referralDate', 'INVALID_DATE']],
      ],
      [
        'a date in the future',
        'upsertProbationReferral',
        'ProbationReferralInput',
        'referral',
        { ...referral, referralDate: addDays(today(), 3) },
        [['referralDate', 'OUT_OF_RANGE']],
      ],
      [
        'an unknown enum value',
        'upsertProbationReferral',
        'ProbationReferralInput',
        'referral',
        { ...referral, offenseLevel: 'CAPITAL' },
        [['offenseLevel', 'INVALID_ENUM']],
      ],
      [
        'a string too long',
        'upsertProbationReferral',
        'ProbationReferralInput',
        'referral',
        { ...referral, offenseCode: 'PC '.padEnd(41, '9') },
        [['offenseCode', 'TOO_LONG']],
      ],
      [
        'an unknown person',
        'upsertProbationReferral',
        'ProbationReferralInput',
        'referral',
        { ...referral, personExternalId: 'NOBODY' },
        [['personExternalId', 'UNKNOWN_REFERENCE']],
      ],
      [
        'several problems at once',
        'upsertProbationReferral',
        'ProbationReferralInput',
        'referral',
        { ...referral, referralDate: '2024-13-01', referringAgency: 'NEIGHBOR', offenseCode: '  ' },
        [
          ['referralDate', 'INVALID_DATE'],
          ['referringAgency', 'INVALID_ENUM'],
          ['offenseCode', 'REQUIRED'],
        ],
      ],
      [
        'an end before the start',
        'upsertProbationSupervisionTerm',
        'ProbationSupervisionTermInput',
        'supervision_term',
        { ...term, endDate: '2024-06-30' },
        [['endDate', 'DATE_ORDER']],
      ],
      [
        'an unknown officer',
        'upsertProbationSupervisionTerm',
        'ProbationSupervisionTermInput',
        'supervision_term',
        { ...term, officerExternalId: 'DPO-NONE' },
        [['officerExternalId', 'UNKNOWN_REFERENCE']],
      ],
      [
        'an unknown disposition',
        'upsertProbationSupervisionTerm',
        'ProbationSupervisionTermInput',
        'supervision_term',
        { ...term, dispositionExternalId: 'D-NONE' },
        [['dispositionExternalId', 'UNKNOWN_REFERENCE']],
      ],
      [
        'an unknown referral',
        'upsertProbationPetition',
        'ProbationPetitionInput',
        'petition',
        {
          externalId: 'Y-VAL-P1',
          personExternalId: 'Y-VAL',
          referralExternalId: 'R-NONE',
          filedDate: '2024-06-10',
          petitionType: 'WIC_602',
          court: 'Dept. J1',
          status: 'FILED',
        },
        [['referralExternalId', 'UNKNOWN_REFERENCE']],
      ],
      [
        'an unknown term',
        'upsertProbationCondition',
        'ProbationConditionInput',
        'supervision_condition',
        {
          externalId: 'Y-VAL-C1',
          termExternalId: 'T-NONE',
          personExternalId: 'Y-VAL',
          conditionType: 'CURFEW',
          status: 'ACTIVE',
        },
        [['termExternalId', 'UNKNOWN_REFERENCE']],
      ],
      [
        'a bad email',
        'upsertProbationOfficer',
        'ProbationOfficerInput',
        'officer',
        {
          externalId: 'DPO-BAD',
          name: 'Pat Quinn',
          badgeNumber: 'J1',
          unit: 'INTAKE',
          email: 'pat.quinn@probation',
        },
        [['email', 'INVALID_TYPE']],
      ],
      [
        'an unknown unit and a badge too long',
        'upsertProbationOfficer',
        'ProbationOfficerInput',
        'officer',
        {
          externalId: 'DPO-BAD',
          name: 'Pat Quinn',
          badgeNumber: 'J'.repeat(21),
          unit: 'DETENTION',
          email: 'pat@example.org',
        },
        [
          ['badgeNumber', 'TOO_LONG'],
          ['unit', 'INVALID_ENUM'],
        ],
      ],
    ];

    it.each(cases)(
      'refuses %s with BAD_USER_INPUT and writes nothing',
      async (_label, mutation, input, table, record, expected) => {
        const before = await count(table);
        const res = await gql(writer, `mutation($r: ${input}!) { ${mutation}(record: $r) { id created } }`, {
          r: { sourceSystem: SRC, ...record },
        });
        expect(res.body.data).toBeNull();
        expect(res.body.errors).toHaveLength(1);
        const ext = res.body.errors[0].extensions;
        expect(ext.code).toBe('BAD_USER_INPUT');
        const got = (ext.errors as Array<{ field: string; code: string }>).map((e) => [e.field, e.code]);
        expect(got).toEqual(expect.arrayContaining(expected));
        expect(got).toHaveLength(expected.length);
        expect(await count(table)).toBe(before);
      },
    );

    it('accepts a valid officer with no email, and a valid email', async () => {
      const a = await write('upsertProbationOfficer', 'ProbationOfficerInput', {
        externalId: 'DPO-OK1',
        name: 'Lee Park',
        badgeNumber: 'J100',
        unit: 'FIELD_SUPERVISION',
      });
      const b = await write('upsertProbationOfficer', 'ProbationOfficerInput', {
        externalId: 'DPO-OK2',
        name: 'Ria Das',
        badgeNumber: 'J101',
        unit: 'CAMP',
        email: 'ria.das@probation.example.gov',
      });
      expect(a.created && b.created).toBe(true);
    });

    it('stores the good rows of a batch and reports the bad row by index', async () => {
      await write('upsertProbationSupervisionTerm', 'ProbationSupervisionTermInput', {
        ...term,
        externalId: 'Y-VAL-TB',
      });
      const row = (k: number, conditionType: string) => ({
        sourceSystem: SRC,
        externalId: `Y-VAL-TB-C${k}`,
        termExternalId: 'Y-VAL-TB',
        personExternalId: 'Y-VAL',
        conditionType,
        status: 'ACTIVE',
      });
      const res = await gql(
        writer,
        `mutation($rs: [ProbationConditionInput!]!) { upsertProbationConditions(records: $rs) { accepted rejected rows { index id created errors { field code } } } }`,
        { rs: [row(1, 'CURFEW'), row(2, 'HOUSE_ARREST'), row(3, 'SEARCH_TERMS')] },
      );
      expect(res.body.errors).toBeUndefined();
      const out = res.body.data.upsertProbationConditions;
      expect(out.accepted).toBe(2);
      expect(out.rejected).toBe(1);
      expect(out.rows.map((r: { index: number }) => r.index)).toEqual([0, 1, 2]);
      expect(out.rows[1]).toEqual({
        index: 1,
        id: null,
        created: null,
        errors: [{ field: 'conditionType', code: 'INVALID_ENUM' }],
      });
      expect(out.rows[0].created && out.rows[2].created).toBe(true);
      const stored = await sql(
        `SELECT external_id FROM supervision_condition WHERE external_id LIKE 'Y-VAL-TB-C%' ORDER BY external_id`,
      );
      expect(stored.map((r) => r.external_id)).toEqual(['Y-VAL-TB-C1', 'Y-VAL-TB-C3']);
    });
  });

  it('composes into a supergraph with the child index (which owns Child.links)', () => {
    const sdl = composeSupergraph(
      {
        'child-index': 'http://127.0.0.1:1/graphql',
        'child-welfare': 'http://127.0.0.1:2/graphql',
        'behavioral-health': 'http://127.0.0.1:3/graphql',
        education: 'http://127.0.0.1:5/graphql',
        housing: 'http://127.0.0.1:6/graphql',
        probation: url.href,
      },
      servedSdl,
    );
    expect(sdl).toMatch(/probation: ProbationSectionResult/);
    expect(sdl).toMatch(/upsertProbationSupervisionTerms\(/);
  });

  // A batch once took its column list from its first row, dropping optional parents of the others.
  it('keeps the optional parent references of every row of a batch', async () => {
    await write('upsertProbationYouth', 'ProbationYouthInput', { externalId: 'Y-MIX' });
    await write('upsertProbationOfficer', 'ProbationOfficerInput', {
      externalId: 'DPO-MIX',
      name: 'Ola Berg',
      badgeNumber: 'J777',
      unit: 'FIELD_SUPERVISION',
    });
    const term = (k: number, officerExternalId: string | null) => ({
      sourceSystem: SRC,
      externalId: `Y-MIX-T${k}`,
      personExternalId: 'Y-MIX',
      officerExternalId,
      startDate: '2025-01-01',
      supervisionLevel: 'LOW',
      status: 'ACTIVE',
    });
    const res = await gql(
      writer,
      `mutation($rs: [ProbationSupervisionTermInput!]!) { upsertProbationSupervisionTerms(records: $rs) { accepted } }`,
      {
        rs: [term(1, null), term(2, 'DPO-MIX')],
      },
    );
    expect(res.body.data.upsertProbationSupervisionTerms.accepted).toBe(2);
    const rows =
      await sql(`SELECT t.external_id, o.external_id AS officer FROM supervision_term t LEFT JOIN officer o ON o.id = t.officer_id
      WHERE t.external_id LIKE 'Y-MIX-T%' ORDER BY t.external_id`);
    expect(rows).toEqual([
      { external_id: 'Y-MIX-T1', officer: null },
      { external_id: 'Y-MIX-T2', officer: 'DPO-MIX' },
    ]);
  });

  describe('authentication and authorization', () => {
    const q = '{ probationRecord(kind: YOUTH, sourceSystem: "PCMS", externalId: "Y-IDEM") { __typename } }';

    it('refuses a request without a token with 401', async () => {
      const res = await gql(null, q);
      expect(res.status).toBe(401);
      expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a request without (or with a wrong) gateway credential with 401', async () => {
      expect((await gql(probationViewer, q, undefined, null)).status).toBe(401);
      expect((await gql(probationViewer, q, undefined, 'not-the-gateway-credential')).status).toBe(401);
      expect((await gql(probationViewer, q)).status).toBe(200);
    });

    it('lets only probation integration accounts and stewards write', async () => {
      const m = `mutation($r: ProbationYouthInput!) { upsertProbationYouth(record: $r) { id } }`;
      const r = { sourceSystem: SRC, externalId: 'Y-FORBIDDEN' };
      for (const token of [probationViewer, newIntegrationToken('EDUCATION', config)]) {
        const res = await gql(token, m, { r });
        expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
      }
      expect(await count('youth', 'external_id = $1', ['Y-FORBIDDEN'])).toBe(0);
    });
  });

  describe('Child.probation section', () => {
    let youthId: string;
    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Child { probation { __typename
      ... on ProbationSection { records { externalId } referrals { externalId petitions { externalId dispositions { externalId dualStatus } } }
        supervisionTerms { externalId officer { name unit } conditions { conditionType } } conditions { externalId } }
      ... on Restricted { agency category reason } } } } }`;
    const child = (links: Parameters<typeof newChild>[0]) => ({ r: [newChild(links)] });

    beforeAll(async () => {
      youthId = (
        await write(
          'upsertProbationYouth',
          'ProbationYouthInput',
          newPerson({ sourceSystem: SRC, externalId: 'Y-SEC', birthDate: '2009-08-09' }),
        )
      ).id;
      await write('upsertProbationOfficer', 'ProbationOfficerInput', {
        externalId: 'DPO-SEC',
        name: 'Dana Whitfield',
        badgeNumber: 'J4242',
        unit: 'FIELD_SUPERVISION',
      });
      await write('upsertProbationReferral', 'ProbationReferralInput', {
        externalId: 'Y-SEC-R1',
        personExternalId: 'Y-SEC',
        referralDate: '2024-01-10',
        referringAgency: 'LAW_ENFORCEMENT',
        offenseCode: 'PC 594(a)',
        offenseDescription: 'Vandalism',
        offenseLevel: 'MISDEMEANOR',
        intakeDecision: 'PETITION_REQUESTED',
      });
      await write('upsertProbationPetition', 'ProbationPetitionInput', {
        externalId: 'Y-SEC-P1',
        personExternalId: 'Y-SEC',
        referralExternalId: 'Y-SEC-R1',
        filedDate: '2024-01-20',
        petitionType: 'WIC_602',
        court: 'Superior Court, Juvenile Division, Dept. J2',
        status: 'SUSTAINED',
      });
      await write('upsertProbationDisposition', 'ProbationDispositionInput', {
        externalId: 'Y-SEC-D1',
        personExternalId: 'Y-SEC',
        petitionExternalId: 'Y-SEC-P1',
        dispositionDate: '2024-02-15',
        dispositionType: 'WARDSHIP_PROBATION_HOME',
        dualStatus: true,
      });
      await write('upsertProbationSupervisionTerm', 'ProbationSupervisionTermInput', {
        externalId: 'Y-SEC-T1',
        personExternalId: 'Y-SEC',
        dispositionExternalId: 'Y-SEC-D1',
        officerExternalId: 'DPO-SEC',
        startDate: '2024-02-15',
        supervisionLevel: 'MEDIUM',
        status: 'ACTIVE',
      });
      for (const [k, conditionType] of ['SCHOOL_ATTENDANCE', 'CURFEW', 'RESTITUTION'].entries()) {
        await write('upsertProbationCondition', 'ProbationConditionInput', {
          externalId: `Y-SEC-T1-C${k + 1}`,
          termExternalId: 'Y-SEC-T1',
          personExternalId: 'Y-SEC',
          conditionType,
          status: 'ACTIVE',
        });
      }
    });

    it('shows the whole section to probation staff', async () => {
      const res = await gql(
        probationViewer,
        entities,
        child([{ agency: 'PROBATION', recordId: youthId, status: 'AUTO' }]),
      );
      expect(res.body.errors).toBeUndefined();
      const section = res.body.data._entities[0].probation;
      expect(section.__typename).toBe('ProbationSection');
      expect(section.records).toEqual([{ externalId: 'Y-SEC' }]);
      expect(section.referrals).toEqual([
        {
          externalId: 'Y-SEC-R1',
          petitions: [
            { externalId: 'Y-SEC-P1', dispositions: [{ externalId: 'Y-SEC-D1', dualStatus: true }] },
          ],
        },
      ]);
      expect(section.supervisionTerms).toEqual([
        {
          externalId: 'Y-SEC-T1',
          officer: { name: 'Dana Whitfield', unit: 'FIELD_SUPERVISION' },
          conditions: [
            { conditionType: 'SCHOOL_ATTENDANCE' },
            { conditionType: 'CURFEW' },
            { conditionType: 'RESTITUTION' },
          ],
        },
      ]);
      expect(section.conditions).toHaveLength(3);
    });

    it('shows only records of confirmed or automatic links', async () => {
      const res = await gql(
        probationViewer,
        entities,
        child([
          { agency: 'PROBATION', recordId: youthId, status: 'CONFIRMED' },
          { agency: 'PROBATION', recordId: '00000000-0000-4000-8000-000000000000', status: 'AUTO' },
        ]),
      );
      expect(res.body.data._entities[0].probation.records).toEqual([{ externalId: 'Y-SEC' }]);
    });

    it('gives another agency a Restricted stand-in, never the data', async () => {
      const res = await gql(
        educationViewer,
        entities,
        child([{ agency: 'PROBATION', recordId: youthId, status: 'AUTO' }]),
      );
      expect(res.body.errors).toBeUndefined();
      const section = res.body.data._entities[0].probation;
      expect(section.__typename).toBe('Restricted');
      expect(section.agency).toBe('PROBATION');
      expect(section.category).toBe('SECTION');
      expect(JSON.stringify(section)).not.toContain('Y-SEC');
    });

    it.each([
      ['no links', []],
      [
        'only links under review or rejected',
        [
          { agency: 'PROBATION', recordId: 'REPLACE', status: 'REVIEW' },
          { agency: 'PROBATION', recordId: 'REPLACE', status: 'REJECTED' },
        ],
      ],
      ['links to other agencies only', [{ agency: 'CHILD_WELFARE', recordId: 'REPLACE', status: 'AUTO' }]],
    ])('is null with %s', async (_label, links) => {
      const res = await gql(
        probationViewer,
        entities,
        child(
          (links as Array<{ agency: string; recordId: string; status: string }>).map((l) => ({
            ...l,
            recordId: youthId,
          })),
        ),
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data._entities[0].probation).toBeNull();
    });

    it('looks records up: officers are directory data, child records are restricted', async () => {
      const q = `query($k: ProbationRecordKind!, $x: String!) { probationRecord(kind: $k, sourceSystem: "PCMS", externalId: $x) {
        __typename ... on ProbationOfficer { name } ... on ProbationReferral { offenseCode } ... on Restricted { agency } } }`;
      const officer = await gql(educationViewer, q, { k: 'OFFICER', x: 'DPO-SEC' });
      expect(officer.body.data.probationRecord).toEqual({
        __typename: 'ProbationOfficer',
        name: 'Dana Whitfield',
      });
      const hidden = await gql(educationViewer, q, { k: 'REFERRAL', x: 'Y-SEC-R1' });
      expect(hidden.body.data.probationRecord).toEqual({ __typename: 'Restricted', agency: 'PROBATION' });
      const shown = await gql(probationViewer, q, { k: 'REFERRAL', x: 'Y-SEC-R1' });
      expect(shown.body.data.probationRecord).toEqual({
        __typename: 'ProbationReferral',
        offenseCode: 'PC 594(a)',
      });
      const none = await gql(probationViewer, q, { k: 'REFERRAL', x: 'NOPE' });
      expect(none.body.data.probationRecord).toBeNull();
    });
  });

  describe('person feed', () => {
    const feed = `query($after: String) { probationPersonFeed(first: 2, after: $after) { cursor hasMore records { agency externalId recordId changeSeq sealedAdoption } } }`;

    it('pages through every youth record for the child index service', async () => {
      for (let k = 1; k <= 3; k++)
        await write('upsertProbationYouth', 'ProbationYouthInput', {
          externalId: `Y-FEED-${k}`,
          givenName: `Feed${k}`,
        });
      const token = serviceToken(config.jwt);
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 100; page++) {
        const res = await gql(token, feed, { after });
        expect(res.body.errors).toBeUndefined();
        const p = res.body.data.probationPersonFeed;
        expect(p.records.length).toBeLessThanOrEqual(2);
        for (const r of p.records) {
          expect(r.agency).toBe('PROBATION');
          expect(r.sealedAdoption).toBe(false);
          seen.push(r.externalId);
        }
        after = p.cursor;
        if (!p.hasMore) break;
      }
      const all = (await sql('SELECT external_id FROM youth')).map((r) => r.external_id as string);
      expect(all.length).toBeGreaterThan(4);
      expect(seen.sort()).toEqual(all.sort());
      // Nothing changed since: the last cursor gives an empty page.
      const again = await gql(token, feed, { after });
      expect(again.body.data.probationPersonFeed).toMatchObject({
        records: [],
        hasMore: false,
        cursor: after,
      });
    });

    it('refuses a caseworker of another agency (and probation staff who are not stewards)', async () => {
      for (const token of [educationViewer, tokenFor('CHILD_WELFARE', {}, config), probationViewer]) {
        const res = await gql(token, feed, { after: null });
        expect(res.body.data).toBeNull();
        expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
      }
    });
  });

  describe('seed', () => {
    const TODAY = today() < '2026-11-25' ? today() : '2026-11-25';
    /** A seeded youth whose age follows the true birth date, as of TODAY. */
    const person = (
      sourceSystem: string,
      externalId: string,
      trueBirthDate: string,
      over: Partial<Parameters<typeof newSyntheticPerson>[0]> = {},
    ) =>
      newSyntheticPerson({
        agency: 'PROBATION',
        sourceSystem,
        externalId,
        trueBirthDate,
        ageYears: ageOn(trueBirthDate, TODAY),
        ...over,
      });
    const TABLES = [
      'officer',
      'youth',
      'referral',
      'petition',
      'disposition',
      'supervision_term',
      'supervision_condition',
    ];
    const counts = async (src: string) =>
      Object.fromEntries(
        await Promise.all(TABLES.map(async (t) => [t, await count(t, 'source_system = $1', [src])] as const)),
      );
    const maxSeq = async (src: string) =>
      Promise.all(
        TABLES.map(
          async (t) =>
            (await sql(`SELECT max(change_seq) AS m FROM ${t} WHERE source_system = $1`, [src]))[0]!.m,
        ),
      );

    it('writes three hand-made youth and their records, idempotently', async () => {
      const people = [
        person('PCMS-SEED', 'S-1', addDays(TODAY, -17 * 365 - 40), {
          givenName: 'Keanu',
          familyName: 'Kahale',
          sex: 'M',
          race: 'NATIVE_HAWAIIAN_PACIFIC_ISLANDER',
          ethnicity: 'NOT_HISPANIC',
        }),
        person('PCMS-SEED', 'S-2', addDays(TODAY, -15 * 365 - 100), {
          givenName: 'LUPE',
          middleName: 'M',
          familyName: 'Ortega-Diaz',
          sex: 'F',
          birthDate: null,
          flags: { openChildWelfareCase: true },
        }),
        person('PCMS-SEED', 'S-3', addDays(TODAY, -9 * 365), {
          givenName: null,
          addressLine: null,
          postalCode: null,
          sex: 'U',
        }),
      ];
      const n1 = await seed(service.db.dataSource, people, new Rng(7));
      const c1 = await counts('PCMS-SEED');
      const s1 = await maxSeq('PCMS-SEED');
      expect(n1).toBe(Object.values(c1).reduce((a, b) => a + b, 0));
      expect(c1.officer).toBe(12);
      expect(c1.youth).toBe(3);
      expect(c1.referral).toBeGreaterThanOrEqual(2);

      // Demographics exactly as given.
      const youth =
        await sql(`SELECT external_id, given_name, middle_name, family_name, birth_date, sex, race, ethnicity, primary_language, address_line, city, postal_code
        FROM youth WHERE source_system = 'PCMS-SEED' ORDER BY external_id`);
      expect(youth).toEqual(
        people.map((p) => ({
          external_id: p.externalId,
          given_name: p.givenName,
          middle_name: p.middleName,
          family_name: p.familyName,
          birth_date: p.birthDate,
          sex: p.sex,
          race: p.race,
          ethnicity: p.ethnicity,
          primary_language: p.primaryLanguage,
          address_line: p.addressLine,
          city: p.city,
          postal_code: p.postalCode,
        })),
      );
      // The 9-year-old has no offense history; the others have 1-2 referrals each.
      const perYouth =
        await sql(`SELECT y.external_id, count(r.id)::int AS n FROM youth y LEFT JOIN referral r ON r.person_id = y.id
        WHERE y.source_system = 'PCMS-SEED' GROUP BY y.external_id ORDER BY y.external_id`);
      expect(perYouth.map((r) => r.n)).toEqual([expect.any(Number), expect.any(Number), 0]);
      for (const r of perYouth.slice(0, 2)) expect([1, 2]).toContain(r.n);

      // Same seed again: same rows, none even touched.
      const n2 = await seed(service.db.dataSource, people, new Rng(7));
      expect(n2).toBe(n1);
      expect(await counts('PCMS-SEED')).toEqual(c1);
      expect(await maxSeq('PCMS-SEED')).toEqual(s1);
    });

    it('seeds ~800 youth in batches, with records that fit each youth’s age and the court process', async () => {
      const rng = new Rng(99);
      const people = Array.from({ length: 800 }, (_, k) => {
        const birth = rng.dateBetween(addDays(TODAY, -19 * 365), addDays(TODAY, -11 * 365));
        return person('PCMS-BULK', `B${String(k).padStart(6, '0')}`, birth, {
          birthDate: rng.chance(0.05) ? null : birth,
          flags: { openChildWelfareCase: rng.chance(0.3), substanceUse: rng.chance(0.15) },
        });
      });
      // Fast means batched: the statements it takes do not grow with the youth seeded (a write per
      // row would be thousands). Timing is left to the benchmarks.
      const before = service.db.counter.statements;
      const n = await seed(service.db.dataSource, people, new Rng(2026));
      const statements = service.db.counter.statements - before;
      expect(statements).toBeLessThan(100);
      const c = await counts('PCMS-BULK');
      expect(n).toBe(Object.values(c).reduce((a, b) => a + b, 0));
      expect(c.youth).toBe(800);
      expect(c.officer).toBe(12);
      expect(c.referral).toBeGreaterThan(800);
      expect(c.petition).toBeGreaterThan(100);
      expect(c.disposition).toBeGreaterThan(50);
      expect(c.supervision_term).toBeGreaterThan(50);
      expect(c.supervision_condition).toBeGreaterThanOrEqual(2 * c.supervision_term!);
      expect(c.supervision_condition).toBeLessThanOrEqual(4 * c.supervision_term!);

      const bad = async (label: string, query: string) => {
        const rows = await sql(query);
        expect({ label, rows: rows.slice(0, 3) }).toEqual({ label, rows: [] });
      };
      // Offenses between the 12th and 18th birthdays (by the true birth date), never in the future.
      const birth = new Map(people.map((p) => [p.externalId, p.trueBirthDate]));
      const refs = await sql(
        `SELECT y.external_id, r.referral_date FROM referral r JOIN youth y ON y.id = r.person_id WHERE r.source_system = 'PCMS-BULK'`,
      );
      for (const r of refs) {
        const age = ageOn(birth.get(r.external_id as string)!, r.referral_date as string);
        expect(age).toBeGreaterThanOrEqual(12);
        expect(age).toBeLessThan(18);
        expect(r.referral_date! <= TODAY).toBe(true);
      }
      await bad(
        'youth with more than two referrals',
        `SELECT 1 FROM referral r JOIN youth y ON y.id = r.person_id WHERE y.source_system = 'PCMS-BULK' GROUP BY y.id HAVING count(*) > 2`,
      );
      await bad(
        'petition before its referral',
        `SELECT p.external_id FROM petition p JOIN referral r ON r.id = p.referral_id WHERE p.source_system = 'PCMS-BULK' AND (p.filed_date < r.referral_date OR p.person_id <> r.person_id)`,
      );
      await bad(
        'petition without a referral asking for one',
        `SELECT p.external_id FROM petition p JOIN referral r ON r.id = p.referral_id WHERE p.source_system = 'PCMS-BULK' AND r.intake_decision <> 'PETITION_REQUESTED'`,
      );
      await bad(
        'disposition before its petition or on an unsustained one',
        `SELECT d.external_id FROM disposition d JOIN petition p ON p.id = d.petition_id WHERE d.source_system = 'PCMS-BULK' AND (d.disposition_date < p.filed_date OR p.status <> 'SUSTAINED')`,
      );
      await bad(
        'dispositions without a petition',
        `SELECT external_id FROM disposition WHERE source_system = 'PCMS-BULK' AND petition_id IS NULL`,
      );
      await bad(
        'dates in the future',
        `SELECT external_id FROM disposition WHERE source_system = 'PCMS-BULK' AND disposition_date > '${TODAY}'
        UNION ALL SELECT external_id FROM petition WHERE source_system = 'PCMS-BULK' AND filed_date > '${TODAY}'
        UNION ALL SELECT external_id FROM supervision_term WHERE source_system = 'PCMS-BULK' AND (start_date > '${TODAY}' OR (status <> 'ACTIVE' AND end_date > '${TODAY}'))`,
      );
      await bad(
        'terms ending before they start, or closed without an end',
        `SELECT external_id FROM supervision_term WHERE source_system = 'PCMS-BULK' AND (end_date < start_date OR (status <> 'ACTIVE' AND end_date IS NULL))`,
      );
      await bad(
        'terms with fewer than 2 or more than 4 conditions',
        `SELECT t.external_id FROM supervision_term t LEFT JOIN supervision_condition c ON c.term_id = t.id
        WHERE t.source_system = 'PCMS-BULK' GROUP BY t.external_id HAVING count(c.id) NOT BETWEEN 2 AND 4`,
      );
      await bad(
        'conditions of another youth',
        `SELECT c.external_id FROM supervision_condition c JOIN supervision_term t ON t.id = c.term_id WHERE c.source_system = 'PCMS-BULK' AND c.person_id <> t.person_id`,
      );
      await bad(
        'formal terms without their disposition',
        `SELECT external_id FROM supervision_term WHERE source_system = 'PCMS-BULK' AND external_id NOT LIKE '%-R_-T1' AND disposition_id IS NULL`,
      );
      await bad(
        'informal (WIC 654) terms with a disposition',
        `SELECT external_id FROM supervision_term WHERE source_system = 'PCMS-BULK' AND external_id LIKE '%-R_-T1' AND disposition_id IS NOT NULL`,
      );
      await bad(
        'terms of a dismissed case',
        `SELECT t.external_id FROM supervision_term t JOIN disposition d ON d.id = t.disposition_id WHERE t.source_system = 'PCMS-BULK' AND d.disposition_type = 'DISMISSED'`,
      );
      await bad(
        'informal terms without a WIC 654 referral',
        `SELECT t.external_id FROM supervision_term t WHERE t.source_system = 'PCMS-BULK' AND t.disposition_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.person_id = t.person_id AND r.intake_decision = 'INFORMAL_PROBATION_654')`,
      );
      await bad(
        'officers from the wrong unit',
        `SELECT t.external_id FROM supervision_term t JOIN disposition d ON d.id = t.disposition_id JOIN officer o ON o.id = t.officer_id
        WHERE t.source_system = 'PCMS-BULK' AND ((d.disposition_type = 'CAMP' AND o.unit <> 'CAMP') OR (d.disposition_type = 'WARDSHIP_PLACEMENT' AND o.unit <> 'PLACEMENT'))`,
      );
      await bad(
        'WIC 601 petitions for criminal offenses',
        `SELECT p.external_id FROM petition p JOIN referral r ON r.id = p.referral_id WHERE p.source_system = 'PCMS-BULK' AND (p.petition_type = 'WIC_601') <> (r.offense_level = 'STATUS_OFFENSE')`,
      );
      const dual = await sql(
        `SELECT y.external_id FROM disposition d JOIN youth y ON y.id = d.person_id WHERE d.source_system = 'PCMS-BULK' AND d.dual_status`,
      );
      const openCw = new Set(people.filter((p) => p.flags.openChildWelfareCase).map((p) => p.externalId));
      expect(dual.length).toBeGreaterThan(0);
      for (const r of dual) expect(openCw.has(r.external_id as string)).toBe(true);
      const assigned = await count(
        'supervision_term',
        `source_system = 'PCMS-BULK' AND officer_id IS NOT NULL`,
      );
      expect(assigned).toBeGreaterThan(0.8 * c.supervision_term!);
    });
  });
});
