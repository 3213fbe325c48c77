import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ADULT_LINK_OPTIONS,
  areNicknames,
  compareDates,
  computeWeights,
  deterministicKey,
  explain,
  FEBRL_MAPPING,
  FIELD_LEVELS,
  FIELD_NAMES,
  indexOfPrepared,
  jaroWinkler,
  linkOne,
  linkRecords,
  mulberry32,
  NICKNAME_GROUP_COUNT,
  normalizeName,
  parseCsv,
  parseDate,
  prepare,
  removeFromIndex,
  rowsToRecords,
  runEm,
  soundex,
  toPatterns,
  type PersonRecord,
  type WeightOverrides,
} from '../src';

const FEBRL = path.resolve(__dirname, '..', '..', '..', 'shared', 'data', 'linkage', 'febrl');

function person(id: string, over: Partial<PersonRecord> = {}): PersonRecord {
  return {
    id,
    givenName: 'john',
    familyName: 'smith',
    birthDate: '2010-01-01',
    sex: 'M',
    addressLine: '1 main street',
    city: 'springfield',
    postalCode: '1111',
    ...over,
  };
}

/** Every field level gets a fixed weight: agreement levels +w, "else" a strong negative. */
function fixedWeights(): WeightOverrides {
  const out: WeightOverrides = {};
  for (const f of FIELD_NAMES) {
    const row: Record<string, number> = {};
    FIELD_LEVELS[f].forEach((lvl, i) => {
      row[lvl] = lvl === 'else' ? -6 : i === 0 ? 8 : 3;
    });
    out[f] = row;
  }
  return out;
}

describe('comparators', () => {
  test('Jaro-Winkler known values', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 3);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('abc', 'abc')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'abc')).toBe(0);
  });

  test('Soundex known answers', () => {
    expect(soundex('Robert')).toBe('R163');
    expect(soundex('Rupert')).toBe('R163');
    expect(soundex('Rubin')).toBe('R150');
    expect(soundex('Ashcraft')).toBe('A261');
    expect(soundex('Tymczak')).toBe('T522');
    expect(soundex('Pfister')).toBe('P236');
    expect(soundex('Honeyman')).toBe('H555');
    expect(soundex('Lee')).toBe('L000');
    expect(soundex('')).toBe('');
  });

  test('nickname equivalence', () => {
    expect(NICKNAME_GROUP_COUNT).toBeGreaterThanOrEqual(60);
    expect(areNicknames('william', 'bill')).toBe(true);
    expect(areNicknames('billy', 'will')).toBe(true);
    expect(areNicknames('robert', 'bob')).toBe(true);
    expect(areNicknames('elizabeth', 'liz')).toBe(true);
    expect(areNicknames('beth', 'elizabeth')).toBe(true);
    expect(areNicknames('jose', 'pepe')).toBe(true);
    expect(areNicknames('francisco', 'paco')).toBe(true);
    expect(areNicknames('guadalupe', 'lupe')).toBe(true);
    expect(areNicknames('william', 'robert')).toBe(false);
    expect(areNicknames('bill', 'bill')).toBe(false); // identical is "exact", not nickname
    expect(areNicknames('zzz', 'bill')).toBe(false);
  });

  test('date levels', () => {
    const d = (s: string | null) => parseDate(s);
    expect(compareDates(d('2012-03-04'), d('2012-03-04'))).toBe('exact');
    expect(compareDates(d('2012-03-04'), d('2012-04-03'))).toBe('transposed');
    expect(compareDates(d('2012-03-04'), d('2012-03-05'))).toBe('close'); // one day
    expect(compareDates(d('2012-12-31'), d('2013-01-02'))).toBe('close'); // within 3 days, over a year's end
    expect(compareDates(d('2012-03-04'), d('2012-03-25'))).toBe('typo'); // the day mis-keyed
    expect(compareDates(d('2012-03-04'), d('2012-08-04'))).toBe('typo'); // the month mis-keyed
    // beyond a keying error: another year (a brother born two years later to the day), or month and
    // day both different
    expect(compareDates(d('2012-04-14'), d('2014-04-14'))).toBe('else');
    expect(compareDates(d('2012-03-04'), d('2013-03-04'))).toBe('else');
    expect(compareDates(d('2012-03-04'), d('2012-05-20'))).toBe('else');
    expect(compareDates(d('2012-03-04'), d('1999-11-20'))).toBe('else');
    expect(compareDates(d(null), d('2012-03-04'))).toBe('missing');
    expect(parseDate('20120304')).toEqual({ y: 2012, m: 3, d: 4 });
  });

  test('normalize keeps its behaviour', () => {
    expect(normalizeName("O'Brien-Núñez")).toBe('obriennunez');
    expect(deterministicKey({ givenName: 'Ana', familyName: 'López', birthDate: '2012-03-04' })).toBe(
      'ana|lopez|2012-03-04',
    );
  });

  it('normalises names for the deterministic key', () => {
    expect(normalizeName("  O'Brien-Núñez ")).toBe('obriennunez');
    expect(deterministicKey({ givenName: 'ANA', familyName: 'lopez', birthDate: '2012-03-04' })).toBe(
      deterministicKey({ givenName: 'Ana', familyName: 'López', birthDate: '2012-03-04' }),
    );
    expect(deterministicKey({ givenName: 'Ana', familyName: null, birthDate: '2012-03-04' })).toBeNull();
    expect(
      deterministicKey({
        givenName: 'Ana',
        familyName: 'Lopez',
        birthDate: '2012-03-04',
        sealedAdoption: true,
      }),
    ).toBeNull();
  });
});

