import { AGENCIES, generateCounty, type County, type TrueChild } from '@wholechild/shared';
import { isIsoDate } from '../src/validation';

const TODAY = '2026-11-25';
const days = (a: string, b: string) => Math.abs(Date.parse(b) - Date.parse(a)) / 86_400_000;
const groupBy = <T>(xs: readonly T[], key: (x: T) => string | null) => {
  const groups = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    if (k !== null) groups.set(k, [...(groups.get(k) ?? []), x]);
  }
  return groups;
};

/** The synthetic county the tests and benchmarks link: children live in households (siblings,
 *  blended families, cousins, twins), households move, and agencies know families together. */
describe('synthetic county', () => {
  const county: County = generateCounty({ size: 5000, seed: 2026, today: TODAY });
  const { children, records, households } = county;
  const byId = new Map(children.map((c) => [c.truthId, c]));
  const householdOf = new Map(households.map((h) => [h.householdId, h]));
  const everyRecord = AGENCIES.flatMap((a) => records[a]);

  it('has exactly the children asked for, each in one household of 1 to 6', () => {
    for (const size of [1, 2, 7, 250]) {
      const small = generateCounty({ size, seed: size, today: TODAY });
      expect(small.children).toHaveLength(size);
      expect(small.households.flatMap((h) => h.childIds).sort()).toEqual(
        small.children.map((c) => c.truthId).sort(),
      );
    }
    expect(children).toHaveLength(5000);
    expect(new Set(children.map((c) => c.truthId)).size).toBe(5000);
    const members = households.flatMap((h) => h.childIds);
    expect(members).toHaveLength(5000);
    expect(new Set(members).size).toBe(5000);
    for (const h of households) {
      expect(h.childIds.length).toBeGreaterThanOrEqual(1);
      expect(h.childIds.length).toBeLessThanOrEqual(6);
      for (const id of h.childIds) expect(byId.get(id)!.householdId).toBe(h.householdId);
    }
    // most families have one to three children, some more
    const sizes = households.map((h) => h.childIds.length);
    expect(sizes.filter((n) => n <= 3).length / sizes.length).toBeGreaterThan(0.8);
    expect(sizes.filter((n) => n >= 4).length).toBeGreaterThan(50);
    expect(sizes.filter((n) => n === 1).length / sizes.length).toBeLessThan(0.6);
  });

  it('is the same county for the same seed and day, another for another seed', () => {
    const again = generateCounty({ size: 5000, seed: 2026, today: TODAY });
    expect(JSON.stringify(again)).toBe(JSON.stringify(county));
    const other = generateCounty({ size: 5000, seed: 2027, today: TODAY });
    expect(other.children.map((c) => c.birthDate)).not.toEqual(children.map((c) => c.birthDate));
  });

  it('gives every record the child it is of, valid dates never after today, ages 0 to 18', () => {
    // (checked in bulk: an expect per field of 9,000 records is slow)
    const badChildren = children.filter(
      (c) => !isIsoDate(c.birthDate) || c.birthDate > TODAY || c.agencies.length === 0,
    );
    expect(badChildren).toEqual([]);
    const badRecords = everyRecord.filter((r) => {
      const c = byId.get(r.truthId);
      return (
        !c ||
        !c.agencies.includes(r.agency) ||
        r.householdId !== c.householdId ||
        r.trueBirthDate !== c.birthDate ||
        r.ageYears < 0 ||
        r.ageYears > 18 ||
        !isIsoDate(r.recordedOn) ||
        r.recordedOn! > TODAY ||
        r.recordedOn! < c.birthDate ||
        (r.birthDate !== null && (!isIsoDate(r.birthDate) || r.birthDate > TODAY))
      );
    });
    expect(badRecords).toEqual([]);
    expect(new Set(everyRecord.map((r) => `${r.agency}:${r.externalId}`)).size).toBe(everyRecord.length);
  });

  it('keeps the records messy at about the rates it always had', () => {
    const rate = (f: (r: (typeof everyRecord)[number]) => boolean) =>
      everyRecord.filter(f).length / everyRecord.length;
    const truth = (r: (typeof everyRecord)[number]) => byId.get(r.truthId)!;
    expect(rate((r) => r.birthDate === null)).toBeGreaterThan(0.015);
    expect(rate((r) => r.birthDate === null)).toBeLessThan(0.05);
    expect(rate((r) => r.addressLine === null)).toBeGreaterThan(0.07);
    expect(rate((r) => r.addressLine === null)).toBeLessThan(0.13);
    const exactGiven = rate((r) => r.givenName === truth(r).givenName);
    expect(exactGiven).toBeGreaterThan(0.65);
    expect(exactGiven).toBeLessThan(0.85);
    expect(rate((r) => r.birthDate !== null && r.birthDate !== truth(r).birthDate)).toBeGreaterThan(0.02);
    // within-agency duplicates: a few children have two records in one agency
    const dups = [...groupBy(everyRecord, (r) => `${r.agency}:${r.truthId}`).values()].filter(
      (g) => g.length > 1,
    );
    expect(dups.length).toBeGreaterThan(100);
  });

  it('houses the children of a household together, under one family name or a documented variant', () => {
    for (const h of households) {
      const kids = h.childIds.map((id) => byId.get(id)!);
      const home = h.addresses[h.addresses.length - 1]!;
      for (const c of kids) {
        expect([c.addressLine, c.city, c.postalCode]).toEqual([home.addressLine, home.city, home.postalCode]);
      }
      expect(new Set(kids.map((c) => c.familyName))).toEqual(new Set(h.familyNames));
      const own = kids.filter((c) => c.householdRole === 'CHILD');
      expect(own.length).toBeGreaterThan(0);
      if (h.kind === 'FAMILY') {
        expect(kids.every((c) => c.householdRole === 'CHILD' && c.familyName === h.familyName)).toBe(true);
      } else if (h.kind === 'WITH_COUSINS') {
        expect(own.every((c) => c.familyName === h.familyName)).toBe(true);
        const cousins = kids.filter((c) => c.householdRole === 'COUSIN');
        expect(cousins.length).toBeGreaterThan(0);
        expect(new Set(cousins.map((c) => c.familyName)).size).toBe(1);
      } else {
        // BLENDED: the mother's name F, her partner's name G, or the couple's children's "F-G"
        const partner = new Set(
          kids
            .map((c) => c.familyName)
            .filter((n) => n !== h.familyName)
            .map((n) => (n.startsWith(`${h.familyName}-`) ? n.slice(h.familyName.length + 1) : n)),
        );
        expect(partner.size).toBe(1);
        const [G] = [...partner];
        for (const c of kids) expect([h.familyName, G, `${h.familyName}-${G}`]).toContain(c.familyName);
        for (const c of kids.filter((k) => k.householdRole === 'STEPCHILD')) expect(c.familyName).toBe(G);
        expect(h.familyNames.length).toBeGreaterThan(1);
      }
    }
    const kinds = groupBy(households, (h) => h.kind);
    expect(kinds.get('BLENDED')!.length).toBeGreaterThan(100);
    expect(kinds.get('WITH_COUSINS')!.length).toBeGreaterThan(50);
    // hyphenated variants live alongside a sibling under one of the two names
    const hyphenPlusPart = households.filter((h) =>
      h.familyNames.some((n) => n.includes('-') && n.split('-').some((part) => h.familyNames.includes(part))),
    );
    expect(hyphenPlusPart.length).toBeGreaterThan(20);
    // cousins under the same family name, and under another
    const cousinsSame = kinds.get('WITH_COUSINS')!.filter((h) => h.familyNames.length === 1);
    expect(cousinsSame.length).toBeGreaterThan(10);
    expect(cousinsSame.length).toBeLessThan(kinds.get('WITH_COUSINS')!.length);
  });

  it('never gives two children of one household the same given name', () => {
    for (const h of households) {
      const names = h.childIds.map((id) => byId.get(id)!.givenName);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('spaces siblings at least ~10 months apart, typically 1 to 6 years', () => {
    const gaps: number[] = [];
    for (const group of groupBy(children, (c) => c.siblingGroupId).values()) {
      const births = [...new Set(group.map((c) => c.birthDate))].sort();
      for (let i = 1; i < births.length; i++) gaps.push(days(births[i - 1]!, births[i]!));
      // the same birth date in one sibling group only for twins (or triplets)
      for (const c of group)
        if (group.some((o) => o !== c && o.birthDate === c.birthDate))
          expect(c.multipleBirthId).not.toBeNull();
    }
    expect(gaps.length).toBeGreaterThan(1000);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(300);
    expect(gaps.filter((g) => g >= 365 && g <= 6 * 365).length / gaps.length).toBeGreaterThan(0.7);
  });

  it('has twins (and rarely triplets): same birth date, family and home, different given names', () => {
    const sets = [...groupBy(children, (c) => c.multipleBirthId).values()];
    const inSets = sets.reduce((n, s) => n + s.length, 0);
    expect(inSets / children.length).toBeGreaterThan(0.015);
    expect(inSets / children.length).toBeLessThan(0.035);
    for (const set of sets) {
      expect(set.length).toBeGreaterThanOrEqual(2);
      expect(set.length).toBeLessThanOrEqual(3);
      const [first] = set as [TrueChild];
      for (const c of set) {
        expect(c.birthDate).toBe(first.birthDate);
        expect(c.familyName).toBe(first.familyName);
        expect(c.householdId).toBe(first.householdId);
        expect(c.siblingGroupId).toBe(first.siblingGroupId);
      }
      expect(new Set(set.map((c) => c.givenName)).size).toBe(set.length);
    }
    const pairs = sets.map((s) => s.slice(0, 2) as [TrueChild, TrueChild]);
    // as real twins often are: some named alike (one initial), some of different sex
    expect(pairs.filter(([a, b]) => a.givenName[0] === b.givenName[0]).length).toBeGreaterThan(5);
    expect(pairs.filter(([a, b]) => a.sex !== b.sex).length).toBeGreaterThan(5);
    expect(pairs.filter(([a, b]) => a.sex === b.sex).length).toBeGreaterThan(5);
    // and their records are of them: both twins known, records apart by given name only
    const twinRecords = everyRecord.filter((r) => byId.get(r.truthId)!.multipleBirthId);
    expect(twinRecords.length).toBeGreaterThan(inSets);
  });

  it('moves households: some records of a child hold another address than its other records', () => {
    for (const r of everyRecord.slice(0, 3000)) {
      // the record's home is the household's home on the day it was recorded
      const h = householdOf.get(r.householdId!)!;
      const home = [...h.addresses].reverse().find((a) => a.since <= r.recordedOn!) ?? h.addresses[0]!;
      if (r.addressLine !== null) expect(r.addressLine).toBe(home.addressLine);
      expect(r.city).toBe(home.city);
      expect(r.locality).toBe(home.city);
    }
    const addresses = groupBy(
      everyRecord.filter((r) => r.addressLine !== null),
      (r) => r.truthId,
    );
    const moved = [...addresses.values()].filter((rs) => new Set(rs.map((r) => r.addressLine)).size >= 2);
    expect(moved.length / children.length).toBeGreaterThan(0.18);
    expect(moved.length / children.length).toBeLessThan(0.35);
    // some of them in another city and postal code
    const cities = [...groupBy(everyRecord, (r) => r.truthId).values()].filter(
      (rs) => new Set(rs.map((r) => r.city)).size >= 2 && new Set(rs.map((r) => r.postalCode)).size >= 2,
    );
    expect(cities.length / children.length).toBeGreaterThan(0.08);
    // an older record of a child who moved holds a home that is no longer its address
    expect(
      everyRecord.filter((r) => r.addressLine && r.addressLine !== byId.get(r.truthId)!.addressLine).length,
    ).toBeGreaterThan(everyRecord.length * 0.15);
  });

  it('knows families together: child welfare covers the siblings of a household, housing whole households', () => {
    const knownTo = (agency: (typeof AGENCIES)[number]) => new Set(records[agency].map((r) => r.truthId));
    const coKnown = (known: Set<string>) => {
      let siblings = 0;
      let alsoKnown = 0;
      for (const h of households)
        for (const id of h.childIds)
          if (known.has(id))
            for (const other of h.childIds)
              if (other !== id) {
                siblings++;
                if (known.has(other)) alsoKnown++;
              }
      return alsoKnown / siblings;
    };
    const cw = knownTo('CHILD_WELFARE');
    const cwRate = cw.size / children.length;
    expect(cwRate).toBeGreaterThan(0.25);
    expect(cwRate).toBeLessThan(0.55);
    expect(coKnown(cw)).toBeGreaterThan(0.75);
    expect(coKnown(cw)).toBeGreaterThan(cwRate * 1.6);
    const housing = knownTo('HOUSING');
    expect(coKnown(housing)).toBeGreaterThan(0.8);
    expect(coKnown(housing)).toBeGreaterThan((housing.size / children.length) * 3);
    // education knows most school-age children
    const school = children.filter((c) => Number(TODAY.slice(0, 4)) - Number(c.birthDate.slice(0, 4)) >= 6);
    const edu = knownTo('EDUCATION');
    expect(school.filter((c) => edu.has(c.truthId)).length / school.length).toBeGreaterThan(0.9);
    // an open case is the household's: siblings of a child with one mostly have one too
    const open = new Set(children.filter((c) => c.flags.openChildWelfareCase).map((c) => c.truthId));
    expect(open.size).toBeGreaterThan(300);
    expect(coKnown(open)).toBeGreaterThan(0.6);
    // crossover youth: behavioral health knows children child welfare knows more often
    const bh = knownTo('BEHAVIORAL_HEALTH');
    const bhRate = (ids: string[]) => ids.filter((id) => bh.has(id)).length / ids.length;
    const ids = children.map((c) => c.truthId);
    expect(bhRate(ids.filter((id) => cw.has(id)))).toBeGreaterThan(bhRate(ids.filter((id) => !cw.has(id))));
  });
});
