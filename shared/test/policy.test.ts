import { consentInForce, decide, type AgencyPolicy, type ConsentGrant } from '../src/access/policy';
import type { ViewerClaims } from '../src/auth/claims';

const policy: AgencyPolicy = {
  agency: 'EDUCATION',
  categories: [
    {
      category: 'IDENTITY',
      description: '',
      allow: [],
      consent: { grantors: ['PARENT_GUARDIAN'] },
      revealExistence: true,
      howToGetAccess: 'x',
    },
    {
      category: 'RECORD',
      description: '',
      allow: [
        {
          rule: 'USA',
          basis: '',
          agencies: ['CHILD_WELFARE'],
          purposes: ['CASE_PLANNING'],
          when: (f) => f.childWelfareOpenCase === true,
        },
      ],
      consent: { grantors: ['PARENT_GUARDIAN'], fields: { TREATMENT: { T: ['a'] } } },
      revealExistence: true,
      howToGetAccess: 'ask',
    },
    {
      category: 'SECRET',
      description: '',
      allow: [],
      revealExistence: false,
      breakGlass: false,
      howToGetAccess: 'none',
    },
  ],
};
const cat = (c: string) => policy.categories.find((p) => p.category === c)!;
const viewer = (over: Partial<ViewerClaims> = {}): ViewerClaims => ({
  sub: 'u',
  agency: 'CHILD_WELFARE',
  roles: ['CASEWORKER'],
  purposeOfUse: 'CASE_PLANNING',
  ...over,
});
const consent = (over: Partial<ConsentGrant> = {}): ConsentGrant => ({
  id: 'c1',
  personId: 'p',
  grantorType: 'PARENT_GUARDIAN',
  categories: ['RECORD'],
  recipientAgencies: ['CHILD_WELFARE'],
  recipientRoles: [],
  purposes: ['CASE_PLANNING'],
  periodStart: '2020-01-01',
  periodEnd: null,
  status: 'ACTIVE',
  ...over,
});
const TODAY = '2026-11-25';

describe('policy engine', () => {
  it.each([
    ['own agency', viewer({ agency: 'EDUCATION' }), [], {}, 'OWN_AGENCY'],
    ['statutory rule with its fact', viewer(), [], { childWelfareOpenCase: true }, 'USA'],
    ['statutory rule without its fact', viewer(), [], { childWelfareOpenCase: false }, 'NO_CONSENT'],
    [
      'statutory rule, wrong purpose',
      viewer({ purposeOfUse: 'TREATMENT' }),
      [],
      { childWelfareOpenCase: true },
      'NO_CONSENT',
    ],
    ['active consent', viewer(), [consent()], {}, 'CONSENT'],
    ['revoked consent', viewer(), [consent({ status: 'REVOKED' })], {}, 'NO_CONSENT'],
    ['expired consent', viewer(), [consent({ periodEnd: '2025-12-31' })], {}, 'NO_CONSENT'],
    ['consent not yet begun', viewer(), [consent({ periodStart: '2027-01-01' })], {}, 'NO_CONSENT'],
    [
      'consent to another recipient',
      viewer(),
      [consent({ recipientAgencies: ['PROBATION'] })],
      {},
      'NO_CONSENT',
    ],
    ['consent for another purpose', viewer(), [consent({ purposes: ['TREATMENT'] })], {}, 'NO_CONSENT'],
    ['consent for another role', viewer(), [consent({ recipientRoles: ['CLINICIAN'] })], {}, 'NO_CONSENT'],
    [
      'consent from a grantor the category does not accept',
      viewer(),
      [consent({ grantorType: 'YOUTH' })],
      {},
      'NO_CONSENT',
    ],
    ['consent for another category', viewer(), [consent({ categories: ['IDENTITY'] })], {}, 'NO_CONSENT'],
    [
      'analytics, even with consent and own agency',
      viewer({ agency: 'EDUCATION', purposeOfUse: 'ANALYTICS' }),
      [consent()],
      {},
      'ANALYTICS_NO_CHILD_LEVEL',
    ],
    [
      'break-glass with a reason',
      viewer({ purposeOfUse: 'EMERGENCY', breakGlassReason: 'suspected overdose at school' }),
      [],
      {},
      'BREAK_GLASS',
    ],
    [
      'break-glass with a space for a reason',
      viewer({ purposeOfUse: 'EMERGENCY', breakGlassReason: ' ' }),
      [],
      {},
      'BREAK_GLASS_REASON_INVALID',
    ],
    [
      'break-glass with a short reason',
      viewer({ purposeOfUse: 'EMERGENCY', breakGlassReason: 'urgent!!' }),
      [],
      {},
      'BREAK_GLASS_REASON_INVALID',
    ],
    [
      'break-glass with punctuation for a reason',
      viewer({ purposeOfUse: 'EMERGENCY', breakGlassReason: '..............' }),
      [],
      {},
      'BREAK_GLASS_REASON_INVALID',
    ],
    [
      'break-glass with control characters',
      viewer({ purposeOfUse: 'EMERGENCY', breakGlassReason: 'child missing\u0007 overnight' }),
      [],
      {},
      'BREAK_GLASS_REASON_INVALID',
    ],
    [
      'emergency without a reason',
      viewer({ purposeOfUse: 'EMERGENCY' }),
      [],
      {},
      'BREAK_GLASS_WITHOUT_REASON',
    ],
  ] as const)('%s → %s', (_name, v, consents, facts, rule) => {
    const d = decide(policy, cat('RECORD'), v, [...consents], facts, TODAY);
    expect(d.rule).toBe(rule);
    expect(d.permit).toBe(['OWN_AGENCY', 'USA', 'CONSENT', 'BREAK_GLASS'].includes(rule));
  });

  it('break-glass never opens a category that forbids it, and its denial hides existence', () => {
    const d = decide(
      policy,
      cat('SECRET'),
      viewer({ purposeOfUse: 'EMERGENCY', breakGlassReason: 'x' }),
      [],
      {},
      TODAY,
    );
    expect(d).toMatchObject({ permit: false, revealExistence: false });
  });

  it('a consent discloses only the fields its purpose may see (minimum necessary)', () => {
    const d = decide(
      policy,
      cat('RECORD'),
      viewer({ purposeOfUse: 'TREATMENT' }),
      [consent({ purposes: ['TREATMENT'] })],
      {},
      TODAY,
    );
    expect(d).toMatchObject({ permit: true, consentId: 'c1', fields: { T: ['a'] } });
  });

  it('knows when a consent is in force', () => {
    expect(consentInForce(consent({ periodEnd: TODAY }), TODAY)).toBe(true);
    expect(consentInForce(consent({ periodEnd: '2026-11-24' }), TODAY)).toBe(false);
  });
});
