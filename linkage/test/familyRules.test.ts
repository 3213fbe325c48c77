import {
  ADULT_LINK_OPTIONS,
  compareInto,
  explain,
  familyParts,
  FIELD_LEVELS,
  INDEX_LINK_OPTIONS,
  linkRecords,
  loadModel,
  nameLevel,
  oneEdit,
  prepare,
  soundex,
  storedModelCurrent,
  storeModel,
  trainModel,
  type Model,
  type PersonRecord,
} from '../src';
import { countyRecords } from './county';

const home = { familyName: 'Nguyen', addressLine: '48 Birch Ave', city: 'Witney', postalCode: '93101' };
const child = (id: string, over: Partial<PersonRecord>): PersonRecord => ({
  id,
  givenName: 'Sofia',
  middleName: null,
  birthDate: '2012-05-14',
  sex: 'F',
  ...home,
  ...over,
});

describe('linkage that knows families', () => {
  let records: PersonRecord[];
  let model: Model;
  beforeAll(() => {
    records = countyRecords();
    model = linkRecords(records, INDEX_LINK_OPTIONS).model;
  });

  it('learns u from random pairs and m in sessions blocked on other fields, and says so', () => {
    const t = model.training;
    expect(t.source).toBe('learnt');
    expect(t.randomPairs).toBeGreaterThan(10_000);
    expect(t.sessions.map((s) => [s.rule, s.used])).toEqual([
      ['birthDate', true],
      ['givenName+familyName', true],
    ]);
    // a field's m comes from the sessions not blocked on it
    expect(t.sessions[0]!.fields).not.toContain('birthDate');
    expect(t.sessions[1]!.fields).toEqual(expect.arrayContaining(['birthDate', 'address']));
    expect(t.sessions[1]!.fields).not.toContain('givenName');
    // u of an exact birth date is what random pairs say: a few in ten thousand, not EM's guess
    const dob = model.fields.find((f) => f.name === 'birthDate')!;
    expect(dob.u[0]).toBeGreaterThan(1e-5);
    expect(dob.u[0]).toBeLessThan(5e-3);
    // the household: random pairs of different children rarely share one, siblings do
    expect(model.household).toBeGreaterThan(6);
    expect(model.homeCap).toBe(Math.min(model.household!, model.upper - model.personMin));
  });

  it('too few records: the priors stand in, and the model says why', () => {
    const few = records.slice(0, 50).map((r, i) => prepare(r, i));
    const { model: m } = trainModel(few, new Uint8Array(0), 0, { upper: 14, lower: 2 });
    expect(m.training.source).toBe('prior');
    expect(m.training.note).toMatch(/50 records/);
    expect(m.tfCap).toBe(0);
  });

  it('a stored model of an earlier version is not loaded (it is trained again)', () => {
    const stored = storeModel(model);
    expect(storedModelCurrent(stored)).toBe(true);
    const old = { ...stored, fields: stored.fields.filter((f) => f.name !== 'middleName') };
    delete (old as { household?: unknown }).household;
    expect(storedModelCurrent(old)).toBe(false);
    expect(() => loadModel(old, [])).toThrow(/earlier version/);
    const again = loadModel(stored, [{ givenName: 'Ana', familyName: 'Lopez' }], { upper: 16 });
    expect(again.homeCap).toBe(Math.min(model.household!, 16 - model.personMin));
  });

  it('a brother: the home counts at most the household cap, the birth date and given name say another child', () => {
    const sofia = child('a', {});
    const mateo = child('b', { givenName: 'Mateo', sex: 'M', birthDate: '2014-09-02' });
    const e = explain(sofia, mateo, model);
    expect(e.decision).toBe('apart');
    expect(e.birthDatesDiffer).toBe(true);
    expect(e.heldBy).toBe('birthDate');
    expect(e.weight).toBeLessThan(model.lower);
    // the field weights and the adjustments add up to the total
    const sum = e.fields.reduce((a, f) => a + f.weight, 0);
    const adjust =
      e.tfAdjustment.givenName +
      e.tfAdjustment.familyName +
      e.householdCap +
      e.residenceOnce +
      e.moveCountedOnce;
    expect(sum + adjust).toBeCloseTo(e.weight, 2);
    // without the household rules (adults), the same home outweighs more
    const adults = linkRecords(records.slice(0, 3000), ADULT_LINK_OPTIONS).model;
    expect(adults.homeCap).toBe(Infinity);
  });

  it('the home alone never links: a record without given name and birth date stays apart from the child', () => {
    const e = explain(child('a', {}), child('b', { givenName: null, birthDate: null, sex: null }), model);
    expect(e.weight).toBeLessThanOrEqual(model.homeCap + 1e-9);
    expect(e.weight).toBeLessThan(model.upper);
    expect(e.householdCap).toBeLessThan(0);
  });

  it('a move is counted once: address, postcode and city differ, one child still', () => {
    const moved = child('b', { addressLine: '7 Elm Ct', city: 'Banbury', postalCode: '93999' });
    const e = explain(child('a', {}), moved, model);
    expect(e.decision).toBe('link');
    const residence = e.fields.filter((f) => ['address', 'postalCode', 'city'].includes(f.field));
    const worst = Math.min(...residence.map((f) => f.weight));
    expect(e.moveCountedOnce).toBeCloseTo(residence.reduce((a, f) => a + f.weight, 0) * -1 + worst, 2);
    expect(e.moveCountedOnce).toBeGreaterThan(0);
  });

  it('twins: one birth date, one home, names of two children — held for review, never linked', () => {
    const cases: Array<[Partial<PersonRecord>, Partial<PersonRecord>]> = [
      [{ givenName: 'Emma' }, { givenName: 'Noah', sex: 'M' }], // unrelated names
      [
        { givenName: 'Aiden', sex: 'M' },
        { givenName: 'Ava', sex: 'F' },
      ], // one initial
      [
        { givenName: 'Jacob', sex: 'M' },
        { givenName: 'Joseph', sex: 'M' },
      ], // sound alike
      [
        { givenName: 'Jayden', sex: 'M' },
        { givenName: 'Jaylen', sex: 'F' },
      ], // alike, another sex
      [
        { givenName: 'Danny', sex: 'M' },
        { givenName: 'Daniela', sex: 'F' },
      ], // a nickname of another sex
    ];
    for (const [x, y] of cases) {
      const e = explain(child('a', x), child('b', y), model);
      expect([x.givenName, y.givenName, e.possibleTwins, e.heldBy]).toEqual([
        x.givenName,
        y.givenName,
        true,
        'twins',
      ]);
      expect(e.decision).not.toBe('link');
    }
    // strangers who share a birthday are not twins
    const stranger = explain(
      child('a', {}),
      child('b', {
        givenName: 'Keira',
        familyName: 'Walsh',
        addressLine: '1 Oak Rd',
        city: 'Thame',
        postalCode: '93222',
      }),
      model,
    );
    expect(stranger.possibleTwins).toBe(false);
    // a typo of the same name, same sex: one child
    expect(
      explain(
        child('a', { givenName: 'Jayden', sex: 'M' }),
        child('b', { givenName: 'Jaydne', sex: 'M' }),
        model,
      ).decision,
    ).toBe('link');
  });

  it('alike siblings: an alike given name at one home with no birth date to tell is offered for review', () => {
    const e = explain(
      child('a', { givenName: 'Kaylee' }),
      child('b', { givenName: 'Kayla', birthDate: null }),
      model,
    );
    expect(e.heldBy).toBe('alikeSiblings');
    expect(e.decision).toBe('review');
  });

  it('the person guard: another given name, another middle initial, or renamed and moved without an exact birth date', () => {
    const other = explain(child('a', {}), child('b', { givenName: 'Keira', birthDate: null }), model);
    expect(other.heldBy).toBe('givenName');
    const middle = explain(child('a', { middleName: 'Andrea' }), child('b', { middleName: 'Hazel' }), model);
    expect(middle.heldBy).toBe('middleName');
    expect(middle.decision).not.toBe('link');
    const elsewhere = { familyName: 'Okafor', addressLine: '9 Far Lane', city: 'Thame', postalCode: '93222' };
    const renamed = explain(child('a', {}), child('b', { ...elsewhere, birthDate: '2012-05-15' }), model);
    expect(renamed.heldBy).toBe('renamedAndMoved');
    // an exact birth date, or a middle name, still vouches for the child
    expect(explain(child('a', {}), child('b', elsewhere), model).heldBy).toBeNull();
    expect(
      explain(
        child('a', { middleName: 'Anh' }),
        child('b', { ...elsewhere, middleName: 'A', birthDate: '2012-05-15' }),
        model,
      ).heldBy,
    ).toBeNull();
  });

  it('links a county of families without merging brothers and sisters', () => {
    const res = linkRecords(records, INDEX_LINK_OPTIONS);
    const truth = (id: string) => id.split('#')[0]!;
    let wrong = 0;
    let sameHomeWrong = 0;
    const key = (r: PersonRecord) =>
      `${(r.familyName ?? '').toLowerCase().replace(/[^a-z]/g, '')}|${(r.addressLine ?? '').toLowerCase()}`;
    const byCluster = new Map<string, PersonRecord[]>();
    for (const r of records) {
      const c = res.clusters.get(r.id)!;
      byCluster.set(c, [...(byCluster.get(c) ?? []), r]);
    }
    let linked = 0;
    for (const members of byCluster.values())
      for (let i = 0; i < members.length; i++)
        for (let j = i + 1; j < members.length; j++) {
          linked++;
          if (truth(members[i]!.id) !== truth(members[j]!.id)) {
            wrong++;
            if (members[i]!.familyName && members[i]!.addressLine && key(members[i]!) === key(members[j]!))
              sameHomeWrong++;
          }
        }
    expect(linked).toBeGreaterThan(1000);
    expect(wrong / linked).toBeLessThan(0.01);
    expect(sameHomeWrong).toBe(0);
  });
});

