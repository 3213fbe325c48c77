import request from 'supertest';
import {
  gatewayCredential,
  GATEWAY_CREDENTIAL_HEADER,
  loadConfig,
  Rng,
  serviceToken,
  today,
  type SubgraphService,
} from '@wholechild/shared';
import {
  createTestDatabase,
  newChild,
  newIntegrationToken,
  newPerson,
  newSyntheticPerson,
  sealRepresentations,
  tokenFor,
} from '@wholechild/shared/testing';
import { isValidNpi } from '../src/kinds';
import { seed } from '../seed';
import { createBehavioralHealthService } from '../src/server';

const config = loadConfig({ WHOLECHILD_MODE: 'development', LOG_LEVEL: 'silent' });
const SRC = 'AVATAR';
const VALID_NPI = '1234567893'; // the CMS worked example: prefix 80840 + 123456789 → check digit 3

const writer = () => newIntegrationToken('BEHAVIORAL_HEALTH', config);
const bhViewer = () => tokenFor('BEHAVIORAL_HEALTH', { roles: ['CLINICIAN'] }, config);
const cwViewer = () => tokenFor('CHILD_WELFARE', {}, config);

const ENTITIES = `query($r:[_Any!]!){ _entities(representations:$r){ ... on Child { behavioralHealth { __typename
  ... on BehavioralHealthSection { records { externalId } episodes { program provider { name } } assessments { items { domain score } } diagnoses { code substanceUse } }
  ... on Restricted { agency reason } } } } }`;

