import type { TestPlatform } from './helpers';
import { CASEY, observe, put, type Viewer } from './consentFixture';
import { LIAISON, OTHER_LIAISON, startTeamWorld, type TeamWorld } from './teamFixture';

/*
 * One child's Child and Family Team at work, through the gateway on the real platform
 * (teamFixture.ts: child welfare convenes Casey's team with a behavioral health clinician, an
 * education liaison and Casey): the shared plan, each agency seeing the parts it may; the plan
 * reviewed at two meetings with its history; a member updating their own agency's action; the
 * team's sharing consent listed to its members; the family's report in Spanish; the team closed.
 */
const CLINICIAN: Viewer = {
  agency: 'BEHAVIORAL_HEALTH',
  roles: ['CLINICIAN'],
  purposeOfUse: 'TREATMENT',
  sub: 'bh-clinician-1',
};
const as = (v: Viewer) => v as never;

const ITEM =
  'id kind domain description goalId owningAgency owner { displayName } dueOn status sharing version';
const PLAN = `query($id: ID!) { child(id: $id) { childWelfareTeams { id plan(includeClosed: true) { ${ITEM} } } } }`;
const MEETINGS = `query($id: ID!) { child(id: $id) { childWelfareTeams { meetings {
  id heldOn phase attendees { displayName } familyVoice decisions meetingRecordId
  reviews { itemId version status note meetingId } } } } }`;

