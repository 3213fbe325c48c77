import { teamRecipientErrors } from '../src/access/consentTables';
import { decide, type AgencyPolicy, type ConsentGrant } from '../src/access/policy';
import type { ViewerClaims } from '../src/auth/claims';

/** A holder with a category a team consent may open, one whose consent must name its recipient
 *  (42 CFR Part 2) and one no consent opens (VAWA-like). */
const policy: AgencyPolicy = {
  agency: 'BEHAVIORAL_HEALTH',
  categories: [
    {
      category: 'IDENTITY',
      description: '',
      allow: [],
      consent: { grantors: ['YOUTH'] },
      revealExistence: true,
      howToGetAccess: 'x',
    },
    {
      category: 'MENTAL_HEALTH',
      description: '',
      allow: [],
      consent: { grantors: ['YOUTH', 'PARENT_GUARDIAN'], fields: { CARE_COORDINATION: { T: ['a'] } } },
      revealExistence: true,
      howToGetAccess: 'ask',
    },
    {
      category: 'SUD',
      description: '',
      allow: [],
      consent: { grantors: ['YOUTH'], mustNameRecipient: true },
      revealExistence: false,
      howToGetAccess: 'ask',
    },
    {
      category: 'NEVER',
      description: '',
      allow: [],
      revealExistence: false,
      howToGetAccess: 'none',
    },
  ],
};
const cat = (c: string) => policy.categories.find((p) => p.category === c)!;
const TEAM = '6f1c1c4e-7d55-4c8e-9b0e-0b8a5b7f2a11';
const OTHER_TEAM = '0a4e6b2c-1f3d-4e5a-8b7c-9d0e1f2a3b4c';
const liaison: ViewerClaims = {
  sub: 'liaison-1',
  agency: 'EDUCATION',
  roles: ['FOSTER_CARE_LIAISON'],
  purposeOfUse: 'CARE_COORDINATION',
};
const teamConsent = (over: Partial<ConsentGrant> = {}): ConsentGrant => ({
  id: 'team-consent',
  personId: 'p',
  grantorType: 'YOUTH',
  categories: ['MENTAL_HEALTH'],
  recipientAgencies: [],
  recipientRoles: [],
  recipientTeams: [TEAM],
  purposes: ['CARE_COORDINATION'],
  periodStart: '2020-01-01',
  periodEnd: null,
  status: 'ACTIVE',
  ...over,
});
const TODAY = '2026-12-07';
const member = { teamMemberships: [TEAM] };

describe('TEAM_MEMBER (policy engine)', () => {
  it.each([
    ['a current member of the named team', [teamConsent()], member, 'TEAM_MEMBER'],
    ['not a member (no lent membership)', [teamConsent()], {}, 'NO_CONSENT'],
    ['a member of another team only', [teamConsent()], { teamMemberships: [OTHER_TEAM] }, 'NO_CONSENT'],
    ['a revoked team consent', [teamConsent({ status: 'REVOKED' })], member, 'NO_CONSENT'],
    ['an expired team consent', [teamConsent({ periodEnd: '2025-01-01' })], member, 'NO_CONSENT'],
    ['another purpose', [teamConsent({ purposes: ['TREATMENT'] })], member, 'NO_CONSENT'],
    [
      'a grantor the category does not accept',
      [teamConsent({ grantorType: 'COURT_ORDER' })],
      member,
      'NO_CONSENT',
    ],
    ['a consent without teams', [teamConsent({ recipientTeams: [] })], member, 'NO_CONSENT'],
  ])('%s', (_, consents, facts, rule) => {
    const d = decide(policy, cat('MENTAL_HEALTH'), liaison, consents, facts, TODAY);
    expect(d.rule).toBe(rule);
    expect(d.permit).toBe(rule === 'TEAM_MEMBER');
  });

  it('names the consent that decided, and discloses only the fields its purpose may see', () => {
    const d = decide(policy, cat('MENTAL_HEALTH'), liaison, [teamConsent()], member, TODAY);
    expect(d).toMatchObject({
      permit: true,
      rule: 'TEAM_MEMBER',
      consentId: 'team-consent',
      fields: { T: ['a'] },
    });
  });

  it('opens only the categories the agreement names', () => {
    expect(decide(policy, cat('IDENTITY'), liaison, [teamConsent()], member, TODAY).permit).toBe(false);
  });

  it('never opens a category whose consent must name its recipient (42 CFR 2.31), nor one no consent opens', () => {
    const all = teamConsent({ categories: ['SUD', 'NEVER'] });
    expect(decide(policy, cat('SUD'), liaison, [all], member, TODAY)).toMatchObject({
      permit: false,
      rule: 'NO_CONSENT',
    });
    expect(decide(policy, cat('NEVER'), liaison, [all], member, TODAY)).toMatchObject({
      permit: false,
      rule: 'NO_CONSENT',
    });
  });

  it('an agency consent still decides first (rule CONSENT), and analytics never sees a child', () => {
    const agency = teamConsent({
      id: 'agency-consent',
      recipientAgencies: ['EDUCATION'],
      recipientTeams: [],
    });
    expect(
      decide(policy, cat('MENTAL_HEALTH'), liaison, [teamConsent(), agency], member, TODAY),
    ).toMatchObject({
      rule: 'CONSENT',
      consentId: 'agency-consent',
    });
    const analyst = { ...liaison, purposeOfUse: 'ANALYTICS' as const };
    expect(decide(policy, cat('MENTAL_HEALTH'), analyst, [teamConsent()], member, TODAY).permit).toBe(false);
  });
});

describe(teamRecipientErrors.name, () => {
  const known = new Map(policy.categories.map((p) => [p.category, p]));
  it('takes a team instead of an agency, refuses neither, a malformed team id, and a team for Part 2', () => {
    expect(
      teamRecipientErrors(
        { recipientAgencies: [], recipientTeams: [TEAM], categories: ['MENTAL_HEALTH'] },
        known,
      ),
    ).toEqual([]);
    expect(
      teamRecipientErrors(
        { recipientAgencies: [], recipientTeams: [], categories: ['MENTAL_HEALTH'] },
        known,
      ),
    ).toMatchObject([{ field: 'recipientAgencies', code: 'REQUIRED' }]);
    expect(
      teamRecipientErrors(
        { recipientAgencies: [], recipientTeams: ['x'], categories: ['MENTAL_HEALTH'] },
        known,
      ),
    ).toMatchObject([{ field: 'recipientTeams', code: 'INVALID_FORMAT' }]);
    expect(
      teamRecipientErrors({ recipientAgencies: [], recipientTeams: [TEAM], categories: ['SUD'] }, known),
    ).toMatchObject([{ field: 'recipientTeams', code: 'OUT_OF_RANGE' }]);
  });
  it('takes at most 20 teams', () => {
    const teams = (n: number) => Array.from({ length: n }, () => TEAM);
    expect(
      teamRecipientErrors(
        { recipientAgencies: [], recipientTeams: teams(20), categories: ['MENTAL_HEALTH'] },
        known,
      ),
    ).toEqual([]);
    expect(
      teamRecipientErrors(
        { recipientAgencies: [], recipientTeams: teams(21), categories: ['MENTAL_HEALTH'] },
        known,
      ),
    ).toMatchObject([{ field: 'recipientTeams', code: 'OUT_OF_RANGE' }]);
  });
});
