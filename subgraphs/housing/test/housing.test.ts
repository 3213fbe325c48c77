import request from 'supertest';
import {
  gatewayCredential,
  addDays,
  GATEWAY_CREDENTIAL_HEADER,
  generateCounty,
  loadConfig,
  Rng,
  serviceToken,
  type AgencyCode,
  type Role,
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
import { seed } from '../seed';
import { createHousingService } from '../src/server';

const config = loadConfig({
  WHOLECHILD_MODE: 'development',
  LOG_LEVEL: 'silent',
  // no webhook worker in the background: this file counts the subgraph's statements
  WEBHOOK_POLL_INTERVAL_MS: '0',
});
const SRC = 'HMIS';
const writer = newIntegrationToken('HOUSING', config);
const viewer = (agency: AgencyCode | 'CHILD_INDEX', roles?: Role[]) =>
  tokenFor(agency, roles ? { roles } : {}, config);

let db: { url: string; drop(): Promise<void> };
let service: SubgraphService;
let origin: string;

/** POSTs an operation to the subgraph, with the gateway credential unless told otherwise. */
function gql(
  query: string,
  variables: Record<string, unknown> = {},
  token: string | null = writer,
  credential: string | null = gatewayCredential(config, 'housing'),
) {
  const req = request(origin).post('/graphql').set('content-type', 'application/json');
  if (token) req.set('authorization', `Bearer ${token}`);
  if (credential) req.set(GATEWAY_CREDENTIAL_HEADER, credential);
  // as the index and the lending agencies would: links and lent facts sealed for this token
  return req.send({ query, variables: token ? sealRepresentations(variables, token, config) : variables });
}

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> =>
  service.db.dataSource.query(text, params);
const count = async (table: string, where = 'true', params: unknown[] = []) =>
  (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params))[0]!.n;

const UPSERT = {
  project: 'mutation($r: HousingProjectInput!) { upsertHousingProject(record: $r) { id created } }',
  household: 'mutation($r: HousingHouseholdInput!) { upsertHousingHousehold(record: $r) { id created } }',
  client: 'mutation($r: HousingClientInput!) { upsertHousingClient(record: $r) { id created } }',
  enrollment: 'mutation($r: HousingEnrollmentInput!) { upsertHousingEnrollment(record: $r) { id created } }',
  episode:
    'mutation($r: HousingHomelessnessEpisodeInput!) { upsertHousingHomelessnessEpisode(record: $r) { id created } }',
};

async function upsert(
  kind: keyof typeof UPSERT,
  record: Record<string, unknown>,
): Promise<{ id: string; created: boolean }> {
  const res = await gql(UPSERT[kind], { r: record });
  expect(res.body.errors).toBeUndefined();
  return Object.values(res.body.data as Record<string, { id: string; created: boolean }>)[0]!;
}

const project = {
  sourceSystem: SRC,
  externalId: 'PRJ-1',
  name: 'Harbor Family Shelter',
  projectType: 'EMERGENCY_SHELTER',
  operator: 'County',
};
const household = {
  sourceSystem: SRC,
  externalId: 'HH-1',
  householdType: 'FAMILY_WITH_CHILDREN',
  size: 4,
  city: 'Riverton',
};
const client = newPerson({
  sourceSystem: SRC,
  externalId: 'C-1',
  householdExternalId: 'HH-1',
  birthDate: '2014-06-01',
  relationshipToHoH: 'CHILD',
  dvSurvivor: true,
});
const enrollment = {
  sourceSystem: SRC,
  externalId: 'EN-1',
  personExternalId: 'C-1',
  projectExternalId: 'PRJ-1',
  householdExternalId: 'HH-1',
  entryDate: '2023-01-10',
  exitDate: '2023-04-02',
  livingSituationAtEntry: 'LITERALLY_HOMELESS',
  destination: 'PERMANENT_RENTAL',
};
const episode = {
  sourceSystem: SRC,
  externalId: 'EP-1',
  personExternalId: 'C-1',
  startDate: '2022-11-01',
  endDate: '2023-04-02',
  episodeType: 'FLEEING_DV',
  chronic: true,
  timesHomelessPastThreeYears: 4,
  monthsHomelessPastThreeYears: 14,
};
let clientId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  service = await createHousingService({ config, databaseUrl: db.url });
  origin = new URL((await service.start(0)).url).origin;
  await upsert('project', project);
  await upsert('household', household);
  clientId = (await upsert('client', client)).id;
  await upsert('enrollment', enrollment);
  await upsert('episode', episode);
});

