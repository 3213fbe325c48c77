import type { AgencyCode, PurposeOfUse, Role } from '@wholechild/shared';
import { newConsent } from '@wholechild/shared/testing';
import { startTestPlatform, type TestPlatform } from './helpers';
import { CASEY, childIdOf, seedFixture, SRC, type Viewer } from './consentFixture';

/*
 * Access by team membership, through the gateway on the real platform: child welfare convenes a
 * Child and Family Team for Casey with a behavioral health clinician and an education liaison;
 * behavioral health records a team-sharing consent (the youth's) for mental health (the tests:
 * teamAccess.test.ts, teamMembership.test.ts).
 */
export const caseworker = {
  roles: ['CASEWORKER' as Role],
  purposeOfUse: 'CASE_PLANNING' as PurposeOfUse,
  sub: 'cw-1',
};
export const bhStaff = {
  roles: ['CLINICIAN' as Role],
  purposeOfUse: 'TREATMENT' as PurposeOfUse,
  sub: 'bh-1',
};
export const LIAISON: Viewer = {
  agency: 'EDUCATION',
  roles: ['FOSTER_CARE_LIAISON'],
  purposeOfUse: 'CARE_COORDINATION',
  sub: 'edu-liaison-1',
};
/** Same agency, role and purpose as the liaison: not on the team. */
export const OTHER_LIAISON: Viewer = { ...LIAISON, sub: 'edu-liaison-2' };

/** A teacher on probation's team for Casey. */
export const teacher: Viewer = {
  agency: 'EDUCATION',
  roles: ['EDUCATOR'],
  purposeOfUse: 'CARE_COORDINATION',
  sub: 'teacher-1',
};

export const TEAM_FIELDS =
  'id convener recordId phase lead { id displayName } members { id kind agency subject role displayName leftAt }';

/** The platform with Casey's child welfare team formed and behavioral health's team consent. */
export async function startTeamWorld() {
  const p: TestPlatform = await startTestPlatform();
  let teamId = '';
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

  await seedFixture(p);
  const casey = await childIdOf(p, CASEY);
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
  const liaisonMember = await addMember(teamId, {
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
  const consentId = consent.body.data.recordBehavioralHealthConsent.id;
  return { p, casey, teamId, liaisonMember, consentId, cw, addMember, formTeam, recordConsent, teamConsent };
}
export type TeamWorld = Awaited<ReturnType<typeof startTeamWorld>>;
