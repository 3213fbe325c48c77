import { Pool } from 'pg';
import type { County } from '@wholechild/shared';
import { crossoverFloorSql } from '../../bench/lib/analyticsFloor';
import { seedCounty } from '../../scripts/seedCounty';
import { agencySpecs } from '../../scripts/services';
import { startTestPlatform, type TestPlatform } from './helpers';
import {
  assertNoChildLevel,
  CROSSOVER,
  DISPROPORTIONALITY,
  lastYear,
  MEASURE,
  namesOf,
  type Cell,
} from './analyticsFixture';

/** Population measures through the gateway, on a seeded county, against the floor's true counts. */
describe('population measures (issue 21)', () => {
  let p: TestPlatform;
  let county: County;
  let owner: Pool;
  const period = lastYear();
  const analyst = (query: string, variables?: Record<string, unknown>) =>
    p.gql('EDUCATION', query, variables, { roles: ['ANALYST'], purposeOfUse: 'ANALYTICS', sub: 'analyst-1' });

  beforeAll(async () => {
    p = await startTestPlatform();
    ({ county } = await seedCounty(p.agencies, {
      size: 900,
      seed: 21,
      populationInto: p.index.db.dataSource,
    }));
    await p.syncFeeds();
    owner = new Pool({ connectionString: p.databaseUrl, max: 2 });
  }, 180_000);
  afterAll(async () => {
    await owner?.end();
    await p?.dispose();
  });

  const floor = async (from: string, to: string) => {
    const { rows } = await owner.query<{ systems: string; n: number }>(crossoverFloorSql(agencySpecs), [
      from,
      to,
    ]);
    return new Map(rows.map((r) => [r.systems, r.n]));
  };

  it('counts children by combination of systems as the floor does, each count rounded to 5 or suppressed', async () => {
    const res = await analyst(CROSSOVER, { period });
    expect(res.body.errors).toBeUndefined();
    const table = res.body.data.crossover;
    expect(table.dimensions).toEqual(['SYSTEMS']);
    const truth = await floor(period.from, period.to);
    expect(truth.size).toBeGreaterThan(5);
    let published = 0;
    for (const cell of table.cells as Cell[]) {
      const [systems] = cell.group;
      const n =
        systems === null ? [...truth.values()].reduce((a, b) => a + b, 0) : (truth.get(systems!) ?? 0);
      if (cell.suppressed === 'PRIMARY') expect(n).toBeLessThan(11);
      else if (cell.suppressed === 'COMPLEMENTARY') expect(n).toBeGreaterThanOrEqual(11);
      else {
        published++;
        expect(n).toBeGreaterThanOrEqual(11);
        expect(cell.children! % 5).toBe(0);
        expect(Math.abs(cell.children! - n)).toBeLessThan(5);
      }
    }
    expect(published).toBeGreaterThan(3);
    // every suppressed cell has a partner in its line (here: the one line, with the total)
    const suppressed = (table.cells as Cell[]).filter((c) => c.suppressed).length;
    expect(suppressed === 0 || suppressed >= 2).toBe(true);
    // the same question twice: the same answer (averaging repeats gains nothing)
    const again = await analyst(CROSSOVER, { period });
    expect(again.body.data.crossover.cells).toEqual(table.cells);
  });

  it('answers README’s question: child welfare and probation last year by race/ethnicity, and disproportionality at placement', async () => {
    const overlap = await analyst(MEASURE, {
      measure: 'CHILDREN',
      period,
      knownTo: ['CHILD_WELFARE', 'PROBATION'],
      by: ['RACE_ETHNICITY'],
    });
    expect(overlap.body.errors).toBeUndefined();
    const [table] = overlap.body.data.populationMeasure;
    const total = (table.cells as Cell[]).find((c) => c.group[0] === null)!;
    const truth = await floor(period.from, period.to);
    const dual = [...truth].filter(([s]) => s.includes('CHILD_WELFARE') && s.includes('PROBATION'));
    const n = dual.reduce((a, [, v]) => a + v, 0);
    if (total.children !== null) expect(Math.abs(total.children - n)).toBeLessThan(5);
    else expect(n).toBeLessThan(11);

    const d = await analyst(DISPROPORTIONALITY, {
      system: 'CHILD_WELFARE',
      period,
      referenceGroup: 'WHITE',
    });
    expect(d.body.errors).toBeUndefined();
    const stages = d.body.data.disproportionality.stages;
    expect(stages.map((s: { stage: string }) => s.stage)).toEqual([
      'REFERRAL',
      'SUBSTANTIATION',
      'CASE_OPENED',
      'PLACEMENT_ENTRY',
    ]);
    const referral = stages[0].rows as Array<Record<string, any>>;
    const white = referral.find((r) => r.group === 'WHITE')!;
    expect(white.children).not.toBeNull();
    expect(white.relativeRateIndex.value).toBe(1);
    const totalRow = referral.find((r) => r.group === null)!;
    expect(totalRow.disparityIndex.value).toBe(1);
    for (const row of referral.filter((r) => r.children !== null && r.group !== null)) {
      expect(row.ratePer1000.value).toBeCloseTo((row.children / row.population) * 1000, 6);
      expect(row.ratePer1000.low).toBeLessThanOrEqual(row.ratePer1000.value);
      expect(row.ratePer1000.high).toBeGreaterThanOrEqual(row.ratePer1000.value);
      expect(row.disparityIndex.low).toBeLessThanOrEqual(row.disparityIndex.value);
    }
    for (const row of referral.filter((r) => r.children === null)) {
      expect(row.ratePer1000).toBeNull();
      expect(row.relativeRateIndex).toBeNull();
    }
  });

  it('never answers with an id, a name or a birth date', async () => {
    const answers = [
      await analyst(CROSSOVER, { period, by: ['AGE_BAND'] }),
      await analyst(MEASURE, {
        measure: 'PLACEMENT_DAYS',
        period,
        by: ['SEX', 'LOCALITY'],
        interval: 'QUARTER',
      }),
      await analyst(MEASURE, { measure: 'SCHOOL_CHANGES_IN_FOSTER_CARE', period, by: ['LANGUAGE'] }),
      await analyst(DISPROPORTIONALITY, {
        system: 'PROBATION',
        period,
        referenceGroup: 'WHITE',
        by: 'RACE_ETHNICITY',
      }),
    ];
    for (const a of answers) {
      expect(a.body.errors).toBeUndefined();
      await assertNoChildLevel(a.body, namesOf(county), owner);
    }
  });

  it('refuses other roles (audited) and checks its arguments', async () => {
    const caseworker = await p.gql('CHILD_WELFARE', CROSSOVER, { period }, { roles: ['CASEWORKER'] });
    expect(caseworker.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(caseworker.body.data).toBeNull();
    const { rows } = await owner.query(
      `SELECT decision, action, child_ids FROM child_index.index_access_event WHERE actor = 'child_welfare-user' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0]).toMatchObject({ decision: 'DENY' });
    const permitted = await owner.query(
      `SELECT count(*)::int AS n FROM child_index.index_access_event WHERE actor = 'analyst-1' AND action = 'AGGREGATE' AND cardinality(child_ids) = 0`,
    );
    expect(permitted.rows[0].n).toBeGreaterThan(0);

    for (const [vars, field] of [
      [{ period: { from: period.to, to: period.from } }, 'period'],
      [{ period: { from: '2025-02-30', to: period.to } }, 'period.from'],
      [{ period: { from: period.from, to: '2999-01-01' } }, 'period.to'],
      [{ period, systems: ['HOUSING'] }, 'systems'],
      [{ period, by: ['SYSTEMS'] }, 'by'],
    ] as const) {
      const bad = await analyst(CROSSOVER, vars);
      expect(bad.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const unknownGroup = await analyst(DISPROPORTIONALITY, {
      system: 'CHILD_WELFARE',
      period,
      referenceGroup: 'MARTIAN',
    });
    expect(unknownGroup.body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'referenceGroup',
    });
  });

  it('a record whose agency keeps it out of aggregates changes nothing (a sealed adoption)', async () => {
    const ask = async () => {
      const answers = [
        await analyst(CROSSOVER, { period, by: ['SEX'] }),
        await analyst(MEASURE, { measure: 'PLACEMENT_DAYS', period, by: ['RACE_ETHNICITY'] }),
        await analyst(DISPROPORTIONALITY, { system: 'CHILD_WELFARE', period, referenceGroup: 'WHITE' }),
      ];
      // the sources' read times say when the question was asked, not what is there
      return JSON.stringify(
        answers.map((a) => a.body),
        (k, v) => (k === 'asOf' ? undefined : v),
      );
    };
    const before = await ask();
    const write = (mutation: string, input: string, record: Record<string, unknown>) =>
      p.gql(
        'CHILD_WELFARE',
        `mutation($r: ${input}!) { ${mutation}(record: $r) { id } }`,
        { r: record },
        {
          roles: ['INTEGRATION'],
          purposeOfUse: 'OPERATIONS',
        },
      );
    const person = await write('upsertChildWelfarePerson', 'ChildWelfarePersonInput', {
      sourceSystem: 'CWS',
      externalId: 'sealed-1',
      givenName: 'Rowan',
      familyName: 'Sealed',
      birthDate: '2014-03-03',
      sex: 'F',
      race: 'WHITE',
      sealedAdoption: true,
    });
    expect(person.body.errors).toBeUndefined();
    const placement = await write('upsertChildWelfarePlacement', 'ChildWelfarePlacementInput', {
      sourceSystem: 'CWS',
      externalId: 'sealed-1-p1',
      personExternalId: 'sealed-1',
      providerName: 'A resource family',
      placementType: 'RESOURCE_FAMILY',
      startDate: `${period.from.slice(0, 4)}-03-01`,
    });
    expect(placement.body.errors).toBeUndefined();
    await p.syncFeeds();
    expect(await ask()).toBe(before);
  });
});