afterAll(async () => {
  await service?.stop();
  await db?.drop();
});

describe('upserts', () => {
  it('re-sending a record updates it in place: one row, created=false the second time', async () => {
    const rec = { ...client, externalId: 'C-TWICE', givenName: 'Ana' };
    const first = await upsert('client', rec);
    expect(first.created).toBe(true);
    const second = await upsert('client', { ...rec, givenName: 'Anna' });
    expect(second).toEqual({ id: first.id, created: false });
    expect(await count('client', 'source_system = $1 AND external_id = $2', [SRC, 'C-TWICE'])).toBe(1);
    expect(
      (await sql('SELECT given_name, household_id FROM client WHERE id = $1', [first.id]))[0],
    ).toMatchObject({ given_name: 'Anna' });

    const hh1 = await upsert('household', household);
    expect(hh1.created).toBe(false);
    expect(await count('household', 'external_id = $1', ['HH-1'])).toBe(1);
  });

  it('resolves the client’s household parent, and defaults dvSurvivor to false', async () => {
    const { id } = await upsert('client', {
      sourceSystem: SRC,
      externalId: 'C-PLAIN',
      householdExternalId: 'HH-1',
    });
    const [row] = await sql<{ household_id: string; dv_survivor: boolean }>(
      'SELECT household_id, dv_survivor FROM client WHERE id = $1',
      [id],
    );
    const [hh] = await sql<{ id: string }>('SELECT id FROM household WHERE external_id = $1', ['HH-1']);
    expect(row).toEqual({ household_id: hh!.id, dv_survivor: false });
  });

  const bad: Array<
    [string, keyof typeof UPSERT, Record<string, unknown>, Array<{ field: string; code: string }>]
  > = [
    [
      'a bad date',
      'enrollment',
      { ...enrollment, externalId: 'BAD-1', entryDate: '2023-02-30' },
      [{ field: 'entryDate', code: 'INVALID_DATE' }],
    ],
    [
      'an unknown enum value',
      'enrollment',
      { ...enrollment, externalId: 'BAD-2', livingSituationAtEntry: 'CAR' },
      [{ field: 'livingSituationAtEntry', code: 'INVALID_ENUM' }],
    ],
    [
      'an exit before entry',
      'enrollment',
      { ...enrollment, externalId: 'BAD-3', exitDate: '2022-12-31' },
      [{ field: 'exitDate', code: 'DATE_ORDER' }],
    ],
    [
      'a destination without an exit',
      'enrollment',
      { ...enrollment, externalId: 'BAD-4', exitDate: null },
      [{ field: 'exitDate', code: 'REQUIRED' }],
    ],
    [
      'an unknown project',
      'enrollment',
      { ...enrollment, externalId: 'BAD-5', projectExternalId: 'NO-SUCH' },
      [{ field: 'projectExternalId', code: 'UNKNOWN_REFERENCE' }],
    ],
    [
      'a future entry date',
      'enrollment',
      { ...enrollment, externalId: 'BAD-6', entryDate: '2199-01-01', exitDate: null, destination: null },
      [{ field: 'entryDate', code: 'OUT_OF_RANGE' }],
    ],
    [
      'a household of size 0',
      'household',
      { ...household, externalId: 'BAD-7', size: 0 },
      [{ field: 'size', code: 'OUT_OF_RANGE' }],
    ],
    [
      'a household of size 21 and a bad type',
      'household',
      { ...household, externalId: 'BAD-8', size: 21, householdType: 'BIG' },
      [
        { field: 'householdType', code: 'INVALID_ENUM' },
        { field: 'size', code: 'OUT_OF_RANGE' },
      ],
    ],
    [
      'an unknown household of a client',
      'client',
      { ...client, externalId: 'BAD-9', householdExternalId: 'NO-SUCH' },
      [{ field: 'householdExternalId', code: 'UNKNOWN_REFERENCE' }],
    ],
    [
      'a bad relationship to head of household',
      'client',
      { ...client, externalId: 'BAD-10', relationshipToHoH: 'COUSIN' },
      [{ field: 'relationshipToHoH', code: 'INVALID_ENUM' }],
    ],
    [
      'too many times homeless and too many months',
      'episode',
      { ...episode, externalId: 'BAD-11', timesHomelessPastThreeYears: 5, monthsHomelessPastThreeYears: 37 },
      [
        { field: 'timesHomelessPastThreeYears', code: 'OUT_OF_RANGE' },
        { field: 'monthsHomelessPastThreeYears', code: 'OUT_OF_RANGE' },
      ],
    ],
    [
      'an episode ending before it starts, of an unknown type',
      'episode',
      { ...episode, externalId: 'BAD-12', endDate: '2020-01-01', episodeType: 'COUCH' },
      [
        { field: 'episodeType', code: 'INVALID_ENUM' },
        { field: 'endDate', code: 'DATE_ORDER' },
      ],
    ],
    [
      'a missing project name',
      'project',
      { ...project, externalId: 'BAD-13', name: ' ' },
      [{ field: 'name', code: 'REQUIRED' }],
    ],
  ];
  const tableOf = {
    project: 'project',
    household: 'household',
    client: 'client',
    enrollment: 'enrollment',
    episode: 'homelessness_episode',
  };

  it.each(bad)(
    'refuses %s with BAD_USER_INPUT listing the field errors, and writes nothing',
    async (_name, kind, record, expected) => {
      const before = await count(tableOf[kind]);
      const res = await gql(UPSERT[kind], { r: record });
      expect(res.body.data).toBeNull();
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      const errors = res.body.errors[0].extensions.errors as Array<{ field: string; code: string }>;
      expect(errors.map(({ field, code }) => ({ field, code }))).toEqual(expected);
      expect(await count(tableOf[kind])).toBe(before);
      expect(await count(tableOf[kind], 'external_id = $1', [record.externalId])).toBe(0);
    },
  );

  it('stores the valid rows of a batch and reports the bad row by index', async () => {
    await upsert('client', { ...client, externalId: 'C-BATCH' });
    const base = { ...enrollment, personExternalId: 'C-BATCH' };
    const rows = [
      { ...base, externalId: 'B-0' },
      { ...base, externalId: 'B-1', exitDate: '2020-01-01' },
      { ...base, externalId: 'B-2', exitDate: null, destination: null },
    ];
    const res = await gql(
      `mutation($r: [HousingEnrollmentInput!]!) { upsertHousingEnrollments(records: $r) {
        accepted rejected rows { index id created errors { field code } } } }`,
      { r: rows },
    );
    expect(res.body.errors).toBeUndefined();
    const out = res.body.data.upsertHousingEnrollments;
    expect(out).toMatchObject({ accepted: 2, rejected: 1 });
    expect(out.rows[1]).toEqual({
      index: 1,
      id: null,
      created: null,
      errors: [{ field: 'exitDate', code: 'DATE_ORDER' }],
    });
    expect(out.rows[0]).toMatchObject({ index: 0, created: true, errors: [] });
    expect(out.rows[2]).toMatchObject({ index: 2, created: true, errors: [] });
    const stored = await sql<{ external_id: string }>(
      `SELECT external_id FROM enrollment WHERE external_id LIKE 'B-%' ORDER BY external_id`,
    );
    expect(stored.map((r) => r.external_id)).toEqual(['B-0', 'B-2']);
  });

  it('lets only housing integration accounts and data stewards write', async () => {
    const res = await gql(UPSERT.household, { r: { ...household, externalId: 'HH-CW' } }, viewer('HOUSING'));
    expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const other = await gql(
      UPSERT.household,
      { r: { ...household, externalId: 'HH-CW' } },
      newIntegrationToken('PROBATION', config),
    );
    expect(other.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(await count('household', 'external_id = $1', ['HH-CW'])).toBe(0);
  });
});

describe('authentication', () => {
  it('answers 401 without a token', async () => {
    const res = await gql('{ housingPersonFeed(first: 1) { cursor } }', {}, null);
    expect(res.status).toBe(401);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('answers 401 without the gateway credential, even with a valid token', async () => {
    // a user's token never passes without housing's own credential; the platform's service
    // token is its own credential (the index's feed pulls hold no gateway credential)
    const integration = newIntegrationToken('HOUSING', config);
    const res = await gql('{ housingPersonFeed(first: 1) { cursor } }', {}, integration, null);
    expect(res.status).toBe(401);
    const service = await gql(
      '{ housingPersonFeed(first: 1) { cursor } }',
      {},
      serviceToken(config.jwt),
      null,
    );
    expect(service.status).toBe(200);
    const wrong = await gql(
      '{ housingPersonFeed(first: 1) { cursor } }',
      {},
      serviceToken(config.jwt),
      'not-the-gateway-credential',
    );
    expect(wrong.status).toBe(401);
  });
});

describe('the housing section of Child', () => {
  const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Child { housing { __typename
    ... on HousingSection { records { externalId dvSurvivor household { householdType } }
      enrollments { project { projectType } destination } homelessnessEpisodes { chronic } }
    ... on Restricted { agency reason } } } } }`;
  const child = (links: Parameters<typeof newChild>[0]) => [newChild(links)];
  const section = async (
    token: string,
    links: Array<{ agency: string; recordId: string; status: string }>,
  ) => {
    const res = await gql(ENTITIES, { r: child(links) }, token);
    expect(res.body.errors).toBeUndefined();
    return res.body.data._entities[0].housing;
  };

  it('shows the section, with households and projects, to housing staff', async () => {
    const s = await section(viewer('HOUSING'), [{ agency: 'HOUSING', recordId: clientId, status: 'AUTO' }]);
    expect(s).toEqual({
      __typename: 'HousingSection',
      records: [
        { externalId: 'C-1', dvSurvivor: true, household: { householdType: 'FAMILY_WITH_CHILDREN' } },
      ],
      enrollments: [{ project: { projectType: 'EMERGENCY_SHELTER' }, destination: 'PERMANENT_RENTAL' }],
      homelessnessEpisodes: [{ chronic: true }],
    });
  });

  it('gives another agency nothing for a domestic-violence survivor (VAWA), not even a Restricted', async () => {
    const res = await gql(
      ENTITIES,
      { r: child([{ agency: 'HOUSING', recordId: clientId, status: 'CONFIRMED' }]) },
      viewer('PROBATION', ['PROBATION_OFFICER']),
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data._entities[0].housing).toBeNull();
    expect(JSON.stringify(res.body)).not.toContain('C-1');
  });

  it('is null when housing holds nothing linked, or only unconfirmed links', async () => {
    expect(await section(viewer('HOUSING'), [])).toBeNull();
    expect(
      await section(viewer('HOUSING'), [
        { agency: 'HOUSING', recordId: clientId, status: 'REVIEW' },
        { agency: 'HOUSING', recordId: clientId, status: 'REJECTED' },
        { agency: 'CHILD_WELFARE', recordId: clientId, status: 'AUTO' },
      ]),
    ).toBeNull();
  });
});

describe('housingRecord lookup', () => {
  const LOOKUP = `query($k: HousingRecordKind!, $s: String, $e: String) { housingRecord(kind: $k, sourceSystem: $s, externalId: $e) {
    __typename ... on HousingProject { name victimServiceProvider } ... on HousingClient { externalId household { size } }
    ... on HousingEnrollment { entryDate project { name } household { externalId } } ... on Restricted { agency } } }`;

  it('shows directory records (projects) to any agency, and restricts client records', async () => {
    const p = await gql(LOOKUP, { k: 'PROJECT', s: SRC, e: 'PRJ-1' }, viewer('PROBATION'));
    expect(p.body.data.housingRecord).toEqual({
      __typename: 'HousingProject',
      name: 'Harbor Family Shelter',
      victimServiceProvider: false,
    });
    // C-1 is a domestic-violence survivor: outside housing, the record does not exist (VAWA).
    const c = await gql(LOOKUP, { k: 'CLIENT', s: SRC, e: 'C-1' }, viewer('PROBATION'));
    expect(c.body.data.housingRecord).toBeNull();
    const e = await gql(LOOKUP, { k: 'ENROLLMENT', s: SRC, e: 'EN-1' }, viewer('EDUCATION'));
    expect(e.body.data.housingRecord).toBeNull();
  });

  it('resolves an enrollment’s project and household for housing staff', async () => {
    const e = await gql(LOOKUP, { k: 'ENROLLMENT', s: SRC, e: 'EN-1' }, viewer('HOUSING'));
    expect(e.body.data.housingRecord).toEqual({
      __typename: 'HousingEnrollment',
      entryDate: '2023-01-10',
      project: { name: 'Harbor Family Shelter' },
      household: { externalId: 'HH-1' },
    });
    const c = await gql(LOOKUP, { k: 'CLIENT', s: SRC, e: 'C-1' }, viewer('HOUSING'));
    expect(c.body.data.housingRecord).toEqual({
      __typename: 'HousingClient',
      externalId: 'C-1',
      household: { size: 4 },
    });
  });
});

describe('person feed', () => {
  const FEED = `query($after: String) { housingPersonFeed(first: 2, after: $after) { cursor hasMore
    records { agency recordId externalId givenName sealedAdoption } } }`;

  it('pages through every client record for the child index', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 50; page++) {
      const res = await gql(FEED, { after }, serviceToken(config.jwt));
      expect(res.body.errors).toBeUndefined();
      const feed = res.body.data.housingPersonFeed;
      expect(feed.records.length).toBeLessThanOrEqual(2);
      for (const r of feed.records) {
        expect(r.agency).toBe('HOUSING');
        expect(r.sealedAdoption).toBe(false);
        seen.push(r.recordId);
      }
      after = feed.cursor;
      if (!feed.hasMore) break;
    }
    const all = await sql<{ id: string }>('SELECT id FROM client');
    expect(all.length).toBeGreaterThan(2);
    expect(seen.sort()).toEqual(all.map((r) => r.id).sort());
    const again = await gql(FEED, { after }, serviceToken(config.jwt));
    expect(again.body.data.housingPersonFeed).toMatchObject({ records: [], hasMore: false, cursor: after });
  });

  it('refuses a caseworker of another agency (and housing caseworkers)', async () => {
    for (const token of [viewer('CHILD_WELFARE'), viewer('HOUSING')]) {
      const res = await gql(FEED, {}, token);
      expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
      expect(res.body.data).toBeNull();
    }
  });
});

describe('seed', () => {
  const SEED_SRC = 'HMIS-SEED';
  /** A seeded child with no address (each its own household), a survivor or not. */
  const person = (externalId: string, trueBirthDate: string, dvSurvivor: boolean, ageYears: number) =>
    newSyntheticPerson({
      agency: 'HOUSING',
      sourceSystem: SEED_SRC,
      externalId,
      familyName: `Seed${externalId}`,
      birthDate: trueBirthDate,
      ageYears,
      addressLine: null,
      city: null,
      locality: 'Riverton',
      flags: { dvSurvivor },
    });
  const people = [
    person('S-1', '2010-03-15', true, 15),
    person('S-2', '2019-11-30', false, 6),
    person('S-3', addDays(new Date().toISOString().slice(0, 10), -200), false, 0),
  ];
  const tables = ['project', 'household', 'client', 'enrollment', 'homelessness_episode'];
  const counts = async () =>
    Object.fromEntries(
      await Promise.all(tables.map(async (t) => [t, await count(t, 'source_system = $1', [SEED_SRC])])),
    );

  it('writes projects, a household and client per person, and records dated within each child’s life; twice is once', async () => {
    const written = await seed(service.db.dataSource, people, new Rng(7));
    const first = await counts();
    expect(first.project).toBe(25);
    expect(first.household).toBe(3);
    expect(first.client).toBe(3);
    expect(first.enrollment).toBeGreaterThanOrEqual(3);
    expect(first.enrollment).toBeLessThanOrEqual(9);
    expect(written).toBe(Object.values(first).reduce((a: number, b) => a + (b as number), 0));

    const clients = await sql<{ external_id: string; dv_survivor: boolean; birth_date: string; hh: string }>(
      `SELECT c.external_id, c.dv_survivor, c.birth_date, h.external_id AS hh FROM client c JOIN household h ON h.id = c.household_id
        WHERE c.source_system = $1 ORDER BY c.external_id`,
      [SEED_SRC],
    );
    expect(clients).toEqual([
      {
        external_id: 'S-1',
        dv_survivor: true,
        birth_date: '2010-03-15',
        hh: expect.stringMatching(/^HH-[0-9a-f]{16}$/),
      },
      {
        external_id: 'S-2',
        dv_survivor: false,
        birth_date: '2019-11-30',
        hh: expect.stringMatching(/^HH-[0-9a-f]{16}$/),
      },
      {
        external_id: 'S-3',
        dv_survivor: false,
        birth_date: people[2]!.birthDate,
        hh: expect.stringMatching(/^HH-[0-9a-f]{16}$/),
      },
    ]);
    // Household ids are opaque: a directory lookup by household id must not name the client.
    expect(new Set(clients.map((c) => c.hh)).size).toBe(3);
    for (const c of clients) expect(c.hh).not.toContain(c.external_id);
    const today = new Date().toISOString().slice(0, 10);
    const dated = await sql<{ birth: string; start: string; end: string | null }>(
      `SELECT c.birth_date AS birth, e.entry_date AS start, e.exit_date AS end FROM enrollment e JOIN client c ON c.id = e.person_id WHERE e.source_system = $1
       UNION ALL
       SELECT c.birth_date, h.start_date, h.end_date FROM homelessness_episode h JOIN client c ON c.id = h.person_id WHERE h.source_system = $1`,
      [SEED_SRC],
    );
    for (const d of dated) {
      expect(d.start >= d.birth).toBe(true);
      expect(d.start <= today).toBe(true);
      if (d.end) expect(d.end >= d.start && d.end <= today).toBe(true);
    }

    const again = await seed(service.db.dataSource, people, new Rng(7));
    expect(again).toBe(written);
    expect(await counts()).toEqual(first);
    // A different random state changes values, never the number of records.
    await seed(service.db.dataSource, people, new Rng(99));
    expect(await counts()).toEqual(first);
  });

  it('seeds a thousand children of the synthetic county (messy records included) in batches', async () => {
    const county = generateCounty({ size: 6000, seed: 5 });
    const many = county.records.HOUSING.slice(0, 1000).map((p) => ({ ...p, sourceSystem: 'HMIS-BULK' }));
    expect(many).toHaveLength(1000);
    // Fast means batched: the statements it takes do not grow with the children seeded (a write
    // per row would be thousands). Timing is left to the benchmarks.
    const before = service.db.counter.statements;
    const written = await seed(service.db.dataSource, many, new Rng(2));
    const statements = service.db.counter.statements - before;
    expect(statements).toBeLessThan(100);
    expect(await count('client', 'source_system = $1', ['HMIS-BULK'])).toBe(1000);
    expect(await count('client', 'source_system = $1 AND dv_survivor', ['HMIS-BULK'])).toBe(
      many.filter((p) => p.flags.dvSurvivor).length,
    );
    expect(written).toBeGreaterThan(3000);
  });
});