describe('behavioral-health subgraph', () => {
  let db: { url: string; drop(): Promise<void> };
  let service: SubgraphService;
  let origin: string;

  /** POST to the subgraph as the gateway would (credential on unless `credential: false`). */
  function gql(
    token: string | null,
    query: string,
    variables?: Record<string, unknown>,
    opts: { credential?: boolean } = {},
  ) {
    const req = request(origin).post('/graphql').set('content-type', 'application/json');
    if (opts.credential !== false)
      req.set(GATEWAY_CREDENTIAL_HEADER, gatewayCredential(config, 'behavioral-health'));
    if (token) req.set('authorization', `Bearer ${token}`);
    // as the index and the lending agencies would: links and lent facts sealed for this token
    return req.send({ query, variables: token ? sealRepresentations(variables, token, config) : variables });
  }
  const count = async (table: string, where = 'true', params: unknown[] = []) =>
    Number(
      (await service.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params))[0]
        .n,
    );

  /** Single upsert through `mutation`; returns the response body. */
  async function upsertOne(
    mutation: string,
    inputType: string,
    record: Record<string, unknown>,
    token = writer(),
  ) {
    const res = await gql(token, `mutation($r: ${inputType}!) { ${mutation}(record: $r) { id created } }`, {
      r: record,
    });
    return res.body as {
      data?: Record<string, { id: string; created: boolean }> | null;
      errors?: Array<{ message: string; extensions: Record<string, unknown> }>;
    };
  }
  const ok = async (mutation: string, inputType: string, record: Record<string, unknown>) => {
    const body = await upsertOne(mutation, inputType, record);
    expect(body.errors).toBeUndefined();
    return body.data![mutation]!;
  };

  const provider = {
    sourceSystem: SRC,
    externalId: 'PRV-1',
    name: 'Central Youth Clinic',
    providerType: 'COUNTY_CLINIC',
    npi: VALID_NPI,
    city: 'Centerville',
  };
  const client1 = newPerson({ sourceSystem: SRC, externalId: 'C1', birthDate: '2010-05-06' });
  const client2 = newPerson({ sourceSystem: SRC, externalId: 'C2', givenName: 'Leo', sex: 'M' });
  const episode1 = {
    sourceSystem: SRC,
    externalId: 'E1',
    personExternalId: 'C1',
    providerExternalId: 'PRV-1',
    program: 'SUD_OUTPATIENT',
    levelOfCare: 'OUTPATIENT',
    startDate: '2024-02-01',
    endDate: '2024-06-30',
    dischargeReason: 'TREATMENT_COMPLETED',
    isSubstanceUse: true,
  };
  const assessment1 = {
    sourceSystem: SRC,
    externalId: 'A1',
    personExternalId: 'C1',
    episodeExternalId: 'E1',
    instrument: 'CANS',
    assessmentDate: '2024-02-10',
    reason: 'INITIAL',
  };
  const item = (externalId: string, domain: string, itemCode: string, score: number) => ({
    sourceSystem: SRC,
    externalId,
    assessmentExternalId: 'A1',
    personExternalId: 'C1',
    domain,
    item: itemCode,
    score,
  });
  const diagnosis1 = {
    sourceSystem: SRC,
    externalId: 'D1',
    personExternalId: 'C1',
    episodeExternalId: 'E1',
    code: 'F12.10',
    diagnosedDate: '2024-02-01',
    isPrimary: true,
    substanceUse: true,
  };

  let client1Id: string;
  let client2Id: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    service = await createBehavioralHealthService({ config, databaseUrl: db.url });
    const listening = await service.start(0);
    origin = new URL(listening.url).origin;

    await ok('upsertBehavioralHealthProvider', 'BehavioralHealthProviderInput', provider);
    client1Id = (await ok('upsertBehavioralHealthClient', 'BehavioralHealthClientInput', client1)).id;
    client2Id = (await ok('upsertBehavioralHealthClient', 'BehavioralHealthClientInput', client2)).id;
    await ok('upsertBehavioralHealthEpisode', 'BehavioralHealthEpisodeInput', episode1);
    await ok('upsertBehavioralHealthAssessment', 'BehavioralHealthAssessmentInput', assessment1);
    const items = await gql(
      writer(),
      `mutation($r: [BehavioralHealthAssessmentItemInput!]!) { upsertBehavioralHealthAssessmentItems(records: $r) { accepted rejected } }`,
      {
        r: [
          item('I1', 'BEHAVIORAL_EMOTIONAL_NEEDS', 'SUBSTANCE_USE', 3),
          item('I2', 'STRENGTHS', 'FAMILY_STRENGTHS', 1),
        ],
      },
    );
    expect(items.body.data.upsertBehavioralHealthAssessmentItems).toEqual({ accepted: 2, rejected: 0 });
    await ok('upsertBehavioralHealthDiagnosis', 'BehavioralHealthDiagnosisInput', diagnosis1);
  });

  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  describe('upserts', () => {
    it('re-sending a record updates it in place: one row, created=false the second time', async () => {
      const first = await ok('upsertBehavioralHealthClient', 'BehavioralHealthClientInput', {
        ...client1,
        externalId: 'C-TWICE',
      });
      const second = await ok('upsertBehavioralHealthClient', 'BehavioralHealthClientInput', {
        ...client1,
        externalId: 'C-TWICE',
        givenName: 'Amelia',
      });
      expect(first.created).toBe(true);
      expect(second.created).toBe(false);
      expect(second.id).toBe(first.id);
      expect(await count('client', 'external_id = $1', ['C-TWICE'])).toBe(1);
      const [row] = await service.db.dataSource.query('SELECT given_name FROM client WHERE id = $1', [
        first.id,
      ]);
      expect(row.given_name).toBe('Amelia');

      const again = await ok('upsertBehavioralHealthEpisode', 'BehavioralHealthEpisodeInput', episode1);
      expect(again.created).toBe(false);
      expect(await count('episode', 'external_id = $1', ['E1'])).toBe(1);
    });

    it('stores the parent references it resolved', async () => {
      const [ep] = await service.db.dataSource.query(
        `SELECT e.person_id, p.name FROM episode e JOIN provider p ON p.id = e.provider_id WHERE e.external_id = 'E1'`,
      );
      expect(ep).toEqual({ person_id: client1Id, name: 'Central Youth Clinic' });
    });

    const BAD: Array<[string, string, string, Record<string, unknown>, Array<[string, string]>]> = [
      [
        'an impossible date',
        'upsertBehavioralHealthClient',
        'BehavioralHealthClientInput',
        { ...client1, externalId: 'BAD-DATE', birthDate: '2012-02-30' },
        [['birthDate', 'INVALID_DATE']],
      ],
      [
        'a future birth date',
        'upsertBehavioralHealthClient',
        'BehavioralHealthClientInput',
        { ...client1, externalId: 'BAD-FUTURE', birthDate: '2199-01-01' },
        [['birthDate', 'OUT_OF_RANGE']],
      ],
      [
        'an unknown program',
        'upsertBehavioralHealthEpisode',
        'BehavioralHealthEpisodeInput',
        { ...episode1, externalId: 'BAD-ENUM', program: 'ART_THERAPY' },
        [['program', 'INVALID_ENUM']],
      ],
      [
        'a score of 7',
        'upsertBehavioralHealthAssessmentItem',
        'BehavioralHealthAssessmentItemInput',
        item('BAD-SCORE', 'RISK_BEHAVIORS', 'SUICIDE_RISK', 7),
        [['score', 'OUT_OF_RANGE']],
      ],
      [
        'an unknown CANS domain',
        'upsertBehavioralHealthAssessmentItem',
        'BehavioralHealthAssessmentItemInput',
        item('BAD-DOMAIN', 'SCHOOL', 'ATTENDANCE', 1),
        [['domain', 'INVALID_ENUM']],
      ],
      [
        'an end before the start',
        'upsertBehavioralHealthEpisode',
        'BehavioralHealthEpisodeInput',
        { ...episode1, externalId: 'BAD-ORDER', endDate: '2024-01-01' },
        [['endDate', 'DATE_ORDER']],
      ],
      [
        'an unknown client',
        'upsertBehavioralHealthEpisode',
        'BehavioralHealthEpisodeInput',
        { ...episode1, externalId: 'BAD-PARENT', personExternalId: 'NOBODY' },
        [['personExternalId', 'UNKNOWN_REFERENCE']],
      ],
      [
        'an unknown provider',
        'upsertBehavioralHealthEpisode',
        'BehavioralHealthEpisodeInput',
        { ...episode1, externalId: 'BAD-PROV', providerExternalId: 'PRV-404' },
        [['providerExternalId', 'UNKNOWN_REFERENCE']],
      ],
      [
        'a parent in another source system',
        'upsertBehavioralHealthDiagnosis',
        'BehavioralHealthDiagnosisInput',
        { ...diagnosis1, sourceSystem: 'SMARTCARE', externalId: 'BAD-SRC' },
        [
          ['personExternalId', 'UNKNOWN_REFERENCE'],
          ['episodeExternalId', 'UNKNOWN_REFERENCE'],
        ],
      ],
      [
        'an unknown assessment',
        'upsertBehavioralHealthAssessmentItem',
        'BehavioralHealthAssessmentItemInput',
        { ...item('BAD-ASMT', 'TRAUMA', 'NEGLECT', 1), assessmentExternalId: 'A-404' },
        [['assessmentExternalId', 'UNKNOWN_REFERENCE']],
      ],
      [
        'a malformed ICD-10 code',
        'upsertBehavioralHealthDiagnosis',
        'BehavioralHealthDiagnosisInput',
        { ...diagnosis1, externalId: 'BAD-ICD', code: 'F1210' },
        [['code', 'INVALID_FORMAT']],
      ],
      [
        'a lower-case ICD-10 code',
        'upsertBehavioralHealthDiagnosis',
        'BehavioralHealthDiagnosisInput',
        { ...diagnosis1, externalId: 'BAD-ICD2', code: 'f12.10' },
        [['code', 'INVALID_FORMAT']],
      ],
      [
        'an NPI with a wrong check digit',
        'upsertBehavioralHealthProvider',
        'BehavioralHealthProviderInput',
        { ...provider, externalId: 'BAD-NPI', npi: '1234567890' },
        [['npi', 'INVALID_FORMAT']],
      ],
      [
        'an NPI of 9 digits',
        'upsertBehavioralHealthProvider',
        'BehavioralHealthProviderInput',
        { ...provider, externalId: 'BAD-NPI2', npi: '123456789' },
        [['npi', 'INVALID_FORMAT']],
      ],
      [
        'an unknown instrument and a future date',
        'upsertBehavioralHealthAssessment',
        'BehavioralHealthAssessmentInput',
        { ...assessment1, externalId: 'BAD-ASMT2', instrument: 'PHQ_9', assessmentDate: '2199-12-31' },
        [
          ['instrument', 'INVALID_ENUM'],
          ['assessmentDate', 'OUT_OF_RANGE'],
        ],
      ],
      [
        'a discharge reason on an open episode',
        'upsertBehavioralHealthEpisode',
        'BehavioralHealthEpisodeInput',
        { ...episode1, externalId: 'BAD-OPEN', endDate: null },
        [['dischargeReason', 'DEPENDS_ON']],
      ],
      [
        'several problems at once',
        'upsertBehavioralHealthEpisode',
        'BehavioralHealthEpisodeInput',
        {
          ...episode1,
          externalId: 'BAD-MANY',
          program: 'NOPE',
          levelOfCare: 'SOMETIMES',
          endDate: '2023-12-31',
        },
        [
          ['program', 'INVALID_ENUM'],
          ['levelOfCare', 'INVALID_ENUM'],
          ['endDate', 'DATE_ORDER'],
        ],
      ],
    ];
    it.each(BAD)(
      'rejects %s with BAD_USER_INPUT listing the fields, and writes nothing',
      async (_what, mutation, inputType, record, expected) => {
        const table = {
          Client: 'client',
          Provider: 'provider',
          Episode: 'episode',
          Assessment: 'assessment',
          AssessmentItem: 'assessment_item',
          Diagnosis: 'diagnosis',
        }[mutation.replace('upsertBehavioralHealth', '')]!;
        const before = await count(table);
        const body = await upsertOne(mutation, inputType, record);
        expect(body.data).toBeNull();
        expect(body.errors).toHaveLength(1);
        const ext = body.errors![0]!.extensions;
        expect(ext.code).toBe('BAD_USER_INPUT');
        const errors = ext.errors as Array<{ field: string; code: string; reason: string }>;
        expect(errors.map((e) => [e.field, e.code]).sort()).toEqual([...expected].sort());
        for (const e of errors) expect(e.reason).toEqual(expect.any(String));
        expect(await count(table)).toBe(before);
        expect(await count(table, 'external_id = $1', [record.externalId])).toBe(0);
      },
    );

    it('accepts a valid NPI, ICD-10 codes with and without a decimal part, and substanceUse as sent', async () => {
      expect(isValidNpi(VALID_NPI)).toBe(true);
      expect(isValidNpi('1234567890')).toBe(false);
      for (const [externalId, code, substanceUse] of [
        ['D-F32', 'F32.1', false],
        ['D-F84', 'F84', false],
        ['D-F10', 'F10.10', false],
        ['D-Z', 'Z63.8', false],
      ] as const) {
        await ok('upsertBehavioralHealthDiagnosis', 'BehavioralHealthDiagnosisInput', {
          ...diagnosis1,
          externalId,
          code,
          substanceUse,
          isPrimary: false,
        });
      }
      // An F1x code with substanceUse=false is stored as sent (the flag is not derived from the code).
      const [row] = await service.db.dataSource.query(
        `SELECT substance_use, is_primary FROM diagnosis WHERE external_id = 'D-F10'`,
      );
      expect(row).toEqual({ substance_use: false, is_primary: false });
    });

    it('stores the valid rows of a batch and reports the bad row by index', async () => {
      const res = await gql(
        writer(),
        `mutation($r: [BehavioralHealthDiagnosisInput!]!) { upsertBehavioralHealthDiagnoses(records: $r) { accepted rejected rows { index id created errors { field code reason } } } }`,
        {
          r: [
            { ...diagnosis1, externalId: 'B-1', code: 'F41.1', substanceUse: false },
            { ...diagnosis1, externalId: 'B-2', code: 'BANANA', substanceUse: false },
            {
              ...diagnosis1,
              externalId: 'B-3',
              code: 'F90.2',
              substanceUse: false,
              diagnosedDate: '2024-13-01',
            },
            { ...diagnosis1, externalId: 'B-4', code: 'F43.10', substanceUse: false },
          ],
        },
      );
      expect(res.body.errors).toBeUndefined();
      const result = res.body.data.upsertBehavioralHealthDiagnoses;
      expect(result.accepted).toBe(2);
      expect(result.rejected).toBe(2);
      expect(result.rows.map((r: { index: number }) => r.index)).toEqual([0, 1, 2, 3]);
      expect(result.rows[1]).toMatchObject({
        index: 1,
        id: null,
        created: null,
        errors: [{ field: 'code', code: 'INVALID_FORMAT' }],
      });
      expect(result.rows[2]).toMatchObject({
        index: 2,
        id: null,
        created: null,
        errors: [{ field: 'diagnosedDate', code: 'INVALID_DATE' }],
      });
      expect(result.rows[0]).toMatchObject({ created: true, errors: [] });
      expect(result.rows[3]).toMatchObject({ created: true, errors: [] });
      const stored: Array<{ external_id: string; id: string }> = await service.db.dataSource.query(
        `SELECT external_id, id FROM diagnosis WHERE external_id LIKE 'B-%' ORDER BY external_id`,
      );
      expect(stored).toEqual([
        { external_id: 'B-1', id: result.rows[0].id },
        { external_id: 'B-4', id: result.rows[3].id },
      ]);
    });

    it('lets only behavioral health integration accounts and data stewards write', async () => {
      const clinician = await upsertOne(
        'upsertBehavioralHealthClient',
        'BehavioralHealthClientInput',
        { ...client1, externalId: 'NOPE-1' },
        bhViewer(),
      );
      expect(clinician.errors![0]!.extensions.code).toBe('FORBIDDEN');
      const otherAgency = await upsertOne(
        'upsertBehavioralHealthClient',
        'BehavioralHealthClientInput',
        { ...client1, externalId: 'NOPE-2' },
        newIntegrationToken('CHILD_WELFARE', config),
      );
      expect(otherAgency.errors![0]!.extensions.code).toBe('FORBIDDEN');
      expect(await count('client', `external_id LIKE 'NOPE-%'`)).toBe(0);
    });
  });

  describe('authentication', () => {
    it('refuses a request without a token (401)', async () => {
      const res = await gql(null, '{ __typename }');
      expect(res.status).toBe(401);
      expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a request without the gateway credential (401), even with a valid token', async () => {
      const res = await gql(bhViewer(), '{ __typename }', undefined, { credential: false });
      expect(res.status).toBe(401);
      expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      const wrong = await request(origin)
        .post('/graphql')
        .set('content-type', 'application/json')
        .set(GATEWAY_CREDENTIAL_HEADER, 'not-the-gateway-credential')
        .set('authorization', `Bearer ${bhViewer()}`)
        .send({ query: '{ __typename }' });
      expect(wrong.status).toBe(401);
    });

    it('answers a request with both', async () => {
      const res = await gql(bhViewer(), '{ __typename }');
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ __typename: 'Query' });
    });
  });

  describe('Child.behavioralHealth', () => {
    const child = (links: Parameters<typeof newChild>[0]) => ({ r: [newChild(links)] });

    it('returns the section of the linked client records to a behavioral health viewer', async () => {
      const res = await gql(
        bhViewer(),
        ENTITIES,
        child([{ agency: 'BEHAVIORAL_HEALTH', recordId: client1Id, status: 'AUTO' }]),
      );
      expect(res.body.errors).toBeUndefined();
      const section = res.body.data._entities[0].behavioralHealth;
      expect(section.__typename).toBe('BehavioralHealthSection');
      expect(section.records).toEqual([{ externalId: 'C1' }]);
      expect(section.episodes).toEqual([
        { program: 'SUD_OUTPATIENT', provider: { name: 'Central Youth Clinic' } },
      ]);
      expect(section.assessments).toHaveLength(1);
      expect(section.assessments[0].items).toEqual(
        expect.arrayContaining([
          { domain: 'BEHAVIORAL_EMOTIONAL_NEEDS', score: 3 },
          { domain: 'STRENGTHS', score: 1 },
        ]),
      );
      expect(section.assessments[0].items).toHaveLength(2);
      expect(section.diagnoses).toEqual(expect.arrayContaining([{ code: 'F12.10', substanceUse: true }]));
      expect(section.diagnoses.every((d: { code: string }) => d.code !== 'BANANA')).toBe(true);
    });

    it('shows only the records of the linked client (CONFIRMED counts too)', async () => {
      const res = await gql(
        bhViewer(),
        ENTITIES,
        child([{ agency: 'BEHAVIORAL_HEALTH', recordId: client2Id, status: 'CONFIRMED' }]),
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data._entities[0].behavioralHealth).toEqual({
        __typename: 'BehavioralHealthSection',
        records: [{ externalId: 'C2' }],
        episodes: [],
        assessments: [],
        diagnoses: [],
      });
    });

    it('returns Restricted (and no data) to a child welfare viewer', async () => {
      const res = await gql(
        cwViewer(),
        ENTITIES,
        child([{ agency: 'BEHAVIORAL_HEALTH', recordId: client1Id, status: 'AUTO' }]),
      );
      expect(res.body.errors).toBeUndefined();
      const restricted = res.body.data._entities[0].behavioralHealth;
      expect(restricted.__typename).toBe('Restricted');
      expect(restricted.agency).toBe('BEHAVIORAL_HEALTH');
      expect(restricted.reason).toEqual(expect.any(String));
      expect(JSON.stringify(res.body)).not.toMatch(/F12\.10|SUD_OUTPATIENT|C1/);
    });

    type Link = { agency: string; recordId: string; status: string };
    it.each<[string, () => Link[]]>([
      ['no links', () => []],
      [
        'only links under review or rejected',
        () => [
          { agency: 'BEHAVIORAL_HEALTH', recordId: client1Id, status: 'REVIEW' },
          { agency: 'BEHAVIORAL_HEALTH', recordId: client2Id, status: 'REJECTED' },
        ],
      ],
      [
        'only links to other agencies',
        () => [{ agency: 'CHILD_WELFARE', recordId: client1Id, status: 'AUTO' }],
      ],
    ])('returns null when the child has %s', async (_what, links) => {
      // (links are built lazily: the record ids exist only once beforeAll has run)
      const res = await gql(bhViewer(), ENTITIES, child(links()));
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data._entities[0].behavioralHealth).toBeNull();
    });
  });

  describe('behavioralHealthRecord', () => {
    const LOOKUP = `query($k: BehavioralHealthRecordKind!, $s: String, $e: String, $id: ID) { behavioralHealthRecord(kind: $k, sourceSystem: $s, externalId: $e, id: $id) { __typename
      ... on BehavioralHealthDiagnosis { code substanceUse episode { program } }
      ... on BehavioralHealthProvider { name npi }
      ... on BehavioralHealthClient { externalId episodes { externalId } }
      ... on Restricted { agency } } }`;

    it('finds a record by its source key for the holder, and restricts it for another agency', async () => {
      const own = await gql(bhViewer(), LOOKUP, { k: 'DIAGNOSIS', s: SRC, e: 'D1' });
      expect(own.body.data.behavioralHealthRecord).toEqual({
        __typename: 'BehavioralHealthDiagnosis',
        code: 'F12.10',
        substanceUse: true,
        episode: { program: 'SUD_OUTPATIENT' },
      });
      // D1 is a substance-use diagnosis (42 CFR Part 2): another agency learns nothing, not even
      // that it exists.
      const other = await gql(cwViewer(), LOOKUP, { k: 'DIAGNOSIS', s: SRC, e: 'D1' });
      expect(other.body.data.behavioralHealthRecord).toBeNull();
      const byId = await gql(bhViewer(), LOOKUP, { k: 'CLIENT', id: client1Id });
      expect(byId.body.data.behavioralHealthRecord).toEqual({
        __typename: 'BehavioralHealthClient',
        externalId: 'C1',
        episodes: [{ externalId: 'E1' }],
      });
    });

    it('shows providers (directory data) to any viewer, and null for an unknown key', async () => {
      const res = await gql(cwViewer(), LOOKUP, { k: 'PROVIDER', s: SRC, e: 'PRV-1' });
      expect(res.body.data.behavioralHealthRecord).toEqual({
        __typename: 'BehavioralHealthProvider',
        name: 'Central Youth Clinic',
        npi: VALID_NPI,
      });
      const none = await gql(bhViewer(), LOOKUP, { k: 'EPISODE', s: SRC, e: 'NOPE' });
      expect(none.body.errors).toBeUndefined();
      expect(none.body.data.behavioralHealthRecord).toBeNull();
    });
  });

  describe('behavioralHealthPersonFeed', () => {
    const FEED = `query($after: String) { behavioralHealthPersonFeed(first: 2, after: $after) { cursor hasMore records { agency recordId externalId changeSeq } } }`;

    it('pages through every client with a service token', async () => {
      const expected: Array<{ id: string; external_id: string }> = await service.db.dataSource.query(
        'SELECT id, external_id FROM client',
      );
      expect(expected.length).toBeGreaterThanOrEqual(3);
      const seen: Array<{ agency: string; recordId: string; externalId: string; changeSeq: number }> = [];
      let after: string | undefined;
      let pages = 0;
      for (;;) {
        const res = await gql(serviceToken(config.jwt), FEED, { after });
        expect(res.body.errors).toBeUndefined();
        const page = res.body.data.behavioralHealthPersonFeed;
        expect(page.records.length).toBeLessThanOrEqual(2);
        seen.push(...page.records);
        after = page.cursor;
        pages++;
        if (!page.hasMore) break;
        expect(pages).toBeLessThan(100);
      }
      expect(pages).toBe(Math.ceil(expected.length / 2));
      expect(seen.every((r) => r.agency === 'BEHAVIORAL_HEALTH')).toBe(true);
      expect(seen.map((r) => r.recordId).sort()).toEqual(expected.map((r) => r.id).sort());
      const seqs = seen.map((r) => r.changeSeq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      // Nothing new after the last cursor.
      const tail = await gql(serviceToken(config.jwt), FEED, { after });
      expect(tail.body.data.behavioralHealthPersonFeed).toMatchObject({
        records: [],
        hasMore: false,
        cursor: after,
      });
    });

    it('is refused to a caseworker of another agency (and of its own)', async () => {
      for (const token of [cwViewer(), tokenFor('BEHAVIORAL_HEALTH', {}, config)]) {
        const res = await gql(token, FEED);
        expect(res.body.data).toBeNull();
        expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
      }
    });
  });

  describe('seed', () => {
    const SEED_SRC = 'SEED-TEST';
    const TABLES = ['provider', 'client', 'episode', 'assessment', 'assessment_item', 'diagnosis'];
    const countSeeded = async (src: string) => {
      let n = 0;
      for (const t of TABLES) n += await count(t, 'source_system = $1', [src]);
      return n;
    };

    /** A seeded person of `ageYears` (true birth date `birthDate`), with or without substance use. */
    const person = (
      externalId: string,
      birthDate: string,
      ageYears: number,
      substanceUse: boolean,
      sourceSystem = SEED_SRC,
    ) =>
      newSyntheticPerson({
        agency: 'BEHAVIORAL_HEALTH',
        sourceSystem,
        externalId,
        birthDate,
        ageYears,
        flags: { substanceUse },
      });
    /** The date `years` years and `days` days before today. */
    const yearsAgo = (years: number, days: number) => {
      const d = new Date(`${today()}T00:00:00Z`);
      d.setUTCFullYear(d.getUTCFullYear() - years);
      d.setUTCDate(d.getUTCDate() - days);
      return d.toISOString().slice(0, 10);
    };

    const people = [
      person('S-1', yearsAgo(14, 100), 14, true),
      // A messy record: its birth date is a year off the child's true one.
      { ...person('S-2', yearsAgo(8, 40), 8, false), birthDate: yearsAgo(9, 40) },
      person('S-3', yearsAgo(2, 10), 2, false),
    ];

    it('writes clients and their records for hand-made people, and is idempotent', async () => {
      const written = await seed(service.db.dataSource, people, new Rng(42));
      expect(written).toBe(await countSeeded(SEED_SRC));

      const clients = await service.db.dataSource.query(
        'SELECT external_id, given_name, family_name, birth_date, sex FROM client WHERE source_system = $1 ORDER BY external_id',
        [SEED_SRC],
      );
      expect(clients).toEqual(
        people.map((p) => ({
          external_id: p.externalId,
          given_name: p.givenName,
          family_name: p.familyName,
          birth_date: p.birthDate,
          sex: p.sex,
        })),
      );
      expect(await count('provider', 'source_system = $1', [SEED_SRC])).toBe(15);

      for (const p of people) {
        const episodes = await count(
          'episode e JOIN client c ON c.id = e.person_id',
          'c.source_system = $1 AND c.external_id = $2',
          [SEED_SRC, p.externalId],
        );
        expect(episodes).toBeGreaterThanOrEqual(1);
        expect(episodes).toBeLessThanOrEqual(3);
        const dx = await count(
          'diagnosis d JOIN client c ON c.id = d.person_id',
          'c.source_system = $1 AND c.external_id = $2',
          [SEED_SRC, p.externalId],
        );
        expect(dx).toBeGreaterThanOrEqual(1);
        expect(dx).toBeLessThanOrEqual(3);
        // Every record is dated within the child's true life.
        const early = await count(
          'episode e JOIN client c ON c.id = e.person_id',
          `c.source_system = $1 AND c.external_id = $2 AND (e.start_date < $3::date OR e.start_date > current_date OR e.end_date < e.start_date OR e.end_date > current_date)`,
          [SEED_SRC, p.externalId, p.trueBirthDate],
        );
        expect(early).toBe(0);
      }

      // The flagged teen has a Part 2 SUD episode and an F1x diagnosis; the others have neither.
      const sud: Array<{ external_id: string; program: string }> = await service.db.dataSource.query(
        `SELECT c.external_id, e.program FROM episode e JOIN client c ON c.id = e.person_id WHERE c.source_system = $1 AND e.is_substance_use`,
        [SEED_SRC],
      );
      expect(sud.map((r) => r.external_id)).toEqual(['S-1']);
      expect(['SUD_OUTPATIENT', 'SUD_RESIDENTIAL']).toContain(sud[0]!.program);
      const sudDx: Array<{ external_id: string; code: string }> = await service.db.dataSource.query(
        `SELECT c.external_id, d.code FROM diagnosis d JOIN client c ON c.id = d.person_id WHERE c.source_system = $1 AND d.substance_use`,
        [SEED_SRC],
      );
      expect(sudDx.map((r) => r.external_id)).toEqual(['S-1']);
      expect(sudDx[0]!.code).toMatch(/^F1[0-9]\./);
      expect(
        await count('diagnosis', `source_system = $1 AND code LIKE 'F1_.%' AND NOT substance_use`, [
          SEED_SRC,
        ]),
      ).toBe(0);
      // Items are scored 0–3 in CANS domains and belong to CANS assessments of their own client.
      expect(
        await count(
          'assessment_item i JOIN assessment a ON a.id = i.assessment_id',
          `i.source_system = $1 AND (i.score NOT BETWEEN 0 AND 3 OR a.instrument NOT IN ('CANS', 'CANS_50') OR a.person_id <> i.person_id)`,
          [SEED_SRC],
        ),
      ).toBe(0);

      const again = await seed(service.db.dataSource, people, new Rng(42));
      expect(again).toBe(written);
      expect(await countSeeded(SEED_SRC)).toBe(written);
    });

    it('seeds 2000 clients and their records, all of them consistent', async () => {
      const rng = new Rng(7);
      const many = Array.from({ length: 2000 }, (_, i) => {
        const age = rng.int(0, 17);
        const birth = rng.dateBetween(
          `${Number(today().slice(0, 4)) - age - 1}-01-01`,
          `${Number(today().slice(0, 4)) - age - 1}-12-31`,
        );
        const trueAge = Math.floor((Date.parse(today()) - Date.parse(birth)) / (365.25 * 86_400_000));
        return person(`M-${i}`, birth, trueAge, trueAge >= 12 && rng.chance(0.15), 'SEED-MANY');
      });
      const written = await seed(service.db.dataSource, many, new Rng(1));
      expect(await count('client', 'source_system = $1', ['SEED-MANY'])).toBe(2000);
      expect(written).toBe(await countSeeded('SEED-MANY'));
      expect(written).toBeGreaterThan(2000 * 5);
      expect(
        await count(
          'episode e JOIN client c ON c.id = e.person_id',
          `c.source_system = 'SEED-MANY' AND (e.start_date < c.birth_date OR e.start_date > current_date)`,
        ),
      ).toBe(0);

      // Seeded records show through the section like any others.
      const [{ id }] = await service.db.dataSource.query(
        `SELECT id FROM client WHERE source_system = 'SEED-MANY' AND external_id = 'M-0'`,
      );
      const res = await gql(bhViewer(), ENTITIES, {
        r: [newChild([{ agency: 'BEHAVIORAL_HEALTH', recordId: id, status: 'AUTO' }], 'm0')],
      });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data._entities[0].behavioralHealth.records).toEqual([{ externalId: 'M-0' }]);
      expect(res.body.data._entities[0].behavioralHealth.episodes.length).toBeGreaterThanOrEqual(1);
    });
  });
});
