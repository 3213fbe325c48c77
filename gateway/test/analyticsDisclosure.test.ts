import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { startTestPlatform, type TestPlatform } from './helpers';
import { assertNoChildLevel, CROSSOVER, lastYear, type Cell } from './analyticsFixture';

const period = lastYear();
const year = period.from.slice(0, 4);
const NAMES = ['Avery', 'Blake', 'Casey', 'Devon', 'Emery', 'Finley', 'Gray', 'Harper', 'Indy', 'Jordan'];
/** Family names far apart, so that the index never takes two of these children for one. */
const FAMILIES = [
  'Abernathy',
  'Bautista',
  'Castellanos',
  'Dominguez',
  'Eriksson',
  'Fitzgerald',
  'Gallagher',
  'Hoffmann',
  'Ishikawa',
  'Jablonski',
  'Kowalczyk',
  'Lindqvist',
  'Montgomery',
  'Nakamura',
  'Oyelaran',
  'Pemberton',
  'Quintero',
  'Rasmussen',
  'Sorensen',
  'Thibodeaux',
  'Underwood',
  'Valenzuela',
  'Whitfield',
  'Xiong',
  'Yamamoto',
  'Zielinski',
  'Achterberg',
  'Bergstrom',
  'Chakraborty',
  'Delacroix',
];

/** Writes behavioral health clients, each with one episode begun on `start` (Part 2 when `sud`). */
async function clients(p: TestPlatform, from: number, n: number, opts: { start: string; sud?: boolean }) {
  const names: string[] = [];
  for (let i = from; i < from + n; i++) {
    const w = (mutation: string, input: string, r: Record<string, unknown>) =>
      p.gql(
        'BEHAVIORAL_HEALTH',
        `mutation($r: ${input}!) { ${mutation}(record: $r) { id } }`,
        { r },
        {
          roles: ['INTEGRATION'],
          purposeOfUse: 'OPERATIONS',
        },
      );
    const given = NAMES[i % NAMES.length]!;
    const family = FAMILIES[i % FAMILIES.length]!;
    names.push(`${given} ${family}`);
    const c = await w('upsertBehavioralHealthClient', 'BehavioralHealthClientInput', {
      sourceSystem: 'EHR',
      externalId: `c${i}`,
      givenName: given,
      familyName: family,
      birthDate: `${2005 + (i % 13)}-0${1 + (i % 9)}-1${i % 10}`,
      sex: i % 2 ? 'F' : 'M',
    });
    expect(c.body.errors).toBeUndefined();
    const e = await w('upsertBehavioralHealthEpisode', 'BehavioralHealthEpisodeInput', {
      sourceSystem: 'EHR',
      externalId: `e${i}`,
      personExternalId: `c${i}`,
      program: opts.sud ? 'SUD_OUTPATIENT' : 'OUTPATIENT_MENTAL_HEALTH',
      startDate: opts.start,
      isSubstanceUse: opts.sud === true,
    });
    expect(e.body.errors).toBeUndefined();
  }
  await p.syncFeeds();
  return names;
}

const analystOf = (p: TestPlatform) => (query: string, variables?: Record<string, unknown>) =>
  p.gql('PROBATION', query, variables, { roles: ['ANALYST'], purposeOfUse: 'ANALYTICS' });
const cellOf = (table: { cells: Cell[] }, value: string | null) =>
  table.cells.find((c) => c.group[0] === value)!;
const BH = { period, systems: ['BEHAVIORAL_HEALTH', 'HOUSING'] };