describe('name comparisons', () => {
  const level = (a: string, b: string) => FIELD_LEVELS.givenName[nameLevel(a, b, soundex(a), soundex(b))];
  it('one keying error in a short name, short forms, mistyped nicknames', () => {
    expect(oneEdit('emma', 'efma')).toBe(true);
    expect(oneEdit('omar', 'omr')).toBe(false); // a dropped letter leaves three: too short to tell
    expect(oneEdit('ava', 'vaa')).toBe(true); // adjacent swap
    expect(oneEdit('ava', 'eva')).toBe(false); // another name
    expect(level('emma', 'efma')).toBe('jw88');
    expect(level('jas', 'jasmine')).toBe('nickname'); // a short form
    expect(level('kibmerly', 'kim')).toBe('nickname'); // a mistyped Kimberly's nickname
    expect(level('tyrone', 'ty')).toBe('nickname');
    expect(level('ava', 'eva')).not.toBe('jw88');
  });
  it('compound family names by their parts', () => {
    expect(familyParts('Nguyen-Torres')).toEqual(['nguyen', 'torres']);
    expect(familyParts('de la Cruz')).toEqual([]); // one name, particles aside
    const p = (f: string) =>
      prepare(
        {
          id: f,
          givenName: 'a',
          familyName: f,
          birthDate: null,
          sex: null,
          addressLine: null,
          city: null,
          postalCode: null,
        },
        0,
      );
    const fam = (a: string, b: string) => {
      const lv = new Uint8Array(8);
      // compareInto writes the family level at position 2
      compareInto(p(a), p(b), lv);
      return FIELD_LEVELS.familyName[lv[2]!];
    };
    expect(fam('Nguyen-Torres', 'Torres')).toBe('part');
    expect(fam('Garcia Lopez', 'Lopez-Garcia')).toBe('part');
    expect(fam('Nguyen', 'Walsh')).toBe('else');
  });
});
