import {
  AGENCY_KEYS,
  AGENCY_PREFIX,
  type AgencyCode,
  type PurposeOfUse,
  type Role,
} from '@wholechild/shared';
import { newCase, newConsent, tokenFor } from '@wholechild/shared/testing';
import request from 'supertest';
import type { TestPlatform } from './helpers';
import { fullSelection } from './selection';

export const SRC = 'TEST';
const integration = { roles: ['INTEGRATION' as Role], purposeOfUse: 'OPERATIONS' as PurposeOfUse };

/** Upserts one record through the gateway as the holder's integration account. */
export async function put(
  p: TestPlatform,
  agency: AgencyCode,
  type: string,
  record: Record<string, unknown>,
) {
  const res = await p.gql(
    agency,
    `mutation($r: ${type}Input!) { upsert${type}(record: $r) { id } }`,
    { r: { sourceSystem: SRC, ...record } },
    integration,
  );
  if (res.body.errors) throw new Error(`${type}: ${JSON.stringify(res.body.errors)}`);
  return res.body.data[`upsert${type}`].id as string;
}

export interface Person {
  ext: string;
  givenName: string;
  familyName: string;
  birthDate: string;
}

/** Casey, 16, known to all five agencies with a record of every category: an open child welfare
 *  case with a placement, a safety plan and an allegation; mental health and substance-use
 *  treatment; a probation referral; an open school enrollment with an IEP; a housing stay. */
export const CASEY: Person = {
  ext: 'casey',
  givenName: 'Casey',
  familyName: 'Rivera',
  birthDate: '2010-05-06',
};
/** Dana: known only to a substance-use program (42 CFR Part 2): her existence is protected. */
export const DANA: Person = { ext: 'dana', givenName: 'Dana', familyName: 'Okoro', birthDate: '2009-02-03' };
/** Sam: a domestic-violence survivor in housing, also known to child welfare. */
export const SAM: Person = { ext: 'sam', givenName: 'Sam', familyName: 'Hale', birthDate: '2012-09-10' };

const demo = (x: Person) => ({
  externalId: x.ext,
  givenName: x.givenName,
  familyName: x.familyName,
  birthDate: x.birthDate,
});