describe('EM', () => {
  test('recovers known m, u and lambda on synthetic pairs', () => {
    const rnd = mulberry32(7);
    const m = [
      [0.85, 0.1, 0.05],
      [0.7, 0.2, 0.1],
      [0.9, 0.05, 0.05],
      [0.6, 0.3, 0.1],
    ];
    const u = [
      [0.05, 0.15, 0.8],
      [0.1, 0.1, 0.8],
      [0.02, 0.08, 0.9],
      [0.2, 0.2, 0.6],
    ];
    const lambda = 0.3;
    const n = 40_000;
    const nF = m.length;
    const levels = new Uint8Array(n * nF);
    const draw = (probs: number[]) => {
      const x = rnd();
      let acc = 0;
      for (let i = 0; i < probs.length; i++) {
        acc += probs[i];
        if (x < acc) return i;
      }
      return probs.length - 1;
    };
    for (let p = 0; p < n; p++) {
      const isMatch = rnd() < lambda;
      for (let f = 0; f < nF; f++) levels[p * nF + f] = draw(isMatch ? m[f] : u[f]);
    }
    const flat = (k: number) =>
      Array.from({ length: nF }, () =>
        Array.from({ length: 3 }, (_, i) => (i === 0 ? 0.6 - 0.4 * k : 0.2 + 0.2 * k)),
      );
    const res = runEm(
      toPatterns(levels, nF, n),
      { m: flat(0), u: flat(1), lambda: 0.5 },
      { estimateU: true, maxIterations: 500 },
    );
    expect(res.lambda).toBeCloseTo(lambda, 1);
    for (let f = 0; f < nF; f++)
      for (let l = 0; l < 3; l++) {
        expect(Math.abs(res.m[f][l] - m[f][l])).toBeLessThan(0.04);
        expect(Math.abs(res.u[f][l] - u[f][l])).toBeLessThan(0.04);
      }
  });
});

describe('weights', () => {
  test('log2(m/u) per level; a disagreement never counts for a match; overrides win', () => {
    const fields = [
      {
        name: 'postalCode' as const,
        levels: FIELD_LEVELS.postalCode,
        m: [0.8, 0.1, 0.05, 0.05],
        u: [0.05, 0.2, 0.749, 0.001],
      },
    ];
    const [w] = computeWeights(fields, {});
    expect(w[0]).toBeCloseTo(4, 6); // log2(0.8 / 0.05)
    expect(w[1]).toBeCloseTo(-1, 6);
    expect(w[3]).toBe(0); // log2(0.05 / 0.001) > 0, held at 0
    const [o] = computeWeights(fields, { postalCode: { exact: 9 } });
    expect(o[0]).toBe(9);
  });
});

