import { addDays, addYears, ageOn, maxDate, minDate } from '@wholechild/shared';
import type { PETITION_STATUSES, PETITION_TYPES, REFERRING_AGENCIES, SUPERVISION_LEVELS } from '../src/kinds';
import {
  INTAKE_BY_LEVEL,
  OFFENSES,
  SUPERVISING_UNIT,
  TERM_MONTHS,
  type DispositionType,
  type TermStatus,
} from './catalogue';
import { supervisionTerm, type Youth } from './supervision';

/** One youth's referrals and what followed them. */
export function youthRecords(y: Youth): void {
  const { p, r, TODAY, out } = y;
  // Offenses between the 12th and the 18th birthday, early enough for intake and court to follow.
  const earliest = addYears(p.trueBirthDate, 12);
  const latest = minDate(addDays(TODAY, -45), addDays(addYears(p.trueBirthDate, 18), -1));
  if (earliest > latest) return;
  const base = { sourceSystem: p.sourceSystem, personExternalId: p.externalId };
  const nReferrals = r.chance(0.35) ? 2 : 1;
  // The first referral falls in the later part of the window (most youth enter probation at 14–17).
  let from = r.chance(0.7) ? maxDate(earliest, addDays(latest, -730)) : earliest;
  let lastTerm: { start: string; end: string | null; status: TermStatus } | null = null;
  for (let i = 1; i <= nReferrals && from <= latest; i++) {
    const referralDate = r.dateBetween(from, latest);
    const offense = r.weighted(OFFENSES);
    const ext = `${p.externalId}-R${i}`;
    const referringAgency: (typeof REFERRING_AGENCIES)[number] = offense.tags.includes('truancy')
      ? 'SCHOOL'
      : offense.tags.includes('home')
        ? r.weighted([
            ['PARENT', 70],
            ['CHILD_WELFARE', p.flags.openChildWelfareCase ? 40 : 5],
            ['LAW_ENFORCEMENT', 15],
          ] as const)
        : r.weighted([
            ['LAW_ENFORCEMENT', 82],
            ['SCHOOL', offense.tags.includes('school') ? 30 : 4],
            ['CHILD_WELFARE', p.flags.openChildWelfareCase ? 10 : 1],
            ['PARENT', 3],
            ['OTHER', 4],
          ] as const);
    const intakeDecision =
      referralDate > addDays(TODAY, -75) && r.chance(0.3)
        ? 'PENDING'
        : r.weighted(INTAKE_BY_LEVEL[offense.level]);
    out.referrals.push({
      ...base,
      externalId: ext,
      referralDate,
      referringAgency,
      offenseCode: offense.code,
      offenseDescription: offense.description,
      offenseLevel: offense.level,
      intakeDecision,
    });
    from = addDays(referralDate, r.int(60, 400));

    if (intakeDecision === 'INFORMAL_PROBATION_654') {
      // Six months of informal supervision (WIC 654) without a petition.
      const start = addDays(referralDate, r.int(7, 21));
      lastTerm = supervisionTerm(y, {
        externalId: `${ext}-T1`,
        dispositionExternalId: null,
        start,
        months: 6,
        unit: r.chance(0.5) ? 'INTAKE' : 'FIELD_SUPERVISION',
        supervisionLevel: 'LOW',
        offense,
      });
      continue;
    }
    if (intakeDecision !== 'PETITION_REQUESTED') continue;

    const filedDate = addDays(referralDate, r.int(2, 20));
    const onProbation =
      lastTerm && lastTerm.start <= filedDate && (lastTerm.end === null || filedDate <= lastTerm.end);
    const petitionType: (typeof PETITION_TYPES)[number] =
      offense.level === 'STATUS_OFFENSE'
        ? 'WIC_601'
        : onProbation && r.chance(0.5)
          ? 'WIC_777_NOTICE'
          : 'WIC_602';
    const recent = filedDate > addDays(TODAY, -75);
    const status: (typeof PETITION_STATUSES)[number] = recent
      ? r.weighted([
          ['FILED', 50],
          ['PENDING', 30],
          ['SUSTAINED', 20],
        ] as const)
      : r.weighted([
          ['SUSTAINED', 80],
          ['DISMISSED', 20],
        ] as const);
    const petitionExt = `${p.externalId}-P${i}`;
    out.petitions.push({
      ...base,
      externalId: petitionExt,
      referralExternalId: ext,
      filedDate,
      petitionType,
      court: `Superior Court, Juvenile Division, Dept. J${r.int(1, 6)}`,
      status,
    });
    if (status !== 'SUSTAINED') continue;

    const dispositionDate = addDays(filedDate, r.int(15, 45));
    if (dispositionDate > TODAY) continue; // sustained, disposition hearing still to come
    const age = ageOn(p.trueBirthDate, dispositionDate);
    const serious = offense.tags.includes('serious');
    const dispositionType: DispositionType =
      petitionType === 'WIC_601'
        ? r.weighted([
            ['WARDSHIP_PROBATION_HOME', 40],
            ['NON_WARD_PROBATION_725', 60],
          ] as const)
        : r.weighted([
            ['WARDSHIP_PROBATION_HOME', 40],
            ['NON_WARD_PROBATION_725', petitionType === 'WIC_602' && offense.level !== 'FELONY' ? 30 : 5],
            [
              'DEFERRED_ENTRY_OF_JUDGMENT',
              petitionType === 'WIC_602' && offense.level === 'FELONY' && age >= 14 ? 20 : 0,
            ], // WIC 790
            ['WARDSHIP_PLACEMENT', 10],
            ['CAMP', petitionType === 'WIC_777_NOTICE' || serious ? 25 : 6],
            ['SECURE_YOUTH_TREATMENT_FACILITY', serious && age >= 14 ? 4 : 0], // WIC 875: 707(b) offenses, 14 and over
            ['DISMISSED', 5], // WIC 782
          ] as const);
    const dualStatus = p.flags.openChildWelfareCase && dispositionType !== 'DISMISSED' && r.chance(0.7);
    const dispositionExt = `${p.externalId}-D${i}`;
    out.dispositions.push({
      ...base,
      externalId: dispositionExt,
      petitionExternalId: petitionExt,
      dispositionDate,
      dispositionType,
      dualStatus,
      notes: dualStatus
        ? 'WIC 241.1 joint assessment completed with child welfare; dual-status protocol applies, child welfare is lead agency.'
        : dispositionType === 'DISMISSED'
          ? 'Petition dismissed in the interests of justice (WIC 782).'
          : `Youth and parent present with counsel. Disposition per probation's recommendation; age ${age} at disposition.`,
    });
    if (dispositionType === 'DISMISSED' || r.chance(0.1)) continue;
    const [minM, maxM] = TERM_MONTHS[dispositionType];
    const level: (typeof SUPERVISION_LEVELS)[number] =
      dispositionType === 'CAMP'
        ? 'HIGH'
        : dispositionType === 'SECURE_YOUTH_TREATMENT_FACILITY'
          ? 'ADMINISTRATIVE'
          : dispositionType === 'WARDSHIP_PLACEMENT'
            ? r.weighted([
                ['HIGH', 40],
                ['MEDIUM', 60],
              ] as const)
            : dispositionType === 'WARDSHIP_PROBATION_HOME'
              ? r.weighted([
                  ['HIGH', 25],
                  ['MEDIUM', 45],
                  ['LOW', 30],
                ] as const)
              : r.weighted([
                  ['MEDIUM', 40],
                  ['LOW', 60],
                ] as const);
    lastTerm = supervisionTerm(y, {
      externalId: `${p.externalId}-T${i}`,
      dispositionExternalId: dispositionExt,
      dispositionType,
      start: addDays(dispositionDate, r.int(0, 3)),
      months: r.int(minM, maxM),
      unit: SUPERVISING_UNIT[dispositionType],
      supervisionLevel: level,
      offense,
    });
  }
}