export async function seedFixture(p: TestPlatform) {
  const c = CASEY;
  await put(p, 'CHILD_WELFARE', 'ChildWelfarePerson', demo(c));
  await put(
    p,
    'CHILD_WELFARE',
    'ChildWelfareCase',
    newCase({
      externalId: 'case',
      personExternalId: c.ext,
      openedDate: '2025-01-10',
      serviceComponent: 'FAMILY_REUNIFICATION',
      narrative: 'NARRATIVE-SECRET',
    }),
  );
  await put(p, 'CHILD_WELFARE', 'ChildWelfarePlacement', {
    externalId: 'pl',
    personExternalId: c.ext,
    caseExternalId: 'case',
    providerName: 'PROVIDER-SECRET',
    placementType: 'RELATIVE',
    startDate: '2025-01-11',
  });
  await put(p, 'CHILD_WELFARE', 'ChildWelfareSafetyPlan', {
    externalId: 'sp',
    personExternalId: c.ext,
    caseExternalId: 'case',
    createdDate: '2025-01-11',
    status: 'ACTIVE',
    threats: 'THREAT-SECRET',
  });
  await put(p, 'CHILD_WELFARE', 'ChildWelfareReferral', {
    externalId: 'ref',
    personExternalId: c.ext,
    receivedDate: '2025-01-05',
    screeningDecision: 'SCREENED_IN',
    narrative: 'NARRATIVE-SECRET referral',
  });
  await put(p, 'CHILD_WELFARE', 'ChildWelfareAllegation', {
    externalId: 'al',
    referralExternalId: 'ref',
    personExternalId: c.ext,
    allegationType: 'GENERAL_NEGLECT',
    disposition: 'SUBSTANTIATED',
  });
  await put(p, 'BEHAVIORAL_HEALTH', 'BehavioralHealthClient', demo(c));
  await put(p, 'BEHAVIORAL_HEALTH', 'BehavioralHealthEpisode', {
    externalId: 'mh',
    personExternalId: c.ext,
    program: 'OUTPATIENT_MENTAL_HEALTH',
    startDate: '2025-02-01',
    isSubstanceUse: false,
  });
  await put(p, 'BEHAVIORAL_HEALTH', 'BehavioralHealthEpisode', {
    externalId: 'sud',
    personExternalId: c.ext,
    program: 'SUD_OUTPATIENT',
    startDate: '2025-03-01',
    isSubstanceUse: true,
  });
  await put(p, 'BEHAVIORAL_HEALTH', 'BehavioralHealthDiagnosis', {
    externalId: 'dx-mh',
    personExternalId: c.ext,
    code: 'F43.10',
    diagnosedDate: '2025-02-01',
    substanceUse: false,
  });
  await put(p, 'BEHAVIORAL_HEALTH', 'BehavioralHealthDiagnosis', {
    externalId: 'dx-sud',
    personExternalId: c.ext,
    code: 'F12.10',
    diagnosedDate: '2025-03-01',
    substanceUse: true,
  });
  await put(p, 'PROBATION', 'ProbationYouth', demo(c));
  await put(p, 'PROBATION', 'ProbationReferral', {
    externalId: 'pref',
    personExternalId: c.ext,
    referralDate: '2025-04-01',
    referringAgency: 'SCHOOL',
    offenseCode: 'PC 594',
    offenseLevel: 'MISDEMEANOR',
    intakeDecision: 'DIVERSION',
  });
  await put(p, 'EDUCATION', 'EducationStudent', demo(c));
  await put(p, 'EDUCATION', 'EducationSchool', {
    externalId: 'school',
    name: 'Lincoln High',
    ncesSchoolId: '060000000001',
    schoolType: 'HIGH',
    city: 'Witney',
  });
  await put(p, 'EDUCATION', 'EducationEnrollment', {
    externalId: 'enr',
    personExternalId: c.ext,
    schoolExternalId: 'school',
    schoolYear: 2026,
    gradeLevel: '11',
    entryDate: '2026-08-20',
    entryCode: 'NEW',
  });
  await put(p, 'EDUCATION', 'EducationSpecialProgram', {
    externalId: 'iep',
    personExternalId: c.ext,
    programType: 'IEP',
    primaryDisability: 'SPECIFIC_LEARNING_DISABILITY',
    beginDate: '2024-09-01',
  });
  await put(p, 'HOUSING', 'HousingClient', demo(c));
  await put(p, 'HOUSING', 'HousingProject', {
    externalId: 'proj',
    name: 'Harbor Shelter',
    projectType: 'EMERGENCY_SHELTER',
  });
  await put(p, 'HOUSING', 'HousingEnrollment', {
    externalId: 'henr',
    personExternalId: c.ext,
    projectExternalId: 'proj',
    entryDate: '2025-06-01',
  });

  await put(p, 'BEHAVIORAL_HEALTH', 'BehavioralHealthClient', demo(DANA));
  await put(p, 'BEHAVIORAL_HEALTH', 'BehavioralHealthEpisode', {
    externalId: 'dana-sud',
    personExternalId: DANA.ext,
    program: 'SUD_RESIDENTIAL',
    startDate: '2025-05-01',
    isSubstanceUse: true,
  });

  await put(p, 'CHILD_WELFARE', 'ChildWelfarePerson', demo(SAM));
  await put(p, 'HOUSING', 'HousingClient', { ...demo(SAM), dvSurvivor: true });
  await put(p, 'HOUSING', 'HousingEnrollment', {
    externalId: 'sam-enr',
    personExternalId: SAM.ext,
    projectExternalId: 'proj',
    entryDate: '2025-07-01',
  });
  await p.syncFeeds();
}

export async function childIdOf(p: TestPlatform, person: Person): Promise<string> {
  const [row] = await p.index.db.dataSource.query(
    `SELECT child_id FROM agency_record WHERE external_id = $1 AND source_system = $2 LIMIT 1`,
    [person.ext, SRC],
  );
  return row.child_id;
}

/** A viewer in a table row. */
export interface Viewer {
  agency: AgencyCode;
  roles?: Role[];
  purposeOfUse?: PurposeOfUse;
  breakGlassReason?: string;
  /** The token subject. @default `<agency>-user` */
  sub?: string;
}

export type ConsentState = 'none' | 'active' | 'revoked' | 'expired' | 'wrongRecipient' | 'wrongPurpose';

const GRANTOR: Record<AgencyCode, string> = {
  CHILD_WELFARE: 'PARENT_GUARDIAN',
  BEHAVIORAL_HEALTH: 'YOUTH',
  PROBATION: 'COURT_ORDER',
  EDUCATION: 'PARENT_GUARDIAN',
  HOUSING: 'YOUTH',
};

