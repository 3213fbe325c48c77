import { put } from './consentFixture';
import { startTestPlatform, type TestPlatform } from './helpers';

/**
 * Brothers and sisters are different children. One family — three siblings born years apart and
 * a pair of twins, one surname (one of them hyphenated), one home, then a move — known to child
 * welfare, the school district and housing, each agency's clerks typing their own way. The index,
 * fed through the agencies' own upserts and feeds, must find five children, never one child made
 * of two of them, and offer the twins to a data steward rather than decide alone.
 */
describe('a family across three agencies: siblings and twins stay five children', () => {
  let p: TestPlatform;
  const steward = { roles: ['DATA_STEWARD' as const], purposeOfUse: 'OPERATIONS' as const };
  const home = { addressLine: '48 Birch Ave', city: 'Witney', postalCode: '93101' };
  const moved = { addressLine: '7 Elm Ct', city: 'Banbury', postalCode: '93105' };
  /** Each true child with its records: [agency, upsert type, external id, fields]. */
  const family: Record<string, Array<[string, string, string, Record<string, unknown>]>> = {
    sofia: [
      [
        'CHILD_WELFARE',
        'ChildWelfarePerson',
        'cw-sofia',
        { givenName: 'Sofia', familyName: 'Nguyen', birthDate: '2010-05-14', sex: 'F', ...home },
      ],
      [
        'EDUCATION',
        'EducationStudent',
        'ed-sofia',
        {
          givenName: 'SOFIA',
          middleName: 'Anh',
          familyName: 'NGUYEN',
          birthDate: '2010-05-14',
          sex: 'F',
          ...home,
        },
      ],
    ],
    mateo: [
      [
        'CHILD_WELFARE',
        'ChildWelfarePerson',
        'cw-mateo',
        { givenName: 'Mateo', familyName: 'Nguyen', birthDate: '2013-09-02', sex: 'M', ...home },
      ],
      [
        'EDUCATION',
        'EducationStudent',
        'ed-mateo',
        { givenName: 'Mateo', familyName: 'Nguyen', birthDate: '2013-02-09', sex: 'M', ...home },
      ],
      // housing knew the family after it moved
      [
        'HOUSING',
        'HousingClient',
        'ho-mateo',
        { givenName: 'Mateo', familyName: 'Nguyen', birthDate: '2013-09-02', sex: 'M', ...moved },
      ],
    ],
    lucia: [
      [
        'CHILD_WELFARE',
        'ChildWelfarePerson',
        'cw-lucia',
        { givenName: 'Lucia', familyName: 'Nguyen-Torres', birthDate: '2016-01-20', sex: 'F', ...home },
      ],
      [
        'EDUCATION',
        'EducationStudent',
        'ed-lucia',
        { givenName: 'Lucía', familyName: 'Nguyen', birthDate: '2016-01-20', sex: 'F', ...home },
      ],
    ],
    // the twins: one birth date, one home, alike names
    leo: [
      [
        'CHILD_WELFARE',
        'ChildWelfarePerson',
        'cw-leo',
        { givenName: 'Leo', familyName: 'Nguyen', birthDate: '2019-11-30', sex: 'M', ...home },
      ],
      [
        'HOUSING',
        'HousingClient',
        'ho-leo',
        { givenName: 'Leo', familyName: 'Nguyen', birthDate: '2019-11-30', sex: 'M', ...moved },
      ],
    ],
    luca: [
      [
        'CHILD_WELFARE',
        'ChildWelfarePerson',
        'cw-luca',
        { givenName: 'Luca', familyName: 'Nguyen', birthDate: '2019-11-30', sex: 'M', ...home },
      ],
      [
        'HOUSING',
        'HousingClient',
        'ho-luca',
        { givenName: 'Luca', familyName: 'Nguyen', birthDate: '2019-11-30', sex: 'M', ...moved },
      ],
    ],
  };
  const recordOf = async (
    agency: string,
    ext: string,
  ): Promise<{ record_id: string; child_id: string | null; status: string }> =>
    (
      await p.index.db.dataSource.query(
        `SELECT record_id, child_id, status FROM agency_record WHERE agency = $1 AND external_id = $2`,
        [agency, ext],
      )
    )[0];

  beforeAll(async () => {
    p = await startTestPlatform();
    for (const records of Object.values(family))
      for (const [agency, type, externalId, fields] of records)
        await put(p, agency as never, type, { externalId, ...fields });
    await p.syncFeeds();
  });
  afterAll(async () => p?.dispose());

  it('finds five children: each child one, no two children in one', async () => {
    const childOf = new Map<string, string>();
    for (const [name, records] of Object.entries(family)) {
      const ids = new Set<string>();
      for (const [agency, , ext] of records) {
        const r = await recordOf(agency, ext);
        expect(r.status).toBe('AUTO');
        ids.add(r.child_id!);
      }
      // every record of the child (a swapped birth date, capitals, an accent, a hyphen dropped, a move) in one child
      expect([name, ids.size]).toEqual([name, 1]);
      childOf.set(name, [...ids][0]!);
    }
    expect(new Set(childOf.values()).size).toBe(5);

    // through the gateway: Mateo's view holds his three agencies, and only his records
    const mateo = await recordOf('CHILD_WELFARE', 'cw-mateo');
    const res = await p.gql(
      'CHILD_WELFARE',
      `query($r: ID!) { childByAgencyRecord(agency: CHILD_WELFARE, recordId: $r) {
         id givenName birthDate links { agency recordId status }
         matchExplanation { agency decision possibleTwins birthDatesDiffer fields { field level } adjustments { kind weight } } } }`,
      { r: mateo.record_id },
    );
    expect(res.body.errors).toBeUndefined();
    const child = res.body.data.childByAgencyRecord;
    expect(child.id).toBe(childOf.get('mateo'));
    expect(child.links.map((l: { agency: string }) => l.agency).sort()).toEqual([
      'CHILD_WELFARE',
      'EDUCATION',
      'HOUSING',
    ]);
    expect(child.birthDate).toBe('2013-09-02');
    const housing = child.matchExplanation.find((e: { agency: string }) => e.agency === 'HOUSING');
    expect(housing.decision).toBe('link');
    // the move: address, postcode and city disagree, counted once
    expect(housing.fields.find((f: { field: string }) => f.field === 'address').level).toBe('else');
    expect(housing.adjustments.map((a: { kind: string }) => a.kind)).toContain('moveCountedOnce');
  });

  it('offers the twins for review as possible twins, and no pair of siblings as a link', async () => {
    const queue = await p.gql(
      'CHILD_WELFARE',
      `{ reviewQueue(first: 100) { nodes { id decision possibleTwins birthDatesDiffer heldBy a { recordId } b { recordId } } } }`,
      {},
      steward,
    );
    expect(queue.body.errors).toBeUndefined();
    const nodes: Array<{
      decision: string;
      possibleTwins: boolean;
      birthDatesDiffer: boolean;
      a: { recordId: string };
      b: { recordId: string };
    }> = queue.body.data.reviewQueue.nodes;
    const nameOf = new Map<string, string>();
    for (const [name, records] of Object.entries(family))
      for (const [agency, , ext] of records) nameOf.set((await recordOf(agency, ext)).record_id, name);
    const twinPairs = nodes.filter((n) => {
      const names = [nameOf.get(n.a.recordId), nameOf.get(n.b.recordId)].sort().join('~');
      return names === 'leo~luca';
    });
    expect(twinPairs.length).toBeGreaterThanOrEqual(1);
    for (const t of twinPairs)
      expect(t).toMatchObject({ possibleTwins: true, decision: 'review', heldBy: 'twins' });
    // any other pair of two children in the queue is never one the matcher would link alone
    for (const n of nodes) {
      const [x, y] = [nameOf.get(n.a.recordId), nameOf.get(n.b.recordId)];
      if (x && y && x !== y) expect(n.decision).not.toBe('link');
    }
  });

  it('says the weights are the priors while the index is this small', async () => {
    const res = await p.gql(
      'CHILD_WELFARE',
      `{ matchModel { trained weightsSource trainedAt trainedOnRecords nextTrainingAtRecords note household personMin homeCap upper } }`,
      {},
      steward,
    );
    expect(res.body.errors).toBeUndefined();
    const m = res.body.data.matchModel;
    expect(m).toMatchObject({
      trained: false,
      weightsSource: 'PRIOR',
      trainedAt: null,
      trainedOnRecords: 11,
    });
    expect(m.nextTrainingAtRecords).toBeGreaterThan(11);
    expect(m.note).toMatch(/trains at/);
    expect(m.homeCap).toBeLessThanOrEqual(m.upper - m.personMin);
  });
});
