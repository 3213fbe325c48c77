import net from 'node:net';
import request from 'supertest';
import {
  GATEWAY_CREDENTIAL_HEADER,
  gatewayCredential,
  type AgencyCode,
  type PurposeOfUse,
  type Role,
  type SubgraphName,
} from '@wholechild/shared';
import { newConsent, tokenFor } from '@wholechild/shared/testing';
import { startTestPlatform, type TestPlatform } from './helpers';
import { CASEY, childIdOf, observe, SAM, seedFixture, SRC, type Viewer } from './consentFixture';

/*
 * Access by team membership, through the gateway on the real platform: child welfare convenes a
 * Child and Family Team for Casey with a behavioral health clinician and an education liaison;
 * behavioral health records a team-sharing consent (the youth's) for mental health; the
 * liaison sees it while a member, and not the next request after leaving the team.
 */
const caseworker = {
  roles: ['CASEWORKER' as Role],
  purposeOfUse: 'CASE_PLANNING' as PurposeOfUse,
  sub: 'cw-1',
};
const bhStaff = { roles: ['CLINICIAN' as Role], purposeOfUse: 'TREATMENT' as PurposeOfUse, sub: 'bh-1' };
const LIAISON: Viewer = {
  agency: 'EDUCATION',
  roles: ['FOSTER_CARE_LIAISON'],
  purposeOfUse: 'CARE_COORDINATION',
  sub: 'edu-liaison-1',
};
/** Same agency, role and purpose as the liaison: not on the team. */
const OTHER_LIAISON: Viewer = { ...LIAISON, sub: 'edu-liaison-2' };

/** A teacher on probation's team for Casey. */
const teacher: Viewer = {
  agency: 'EDUCATION',
  roles: ['EDUCATOR'],
  purposeOfUse: 'CARE_COORDINATION',
  sub: 'teacher-1',
};

const TEAM_FIELDS =
  'id convener recordId phase lead { id displayName } members { id kind agency subject role displayName leftAt }';