describe('clustering', () => {
  test('never merges cannot-link, sealed-adoption or same-source-distinct records', () => {
    const recs = [
      person('a1'),
      person('a2'),
      person('b1', { givenName: 'maria', familyName: 'lopez', sex: 'F' }),
      person('b2', { givenName: 'maria', familyName: 'lopez', sex: 'F', sealedAdoption: true }),
    ];
    const plain = linkRecords(recs, { weights: fixedWeights() });
    expect(plain.clusters.get('a1')).toBe(plain.clusters.get('a2'));
    const res = linkRecords(recs, { weights: fixedWeights(), cannotLink: [['a1', 'a2']] });
    expect(res.clusters.get('a1')).not.toBe(res.clusters.get('a2'));
    expect(res.clusters.get('b1')).not.toBe(res.clusters.get('b2'));
    // a third identical record may join one of them but never bridges the two
    const three = linkRecords([...recs, person('a3')], {
      weights: fixedWeights(),
      cannotLink: [['a1', 'a2']],
    });
    expect(three.clusters.get('a1')).not.toBe(three.clusters.get('a2'));
    const src = linkRecords(
      [
        person('s1', { sourceSystem: 'CW' }),
        person('s2', { sourceSystem: 'CW' }),
        person('s3', { sourceSystem: 'ED' }),
      ],
      { weights: fixedWeights(), distinctWithinSource: true },
    );
    expect(src.clusters.get('s1')).not.toBe(src.clusters.get('s2'));
  });

  test('twin guard: twins are never auto-linked, never chained, and a record matching both joins neither', () => {
    const emma = person('emma', { givenName: 'emma', familyName: 'khan', sex: 'F' });
    const noah = person('noah', { givenName: 'noah', familyName: 'khan', sex: 'F' });
    const emma2 = person('emma2', { givenName: 'ema', familyName: 'khan', sex: 'F' }); // a typo: same child
    const noName = person('noname', { givenName: null, familyName: 'khan', sex: 'F' });
    const recs = [emma, noah, emma2, noName];
    const off = linkRecords(recs, { weights: fixedWeights(), ...ADULT_LINK_OPTIONS });
    // without the guards (adults' rules) every agreeing field outweighs the given names: the twins merge
    expect(off.clusters.get('emma')).toBe(off.clusters.get('noah'));
    const on = linkRecords(recs, { weights: fixedWeights(), twinGuard: true });
    expect(on.clusters.get('emma')).not.toBe(on.clusters.get('noah'));
    expect(on.clusters.get('emma2')).toBe(on.clusters.get('emma'));
    // the record without a given name could be either twin: it stays apart and goes to review
    expect(on.clusters.get('noname')).not.toBe(on.clusters.get('emma'));
    expect(on.clusters.get('noname')).not.toBe(on.clusters.get('noah'));
    const reviewed = on.reviewPairs.map((p) => [p.a, p.b].sort().join('~'));
    expect(reviewed).toContain(['emma', 'noah'].sort().join('~'));
    expect(explain(emma, noah, on.model).possibleTwins).toBe(true);
    expect(explain(emma, emma2, on.model).possibleTwins).toBe(false);
    // incrementally: a new twin record is not linked to its sibling, a new typo record is
    const inc = linkRecords([emma, noah], { weights: fixedWeights(), twinGuard: true });
    expect(linkOne(emma2, inc.index).clusterId).toBe(inc.clusters.get('emma'));
    const amb = linkOne(noName, inc.index);
    expect(amb.weight).toBeNull();
    expect(amb.reviewPairs.length).toBeGreaterThanOrEqual(2);
  });

  test('chain consistency: A~B and B~C strong, A vs C strongly negative → A and C apart', () => {
    const A = person('A');
    const B = person('B', { birthDate: null, sex: null, addressLine: null, city: null, postalCode: null });
    const C = person('C', {
      birthDate: '1990-07-23',
      sex: 'F',
      addressLine: '99 other road',
      city: 'othertown',
      postalCode: '9999',
    });
    const res = linkRecords([A, B, C], { weights: fixedWeights(), upper: 10, lower: 2 });
    const w = (x: PersonRecord, y: PersonRecord) => explain(x, y, res.model).weight;
    expect(w(A, B)).toBeGreaterThanOrEqual(10);
    expect(w(B, C)).toBeGreaterThanOrEqual(10);
    expect(w(A, C)).toBeLessThan(2);
    expect(res.clusters.get('A')).not.toBe(res.clusters.get('C'));
    // B joins exactly one of them
    const bWith = [res.clusters.get('A'), res.clusters.get('C')].filter((c) => c === res.clusters.get('B'));
    expect(bWith).toHaveLength(1);
  });

  test('explain gives per-field levels and weights; review pairs sit between thresholds', () => {
    const recs = [
      person('x1'),
      person('x2', {
        givenName: 'johnn',
        birthDate: '2010-01-10',
        addressLine: null,
        city: null,
        postalCode: null,
      }),
    ];
    const res = linkRecords(recs, { weights: fixedWeights(), upper: 30, lower: 5 });
    const e = explain(recs[0], recs[1], res.model);
    const byField = Object.fromEntries(e.fields.map((f) => [f.field, f]));
    expect(byField.givenName.level).toBe('jw94');
    expect(byField.familyName.level).toBe('exact');
    expect(byField.birthDate.level).toBe('typo');
    expect(byField.address.level).toBe('missing');
    expect(byField.address.weight).toBe(0);
    expect(e.decision).toBe('review');
    expect(res.reviewPairs).toHaveLength(1);
    expect(res.reviewPairs[0].explanation?.fields).toHaveLength(FIELD_NAMES.length);
  });

  test('linkOne joins an existing cluster or starts a new one', () => {
    const res = linkRecords(
      [
        person('p1'),
        person('p2', { givenName: 'maria', familyName: 'lopez', birthDate: '2011-05-06', sex: 'F' }),
      ],
      { weights: fixedWeights() },
    );
    const joined = linkOne(person('p3', { givenName: 'jhon' }), res.index);
    expect(joined.clusterId).toBe(res.clusters.get('p1'));
    const fresh = linkOne(
      person('p4', {
        givenName: 'zed',
        familyName: 'quux',
        birthDate: '1980-02-02',
        addressLine: '7 far lane',
        city: 'elsewhere',
        postalCode: '7777',
      }),
      res.index,
    );
    expect(fresh.clusterId).toBe('p4');
  });

  test('linkOne breaks a tie between children by record id, whatever order the index holds them in', () => {
    const { model } = linkRecords([person('p1'), person('p2', { givenName: 'maria' })], {
      weights: fixedWeights(),
    });
    const a = { prepared: prepare(person('a'), 0), clusterId: 'A' };
    const b = { prepared: prepare(person('b'), 0), clusterId: 'B' };
    for (const known of [
      [a, b],
      [b, a],
    ]) {
      const index = indexOfPrepared(known, model);
      expect(linkOne(person('x'), index).clusterId).toBe('A');
    }
  });

  test('removeFromIndex takes a record out (blocks, child, name counts) to be linked again', () => {
    const { model } = linkRecords([person('p1'), person('p2', { givenName: 'maria' })], {
      weights: fixedWeights(),
    });
    const index = indexOfPrepared(
      [
        { prepared: prepare(person('a'), 0), clusterId: 'A' },
        { prepared: prepare(person('b'), 0), clusterId: 'B' },
      ],
      model,
    );
    expect(model.tf.givenName.get('john')).toBe(1); // p1's
    removeFromIndex(index, index.idToIdx.get('a')!);
    expect(index.members.has('A')).toBe(false);
    expect(index.idToIdx.has('a')).toBe(false);
    expect(model.tf.givenName.has('john')).toBe(false);
    // linked again, it finds only the other child: not itself
    expect(linkOne(person('a'), index).clusterId).toBe('B');
    expect(model.tf.givenName.get('john')).toBe(1);
    expect(index.members.get('B')).toHaveLength(2);
  });
});

