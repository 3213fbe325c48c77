import type { TestPlatform } from './helpers';
import { CASEY, childIdOf, observe, SAM, SRC } from './consentFixture';
import { bhStaff, LIAISON, OTHER_LIAISON, startTeamWorld, TEAM_FIELDS, type TeamWorld } from './teamFixture';

/*
 * Access by team membership, through the gateway on the real platform (teamFixture.ts): the
 * liaison sees behavioral health's mental health records while a member of child welfare's team,
 * and not the next request after leaving it.
 */
describe('access by Child and Family Team membership', () => {
  let p: TestPlatform;
  let casey: string;
  let teamId: string;
  let liaisonMember: string;
  let consentId: string;
  let cw: TeamWorld['cw'];
  let addMember: TeamWorld['addMember'];
  let formTeam: TeamWorld['formTeam'];
  let recordConsent: TeamWorld['recordConsent'];
  let teamConsent: TeamWorld['teamConsent'];

  beforeAll(async () => {
    ({ p, casey, teamId, liaisonMember, consentId, cw, addMember, formTeam, recordConsent, teamConsent } =
      await startTeamWorld());
  }, 180_000);

  afterAll(() => p?.dispose());

  it('a current member sees what the agreement shares, and nothing outside it', async () => {
    // IDENTITY MENTAL_HEALTH SUD: substance use is not in the agreement (and may not be: Part 2)
    const { outcome, section } = await observe(p, 'BEHAVIORAL_HEALTH', casey, LIAISON);
    expect(Object.values(outcome).join('')).toBe('VVH');
    expect(JSON.stringify(section)).not.toContain('SUD_OUTPATIENT');
  });

  it('a colleague of the same agency and role who is not on the team sees Restricted', async () => {
    const { outcome } = await observe(p, 'BEHAVIORAL_HEALTH', casey, OTHER_LIAISON);
    expect(Object.values(outcome).join('')).toBe('RRH');
  });

  it('audits the decision as TEAM_MEMBER with the consent that made it', async () => {
    await observe(p, 'BEHAVIORAL_HEALTH', casey, LIAISON);
    const rows = await p
      .owner('behavioral-health')
      .query(
        `SELECT decision, rule, consent_id, categories FROM audit_event WHERE actor = $1 AND rule = 'TEAM_MEMBER'`,
        [LIAISON.sub],
      );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r).toMatchObject({ decision: 'PERMIT', consent_id: consentId });
    expect(rows.flatMap((r) => r.categories)).toEqual(expect.arrayContaining(['MENTAL_HEALTH']));
    expect(rows.flatMap((r) => r.categories)).not.toContain('SUD');
  });

  it('shows the team to the convener and to its members, not to others', async () => {
    const q = `{ childWelfareTeams(sourceSystem: "${SRC}", personExternalId: "${CASEY.ext}") { ${TEAM_FIELDS} } }`;
    const asMember = await p.gql('EDUCATION', q, {}, LIAISON as never);
    expect(asMember.body.data.childWelfareTeams).toHaveLength(1);
    expect(
      asMember.body.data.childWelfareTeams[0].members.map((m: { displayName: string }) => m.displayName),
    ).toEqual(['Dr. Ana Ruiz', 'Lee Park', 'Casey']);
    const asOther = await p.gql('EDUCATION', q, {}, OTHER_LIAISON as never);
    expect(asOther.body.data.childWelfareTeams).toEqual([]);
    const byChild = `query($id: ID!) { child(id: $id) { childWelfareTeams { id phase lead { displayName } } } }`;
    const member = await p.gql('EDUCATION', byChild, { id: casey }, LIAISON as never);
    expect(member.body.data.child.childWelfareTeams).toEqual([
      { id: teamId, phase: 'SERVICE_PLANNING', lead: { displayName: 'Dr. Ana Ruiz' } },
    ]);
    const other = await p.gql('EDUCATION', byChild, { id: casey }, OTHER_LIAISON as never);
    expect(other.body.data.child.childWelfareTeams).toEqual([]);
  });

  it('only the convener’s staff run the team; bad input is a typed error', async () => {
    const forbidden = await p.gql(
      'BEHAVIORAL_HEALTH',
      `mutation($t: ID!) { setChildWelfareTeamPhase(teamId: $t, phase: TRANSITION) { phase } }`,
      { t: teamId },
      bhStaff,
    );
    expect(forbidden.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const noSubject = await cw(
      `mutation($t: ID!, $m: TeamMemberInput!) { addChildWelfareTeamMember(teamId: $t, member: $m) { id } }`,
      { t: teamId, m: { kind: 'PROFESSIONAL', agency: 'EDUCATION', role: 'EDUCATOR', displayName: 'X' } },
    );
    expect(noSubject.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'subject' });
    const badId = await cw(`mutation { removeChildWelfareTeamMember(memberId: "nope") { id } }`);
    expect(badId.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'memberId' });
  });

  it('a Part 2 category cannot go to a team (42 CFR 2.31), and a DV survivor’s records never leave housing', async () => {
    const part2 = await recordConsent(
      'BEHAVIORAL_HEALTH',
      'BehavioralHealth',
      teamConsent(CASEY.ext, ['SUD']),
    );
    expect(part2.body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'recipientTeams',
    });
    // Sam is a DV survivor in housing (VAWA): a team consent is refused, and a team member sees nothing
    const samTeam = await formTeam(SAM.ext);
    await addMember(samTeam.id, {
      kind: 'PROFESSIONAL',
      agency: 'EDUCATION',
      subject: LIAISON.sub,
      role: 'FOSTER_CARE_LIAISON',
      displayName: 'Lee Park',
    });
    const vawa = await recordConsent('HOUSING', 'Housing', {
      ...teamConsent(SAM.ext, ['HMIS']),
      recipientTeams: [samTeam.id],
    });
    expect(vawa.body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'personExternalId',
    });
    const sam = await childIdOf(p, SAM);
    const { outcome } = await observe(p, 'HOUSING', sam, LIAISON);
    expect(Object.values(outcome).join('')).toBe('HH');
  });

  it('leaving the team ends access on the very next request', async () => {
    expect(Object.values((await observe(p, 'BEHAVIORAL_HEALTH', casey, LIAISON)).outcome).join('')).toBe(
      'VVH',
    );
    const removed = await cw(
      `mutation($m: ID!) { removeChildWelfareTeamMember(memberId: $m) { id leftAt } }`,
      {
        m: liaisonMember,
      },
    );
    expect(removed.body.data.removeChildWelfareTeamMember.leftAt).toEqual(expect.any(String));
    expect(Object.values((await observe(p, 'BEHAVIORAL_HEALTH', casey, LIAISON)).outcome).join('')).toBe(
      'RRH',
    );
    const [last] = await p
      .owner('behavioral-health')
      .query(
        `SELECT decision, rule FROM audit_event WHERE actor = $1 AND 'MENTAL_HEALTH' = ANY(categories) ORDER BY id DESC LIMIT 1`,
        [LIAISON.sub],
      );
    expect(last).toMatchObject({ decision: 'DENY', rule: 'NO_CONSENT' });
    // the convener's trail has every change to the team
    const changes = await p
      .owner('child-welfare')
      .query(`SELECT decision FROM audit_event WHERE decision LIKE 'TEAM_%' ORDER BY id`);
    expect(changes.map((r) => r.decision)).toEqual(
      expect.arrayContaining([
        'TEAM_FORMED',
        'TEAM_MEMBER_ADDED',
        'TEAM_LEAD_SET',
        'TEAM_PHASE_SET',
        'TEAM_MEMBER_REMOVED',
      ]),
    );
  });
});
