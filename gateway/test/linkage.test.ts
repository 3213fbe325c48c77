import { put } from './consentFixture';
import { startTestPlatform, type TestPlatform } from './helpers';

/** The single child index through the gateway: probabilistic linking of messy records, the
 *  explanation of every link, the review queue, and agencies' own "these are different children". */
describe('record linkage through the gateway', () => {
  let p: TestPlatform;
  const steward = { roles: ['DATA_STEWARD' as const], purposeOfUse: 'OPERATIONS' as const };
  const recordOf = async (agency: string, ext: string): Promise<{ record_id: string; child_id: string }> =>
    (
      await p.index.db.dataSource.query(
        `SELECT record_id, child_id FROM agency_record WHERE agency = $1 AND external_id = $2`,
        [agency, ext],
      )
    )[0];

  beforeAll(async () => {
    p = await startTestPlatform();
    // one child, three systems, three clerks: a nickname spelling and capitals, a misspelt
    // surname, day and month swapped, a street type written out
    await put(p, 'CHILD_WELFARE', 'ChildWelfarePerson', {
      externalId: 'cw-ana',
      givenName: 'Ana',
      familyName: 'López',
      birthDate: '2012-03-04',
      sex: 'F',
      addressLine: '12 Oak St',
      city: 'Witney',
      postalCode: '93101',
    });
    await put(p, 'EDUCATION', 'EducationStudent', {
      externalId: 'ed-ana',
      givenName: 'ANNA',
      familyName: 'LOPEZ',
      birthDate: '2012-03-04',
      sex: 'F',
      addressLine: '12 Oak Street',
      city: 'Witney',
      postalCode: '93101',
    });
    await put(p, 'HOUSING', 'HousingClient', {
      externalId: 'hm-ana',
      givenName: 'Ana',
      familyName: 'Lopes',
      birthDate: '2012-04-03',
      sex: 'F',
      city: 'Witney',
      postalCode: '93101',
    });
    // her twin sister, in child welfare and at school
    await put(p, 'CHILD_WELFARE', 'ChildWelfarePerson', {
      externalId: 'cw-maria',
      givenName: 'Maria',
      familyName: 'López',
      birthDate: '2012-03-04',
      sex: 'F',
      addressLine: '12 Oak St',
      city: 'Witney',
      postalCode: '93101',
    });
    // two boys of one name in probation that probation knows apart
    for (const ext of ['pr-jose-1', 'pr-jose-2'])
      await put(p, 'PROBATION', 'ProbationYouth', {
        externalId: ext,
        givenName: 'Jose',
        familyName: 'Ramirez',
        birthDate: '2009-06-01',
        sex: 'M',
      });
    // a pair the matcher cannot decide alone: same name, nothing else in common but a town apart
    await put(p, 'CHILD_WELFARE', 'ChildWelfarePerson', {
      externalId: 'cw-tomas',
      givenName: 'Tomas',
      familyName: 'Reyes',
      birthDate: '2015-08-01',
      city: 'Oxford',
    });
    await put(p, 'BEHAVIORAL_HEALTH', 'BehavioralHealthClient', {
      externalId: 'bh-tomas',
      givenName: 'Tomas',
      familyName: 'Reyes',
      city: 'Witney',
    });
    await p.syncFeeds();
  });
  afterAll(async () => p?.dispose());

  it("finds one child behind three agencies' messy records, and explains each link", async () => {
    const cw = await recordOf('CHILD_WELFARE', 'cw-ana');
    const res = await p.gql(
      'CHILD_WELFARE',
      `query($r: ID!) { childByAgencyRecord(agency: CHILD_WELFARE, recordId: $r) {
         id givenName familyName birthDate links { agency status }
         matchExplanation { agency comparedWith { agency } weight decision possibleTwins fields { field level weight } } } }`,
      { r: cw.record_id },
    );
    expect(res.body.errors).toBeUndefined();
    const child = res.body.data.childByAgencyRecord;
    expect(child.links.map((l: { agency: string }) => l.agency).sort()).toEqual([
      'CHILD_WELFARE',
      'EDUCATION',
      'HOUSING',
    ]);
    expect(child.birthDate).toBe('2012-03-04');
    const expl = child.matchExplanation;
    expect(expl).toHaveLength(3);
    for (const e of expl) {
      expect(e.decision).toBe('link');
      expect(e.weight).toBeGreaterThanOrEqual(14);
      expect(e.possibleTwins).toBe(false);
      expect(e.fields.map((f: { field: string }) => f.field)).toEqual([
        'givenName',
        'middleName',
        'familyName',
        'birthDate',
        'sex',
        'address',
        'postalCode',
        'city',
      ]);
    }
    const housing = expl.find((e: { agency: string }) => e.agency === 'HOUSING');
    const level = (f: string) => housing.fields.find((x: { field: string }) => x.field === f).level;
    expect(level('birthDate')).toBe('transposed'); // day and month swapped
    expect(level('address')).toBe('missing');
    const sum = housing.fields.reduce((a: number, f: { weight: number }) => a + f.weight, 0);
    expect(sum).toBeLessThanOrEqual(housing.weight + 8 + 1e-6); // the rest is the name-frequency adjustment
  });

  it('keeps twins apart and offers them for review; a steward rejects the pair for good', async () => {
    const ana = await recordOf('CHILD_WELFARE', 'cw-ana');
    const maria = await recordOf('CHILD_WELFARE', 'cw-maria');
    expect(maria.child_id).not.toBe(ana.child_id);
    const queue = await p.gql(
      'CHILD_WELFARE',
      `{ reviewQueue(first: 50) { nodes { id decision possibleTwins a { recordId givenName } b { recordId givenName } fields { field level valueA valueB } } } }`,
      {},
      steward,
    );
    expect(queue.body.errors).toBeUndefined();
    const twins = queue.body.data.reviewQueue.nodes.find(
      (n: { a: { recordId: string }; b: { recordId: string } }) =>
        [n.a.recordId, n.b.recordId].includes(maria.record_id),
    );
    expect(twins).toMatchObject({ possibleTwins: true, decision: 'review' });
    expect(twins.fields[0]).toMatchObject({ field: 'givenName', level: 'else' });
    // not for caseworkers
    const denied = await p.gql('CHILD_WELFARE', `{ reviewQueue { nodes { id } } }`);
    expect(denied.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const rejected = await p.gql(
      'CHILD_WELFARE',
      `mutation($id: ID!) { rejectReviewPair(id: $id, reason: "twin sisters, per birth certificates") { id status } }`,
      { id: twins.id },
      steward,
    );
    expect(rejected.body.data.rejectReviewPair).toEqual({ id: twins.id, status: 'REJECTED' });
    const again = await p.gql('CHILD_WELFARE', `{ reviewQueue(first: 50) { nodes { id } } }`, {}, steward);
    expect(again.body.data.reviewQueue.nodes.map((n: { id: string }) => n.id)).not.toContain(twins.id);
    // a second decision on the same pair is refused
    const twice = await p.gql(
      'CHILD_WELFARE',
      `mutation($id: ID!) { rejectReviewPair(id: $id, reason: "again") { id } }`,
      { id: twins.id },
      steward,
    );
    expect(twice.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    // Maria's school record arrives: it joins Maria, never Ana
    await put(p, 'EDUCATION', 'EducationStudent', {
      externalId: 'ed-maria',
      givenName: 'María',
      familyName: 'Lopez',
      birthDate: '2012-03-04',
      sex: 'F',
      addressLine: '12 Oak Street',
      city: 'Witney',
      postalCode: '93101',
    });
    await p.syncFeeds();
    expect((await recordOf('EDUCATION', 'ed-maria')).child_id).toBe(maria.child_id);
  });

  it('a steward confirms a pair the matcher left for review: one child, kept in its history', async () => {
    const tomasCw = await recordOf('CHILD_WELFARE', 'cw-tomas');
    const tomasBh = await recordOf('BEHAVIORAL_HEALTH', 'bh-tomas');
    expect(tomasCw.child_id).not.toBe(tomasBh.child_id);
    const queue = await p.gql(
      'CHILD_WELFARE',
      `{ reviewQueue(first: 50) { nodes { id weight a { recordId } b { recordId } } } }`,
      {},
      steward,
    );
    const pair = queue.body.data.reviewQueue.nodes.find(
      (n: { a: { recordId: string }; b: { recordId: string } }) =>
        [n.a.recordId, n.b.recordId].sort().join() === [tomasCw.record_id, tomasBh.record_id].sort().join(),
    );
    expect(pair).toBeDefined();
    expect(pair.weight).toBeLessThan(14);
    const res = await p.gql(
      'CHILD_WELFARE',
      `mutation($id: ID!) { confirmReviewPair(id: $id, reason: "same boy: foster mother confirmed both addresses") {
         id links { agency status } linkHistory { action actor reason } } }`,
      { id: pair.id },
      steward,
    );
    expect(res.body.errors).toBeUndefined();
    const child = res.body.data.confirmReviewPair;
    expect(child.links).toEqual(
      expect.arrayContaining([
        { agency: 'CHILD_WELFARE', status: 'CONFIRMED' },
        { agency: 'BEHAVIORAL_HEALTH', status: 'CONFIRMED' },
      ]),
    );
    expect(child.linkHistory).toContainEqual({
      action: 'CONFIRM_PAIR',
      actor: 'child_welfare-user',
      reason: 'same boy: foster mother confirmed both addresses',
    });
    expect((await recordOf('BEHAVIORAL_HEALTH', 'bh-tomas')).child_id).toBe(child.id);
  });

  it('two records of one agency: merged unless the agency says they are different children', async () => {
    const a = await recordOf('PROBATION', 'pr-jose-1');
    const b = await recordOf('PROBATION', 'pr-jose-2');
    expect(a.child_id).toBe(b.child_id); // identical records: the matcher takes them for one boy
    const wrongAgency = await p.gql(
      'EDUCATION',
      `mutation($ids: [ID!]!) { declareDistinctRecords(agency: PROBATION, recordIds: $ids, reason: "x") { id } }`,
      { ids: [a.record_id, b.record_id] },
      { roles: ['INTEGRATION'], purposeOfUse: 'OPERATIONS' },
    );
    expect(wrongAgency.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const res = await p.gql(
      'PROBATION',
      `mutation($ids: [ID!]!) { declareDistinctRecords(agency: PROBATION, recordIds: $ids, reason: "two boys, one name: different mothers") { id } }`,
      { ids: [a.record_id, b.record_id] },
      { roles: ['PROBATION_OFFICER'], purposeOfUse: 'CASE_PLANNING' },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.declareDistinctRecords).toHaveLength(2);
    const [a2, b2] = [await recordOf('PROBATION', 'pr-jose-1'), await recordOf('PROBATION', 'pr-jose-2')];
    expect(a2.child_id).not.toBe(b2.child_id);
    // the next change to either record does not bring them together again
    await put(p, 'PROBATION', 'ProbationYouth', {
      externalId: 'pr-jose-2',
      givenName: 'JOSE',
      familyName: 'Ramirez',
      birthDate: '2009-06-01',
      sex: 'M',
    });
    await p.syncFeeds();
    expect((await recordOf('PROBATION', 'pr-jose-2')).child_id).not.toBe(
      (await recordOf('PROBATION', 'pr-jose-1')).child_id,
    );
  });
});
