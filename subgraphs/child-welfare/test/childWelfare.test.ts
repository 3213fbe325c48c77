import request from 'supertest';
import {
  gatewayCredential,
  GATEWAY_CREDENTIAL_HEADER,
  generateCounty,
  manyByColumn,
  oneById,
  loadConfig,
  Rng,
  serviceToken,
  type SubgraphService,
} from '@wholechild/shared';
import {
  createTestDatabase,
  newChild,
  newIntegrationToken,
  ownerConnection,
  sealRepresentations,
  tokenFor,
} from '@wholechild/shared/testing';
import { ChildWelfareCase, ChildWelfarePerson, Placement } from '../src/entities';
import { seed } from '../seed';
import { createChildWelfareService } from '../src/server';

const config = loadConfig({
  WHOLECHILD_MODE: 'development',
  LOG_LEVEL: 'silent',
  // no webhook worker in the background: this file counts the subgraph's statements
  WEBHOOK_POLL_INTERVAL_MS: '0',
});
const writer = newIntegrationToken('CHILD_WELFARE', config);

describe('child-welfare subgraph', () => {
  let db: { url: string; drop(): Promise<void> };
  let service: SubgraphService;
  let origin: string;
  const gql = (query: string, variables: Record<string, unknown> = {}, token = writer) =>
    request(origin)
      .post('/graphql')
      .set('authorization', `Bearer ${token}`)
      .set(GATEWAY_CREDENTIAL_HEADER, gatewayCredential(config, 'child-welfare'))
      // as the index and the lending agencies would: links and lent facts sealed for this token
      .send({ query, variables: sealRepresentations(variables, token, config) });
  const sql = (text: string, params: unknown[] = []) => service.db.dataSource.query(text, params);
  /** As the database's owner: DDL the service's own role may not run. */
  const asOwner = async (text: string) => {
    const owner = ownerConnection(db.url, 'child-welfare');
    await owner.query(text).finally(() => owner.close());
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    service = await createChildWelfareService({ config, databaseUrl: db.url });
    origin = new URL((await service.start(0)).url).origin;
  });
  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  it('seeds the synthetic county idempotently, every row valid', async () => {
    const county = generateCounty({ size: 300, seed: 3 });
    const people = county.records.CHILD_WELFARE;
    const written = await seed(service.db.dataSource, people, new Rng(1));
    const counts = async () =>
      (
        await sql(
          `SELECT (SELECT count(*)::int FROM person) AS p, (SELECT count(*)::int FROM cw_case) AS c, (SELECT count(*)::int FROM placement) AS pl`,
        )
      )[0];
    const first = await counts();
    expect(first.p).toBe(people.length);
    expect(first.c).toBeGreaterThan(0);
    expect(written).toBeGreaterThan(people.length);
    await seed(service.db.dataSource, people, new Rng(1));
    expect(await counts()).toEqual(first);
    const [{ future }] = await sql(
      `SELECT count(*)::int AS future FROM placement WHERE start_date > current_date OR end_date > current_date`,
    );
    expect(future).toBe(0);
  });

  it('resolves its section of Child with nested case records, only for its own staff', async () => {
    const [person] = await sql(
      `SELECT p.id, p.external_id FROM person p JOIN cw_case c ON c.person_id = p.id JOIN placement pl ON pl.case_id = c.id LIMIT 1`,
    );
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Child { childWelfare { __typename
      ... on ChildWelfareSection { records { externalId cases { placements { id } } } cases { id placements { providerName } } placements { id } }
      ... on Restricted { agency category reason howToGetAccess } } } } }`;
    const rep = (status: string) => [newChild([{ agency: 'CHILD_WELFARE', recordId: person.id, status }])];
    const own = await gql(query, { r: rep('CONFIRMED') }, tokenFor('CHILD_WELFARE', {}, config));
    const section = own.body.data._entities[0].childWelfare;
    expect(section.__typename).toBe('ChildWelfareSection');
    expect(section.records[0].externalId).toBe(person.external_id);
    expect(section.cases[0].placements.length).toBeGreaterThan(0);
    expect(section.placements.length).toBe(
      section.cases.flatMap((c: { placements: unknown[] }) => c.placements).length,
    );
    const other = await gql(query, { r: rep('AUTO') }, tokenFor('PROBATION', {}, config));
    expect(other.body.data._entities[0].childWelfare).toEqual(
      expect.objectContaining({ __typename: 'Restricted', agency: 'CHILD_WELFARE' }),
    );
    expect(JSON.stringify(other.body)).not.toContain(person.external_id);
    for (const status of ['REVIEW', 'REJECTED']) {
      const res = await gql(query, { r: rep(status) }, tokenFor('CHILD_WELFARE', {}, config));
      expect(res.body.data._entities[0].childWelfare).toBeNull();
    }
  });

  it('discloses nothing of a section whose audit entry cannot be written (its lists are read beside the audit write)', async () => {
    const [person] = await sql(
      `SELECT p.id, p.external_id, pl.provider_name FROM person p JOIN cw_case c ON c.person_id = p.id
        JOIN placement pl ON pl.case_id = c.id LIMIT 1`,
    );
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Child { childWelfare { __typename
      ... on ChildWelfareSection { records { externalId } cases { id } placements { providerName } } } } } }`;
    const r = [newChild([{ agency: 'CHILD_WELFARE', recordId: person.id, status: 'CONFIRMED' }])];
    const token = tokenFor('CHILD_WELFARE', {}, config);
    const before = await gql(query, { r }, token);
    expect(before.body.data._entities[0].childWelfare.placements.length).toBeGreaterThan(0);
    // Every audit insert now fails (the append-only trigger refuses it), after the reads started.
    await asOwner(
      `CREATE TRIGGER audit_event_refuse_insert BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`,
    );
    try {
      const res = await gql(query, { r }, token);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(res.body.data?._entities?.[0]?.childWelfare ?? null).toBeNull();
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(person.external_id);
      expect(text).not.toContain(person.provider_name);
      expect(text).not.toContain('append-only');
    } finally {
      await asOwner(`DROP TRIGGER audit_event_refuse_insert ON audit_event`);
    }
    const after = await gql(query, { r }, token);
    expect(after.body.data._entities[0].childWelfare.placements).toEqual(
      before.body.data._entities[0].childWelfare.placements,
    );
  });

  it('loaders return what TypeORM find returns (same entity class, values, types and order)', async () => {
    const people: Array<{ person_id: string }> = await sql(
      `SELECT person_id FROM placement GROUP BY person_id ORDER BY count(*) DESC LIMIT 3`,
    );
    const ids = people.map((p) => p.person_id);
    const ds = service.db.dataSource;
    for (const [entity, property] of [
      [Placement, 'personId'],
      [ChildWelfareCase, 'personId'],
    ] as const) {
      const repo = ds.getRepository(entity);
      const loader = manyByColumn(repo as never, property as never, { createdAt: 'ASC' } as never);
      const before = service.db.counter.statements;
      const loaded = await Promise.all(ids.map((id) => loader.load(id)));
      expect(service.db.counter.statements - before).toBe(1);
      for (const [i, id] of ids.entries()) {
        const found = await repo.find({
          where: { [property]: id } as never,
          order: { createdAt: 'ASC' } as never,
        });
        expect(found.length).toBeGreaterThan(0);
        expect(loaded[i]).toEqual(found);
        expect(loaded[i]!.every((r) => r instanceof entity)).toBe(true);
      }
    }
    const persons = await oneById(ds.getRepository(ChildWelfarePerson) as never).loadMany([
      ...ids,
      '00000000-0000-4000-8000-000000000000',
    ]);
    expect(persons.slice(0, ids.length)).toEqual(
      await Promise.all(ids.map((id) => ds.getRepository(ChildWelfarePerson).findOneBy({ id }))),
    );
    expect(persons[ids.length]).toBeNull();
  });

  it('reads the lists a query selects in one statement, started before the audit write, however they are selected', async () => {
    const people: Array<{ person_id: string }> = await sql(
      `SELECT person_id FROM placement GROUP BY person_id ORDER BY count(*) DESC LIMIT 2`,
    );
    expect(people).toHaveLength(2);
    const r = people.map((p, i) =>
      newChild([{ agency: 'CHILD_WELFARE', recordId: p.person_id, status: 'CONFIRMED' }], `c${i}`),
    );
    const lists = `cases { id } referrals { id } allegations { id } placements { id } safetyPlans { id } permanencyGoals { id } cftMeetings { id }`;
    const entities = (section: string, fragments = '') =>
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Child { childWelfare { __typename ${section} } } } } ${fragments}`;
    const shapes = [
      entities(`... on ChildWelfareSection { ${lists} }`),
      entities(`... on ChildWelfareSection { placements { providerName } }`),
      entities(`...S`, `fragment S on ChildWelfareSection { records { id } ${lists} }`),
      entities(
        `...R`,
        `fragment R on ChildWelfareSectionResult { ... on ChildWelfareSection { ... { cases { id } } ...P } }
         fragment P on ChildWelfareSection { placements { id } referrals { id } }`,
      ),
    ];
    const ds = service.db.dataSource;
    const logQuery = ds.logger.logQuery.bind(ds.logger);
    for (const query of shapes) {
      const sent: string[] = [];
      ds.logger.logQuery = (text: string, params?: unknown[]) => {
        sent.push(text);
        logQuery(text, params);
      };
      let res: request.Response;
      try {
        res = await gql(query, { r }, tokenFor('CHILD_WELFARE', {}, config));
      } finally {
        ds.logger.logQuery = logQuery;
      }
      expect(res.body.errors).toBeUndefined();
      const sections = res.body.data._entities.map((e: { childWelfare: object }) => e.childWelfare);
      expect(sections).toHaveLength(2);
      expect(sections.every((s: Record<string, unknown[]>) => Object.values(s).some((v) => v.length))).toBe(
        true,
      );
      const reads = sent.flatMap((t, i) => (t.includes('UNION ALL') ? [i] : []));
      const audit = sent.findIndex((t) => t.includes('audit_append'));
      expect(reads).toHaveLength(1);
      expect(audit).toBeGreaterThan(reads[0]!);
    }
  });

  it('refuses a placement under another child’s case', async () => {
    const [a, b] = await sql(
      `SELECT p.external_id, c.external_id AS case_id FROM person p JOIN cw_case c ON c.person_id = p.id LIMIT 2`,
    );
    const res = await gql(
      `mutation($r: ChildWelfarePlacementInput!) { upsertChildWelfarePlacement(record: $r) { id } }`,
      {
        r: {
          sourceSystem: 'CWS-CMS',
          externalId: 'X-1',
          personExternalId: a.external_id,
          caseExternalId: b.case_id,
          providerName: 'Home',
          placementType: 'RELATIVE',
          startDate: '2024-01-01',
        },
      },
    );
    expect(res.body.errors[0].extensions.errors).toEqual([
      expect.objectContaining({ field: 'caseExternalId', code: 'UNKNOWN_REFERENCE' }),
    ]);
  });

  it('feeds person records to the index by cursor and marks sealed adoptions', async () => {
    const seen = new Set<string>();
    const sealedSeen = new Set<string>();
    await sql(
      `UPDATE person SET sealed_adoption = true WHERE id IN (SELECT id FROM person ORDER BY id LIMIT 2)`,
    );
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const res: request.Response = await gql(
        `query($a: String) { childWelfarePersonFeed(after: $a, first: 50) { cursor hasMore records { recordId sealedAdoption withdrawn } } }`,
        { a: after },
        serviceToken(config.jwt),
      );
      const feed = res.body.data.childWelfarePersonFeed;
      for (const r of feed.records) {
        seen.add(r.recordId);
        if (r.sealedAdoption) sealedSeen.add(r.recordId);
      }
      after = feed.cursor;
      if (!feed.hasMore) break;
    }
    const [{ n }] = await sql(`SELECT count(*)::int AS n FROM person`);
    expect(seen.size).toBe(n);
    const sealed = (await sql(`SELECT id FROM person WHERE sealed_adoption`))
      .map((r: { id: string }) => r.id)
      .sort();
    expect([...sealedSeen].sort()).toEqual(sealed);
    expect(sealed.length).toBeGreaterThanOrEqual(2);
    const again = await gql(
      `query($a: String) { childWelfarePersonFeed(after: $a) { records { recordId } hasMore } }`,
      { a: after },
      serviceToken(config.jwt),
    );
    expect(again.body.data.childWelfarePersonFeed.records).toEqual([]);
    const refused = await gql(
      `{ childWelfarePersonFeed { cursor } }`,
      {},
      tokenFor('EDUCATION', { roles: ['DATA_STEWARD'] }, config),
    );
    expect(refused.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});
