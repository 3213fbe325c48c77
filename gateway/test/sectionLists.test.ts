import {
  AGENCIES,
  AGENCY_SUBGRAPH,
  consentLoader,
  loadConfig,
  oneById,
  personAccessLoader,
  manyByColumns,
  SECTION_ORDER,
  sectionListsOf,
  type AgencyCode,
  type ListKey,
  type ListPart,
  type SubgraphService,
} from '@wholechild/shared';
import { createTestDatabase } from '@wholechild/shared/testing';
import type { DataSource, ObjectLiteral } from 'typeorm';
import { seedCounty } from '../../scripts/seedCounty';
import { agencyFactories, agencySpecs } from '../../scripts/services';

const NOBODY = '00000000-0000-4000-8000-000000000000';

/** The person ids with the most rows across the parts' tables (the richest lists), and nobody. */
async function richest(ds: DataSource, parts: ListPart[], n: number): Promise<string[]> {
  const union = parts
    .map((p) => {
      const column = p.repo.metadata.findColumnWithPropertyPath(p.property)!.databaseName;
      return `SELECT ${column} AS id FROM ${p.repo.metadata.tablePath}`;
    })
    .join(' UNION ALL ');
  const rows: Array<{ id: string }> = await ds.query(
    `SELECT id FROM (${union}) x GROUP BY id ORDER BY count(*) DESC, id LIMIT ${n}`,
  );
  return [...rows.map((r) => r.id), NOBODY];
}

/** What TypeORM's find returns for each (part, key), in the part's order. */
const found = (parts: ListPart[], keys: ListKey[]) =>
  Promise.all(
    keys.map(({ part, key }) =>
      parts[part]!.repo.find({
        where: { [parts[part]!.property]: key },
        order: parts[part]!.order as never,
      }),
    ),
  );