describe('disclosure control through the gateway', () => {
  let p: TestPlatform;
  let plain: TestPlatform;
  let owner: Pool;
  const names: string[] = [];
  beforeAll(async () => {
    [p, plain] = await Promise.all([
      startTestPlatform(),
      startTestPlatform({ env: { DISCLOSURE_ROUNDING_BASE: '1' } }),
    ]);
    owner = new Pool({ connectionString: p.databaseUrl, max: 2 });
  }, 120_000);
  afterAll(async () => {
    await owner?.end();
    await p?.dispose();
    await plain?.dispose();
  });

  it('never publishes a cell in which a 42 CFR Part 2 client could be singled out', async () => {
    names.push(...(await clients(p, 0, 10, { start: `${year}-03-01` })));
    names.push(...(await clients(p, 10, 1, { start: `${year}-03-01`, sud: true })));
    const analyst = analystOf(p);
    const eleven = (await analyst(CROSSOVER, BH)).body.data.crossover;
    // 11 children, but only 10 without the Part 2 client: published, 11 would single them out
    expect(cellOf(eleven, 'BEHAVIORAL_HEALTH')).toMatchObject({ children: null, suppressed: 'PRIMARY' });
    expect(eleven.sources.find((s: { agency: string }) => s.agency === 'BEHAVIORAL_HEALTH')).toMatchObject({
      protectedRecordsCounted: true,
      contributes: ['EPISODE'],
    });
    names.push(...(await clients(p, 11, 1, { start: `${year}-03-02` })));
    const twelve = (await analyst(CROSSOVER, BH)).body.data.crossover;
    const cell = cellOf(twelve, 'BEHAVIORAL_HEALTH');
    expect(cell.suppressed).toBeNull();
    expect([10, 15]).toContain(cell.children);
  });

  it('defeats a differencing attack on the last day of the period, which succeeds without rounding', async () => {
    // 3 children whose only episode began on December 31: the attacker asks for the year and for
    // the year but its last day, and subtracts
    const attack = async (q: (query: string, v?: Record<string, unknown>) => Promise<any>) => {
      const whole = (await q(CROSSOVER, BH)).body.data.crossover;
      const but = (await q(CROSSOVER, { ...BH, period: { from: period.from, to: `${year}-12-30` } })).body
        .data.crossover;
      return { whole: cellOf(whole, null).children!, but: cellOf(but, null).children! };
    };
    for (const target of [p, plain]) {
      // p already holds 12 children (the test above); both get to 20 before the 3 of December 31
      if (target === plain) await clients(plain, 0, 20, { start: `${year}-04-01` });
      else await clients(p, 12, 8, { start: `${year}-04-01` });
      await clients(target, 20, 3, { start: `${year}-12-31` });
    }
    const rounded = await attack(analystOf(p));
    const exact = await attack(analystOf(plain));
    expect(exact.whole - exact.but).toBe(3); // the control: the attack works on true counts
    expect(rounded.whole % 5).toBe(0);
    expect(rounded.but % 5).toBe(0);
    expect(rounded.whole - rounded.but).not.toBe(3);
  });

  it('gives an analytics token nothing child-level anywhere in the supergraph', async () => {
    const analyst = analystOf(p);
    const { rows } = await owner.query<{ id: string; record_id: string }>(
      'SELECT child_id::text AS id, record_id::text FROM child_index.agency_record WHERE child_id IS NOT NULL LIMIT 1',
    );
    const intro = await analyst(
      `{ __schema { queryType { fields { name args { name type { ...T } } type { ...T } } }
         types { name kind inputFields { name type { ...T } } enumValues { name } fields { name args { name } type { ...T } } } } }
       fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`,
    );
    expect(intro.body.errors).toBeUndefined();
    const types = new Map<string, any>(intro.body.data.__schema.types.map((t: any) => [t.name, t]));
    const named = (t: any): any => (t.ofType ? named(t.ofType) : t);
    const valueFor = (name: string, t: any, depth = 0): unknown => {
      const n = named(t);
      const list = t.kind === 'LIST' || t.ofType?.kind === 'LIST';
      let v: unknown;
      if (n.kind === 'ENUM') v = types.get(n.name).enumValues[0].name;
      else if (n.kind === 'INPUT_OBJECT')
        v = Object.fromEntries(
          depth > 3
            ? []
            : types.get(n.name).inputFields.map((f: any) => [f.name, valueFor(f.name, f.type, depth + 1)]),
        );
      else if (n.name === 'ID') v = /record/i.test(name) ? rows[0]!.record_id : (rows[0]?.id ?? randomUUID());
      else if (n.name === 'Int') v = 5;
      else if (n.name === 'Boolean') v = false;
      else if (n.name === 'Float') v = 1;
      else if (/date|from/i.test(name)) v = period.from;
      else if (/^to$/i.test(name)) v = period.to;
      else if (/family/i.test(name)) v = FAMILIES[0];
      else if (/given/i.test(name)) v = NAMES[0];
      else v = 'WHITE';
      return list ? [v] : v;
    };
    const selection = (typeName: string, depth: number): string => {
      const t = types.get(typeName);
      if (!t || (t.kind !== 'OBJECT' && t.kind !== 'INTERFACE')) return '';
      const parts = (t.fields ?? [])
        .filter((f: any) => !f.args.length)
        .map((f: any) => {
          const n = named(f.type);
          if (n.kind === 'SCALAR' || n.kind === 'ENUM') return f.name;
          if (depth <= 0) return '';
          const inner = n.kind === 'UNION' ? '' : selection(n.name, depth - 1);
          return inner ? `${f.name} { ${inner} }` : '';
        })
        .filter(Boolean);
      return parts.length ? parts.join(' ') : '__typename';
    };
    const typeOf = (t: any): string =>
      t.kind === 'NON_NULL' ? `${typeOf(t.ofType)}!` : t.kind === 'LIST' ? `[${typeOf(t.ofType)}]` : t.name;
    let walked = 0;
    for (const f of intro.body.data.__schema.queryType.fields) {
      const vars = f.args.map((a: any, i: number) => `$a${i}: ${typeOf(a.type)}`);
      const args = f.args.map((a: any, i: number) => `${a.name}: $a${i}`);
      const variables = Object.fromEntries(
        f.args.map((a: any, i: number) => [`a${i}`, valueFor(a.name, a.type)]),
      );
      const n = named(f.type);
      const inner = n.kind === 'SCALAR' || n.kind === 'ENUM' ? '' : `{ ${selection(n.name, 3)} }`;
      const query = `query${vars.length ? `(${vars.join(', ')})` : ''} { ${f.name}${args.length ? `(${args.join(', ')})` : ''} ${inner} }`;
      const res = await analyst(query, variables);
      walked++;
      // a refusal, an empty answer, directory data (a school, a provider) or counts: never a child
      await assertNoChildLevel(res.body, names, owner, { strict: false });
    }
    expect(walked).toBeGreaterThan(10);
  });
});
