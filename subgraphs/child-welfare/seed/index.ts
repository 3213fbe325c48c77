import {
  addDays,
  minDate,
  personRow,
  SYNTHETIC_TODAY,
  writeSeed,
  type Rng,
  type SeedRow,
  type SyntheticPerson,
} from '@wholechild/shared';
import type { DataSource } from 'typeorm';
import {
  allegationKind,
  ALLEGATION_TYPES,
  caseKind,
  cftMeetingKind,
  CFT_PHASES,
  DISPOSITIONS,
  permanencyGoalKind,
  PERMANENCY_GOALS,
  personKind,
  placementKind,
  PLACEMENT_TYPES,
  referralKind,
  REPORTER_TYPES,
  safetyPlanKind,
} from '../src/kinds';

const TODAY = SYNTHETIC_TODAY;
const PROVIDERS = [
  'Sunrise Resource Family',
  'Hillcrest Foster Family Agency',
  'Casa Esperanza STRTP',
  'Grandparent (relative)',
  'Aunt (relative)',
  'Valley Youth Homes',
  'Mission FFA',
  'Oak Street Resource Home',
];
const WORKERS = [
  'M. Alvarez',
  'J. Chen',
  'R. Okafor',
  'S. Patel',
  'T. Nguyen',
  'K. Johnson',
  'L. Romero',
  'D. Smith',
];

/** Child welfare's part of the synthetic county: a client record per person, referrals with
 *  allegations, and for screened-in children a case with placements, plans and CFT meetings. */
export async function seed(ds: DataSource, people: SyntheticPerson[], rng: Rng): Promise<number> {
  const persons: SeedRow[] = [];
  const referrals: SeedRow[] = [];
  const allegations: SeedRow[] = [];
  const cases: SeedRow[] = [];
  const placements: SeedRow[] = [];
  const safetyPlans: SeedRow[] = [];
  const goals: SeedRow[] = [];
  const meetings: SeedRow[] = [];
  for (const p of people) {
    const { flags } = p;
    persons.push(personRow(p, { sealedAdoption: flags.sealedAdoption }));
    const base = { sourceSystem: p.sourceSystem, personExternalId: p.externalId };
    const nRef = rng.int(1, 3);
    for (let r = 0; r < nRef; r++) {
      const received = rng.dateBetween(addDays(p.trueBirthDate, 30), addDays(TODAY, -10));
      const refId = `${p.externalId}-R${r}`;
      const screenedIn = flags.openChildWelfareCase || rng.chance(0.5);
      referrals.push({
        ...base,
        externalId: refId,
        receivedDate: received,
        reporterType: rng.pick(REPORTER_TYPES),
        screeningDecision: screenedIn ? 'SCREENED_IN' : rng.pick(['SCREENED_OUT', 'EVALUATE_OUT']),
        responseTime: screenedIn ? rng.pick(['IMMEDIATE', 'TEN_DAY']) : null,
        narrative: 'Reporter concerned about supervision and care of the child.',
      });
      allegations.push({
        ...base,
        externalId: `${refId}-A0`,
        referralExternalId: refId,
        allegationType: rng.pick(ALLEGATION_TYPES),
        disposition: rng.pick(DISPOSITIONS),
        perpetratorRelationship: rng.pick(['MOTHER', 'FATHER', 'STEPPARENT', 'OTHER_RELATIVE', 'UNKNOWN']),
      });
    }
    if (!flags.openChildWelfareCase && !rng.chance(0.4)) continue;
    const opened = rng.dateBetween(addDays(p.trueBirthDate, 60), addDays(TODAY, -30));
    const open = flags.openChildWelfareCase;
    const closed = open ? null : minDate(addDays(opened, rng.int(60, 900)), addDays(TODAY, -1));
    const caseId = `${p.externalId}-C0`;
    cases.push({
      ...base,
      externalId: caseId,
      openedDate: opened,
      closedDate: closed,
      serviceComponent: rng.pick([
        'FAMILY_MAINTENANCE',
        'FAMILY_REUNIFICATION',
        'PERMANENT_PLACEMENT',
        'EMERGENCY_RESPONSE',
      ]),
      assignedWorker: rng.pick(WORKERS),
      narrative: 'Case opened after a substantiated referral; family engaged in services.',
    });
    const withCase = { ...base, caseExternalId: caseId };
    let start = addDays(opened, rng.int(0, 20));
    const end = closed ?? TODAY;
    for (let k = 0; k < rng.int(0, 3) && start < end; k++) {
      const stop = k < 2 && rng.chance(0.5) ? minDate(addDays(start, rng.int(30, 400)), end) : closed;
      placements.push({
        ...withCase,
        externalId: `${caseId}-P${k}`,
        providerName: rng.pick(PROVIDERS),
        placementType: rng.pick(PLACEMENT_TYPES),
        startDate: start,
        endDate: stop,
        endReason: stop ? rng.pick(['REUNIFIED', 'PLACEMENT_CHANGE', 'ADOPTED', 'GUARDIANSHIP']) : null,
      });
      if (!stop) break;
      start = addDays(stop, 1);
    }
    safetyPlans.push({
      ...withCase,
      externalId: `${caseId}-S0`,
      createdDate: opened,
      reviewDate: addDays(opened, 90),
      status: open ? 'ACTIVE' : 'CLOSED',
      threats: 'Caregiver unable to supervise.',
      actions: 'Relative provides supervision; weekly visits.',
    });
    goals.push({
      ...withCase,
      externalId: `${caseId}-G0`,
      goal: rng.pick(PERMANENCY_GOALS),
      concurrentGoal: rng.chance(0.5) ? rng.pick(PERMANENCY_GOALS) : null,
      establishedDate: addDays(opened, 30),
      targetDate: addDays(opened, 365),
    });
    for (let m = 0; m < rng.int(1, 3); m++) {
      const date = minDate(addDays(opened, 20 + m * 60), TODAY);
      meetings.push({
        ...withCase,
        externalId: `${caseId}-M${m}`,
        meetingDate: date,
        phase: CFT_PHASES[Math.min(m, 3)]!,
        facilitator: rng.pick(WORKERS),
        participants: 'youth, caregiver, social worker, clinician, education liaison',
        summary: 'Team reviewed strengths, needs and the shared plan.',
      });
    }
  }
  return writeSeed(ds, [
    [[personKind, persons]],
    [
      [referralKind, referrals],
      [caseKind, cases],
    ],
    [
      [allegationKind, allegations],
      [placementKind, placements],
      [safetyPlanKind, safetyPlans],
      [permanencyGoalKind, goals],
      [cftMeetingKind, meetings],
    ],
  ]);
}