/** Revokes every consent the holder has on the person, then records the one the row asks for. */
export async function setConsent(
  p: TestPlatform,
  holder: AgencyCode,
  person: Person,
  state: ConsentState,
  viewer: Viewer,
  categories: string[],
) {
  const key = AGENCY_KEYS[holder];
  const prefix = AGENCY_PREFIX[holder];
  const staff = { roles: ['CASEWORKER' as Role], purposeOfUse: 'OPERATIONS' as PurposeOfUse };
  const list = await p.gql(
    holder,
    `{ ${key}Consents(sourceSystem: "${SRC}", personExternalId: "${person.ext}") { id status } }`,
    {},
    staff,
  );
  for (const c of list.body.data[`${key}Consents`].filter((x: { status: string }) => x.status === 'ACTIVE')) {
    await p.gql(
      holder,
      `mutation { revoke${prefix}Consent(id: "${c.id}", reason: "reset") { id } }`,
      {},
      staff,
    );
  }
  if (state === 'none') return;
  const others = (
    ['CHILD_WELFARE', 'BEHAVIORAL_HEALTH', 'PROBATION', 'EDUCATION', 'HOUSING'] as const
  ).filter((a) => a !== viewer.agency && a !== holder);
  const recipient = state === 'wrongRecipient' ? others[0]! : viewer.agency;
  const purpose =
    state === 'wrongPurpose'
      ? viewer.purposeOfUse === 'TREATMENT'
        ? 'CASE_PLANNING'
        : 'TREATMENT'
      : (viewer.purposeOfUse ?? 'CARE_COORDINATION');
  const consent = newConsent({
    sourceSystem: SRC,
    personExternalId: person.ext,
    grantorType: GRANTOR[holder],
    categories,
    recipientAgencies: [recipient],
    purposes: [purpose],
    ...(state === 'expired' ? { periodStart: '2020-01-01', periodEnd: '2021-01-01' } : {}),
  });
  const res = await p.gql(
    holder,
    `mutation($c: ConsentInput!) { record${prefix}Consent(consent: $c) { id } }`,
    { c: consent },
    staff,
  );
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  if (state === 'revoked')
    await p.gql(
      holder,
      `mutation { revoke${prefix}Consent(id: "${res.body.data[`record${prefix}Consent`].id}", reason: "withdrawn") { id } }`,
      {},
      staff,
    );
}

export type Outcome = 'V' | 'R' | 'H';

const PROTECTED = new Set(['SUD']);

/** Which lists of a section show which category (V: shown, R: withheld as Restricted, H: absent
 *  without a trace). */
const CATEGORY_OF: Record<AgencyCode, Record<string, (s: Record<string, any>) => boolean>> = {
  CHILD_WELFARE: {
    IDENTITY: (s) => s.records.length > 0,
    CASE: (s) => s.cases.length > 0,
    PLACEMENT: (s) => s.placements.length > 0,
    SAFETY: (s) => s.safetyPlans.length > 0,
    ALLEGATION: (s) => s.referrals.length > 0 && s.allegations.length > 0,
    NARRATIVE: (s) =>
      [...s.cases, ...s.referrals].some((c: { narrative: string | null }) =>
        c.narrative?.startsWith('NARRATIVE-SECRET'),
      ),
  },
  BEHAVIORAL_HEALTH: {
    IDENTITY: (s) => s.records.length > 0,
    MENTAL_HEALTH: (s) => s.episodes.some((e: { isSubstanceUse: boolean }) => e.isSubstanceUse === false),
    SUD: (s) => s.episodes.some((e: { isSubstanceUse: boolean }) => e.isSubstanceUse === true),
  },
  PROBATION: { IDENTITY: (s) => s.records.length > 0, JUVENILE_CASE_FILE: (s) => s.referrals.length > 0 },
  EDUCATION: {
    IDENTITY: (s) => s.records.length > 0,
    EDUCATION_RECORD: (s) => s.enrollments.length > 0,
    SPECIAL_EDUCATION: (s) => s.specialPrograms.length > 0,
  },
  HOUSING: { IDENTITY: (s) => s.records.length > 0, HMIS: (s) => s.enrollments.length > 0 },
};

export function categoriesOf(holder: AgencyCode): string[] {
  return Object.keys(CATEGORY_OF[holder]);
}

/** Queries the holder's section of a child as the viewer; returns the outcome per category and
 *  the raw response (for leak checks). */
export async function observe(p: TestPlatform, holder: AgencyCode, childId: string, viewer: Viewer) {
  const key = AGENCY_KEYS[holder];
  const section = `${AGENCY_PREFIX[holder]}Section`;
  const selection = await fullSelection(p, section);
  const token = tokenFor(
    viewer.agency,
    {
      roles: viewer.roles ?? ['CASEWORKER'],
      purposeOfUse: viewer.purposeOfUse ?? 'CARE_COORDINATION',
      breakGlassReason: viewer.breakGlassReason,
      sub: viewer.sub,
    },
    p.config,
  );
  const url = new URL(p.gatewayUrl);
  const res = await request(url.origin)
    .post(url.pathname)
    .set('authorization', `Bearer ${token}`)
    .send({
      query: `query($id: ID!) { child(id: $id) { ${key} { __typename ... on ${section} { ${selection} } ... on Restricted { agency category reason howToGetAccess } } } }`,
      variables: { id: childId },
    });
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  const s = res.body.data.child?.[key] ?? null;
  const outcome: Record<string, Outcome> = {};
  for (const [category, shown] of Object.entries(CATEGORY_OF[holder])) {
    if (s === null) outcome[category] = 'H';
    // A Restricted section says only that the holder has records; of a category whose very
    // existence is protected it says nothing (the leak checks look at the text).
    else if (s.__typename === 'Restricted') outcome[category] = PROTECTED.has(category) ? 'H' : 'R';
    else if (shown(s)) outcome[category] = 'V';
    else
      outcome[category] = s.restricted.some((r: { category: string }) => r.category === category) ? 'R' : 'H';
  }
  return { outcome, section: s, body: res.body };
}