describe(manyByColumns.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const services: Partial<Record<AgencyCode, SubgraphService>> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({ WHOLECHILD_MODE: 'development', LOG_LEVEL: 'silent' });
    for (const agency of AGENCIES) {
      services[agency] = await agencyFactories[AGENCY_SUBGRAPH[agency] as keyof typeof agencyFactories]!({
        config,
        databaseUrl: db.url,
      });
    }
    await seedCounty(services, { size: 300, seed: 5 });
  }, 180_000);
  afterAll(async () => {
    for (const s of Object.values(services)) await s.stop();
    await db?.drop();
  });

  it.each(AGENCIES)(
    "reads every list of %s's section in one statement, each exactly as TypeORM find returns it",
    async (agency) => {
      const service = services[agency]!;
      const ds = service.db.dataSource;
      const { lists, parts } = sectionListsOf(agencySpecs[agency], ds);
      expect(lists.length).toBeGreaterThan(1);
      const ids = await richest(ds, parts, 15);
      const keys = lists.flatMap(({ part }) => ids.map((key) => ({ part, key })));

      const loader = manyByColumns(parts);
      const before = service.db.counter.statements;
      const loaded = await Promise.all(keys.map((k) => loader.load(k)));
      expect(service.db.counter.statements - before).toBe(1);

      const expected = await found(parts, keys);
      for (const [i, { part }] of keys.entries()) {
        // Same entity class, same values of the same types (Date, number, boolean, 'YYYY-MM-DD'
        // dates, null), same order.
        expect(loaded[i]).toStrictEqual(expected[i]);
        expect(loaded[i]!.every((r) => r instanceof (lists[part]!.kind.entity as Function))).toBe(true);
      }
      // Every list has rows here (the comparison is not over empty lists), and nobody has none.
      for (const { part } of lists) {
        const rows = keys.flatMap((k, i) => (k.part === part ? loaded[i]! : []));
        expect(rows.length).toBeGreaterThan(0);
        expect(rows[0]!.createdAt).toBeInstanceOf(Date);
      }
      expect(keys.flatMap((k, i) => (k.key === NOBODY ? loaded[i]! : []))).toEqual([]);
    },
  );

  it('reads any subset of the parts with the same one statement; other orders too', async () => {
    const service = services.CHILD_WELFARE!;
    const ds = service.db.dataSource;
    const { parts: section } = sectionListsOf(agencySpecs.CHILD_WELFARE, ds);
    // Orders of other shapes: descending, two columns of different types, none on one part.
    const parts: ListPart[] = section.map((p, i) => ({
      ...p,
      order: [
        { createdAt: 'DESC', id: 'ASC' },
        { externalId: 'DESC' },
        { changeSeq: 'ASC', createdAt: 'DESC' },
        SECTION_ORDER,
      ][i % 4] as ListPart['order'],
    }));
    const ids = await richest(ds, parts, 8);
    const loader = manyByColumns(parts);
    for (const subset of [[1], [0, 3, 5], parts.map((_, i) => i)]) {
      loader.clearAll();
      const keys = subset.flatMap((part) => ids.map((key) => ({ part, key })));
      const before = service.db.counter.statements;
      const loaded = await Promise.all(keys.map((k) => loader.load(k)));
      expect(service.db.counter.statements - before).toBe(1);
      expect(loaded).toStrictEqual(await found(parts, keys));
      expect(loaded.flat().length).toBeGreaterThan(0);
    }
    // The same parts compile once: a second loader sends the same prepared statement.
    const statements = new Set<string>();
    const logQuery = ds.logger.logQuery.bind(ds.logger);
    ds.logger.logQuery = (text: string, params?: unknown[]) => {
      statements.add(text);
      logQuery(text, params);
    };
    try {
      await manyByColumns(parts).load({ part: 0, key: ids[0]! });
      await manyByColumns(parts).load({ part: 2, key: ids[1]! });
    } finally {
      ds.logger.logQuery = logQuery;
    }
    expect(statements.size).toBe(1);
  });

  it('hydrates what pg returns for every column type the agencies use', async () => {
    const types = new Set<string>();
    for (const agency of AGENCIES) {
      const ds = services[agency]!.db.dataSource;
      for (const { repo } of sectionListsOf(agencySpecs[agency], ds).parts)
        for (const c of repo.metadata.columns) types.add(ds.driver.normalizeType(c));
    }
    // The types the comparisons above cover (a new type here: check it reads the same).
    expect([...types].sort()).toEqual([
      'bigint',
      'boolean',
      'character varying',
      'date',
      'integer',
      'timestamp with time zone',
      'uuid',
    ]);
    const ds = services.EDUCATION!.db.dataSource;
    const { parts } = sectionListsOf(agencySpecs.EDUCATION, ds);
    const [id] = await richest(ds, parts, 1);
    const rows = (await manyByColumns(parts).loadMany(parts.map((_, part) => ({ part, key: id! })))).flat();
    const sample = rows.find((r) => 'schoolYear' in (r as ObjectLiteral)) as ObjectLiteral;
    expect(typeof sample.schoolYear).toBe('number');
    expect(typeof sample.changeSeq).toBe('number');
    expect(sample.entryDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it.each(AGENCIES)(
    "reads %s's person records and their active consents in one statement, as the two loaders do",
    async (agency) => {
      const service = services[agency]!;
      const ds = service.db.dataSource;
      const repo = ds.getRepository(agencySpecs[agency].person.entity) as never;
      const table = ds.getRepository(agencySpecs[agency].person.entity).metadata.tablePath;
      const people: Array<{ id: string }> = await ds.query(`SELECT id FROM ${table} ORDER BY id LIMIT 6`);
      const ids = people.map((p) => p.id);
      // Two active consents on the first, one active and one revoked on the second, none on the rest.
      const consent = (person: string, status: string, recipients: string) =>
        ds.query(
          `INSERT INTO consent (person_id, grantor_type, grantor_name, recorded_by, categories, recipient_agencies,
             recipient_roles, purposes, period_start, period_end, status, source_document_ref)
           VALUES ($1, 'PARENT_GUARDIAN', 'A parent', 'test', '{IDENTITY}', $2, '{}', '{CARE_COORDINATION}',
             '2025-01-01', $3, $4, 'doc-1')`,
          [person, `{${recipients}}`, status === 'ACTIVE' ? null : '2025-06-30', status],
        );
      await consent(ids[0]!, 'ACTIVE', 'EDUCATION');
      await consent(ids[0]!, 'ACTIVE', 'PROBATION,HOUSING');
      await consent(ids[1]!, 'ACTIVE', 'CHILD_WELFARE');
      await consent(ids[1]!, 'REVOKED', 'EDUCATION');
      const asked = [...ids, NOBODY];

      const before = service.db.counter.statements;
      const together = await personAccessLoader(repo).loadMany(asked);
      expect(service.db.counter.statements - before).toBe(1);

      const persons = await oneById(repo).loadMany(asked);
      const grants = await consentLoader(ds).loadMany(asked);
      const byId = (list: Array<{ id: string }>) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(together.map((r) => (r as { person: unknown }).person)).toStrictEqual(persons);
      expect(together.map((r) => byId((r as { grants: Array<{ id: string }> }).grants))).toStrictEqual(
        grants.map((g) => byId(g as Array<{ id: string }>)),
      );
      expect(together.map((r) => (r as { grants: unknown[] }).grants.length)).toEqual([2, 1, 0, 0, 0, 0, 0]);
      expect((together[6] as { person: unknown }).person).toBeNull();
    },
  );
});
