import { verifyAccessTrail } from '../../subgraphs/child-index/src/repositories/accessTrail';
import { put } from './consentFixture';
import { startTestPlatform, type TestPlatform } from './helpers';

/** Every read of the index is audited in its own append-only, hash-chained trail (search terms,
 *  children and links shown, viewer, purpose), and every refusal writes a DENY row. */
describe('the child index audit trail', () => {
  let p: TestPlatform;
  const officer = { roles: ['PRIVACY_OFFICER' as const], purposeOfUse: 'OPERATIONS' as const };
  const caseworker = { roles: ['CASEWORKER' as const], purposeOfUse: 'CASE_PLANNING' as const, sub: 'pc-7' };
  const trailQuery = `query($c: ID) { childIndexAuditTrail(childId: $c, first: 50) { nodes { actor actorAgency action decision rule terms childIds recordRefs purposeOfUse requestId } hasMore } }`;
  const trailOf = async (agency: 'PROBATION' | 'EDUCATION', childId?: string) => {
    const res = await p.gql(agency, trailQuery, { c: childId ?? null }, officer);
    expect(res.body.errors).toBeUndefined();
    return res.body.data.childIndexAuditTrail.nodes as Array<Record<string, unknown>>;
  };
  let childId: string;
  let recordId: string;

  beforeAll(async () => {
    p = await startTestPlatform();
    for (const [agency, type] of [
      ['CHILD_WELFARE', 'ChildWelfarePerson'],
      ['EDUCATION', 'EducationStudent'],
    ] as const)
      await put(p, agency, type, {
        externalId: 'g1',
        givenName: 'Mateo',
        familyName: 'Garcia',
        birthDate: '2012-04-05',
      });
    await p.syncFeeds();
    [{ child_id: childId, record_id: recordId }] = await p.index.db.dataSource.query(
      `SELECT child_id, record_id FROM agency_record WHERE agency = 'EDUCATION'`,
    );
  }, 120_000);
  afterAll(async () => p?.dispose());

  it('a search writes its terms and the children shown; each child shown writes its links', async () => {
    const res = await p.gql(
      'PROBATION',
      `{ searchChildren(familyName: "garcia") { nodes { id links { agency } } } }`,
      {},
      caseworker,
    );
    expect(res.body.data.searchChildren.nodes).toHaveLength(1);
    const rows = await trailOf('PROBATION');
    const search = rows.find((r) => r.action === 'SEARCH')!;
    expect(search).toMatchObject({
      actor: 'pc-7',
      decision: 'PERMIT',
      purposeOfUse: 'CASE_PLANNING',
      childIds: [childId],
    });
    expect(JSON.parse(search.terms as string)).toMatchObject({ familyName: 'garcia', page: 1 });
    const view = rows.find((r) => r.action === 'VIEW_CHILD')!;
    expect(view.childIds).toEqual([childId]);
    expect((view.recordRefs as string[]).sort()).toHaveLength(2);
    expect(view.recordRefs).toContain(`EDUCATION:${recordId}`);
    expect(view.requestId).toBe(search.requestId);
    // one row per child per request, however many times the request resolves the child
    expect(rows.filter((r) => r.action === 'VIEW_CHILD' && r.requestId === search.requestId)).toHaveLength(1);
    // another agency's privacy officer does not read probation's staff
    expect((await trailOf('EDUCATION')).some((r) => r.actor === 'pc-7')).toBe(false);
    // a lookup says what was asked and which child it showed
    await p.gql(
      'PROBATION',
      `{ childByAgencyRecord(agency: EDUCATION, recordId: "${recordId}") { id } }`,
      {},
      caseworker,
    );
    const lookups = (await trailOf('PROBATION', childId)).filter((r) => r.action === 'LOOKUP_RECORD');
    expect(lookups).toHaveLength(1);
    expect(JSON.parse(lookups[0]!.terms as string)).toEqual({ agency: 'EDUCATION', recordId });
  });

  it.each([
    [
      'an analyst asking for a child',
      'EDUCATION',
      `{ child(id: "${'0'.repeat(8)}-0000-4000-8000-000000000000") { id } }`,
      { roles: ['ANALYST' as const], purposeOfUse: 'ANALYTICS' as const },
      'child',
    ],
    [
      'a caseworker merging children',
      'PROBATION',
      `mutation { mergeChildren(childId: "${'1'.repeat(8)}-0000-4000-8000-000000000000", intoChildId: "${'2'.repeat(8)}-0000-4000-8000-000000000000", reason: "same child") { id } }`,
      caseworker,
      'mergeChildren',
    ],
    [
      'a caseworker reading the index audit trail',
      'PROBATION',
      `{ childIndexAuditTrail { nodes { id } } }`,
      caseworker,
      'childIndexAuditTrail',
    ],
    [
      'a caseworker reading the feed status',
      'EDUCATION',
      `{ feedStatus { agency } }`,
      { roles: ['CASEWORKER' as const], purposeOfUse: 'OPERATIONS' as const },
      'feedStatus',
    ],
  ] as const)(
    '%s is refused and the refusal is audited (DENY)',
    async (_label, agency, query, viewer, action) => {
      const res = await p.gql(agency, query, {}, { ...viewer, roles: [...viewer.roles] });
      expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
      const denied = (await trailOf(agency as 'PROBATION' | 'EDUCATION')).filter(
        (r) => r.decision === 'DENY' && r.action === action,
      );
      expect(denied.length).toBeGreaterThan(0);
      expect(denied[0]!.rule).toBe(res.body.errors[0].message);
    },
  );

  it('the trail is append-only and its hash chain holds', async () => {
    const ds = p.index.db.dataSource;
    const check = await verifyAccessTrail(ds);
    expect(check.ok).toBe(true);
    expect(check.rows).toBeGreaterThan(5);
    // the trigger holds even for the owner (the index's own role may not even try: dbRoles.test.ts)
    const owner = p.owner('child-index');
    await expect(owner.query(`UPDATE index_access_event SET actor = 'someone-else'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(owner.query(`DELETE FROM index_access_event`)).rejects.toThrow(/append-only/);
    await expect(owner.query(`TRUNCATE index_access_event`)).rejects.toThrow(/append-only/);
    // past the trigger (the owner), a changed row breaks the chain where it was changed
    await owner.query('ALTER TABLE index_access_event DISABLE TRIGGER index_access_event_no_update');
    try {
      await owner.query(
        `UPDATE index_access_event SET actor = 'someone-else' WHERE id = (SELECT min(id) + 2 FROM index_access_event)`,
      );
    } finally {
      await owner.query('ALTER TABLE index_access_event ENABLE TRIGGER index_access_event_no_update');
    }
    const [{ id }] = await ds.query('SELECT min(id) + 2 AS id FROM index_access_event');
    expect(await verifyAccessTrail(ds)).toMatchObject({ ok: false, brokenAt: { id: Number(id) } });
  });
});