describe('the Child and Family Team’s shared plan and meetings', () => {
  let p: TestPlatform;
  let casey: string;
  let teamId: string;
  let cw: TeamWorld['cw'];
  let addMember: TeamWorld['addMember'];
  const items: Record<string, string> = {};
  let clinicianMember: string;
  let liaisonMember: string;
  let youthMember: string;
  let cftRecord: string;
  const meetings: string[] = [];
  const today = new Date().toISOString().slice(0, 10);

  const addItem = async (name: string, item: Record<string, unknown>) => {
    const res = await cw(
      `mutation($t: ID!, $i: TeamPlanItemInput!) { addChildWelfareTeamPlanItem(teamId: $t, item: $i) { ${ITEM} } }`,
      { t: teamId, i: item },
    );
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    items[name] = res.body.data.addChildWelfareTeamPlanItem.id;
    return res.body.data.addChildWelfareTeamPlanItem;
  };
  const planAs = async (viewer: Viewer | null) => {
    const res = viewer
      ? await p.gql(viewer.agency, PLAN, { id: casey }, as(viewer))
      : await cw(PLAN, { id: casey });
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data.child.childWelfareTeams as Array<{ id: string; plan: Array<{ id: string }> }>;
  };
  const namesOf = (plan: Array<{ id: string }>) =>
    plan.map((i) => Object.entries(items).find(([, id]) => id === i.id)?.[0]).sort();
  const recordMeeting = (meeting: Record<string, unknown>) =>
    cw(
      `mutation($t: ID!, $m: TeamMeetingInput!) { recordChildWelfareTeamMeeting(teamId: $t, meeting: $m) {
        id heldOn phase attendees { displayName } decisions meetingRecordId reviews { itemId version status } } }`,
      { t: teamId, m: meeting },
    );
  const updateAs = (viewer: Viewer, itemId: string, change: Record<string, unknown>) =>
    p.gql(
      viewer.agency,
      `mutation($i: ID!, $c: TeamPlanItemChange!) { updateChildWelfareTeamPlanItem(itemId: $i, change: $c) { id status version } }`,
      { i: itemId, c: change },
      as(viewer),
    );
  const meetingCount = async () =>
    Number((await p.owner('child-welfare').query('SELECT count(*) AS n FROM team_meeting'))[0].n);

  beforeAll(async () => {
    ({ p, casey, teamId, cw, addMember } = await startTeamWorld());
    const members = (
      await cw(
        `query($t: String!, $e: String!) { childWelfareTeams(sourceSystem: $t, personExternalId: $e) {
        members { id displayName } } }`,
        { t: 'TEST', e: CASEY.ext },
      )
    ).body.data.childWelfareTeams[0].members as Array<{ id: string; displayName: string }>;
    const idOf = (name: string) => members.find((m) => m.displayName === name)!.id;
    clinicianMember = idOf('Dr. Ana Ruiz');
    liaisonMember = idOf('Lee Park');
    youthMember = idOf('Casey');
    await addMember(teamId, { kind: 'FAMILY', displayName: 'Maria (mother)' });
    cftRecord = await put(p, 'CHILD_WELFARE', 'ChildWelfareCftMeeting', {
      externalId: 'casey-cft-1',
      personExternalId: CASEY.ext,
      meetingDate: today,
      phase: 'SERVICE_PLANNING',
      facilitator: 'CFT facilitator',
    });
    // the plan: needs and strengths from the CANS, a goal, one action each for education and
    // behavioral health, and a safety item
    await addItem('attendance', {
      kind: 'NEED',
      domain: 'LIFE_FUNCTIONING',
      description: 'School attendance has dropped since the move',
    });
    await addItem('music', {
      kind: 'STRENGTH',
      domain: 'STRENGTHS',
      description: 'Plays guitar; a mentor at church',
    });
    await addItem('trauma', {
      kind: 'NEED',
      domain: 'TRAUMA',
      description: 'Trauma symptoms after the removal',
      sharing: 'AGENCY',
    });
    await addItem('goal', { kind: 'GOAL', description: 'Casey attends school every day' });
    await addItem('transport', {
      kind: 'ACTION',
      goalId: items.goal,
      owningAgency: 'EDUCATION',
      ownerMemberId: liaisonMember,
      dueOn: '2027-01-15',
      description: 'Arrange school transportation from the new placement (AB 490)',
    });
    await addItem('therapy', {
      kind: 'ACTION',
      goalId: items.goal,
      owningAgency: 'BEHAVIORAL_HEALTH',
      ownerMemberId: clinicianMember,
      dueOn: '2027-02-01',
      description: 'Weekly trauma-focused therapy',
      sharing: 'AGENCY',
    });
    await addItem('safety', {
      kind: 'SAFETY',
      description: 'Call the placement worker before any overnight visit',
    });
  }, 180_000);

  afterAll(() => p?.dispose());

  it('shows each agency the parts of the plan it may see, and the convener every part', async () => {
    const [convener] = await planAs(null);
    expect(namesOf(convener!.plan)).toEqual(
      ['attendance', 'goal', 'music', 'safety', 'therapy', 'transport', 'trauma'].sort(),
    );
    const [liaison] = await planAs(LIAISON);
    expect(namesOf(liaison!.plan)).toEqual(['attendance', 'goal', 'music', 'safety', 'transport']);
    const [clinician] = await planAs(CLINICIAN);
    expect(namesOf(clinician!.plan)).toEqual([
      'attendance',
      'goal',
      'music',
      'safety',
      'therapy',
      'transport',
    ]);
    // a colleague of the liaison who is not on the team sees no team and no plan
    expect(await planAs(OTHER_LIAISON)).toEqual([]);
    // another agency's member's read of the plan is a disclosure by child welfare: audited
    const rows = await p
      .owner('child-welfare')
      .query(
        `SELECT decision, rule, categories FROM audit_event WHERE actor = $1 AND rule = 'TEAM_PLAN_MEMBER'`,
        [LIAISON.sub],
      );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]).toMatchObject({ decision: 'PERMIT', categories: ['TEAM_PLAN'] });
  });

  it('refuses bad plan items with typed errors and keeps nothing of them', async () => {
    const before = (await planAs(null))[0]!.plan.length;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ kind: 'ACTION', description: 'x', dueOn: '2027-01-01' }, 'owningAgency'],
      [{ kind: 'SAFETY', description: 'x', sharing: 'AGENCY' }, 'sharing'],
      [{ kind: 'NEED', description: 'no domain' }, 'domain'],
      [{ kind: 'GOAL', description: ' ' }, 'description'],
      [{ kind: 'ACTION', owningAgency: 'EDUCATION', dueOn: '2027-13-01', description: 'x' }, 'dueOn'],
      [
        {
          kind: 'ACTION',
          owningAgency: 'EDUCATION',
          dueOn: '2027-01-01',
          description: 'x',
          goalId: items.music,
        },
        'goalId',
      ],
      [
        {
          kind: 'ACTION',
          owningAgency: 'PROBATION',
          dueOn: '2027-01-01',
          description: 'x',
          ownerMemberId: liaisonMember,
        },
        'ownerMemberId',
      ],
    ];
    for (const [item, field] of cases) {
      const res = await cw(
        `mutation($t: ID!, $i: TeamPlanItemInput!) { addChildWelfareTeamPlanItem(teamId: $t, item: $i) { id } }`,
        { t: teamId, i: item },
      );
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(res.body.errors[0].extensions.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await planAs(null))[0]!.plan.length).toBe(before);
    // only the convener's staff add to the plan
    const member = await p.gql(
      'EDUCATION',
      `mutation($t: ID!, $i: TeamPlanItemInput!) { addChildWelfareTeamPlanItem(teamId: $t, item: $i) { id } }`,
      { t: teamId, i: { kind: 'GOAL', description: 'mine' } },
      as(LIAISON),
    );
    expect(member.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('reviews the plan at two meetings and keeps each item’s history', async () => {
    const first = await recordMeeting({
      heldOn: today,
      attendeeIds: [clinicianMember, liaisonMember, youthMember],
      familyVoice: 'Casey wants to stay at Lincoln High with the band.',
      decisions: ['Keep Casey at the school of origin', 'Start therapy this month'],
      meetingRecordId: cftRecord,
      reviews: [
        { itemId: items.transport, status: 'IN_PROGRESS', note: 'Bus pass requested' },
        { itemId: items.therapy, status: 'IN_PROGRESS', note: 'Intake done' },
        { itemId: items.goal, note: 'Attendance 80% this month' },
      ],
    });
    expect(first.body.errors).toBeUndefined();
    const m1 = first.body.data.recordChildWelfareTeamMeeting;
    expect(m1).toMatchObject({ phase: 'SERVICE_PLANNING', meetingRecordId: cftRecord });
    expect(m1.attendees.map((a: { displayName: string }) => a.displayName).sort()).toEqual([
      'Casey',
      'Dr. Ana Ruiz',
      'Lee Park',
    ]);
    meetings.push(m1.id);
    await cw(
      `mutation($t: ID!) { setChildWelfareTeamPhase(teamId: $t, phase: MONITORING_ADAPTING) { phase } }`,
      {
        t: teamId,
      },
    );
    const second = await recordMeeting({
      heldOn: today,
      attendeeIds: [liaisonMember, youthMember],
      decisions: ['Transportation works; keep it through the semester'],
      reviews: [
        { itemId: items.transport, status: 'MET', note: 'Riding the bus daily' },
        { itemId: items.safety, status: 'IN_PROGRESS' },
      ],
    });
    expect(second.body.errors).toBeUndefined();
    meetings.push(second.body.data.recordChildWelfareTeamMeeting.id);

    const history = await cw(
      `query($id: ID!) { child(id: $id) { childWelfareTeams { plan(includeClosed: true) { id history {
        version status note meetingId changedBy } } } } }`,
      { id: casey },
    );
    const transport = history.body.data.child.childWelfareTeams[0].plan.find(
      (i: { id: string }) => i.id === items.transport,
    );
    expect(transport.history).toEqual([
      { version: 1, status: 'OPEN', note: null, meetingId: null, changedBy: 'cw-1' },
      {
        version: 2,
        status: 'IN_PROGRESS',
        note: 'Bus pass requested',
        meetingId: meetings[0],
        changedBy: 'cw-1',
      },
      { version: 3, status: 'MET', note: 'Riding the bus daily', meetingId: meetings[1], changedBy: 'cw-1' },
    ]);
    // a met item leaves the working plan, and stays in the full one
    const working = await cw(`query($id: ID!) { child(id: $id) { childWelfareTeams { plan { id } } } }`, {
      id: casey,
    });
    expect(working.body.data.child.childWelfareTeams[0].plan.map((i: { id: string }) => i.id)).not.toContain(
      items.transport,
    );

    // the meetings as each agency sees them: the liaison is not shown the review of therapy
    const asLiaison = await p.gql('EDUCATION', MEETINGS, { id: casey }, as(LIAISON));
    const [l1, l2] = asLiaison.body.data.child.childWelfareTeams[0].meetings;
    expect(l1).toMatchObject({
      phase: 'SERVICE_PLANNING',
      familyVoice: 'Casey wants to stay at Lincoln High with the band.',
      decisions: ['Keep Casey at the school of origin', 'Start therapy this month'],
    });
    expect(l1.reviews.map((r: { itemId: string }) => r.itemId).sort()).toEqual(
      [items.goal, items.transport].sort(),
    );
    expect(l2.phase).toBe('MONITORING_ADAPTING');
    const asConvener = await cw(MEETINGS, { id: casey });
    expect(asConvener.body.data.child.childWelfareTeams[0].meetings[0].reviews).toHaveLength(3);
  });

  it('records a meeting all or nothing, with the failing review named', async () => {
    const before = await meetingCount();
    const bad = await recordMeeting({
      heldOn: today,
      attendeeIds: [liaisonMember],
      reviews: [
        { itemId: items.goal, status: 'IN_PROGRESS' },
        { itemId: '00000000-0000-4000-8000-000000000000', status: 'MET' },
      ],
    });
    expect(bad.body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'reviews[1].itemId',
    });
    const future = await recordMeeting({ heldOn: '2999-01-01', attendeeIds: [liaisonMember] });
    expect(future.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'heldOn' });
    const stranger = await recordMeeting({
      heldOn: today,
      attendeeIds: [liaisonMember],
      meetingRecordId: '00000000-0000-4000-8000-000000000000',
    });
    expect(stranger.body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'meetingRecordId',
    });
    expect(await meetingCount()).toBe(before);
    // the goal's review of the refused meeting left no version behind
    const [goal] = await p
      .owner('child-welfare')
      .query('SELECT status, version FROM team_plan_item WHERE id = $1', [items.goal]);
    expect(goal).toEqual({ status: 'OPEN', version: 2 });
  });

  it('lets a member update the actions their own agency owns, and nothing else', async () => {
    // the clinician reports progress on therapy
    const own = await updateAs(CLINICIAN, items.therapy, {
      status: 'IN_PROGRESS',
      note: 'Four sessions held',
    });
    expect(own.body.data.updateChildWelfareTeamPlanItem).toMatchObject({ status: 'IN_PROGRESS', version: 3 });
    // the liaison may not see therapy (kept to behavioral health): as if it were not there
    const hidden = await updateAs(LIAISON, items.therapy, { status: 'MET' });
    const missing = await updateAs(LIAISON, '00000000-0000-4000-8000-000000000000', { status: 'MET' });
    expect(hidden.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(hidden.body.errors[0].message).toBe(missing.body.errors[0].message);
    // the goal is child welfare's to change; an owner changes only status and note
    expect((await updateAs(LIAISON, items.goal, { status: 'MET' })).body.errors[0].extensions.code).toBe(
      'FORBIDDEN',
    );
    const words = await updateAs(CLINICIAN, items.therapy, { description: 'Monthly therapy' });
    expect(words.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'description' });
    // someone not on the team learns nothing of the plan
    const outsider = await updateAs(OTHER_LIAISON, items.transport, { status: 'OPEN' });
    expect(outsider.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('lists the team’s sharing consent to its members, not to others', async () => {
    const q = `query($id: ID!) { child(id: $id) { consents { agency categories recipientTeams } } }`;
    const member = await p.gql('EDUCATION', q, { id: casey }, as(LIAISON));
    expect(member.body.data.child.consents).toEqual(
      expect.arrayContaining([
        { agency: 'BEHAVIORAL_HEALTH', categories: ['MENTAL_HEALTH'], recipientTeams: [teamId] },
      ]),
    );
    const other = await p.gql('EDUCATION', q, { id: casey }, as(OTHER_LIAISON));
    expect(
      other.body.data.child.consents.some((c: { agency: string }) => c.agency === 'BEHAVIORAL_HEALTH'),
    ).toBe(false);
  });

  it('tells the family, in Spanish, who on the team saw what and why', async () => {
    // the liaison reads behavioral health's mental health records under the team's consent
    await observe(p, 'BEHAVIORAL_HEALTH', casey, LIAISON);
    await cw(
      `mutation($id: ID!, $l: String!) { setFamilyLanguage(childId: $id, language: $l) { familyLanguage } }`,
      {
        id: casey,
        l: 'es',
      },
    );
    const res = await cw(
      `query($id: ID!) { child(id: $id) { disclosureReport { language disclosures {
        holder recipientAgency categories basis rule text } } } }`,
      { id: casey },
    );
    expect(res.body.errors).toBeUndefined();
    const report = res.body.data.child.disclosureReport;
    expect(report.language).toBe('es');
    const plan = report.disclosures.find(
      (d: { holder: string; categories: string[] }) =>
        d.holder === 'CHILD_WELFARE' && d.categories.includes('TEAM_PLAN'),
    );
    expect(plan).toMatchObject({ recipientAgency: 'EDUCATION', basis: 'TEAM', rule: 'TEAM_PLAN_MEMBER' });
    expect(plan.text).toContain('como miembro del Equipo de Niño y Familia');
    const records = report.disclosures.find(
      (d: { holder: string; rule: string }) => d.holder === 'BEHAVIORAL_HEALTH' && d.rule === 'TEAM_MEMBER',
    );
    expect(records).toMatchObject({ recipientAgency: 'EDUCATION', basis: 'CONSENT' });
    expect(records.text).toContain('con el consentimiento dado por');
  });

  it('announces each change of membership in the change’s own transaction (TEAM_MEMBERSHIP_CHANGED)', async () => {
    const outbox = () =>
      p
        .owner('child-welfare')
        .query(
          `SELECT type, record_kind, record_id, category FROM event_outbox WHERE type = 'TEAM_MEMBERSHIP_CHANGED' ORDER BY id`,
        );
    const before = (await outbox()).length;
    // the fixture's three members and Casey's mother were each announced
    expect(before).toBeGreaterThanOrEqual(4);
    const coach = await addMember(teamId, { kind: 'NATURAL_SUPPORT', displayName: 'Coach Rivera' });
    // a refused change announces nothing
    const twice = await cw(
      `mutation($t: ID!, $m: TeamMemberInput!) { addChildWelfareTeamMember(teamId: $t, member: $m) { id } }`,
      {
        t: teamId,
        m: {
          kind: 'PROFESSIONAL',
          agency: 'EDUCATION',
          subject: LIAISON.sub,
          role: 'FOSTER_CARE_LIAISON',
          displayName: 'Lee Park',
        },
      },
    );
    expect(twice.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'subject' });
    await cw(`mutation($m: ID!) { removeChildWelfareTeamMember(memberId: $m) { id } }`, { m: coach });
    const after = await outbox();
    expect(after.slice(before)).toEqual([
      { type: 'TEAM_MEMBERSHIP_CHANGED', record_kind: 'TEAM', record_id: teamId, category: 'CASE' },
      { type: 'TEAM_MEMBERSHIP_CHANGED', record_kind: 'TEAM', record_id: teamId, category: 'CASE' },
    ]);
  });

  it('closes the team: nothing changes after, and access by its membership ends on the next request', async () => {
    expect(Object.values((await observe(p, 'BEHAVIORAL_HEALTH', casey, LIAISON)).outcome).join('')).toBe(
      'VVH',
    );
    const blank = await cw(`mutation($t: ID!) { closeChildWelfareTeam(teamId: $t, reason: "  ") { id } }`, {
      t: teamId,
    });
    expect(blank.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const closed = await cw(
      `mutation($t: ID!) { closeChildWelfareTeam(teamId: $t, reason: "Reunified; services stepped down") {
        closedAt closedBy closingReason } }`,
      { t: teamId },
    );
    expect(closed.body.data.closeChildWelfareTeam).toMatchObject({
      closedAt: expect.any(String),
      closedBy: 'cw-1',
      closingReason: 'Reunified; services stepped down',
    });
    expect(Object.values((await observe(p, 'BEHAVIORAL_HEALTH', casey, LIAISON)).outcome).join('')).toBe(
      'RRH',
    );
    const after = await cw(
      `mutation($t: ID!, $i: TeamPlanItemInput!) { addChildWelfareTeamPlanItem(teamId: $t, item: $i) { id } }`,
      { t: teamId, i: { kind: 'GOAL', description: 'late' } },
    );
    expect(after.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'teamId' });
    const again = await updateAs(CLINICIAN, items.therapy, { status: 'MET' });
    expect(again.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'itemId' });
    const trail = await p
      .owner('child-welfare')
      .query(
        `SELECT decision FROM audit_event WHERE decision IN ('TEAM_PLAN_CHANGED', 'TEAM_MEETING_HELD', 'TEAM_CLOSED')`,
      );
    const counts = trail.reduce<Record<string, number>>(
      (n, r) => ({ ...n, [r.decision]: (n[r.decision] ?? 0) + 1 }),
      {},
    );
    expect(counts).toMatchObject({ TEAM_MEETING_HELD: 2, TEAM_CLOSED: 1 });
    expect(counts.TEAM_PLAN_CHANGED).toBeGreaterThanOrEqual(7);
  });
});