describe('CSV and end to end', () => {
  test('parses ", " separators, CRLF and quoted commas', () => {
    const rows = parseCsv('id, name, note\r\nr1, ann , "a, b"\r\nr2,"say ""hi""",\r\n');
    expect(rows).toEqual([
      ['id', 'name', 'note'],
      ['r1', 'ann', 'a, b'],
      ['r2', 'say "hi"', ''],
    ]);
  });

  test('FEBRL dataset1 links with F1 ≥ 0.9 (soc_sec_id ignored)', () => {
    const recs = rowsToRecords(
      parseCsv(readFileSync(path.join(FEBRL, 'dataset1.csv'), 'utf8')),
      FEBRL_MAPPING,
    );
    expect(recs).toHaveLength(1000);
    const res = linkRecords(recs);
    const entity = (id: string) => /^rec-(\d+)/.exec(id)![1];
    const pairs = (counts: Map<string, number>) =>
      [...counts.values()].reduce((s, c) => s + (c * (c - 1)) / 2, 0);
    const count = (keys: string[]) => {
      const m = new Map<string, number>();
      for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
      return m;
    };
    const truePairs = pairs(count(recs.map((r) => entity(r.id))));
    const predicted = pairs(count(recs.map((r) => res.clusters.get(r.id)!)));
    const tp = pairs(count(recs.map((r) => `${res.clusters.get(r.id)}|${entity(r.id)}`)));
    const precision = tp / predicted;
    const recall = tp / truePairs;
    const f1 = (2 * precision * recall) / (precision + recall);
    expect(res.clusters.size).toBe(1000);
    expect(f1).toBeGreaterThanOrEqual(0.9);
  });
});
