import type { AgencyCode, SubgraphName } from '@wholechild/shared';
import { put } from './consentFixture';
import { startTestPlatform, type TestPlatform } from './helpers';

jest.setTimeout(120_000);

/** Each agency's declared events: which writes announce, which do not (the triggers' conditions). */
describe('declared record events', () => {
  let p: TestPlatform;
  const outbox = async (subgraph: SubgraphName) =>
    (await p
      .owner(subgraph)
      .query(`SELECT type, record_kind, record_id, category FROM event_outbox ORDER BY seq`)) as Array<{
      type: string;
      record_kind: string;
      record_id: string;
      category: string | null;
    }>;
  const person = async (agency: AgencyCode, type: string) =>
    put(p, agency, type, {
      externalId: 'kit',
      givenName: 'Kit',
      familyName: 'Lane',
      birthDate: '2011-03-04',
    });

  beforeAll(async () => {
    p = await startTestPlatform({ env: { WEBHOOK_POLL_INTERVAL_MS: '0' } });
  });
  afterAll(() => p?.dispose());

  it('education: an enrollment begun, moved or ended; a re-send or an unrelated change announces nothing', async () => {
    await person('EDUCATION', 'EducationStudent');
    for (const [ext, nces] of [
      ['s1', '060000000011'],
      ['s2', '060000000012'],
    ])
      await put(p, 'EDUCATION', 'EducationSchool', {
        externalId: ext,
        name: `School ${ext}`,
        ncesSchoolId: nces,
        schoolType: 'MIDDLE',
        city: 'Witney',
      });
    const enr = {
      externalId: 'e',
      personExternalId: 'kit',
      schoolYear: 2026,
      gradeLevel: '07',
      entryDate: '2026-08-20',
      entryCode: 'NEW',
    };
    const id = await put(p, 'EDUCATION', 'EducationEnrollment', { ...enr, schoolExternalId: 's1' });
    await put(p, 'EDUCATION', 'EducationEnrollment', { ...enr, schoolExternalId: 's1' });
    await put(p, 'EDUCATION', 'EducationEnrollment', { ...enr, schoolExternalId: 's1', gradeLevel: '08' });
    await put(p, 'EDUCATION', 'EducationEnrollment', { ...enr, schoolExternalId: 's2' });
    await put(p, 'EDUCATION', 'EducationEnrollment', {
      ...enr,
      schoolExternalId: 's2',
      exitDate: '2026-12-01',
      exitCode: 'TRANSFERRED',
    });
    expect(await outbox('education')).toEqual(
      Array(3).fill({
        type: 'SCHOOL_ENROLLMENT_CHANGED',
        record_kind: 'ENROLLMENT',
        record_id: id,
        category: 'EDUCATION_RECORD',
      }),
    );
  });

  it('probation: a new referral, once', async () => {
    await person('PROBATION', 'ProbationYouth');
    const ref = {
      externalId: 'r',
      personExternalId: 'kit',
      referralDate: '2026-04-01',
      referringAgency: 'SCHOOL',
      offenseCode: 'PC 594',
      offenseLevel: 'MISDEMEANOR',
      intakeDecision: 'DIVERSION',
    };
    const id = await put(p, 'PROBATION', 'ProbationReferral', ref);
    await put(p, 'PROBATION', 'ProbationReferral', { ...ref, offenseLevel: 'FELONY' });
    const rows = await outbox('probation');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      type: 'PROBATION_REFERRAL_CREATED',
      record_kind: 'REFERRAL',
      record_id: id,
    });
  });

  it('behavioral health: an episode that is or becomes a crisis episode, once', async () => {
    await person('BEHAVIORAL_HEALTH', 'BehavioralHealthClient');
    const ep = { personExternalId: 'kit', startDate: '2026-02-01', isSubstanceUse: false };
    await put(p, 'BEHAVIORAL_HEALTH', 'BehavioralHealthEpisode', {
      ...ep,
      externalId: 'op',
      program: 'OUTPATIENT_MENTAL_HEALTH',
    });
    const crisis = await put(p, 'BEHAVIORAL_HEALTH', 'BehavioralHealthEpisode', {
      ...ep,
      externalId: 'c',
      program: 'CRISIS_STABILIZATION',
    });
    await put(p, 'BEHAVIORAL_HEALTH', 'BehavioralHealthEpisode', {
      ...ep,
      externalId: 'c',
      program: 'CRISIS_STABILIZATION',
      levelOfCare: 'CRISIS',
    });
    // an outpatient episode stepped up to a crisis level of care
    const stepped = await put(p, 'BEHAVIORAL_HEALTH', 'BehavioralHealthEpisode', {
      ...ep,
      externalId: 'op',
      program: 'OUTPATIENT_MENTAL_HEALTH',
      levelOfCare: 'CRISIS',
    });
    const rows = await outbox('behavioral-health');
    expect(rows.map((r) => [r.type, r.record_kind, r.record_id])).toEqual([
      ['BEHAVIORAL_HEALTH_CRISIS_EPISODE', 'EPISODE', crisis],
      ['BEHAVIORAL_HEALTH_CRISIS_EPISODE', 'EPISODE', stepped],
    ]);
    // the category depends on the episode (mental health or Part 2): decided when it is delivered
    expect(rows.every((r) => r.category === null)).toBe(true);
  });

  it('housing: an exit to homelessness, once; other exits announce nothing', async () => {
    await person('HOUSING', 'HousingClient');
    await put(p, 'HOUSING', 'HousingProject', {
      externalId: 'proj',
      name: 'Harbor',
      projectType: 'EMERGENCY_SHELTER',
    });
    const enr = { personExternalId: 'kit', projectExternalId: 'proj', entryDate: '2026-01-01' };
    await put(p, 'HOUSING', 'HousingEnrollment', { ...enr, externalId: 'a' });
    await put(p, 'HOUSING', 'HousingEnrollment', {
      ...enr,
      externalId: 'a',
      exitDate: '2026-02-01',
      destination: 'PERMANENT_RENTAL',
    });
    const b = await put(p, 'HOUSING', 'HousingEnrollment', {
      ...enr,
      externalId: 'b',
      exitDate: '2026-03-01',
      destination: 'EMERGENCY_SHELTER',
    });
    await put(p, 'HOUSING', 'HousingEnrollment', {
      ...enr,
      externalId: 'b',
      exitDate: '2026-03-01',
      destination: 'PLACE_NOT_MEANT_FOR_HABITATION',
    });
    expect(await outbox('housing')).toEqual([
      {
        type: 'HOUSING_EXIT_TO_HOMELESSNESS',
        record_kind: 'ENROLLMENT',
        record_id: b,
        category: expect.any(String),
      },
    ]);
  });
});