describe('access by Child and Family Team membership', () => {
  let p: TestPlatform;
  let casey: string;
  let teamId: string;
  let liaisonMember: string;
  let consentId: string;

  const cw = (query: string, variables?: Record<string, unknown>, opts = caseworker) =>
    p.gql('CHILD_WELFARE', query, variables, opts);
  const addMember = async (team: string, member: Record<string, unknown>) => {
    const res = await cw(
      `mutation($t: ID!, $m: TeamMemberInput!) { addChildWelfareTeamMember(teamId: $t, member: $m) { id kind leftAt } }`,
      { t: team, m: member },
    );
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data.addChildWelfareTeamMember.id as string;
  };
  const formTeam = async (personExternalId: string) => {
    const res = await cw(`mutation($t: TeamInput!) { formChildWelfareTeam(team: $t) { ${TEAM_FIELDS} } }`, {
      t: { sourceSystem: SRC, personExternalId },
    });
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data.formChildWelfareTeam;
  };
  const recordConsent = (holder: AgencyCode, prefix: string, consent: object) =>
    p.gql(
      holder,
      `mutation($c: ConsentInput!) { record${prefix}Consent(consent: $c) { id recipientTeams } }`,
      {
        c: consent,
      },
      { roles: [holder === 'HOUSING' ? 'HOUSING_NAVIGATOR' : 'CASEWORKER'], purposeOfUse: 'OPERATIONS' },
    );
  const teamConsent = (personExternalId: string, categories: string[], grantorType = 'YOUTH') =>
    newConsent({
      sourceSystem: SRC,
      personExternalId,
      grantorType,
      categories,
      recipientAgencies: [],
      recipientTeams: [teamId],
      purposes: ['CARE_COORDINATION', 'TREATMENT'],
    });

  beforeAll(async () => {
    p = await startTestPlatform();
    await seedFixture(p);
    casey = await childIdOf(p, CASEY);
    const team = await formTeam(CASEY.ext);
    teamId = team.id;
    expect(team).toMatchObject({ convener: 'CHILD_WELFARE', phase: 'ENGAGEMENT', members: [], lead: null });
    const clinician = await addMember(teamId, {
      kind: 'PROFESSIONAL',
      agency: 'BEHAVIORAL_HEALTH',
      subject: 'bh-clinician-1',
      role: 'CLINICIAN',
      displayName: 'Dr. Ana Ruiz',
    });
    liaisonMember = await addMember(teamId, {
      kind: 'PROFESSIONAL',
      agency: 'EDUCATION',
      subject: LIAISON.sub,
      role: 'FOSTER_CARE_LIAISON',
      displayName: 'Lee Park',
    });
    await addMember(teamId, { kind: 'YOUTH', displayName: 'Casey' });
    const lead = await cw(
      `mutation($t: ID!, $m: ID!) { setChildWelfareTeamLead(teamId: $t, memberId: $m) { lead { id } } }`,
      {
        t: teamId,
        m: clinician,
      },
    );
    expect(lead.body.data.setChildWelfareTeamLead.lead.id).toBe(clinician);
    const phase = await cw(
      `mutation($t: ID!) { setChildWelfareTeamPhase(teamId: $t, phase: SERVICE_PLANNING) { phase } }`,
      {
        t: teamId,
      },
    );
    expect(phase.body.data.setChildWelfareTeamPhase.phase).toBe('SERVICE_PLANNING');
    const consent = await recordConsent(
      'BEHAVIORAL_HEALTH',
      'BehavioralHealth',
      teamConsent(CASEY.ext, ['MENTAL_HEALTH']),
    );
    expect(consent.body.errors).toBeUndefined();
    expect(consent.body.data.recordBehavioralHealthConsent.recipientTeams).toEqual([teamId]);
    consentId = consent.body.data.recordBehavioralHealthConsent.id;
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

  it('a membership is the convener’s answer to the viewer’s own token, never the caller’s claim', async () => {
    const tokenOf = (v: Viewer) =>
      tokenFor(v.agency, { roles: v.roles, purposeOfUse: v.purposeOfUse, sub: v.sub }, p.config);
    // straight to a subgraph with the gateway's credential, as a forged `_entities` call would be
    const direct = (name: SubgraphName, token: string, fields: string, rep: object) => {
      const url = new URL(p.subgraphUrls[name]!);
      return request(url.origin)
        .post(url.pathname)
        .set('authorization', `Bearer ${token}`)
        .set(GATEWAY_CREDENTIAL_HEADER, gatewayCredential(p.config, name))
        .send({
          query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Child { ${fields} } } }`,
          variables: { r: [{ __typename: 'Child', id: casey, ...rep }] },
        })
        .then((res) => res.body.data._entities[0]);
    };
    const links = (token: string) =>
      direct('child-index', token, 'recordLinksSeal recordLinks { agency recordId status }', {});
    const member = tokenOf(LIAISON);
    const other = tokenOf(OTHER_LIAISON);
    // the convener's route, asked with a token: it answers of that viewer's teams alone
    const caseyRecords = ((await links(member)).recordLinks as Array<{ agency: string; recordId: string }>)
      .filter((l) => l.agency === 'CHILD_WELFARE')
      .map((l) => l.recordId);
    const cwOrigin = new URL(p.subgraphUrls['child-welfare']!).origin;
    const ask = (token?: string, records = caseyRecords.join(',')) => {
      const req = request(cwOrigin).post(`/team-memberships?records=${records}`);
      return token ? req.set('authorization', `Bearer ${token}`) : req;
    };
    expect((await ask(member)).body).toEqual({ data: { teams: [teamId] } });
    expect((await ask(other)).body).toEqual({ data: { teams: [] } });
    expect((await ask()).status).toBe(401);
    expect((await ask('not-a-token')).status).toBe(401);
    expect((await ask(member, 'nope')).status).toBe(400);
    // an analyst is no team member: refused, and the refusal is in the convener's trail
    const analyst = tokenFor(
      'EDUCATION',
      { roles: ['ANALYST'], purposeOfUse: 'ANALYTICS', sub: 'edu-analyst-1' },
      p.config,
    );
    expect((await ask(analyst)).status).toBe(403);
    const refused = await p
      .owner('child-welfare')
      .query(`SELECT decision, rule FROM audit_event WHERE actor = 'edu-analyst-1'`);
    expect(refused).toEqual([{ decision: 'DENY', rule: 'FORBIDDEN_TEAM-MEMBERSHIPS' }]);
    // the holder asks with the viewer's token: a member sees, a colleague claiming the membership
    // in the representation (the old lent field and its seal) does not
    const section = async (token: string, claim: object) =>
      (
        await direct('behavioral-health', token, 'behavioralHealth { __typename }', {
          ...(await links(token)),
          ...claim,
        })
      ).behavioralHealth.__typename;
    expect(await section(member, {})).toBe('BehavioralHealthSection');
    expect(
      await section(other, {
        childWelfareTeamMemberships: [teamId],
        childWelfareTeamMembershipsSeal: 'forged',
        teamMemberships: [teamId],
      }),
    ).toBe('Restricted');
  });

  it('a convener’s own records follow the same rule; probation convenes teams too', async () => {
    // child welfare shares allegations with its own team: the liaison (whose school-stability role
    // opens case, placement and safety only) sees them as a member
    const before = (await observe(p, 'CHILD_WELFARE', casey, LIAISON)).outcome;
    expect(Object.values(before).join('')).toBe('VVVVRR');
    const own = await recordConsent('CHILD_WELFARE', 'ChildWelfare', {
      ...teamConsent(CASEY.ext, ['ALLEGATION'], 'PARENT_GUARDIAN'),
    });
    expect(own.body.errors).toBeUndefined();
    expect(Object.values((await observe(p, 'CHILD_WELFARE', casey, LIAISON)).outcome).join('')).toBe(
      'VVVVVR',
    );
    expect(Object.values((await observe(p, 'CHILD_WELFARE', casey, OTHER_LIAISON)).outcome).join('')).toBe(
      'VVVVRR',
    );
    // probation convenes its own team with a teacher; child welfare shares the case with that team
    const officer = { roles: ['PROBATION_OFFICER' as Role], purposeOfUse: 'CASE_PLANNING' as PurposeOfUse };
    const formed = await p.gql(
      'PROBATION',
      `mutation($t: TeamInput!) { formProbationTeam(team: $t) { id convener } }`,
      { t: { sourceSystem: SRC, personExternalId: CASEY.ext } },
      officer,
    );
    const probationTeam = formed.body.data.formProbationTeam;
    expect(probationTeam.convener).toBe('PROBATION');
    const added = await p.gql(
      'PROBATION',
      `mutation($t: ID!, $m: TeamMemberInput!) { addProbationTeamMember(teamId: $t, member: $m) { id } }`,
      {
        t: probationTeam.id,
        m: {
          kind: 'PROFESSIONAL',
          agency: 'EDUCATION',
          subject: teacher.sub,
          role: 'EDUCATOR',
          displayName: 'Ms. Vo',
        },
      },
      officer,
    );
    expect(added.body.errors).toBeUndefined();
    const teams = await p.gql(
      'EDUCATION',
      `query($id: ID!) { child(id: $id) { probationTeams { id convener members { displayName } } } }`,
      { id: casey },
      teacher as never,
    );
    expect(teams.body.data.child.probationTeams).toEqual([
      { id: probationTeam.id, convener: 'PROBATION', members: [{ displayName: 'Ms. Vo' }] },
    ]);
    expect(Object.values((await observe(p, 'CHILD_WELFARE', casey, teacher)).outcome).join('')).toBe(
      'RRRRRR',
    );
    const shared = await recordConsent('CHILD_WELFARE', 'ChildWelfare', {
      ...teamConsent(CASEY.ext, ['CASE'], 'PARENT_GUARDIAN'),
      recipientTeams: [probationTeam.id],
    });
    expect(shared.body.errors).toBeUndefined();
    expect(Object.values((await observe(p, 'CHILD_WELFARE', casey, teacher)).outcome).join('')).toBe(
      'VVRRRR',
    );
    // and behavioral health shares mental health with probation's team (a youth's consent)
    const bh = await recordConsent('BEHAVIORAL_HEALTH', 'BehavioralHealth', {
      ...teamConsent(CASEY.ext, ['MENTAL_HEALTH']),
      recipientTeams: [probationTeam.id],
    });
    expect(bh.body.errors).toBeUndefined();
    expect(Object.values((await observe(p, 'BEHAVIORAL_HEALTH', casey, teacher)).outcome).join('')).toBe(
      'VVH',
    );
  });

  it('with child welfare stopped, every other section still answers and probation’s team still counts', async () => {
    const all = `query($id: ID!) { child(id: $id) { childWelfare { __typename } behavioralHealth { __typename } probation { __typename } education { __typename } housing { __typename } } }`;
    const before = await p.gql('EDUCATION', all, { id: casey }, teacher as never);
    expect(before.body.errors).toBeUndefined();
    expect(before.body.data.child.childWelfare).not.toBeNull();
    await p.stopSubgraph('child-welfare');
    try {
      const res = await p.gql('EDUCATION', all, { id: casey }, teacher as never);
      const child = res.body.data.child;
      expect(child.childWelfare).toBeNull();
      // only child welfare's parts are missing: its section, and what it lends (its open case)
      expect(res.body.errors.map((e: { path: string[] }) => e.path.join('.')).sort()).toEqual([
        'child.childWelfare',
        'child.childWelfareOpenCase',
        'child.childWelfareOpenCaseSeal',
      ]);
      for (const e of res.body.errors)
        expect(e.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', agency: 'CHILD_WELFARE' });
      // the sections of the four other holders answer as before, child welfare's teams or not
      for (const key of ['behavioralHealth', 'probation', 'housing'])
        expect(child[key]).toEqual(before.body.data.child[key]);
      // education still @requires child welfare's lent open-case fact (its liaison rule, as on main):
      // with its lender down the gateway skips the section; a known gap, not a team membership's
      expect(before.body.data.child.education).not.toBeNull();
      expect(child.education).toBeNull();
      expect(child.behavioralHealth.__typename).toBe('BehavioralHealthSection');
      // the teacher's membership comes from probation, which is up: mental health is still shared
      expect(Object.values((await observe(p, 'BEHAVIORAL_HEALTH', casey, teacher)).outcome).join('')).toBe(
        'VVH',
      );
      // the liaison's comes from child welfare, which is down: no membership (fail closed)
      expect(Object.values((await observe(p, 'BEHAVIORAL_HEALTH', casey, LIAISON)).outcome).join('')).toBe(
        'RRH',
      );
    } finally {
      await p.restartSubgraph('child-welfare');
    }
  });

  it('over HTTP the holder asks the convener too; a hung convener is no membership within a second', async () => {
    const bh = p.agencies.BEHAVIORAL_HEALTH!;
    const sockets = new Set<net.Socket>();
    const hung = net.createServer((c) => {
      sockets.add(c);
      c.on('close', () => sockets.delete(c));
    });
    await new Promise<void>((r) => hung.listen(0, '127.0.0.1', r));
    const port = (hung.address() as net.AddressInfo).port;
    try {
      // over loopback HTTP (no in-process listener): the liaison's membership is asked and counts
      bh.setSubgraphUrls(p.subgraphUrls, {});
      expect(Object.values((await observe(p, 'BEHAVIORAL_HEALTH', casey, LIAISON)).outcome).join('')).toBe(
        'VVH',
      );
      // a convener that accepts and never answers: the section answers, without the membership
      bh.setSubgraphUrls({ 'child-welfare': `http://127.0.0.1:${port}/graphql` }, {});
      const started = Date.now();
      expect(Object.values((await observe(p, 'BEHAVIORAL_HEALTH', casey, LIAISON)).outcome).join('')).toBe(
        'RRH',
      );
      expect(Date.now() - started).toBeLessThan(3000);
      expect(sockets.size).toBeGreaterThan(0);
    } finally {
      bh.setSubgraphUrls(p.subgraphUrls, {});
      for (const c of sockets) c.destroy();
      await new Promise((r) => hung.close(r));
    }
    expect(Object.values((await observe(p, 'BEHAVIORAL_HEALTH', casey, LIAISON)).outcome).join('')).toBe(
      'VVH',
    );
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
