import {
  householdKey,
  normaliseKey,
  pairwiseScore,
  scoreLinkage,
  siblingMergePairs,
  siblingMerges,
  type ScoredRecord,
} from '../src';

/** A household: the Garcias at 12 Oak St (Ana twice, her twin Maria, their brother Luis), the
 *  Smiths at 4 Elm Rd (Tom twice), and Jo Lee with no address. */
const records: ScoredRecord[] = [
  { id: 'ana1', familyName: 'Garcia', addressLine: '12 Oak St' },
  { id: 'ana2', familyName: 'GARCÍA', addressLine: '12 oak st.' },
  { id: 'maria', familyName: 'Garcia', addressLine: '12 Oak St' },
  { id: 'luis', familyName: 'Garcia', addressLine: '12 Oak St' },
  { id: 'tom1', familyName: 'Smith', addressLine: '4 Elm Rd' },
  { id: 'tom2', familyName: 'Smith', addressLine: '4 Elm Rd' },
  { id: 'jo', familyName: 'Lee', addressLine: null },
];
const person: Record<string, string> = {
  ana1: 'ana',
  ana2: 'ana',
  maria: 'maria',
  luis: 'luis',
  tom1: 'tom',
  tom2: 'tom',
  jo: 'jo',
};
const truth = (id: string) => person[id]!;
const ids = records.map((r) => r.id);
const clustering = (groups: string[][]) =>
  new Map(groups.flatMap((g, i) => g.map((id) => [id, `c${i}`] as [string, string])));

describe('linkage scoring', () => {
  it('scores the truth itself as perfect', () => {
    const s = scoreLinkage(records, new Map(ids.map((id) => [id, truth(id)])), truth);
    expect(s).toMatchObject({
      records: 7,
      truePairs: 2,
      predictedPairs: 2,
      truePositives: 2,
      precision: 1,
      recall: 1,
      f1: 1,
      children: 5,
      trueChildren: 5,
      largestCluster: 2,
      mixedClusters: 0,
      siblingMerges: 0,
    });
  });

  it('scores every record alone: precision 1 (no predicted pairs), recall 0', () => {
    const s = scoreLinkage(records, new Map(ids.map((id) => [id, id])), truth);
    expect(s).toMatchObject({ predictedPairs: 0, precision: 1, recall: 0, f1: 0, children: 7 });
    expect(s.largestCluster).toBe(1);
  });

  it('counts a twin merge as a sibling merge, and its precision cost', () => {
    // Ana's two records and her twin Maria in one child; the Smiths right
    const s = scoreLinkage(
      records,
      clustering([['ana1', 'ana2', 'maria'], ['luis'], ['tom1', 'tom2'], ['jo']]),
      truth,
    );
    // predicted pairs: 3 (ana cluster) + 1 (toms) = 4; true positives: ana1-ana2, tom1-tom2 = 2
    expect(s.predictedPairs).toBe(4);
    expect(s.truePositives).toBe(2);
    expect(s.precision).toBeCloseTo(0.5);
    expect(s.recall).toBe(1);
    expect(s.f1).toBeCloseTo(2 / 3);
    // ana1-maria and ana2-maria (ana2's "GARCÍA" / "12 oak st." normalise the same)
    expect(s.siblingMerges).toBe(2);
    expect(s.mixedClusters).toBe(1);
    expect(s.largestCluster).toBe(3);
    expect(s.children).toBe(4);
  });

  it('lists the sibling-merge pairs it counts, up to a limit', () => {
    const c = clustering([['ana1', 'ana2', 'maria', 'luis'], ['tom1', 'tom2'], ['jo']]);
    const pairs = siblingMergePairs(records, c, truth, 10);
    expect(pairs).toHaveLength(5);
    for (const p of pairs) {
      expect(truth(p.a)).not.toBe(truth(p.b));
      expect(p.cluster).toBe('c0');
    }
    expect(siblingMergePairs(records, c, truth, 2)).toHaveLength(2);
  });

  it('counts every cross-person pair of a merged household, and no pair of one person', () => {
    // the whole Garcia household in one child: 6 pairs, 1 of them true (ana1-ana2)
    const c = clustering([['ana1', 'ana2', 'maria', 'luis'], ['tom1', 'tom2'], ['jo']]);
    expect(siblingMerges(records, c, truth)).toBe(5);
    const s = pairwiseScore(ids, c, truth);
    expect(s).toMatchObject({ predictedPairs: 7, truePositives: 2, truePairs: 2 });
    expect(s.precision).toBeCloseTo(2 / 7);
  });

  it('does not count a wrong merge across households, nor records without an address', () => {
    // Luis with Tom (different family names), Jo with Maria (Jo has no address)
    const c = clustering([
      ['ana1', 'ana2'],
      ['maria', 'jo'],
      ['luis', 'tom1', 'tom2'],
    ]);
    const s = scoreLinkage(records, c, truth);
    expect(s.siblingMerges).toBe(0);
    expect(s.mixedClusters).toBe(2);
    expect(s.predictedPairs).toBe(1 + 1 + 3);
    expect(s.truePositives).toBe(2);
    expect(s.precision).toBeCloseTo(0.4);
    expect(s.recall).toBe(1);
    expect(s.f1).toBeCloseTo((2 * 0.4) / 1.4);
  });

  it('computes recall from missed true pairs (a split child)', () => {
    // Ana's records apart: one true pair missed out of two
    const s = pairwiseScore(
      ids,
      clustering([['ana1'], ['ana2'], ['maria'], ['luis'], ['tom1', 'tom2'], ['jo']]),
      truth,
    );
    expect(s).toMatchObject({ precision: 1, recall: 0.5 });
    expect(s.f1).toBeCloseTo(2 / 3);
  });

  it('normalises names and addresses to lower-case letters and digits', () => {
    expect(normaliseKey("O'Brien-Smith")).toBe('obriensmith');
    expect(normaliseKey('  12 Oak St., Apt #3 ')).toBe('12oakstapt3');
    expect(normaliseKey('López')).toBe('lopez');
    expect(normaliseKey(null)).toBe('');
    expect(householdKey({ familyName: 'Lee', addressLine: '' })).toBeNull();
    expect(householdKey({ familyName: 'Lee', addressLine: '1 A St' })).toBe(
      householdKey({ familyName: 'LEE', addressLine: '1 a st' }),
    );
  });

  it('refuses a clustering that misses a record', () => {
    expect(() => pairwiseScore(ids, new Map([['ana1', 'c']]), truth)).toThrow(/missing/);
    expect(() => siblingMerges(records, new Map([['ana1', 'c']]), truth)).toThrow(/missing/);
  });
});
