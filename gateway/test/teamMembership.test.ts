import net from 'node:net';
import request from 'supertest';
import {
  GATEWAY_CREDENTIAL_HEADER,
  gatewayCredential,
  type PurposeOfUse,
  type Role,
  type SubgraphName,
} from '@wholechild/shared';
import { tokenFor } from '@wholechild/shared/testing';
import type { TestPlatform } from './helpers';
import { CASEY, observe, SRC, type Viewer } from './consentFixture';
import { LIAISON, OTHER_LIAISON, startTeamWorld, teacher, type TeamWorld } from './teamFixture';

/*
 * A holder asks the conveners (child welfare, probation) of the viewer's team memberships at
 * decision time, with the viewer's own token (POST /team-memberships): probation's teams count
 * too, and a convener down or hung is no membership while every other section still answers.
 */
describe('team membership asked of the conveners', () => {
  let p: TestPlatform;
  let casey: string;
  let teamId: string;
  let recordConsent: TeamWorld['recordConsent'];
  let teamConsent: TeamWorld['teamConsent'];

  beforeAll(async () => {
    ({ p, casey, teamId, recordConsent, teamConsent } = await startTeamWorld());
  }, 180_000);

  afterAll(() => p?.dispose());

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
    expect((await ask(member)).body.data.teams).toEqual([teamId]);
    expect(Object.values((await ask(member)).body.data.byRecord).flat()).toEqual([teamId]);
    expect((await ask(other)).body.data).toEqual({
      teams: [],
      byRecord: Object.fromEntries(caseyRecords.map((r) => [r, []])),
    });
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
      // the sections of the four other holders answer as before, child welfare's teams or not;
      // education's too, though it @requires child welfare's lent open-case fact (its liaison
      // rule): with the lender down the fact is unproven, and the teacher's own section answers
      for (const key of ['behavioralHealth', 'probation', 'housing', 'education'])
        expect(child[key]).toEqual(before.body.data.child[key]);
      expect(child.education).not.toBeNull();
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
});
