import { addDays, addYears, daysBetween, maxDate, minDate, type SeedRow as Row } from '@wholechild/shared';
import {
  CALENDAR_DAYS,
  DISABILITY_WEIGHTS,
  SCHOOL_DAYS,
  yearEnd,
  type Enrollment,
  type Student,
} from './schools';

/** Discipline incidents, from first grade on (children in foster care far more often); an
 *  expulsion ends the enrollment (only the last one: an earlier one becomes a suspension). */
export function disciplineIncidents(s: Student, enrollments: Enrollment[], out: Row[]): void {
  const { rng, p, base, cw, now } = s;
  const ext = p.externalId;
  let incidents = 0;
  enrollments.forEach((e, i) => {
    if (e.gradeIndex < 2) return;
    const older = e.gradeIndex >= 7;
    if (!rng.chance((cw ? 0.18 : 0.06) * (older ? 1.5 : 1))) return;
    const end = e.row.exitDate ?? now;
    const dates = Array.from({ length: rng.chance(0.25) ? 2 : 1 }, () =>
      rng.dateBetween(e.row.entryDate, end),
    ).sort();
    for (const incidentDate of dates) {
      const behavior = rng.weighted<string>([
        ['DEFIANCE', 30],
        ['FIGHTING', 25],
        ['TRUANCY', older ? 15 : 5],
        ['BULLYING', 10],
        ['SUBSTANCE', older ? 8 : 0],
        ['WEAPON', older ? 3 : 0],
        ['OTHER', 9],
      ]);
      let action: string;
      if (behavior === 'WEAPON' || behavior === 'SUBSTANCE')
        action = rng.weighted<string>([
          ['EXPULSION', behavior === 'WEAPON' ? 30 : 10],
          ['OUT_OF_SCHOOL_SUSPENSION', 60],
          ['RESTORATIVE_CONFERENCE', 10],
        ]);
      else if (behavior === 'FIGHTING')
        action = rng.weighted<string>([
          ['OUT_OF_SCHOOL_SUSPENSION', 45],
          ['IN_SCHOOL_SUSPENSION', 30],
          ['RESTORATIVE_CONFERENCE', 25],
        ]);
      // California bars suspending students for willful defiance alone.
      else if (behavior === 'DEFIANCE')
        action = rng.weighted<string>([
          ['DETENTION', 45],
          ['RESTORATIVE_CONFERENCE', 40],
          ['NONE', 15],
        ]);
      else
        action = rng.weighted<string>([
          ['DETENTION', 35],
          ['RESTORATIVE_CONFERENCE', 30],
          ['IN_SCHOOL_SUSPENSION', 20],
          ['NONE', 15],
        ]);
      const isLast = i === enrollments.length - 1;
      if (action === 'EXPULSION' && !isLast) action = 'OUT_OF_SCHOOL_SUSPENSION';
      const daysRemoved =
        action === 'EXPULSION'
          ? rng.int(60, 180)
          : action === 'OUT_OF_SCHOOL_SUSPENSION'
            ? rng.int(1, 5)
            : action === 'IN_SCHOOL_SUSPENSION'
              ? rng.int(1, 2)
              : 0;
      out.push({
        ...base,
        externalId: `${ext}-DIS${++incidents}`,
        schoolExternalId: e.row.schoolExternalId,
        incidentDate,
        behavior,
        action,
        daysRemoved,
      });
      if (action === 'EXPULSION') {
        e.row.exitDate = minDate(addDays(incidentDate, rng.int(3, 10)), end);
        e.row.exitCode = 'EXPELLED';
        break;
      }
    }
  });
}

/** Attendance: one summary per enrollment; children with an open child welfare case miss more school. */
export function attendance(s: Student, enrollments: Enrollment[], out: Row[]): void {
  const { rng, p, base, cw, now } = s;
  const ext = p.externalId;
  enrollments.forEach((e, i) => {
    const end = e.row.exitDate ?? minDate(now, yearEnd(e.schoolYear));
    const daysEnrolled = Math.max(
      1,
      Math.min(
        SCHOOL_DAYS,
        Math.round(((daysBetween(e.row.entryDate, end) + 1) * SCHOOL_DAYS) / CALENDAR_DAYS),
      ),
    );
    const chronic = rng.chance(cw ? 0.4 : 0.12);
    const rate = chronic
      ? cw
        ? 0.12 + rng.next() * 0.25
        : 0.1 + rng.next() * 0.15
      : cw
        ? 0.03 + rng.next() * 0.07
        : rng.next() * 0.07;
    const absent = Math.min(daysEnrolled, Math.round(daysEnrolled * rate));
    const excused = Math.round(absent * (cw ? 0.2 + rng.next() * 0.4 : 0.3 + rng.next() * 0.5));
    out.push({
      ...base,
      externalId: `${ext}-ATT${i + 1}`,
      enrollmentExternalId: e.row.externalId,
      schoolYear: e.schoolYear,
      daysEnrolled,
      daysPresent: daysEnrolled - absent,
      daysExcusedAbsent: excused,
      daysUnexcusedAbsent: absent - excused,
      chronicAbsence: daysEnrolled >= 31 && absent * 10 >= daysEnrolled,
    });
  });
}

/** Special education: an IEP (or a 504 plan) begun at 3 or later. */
export function specialProgram(s: Student, out: Row[]): void {
  const { rng, p, base, now } = s;
  const ext = p.externalId;
  if (p.flags.specialEducation && p.ageYears >= 3 && p.ageYears <= 21) {
    const lo = maxDate(addYears(p.trueBirthDate, 3), addYears(now, -8));
    if (lo <= now) {
      const iep = rng.chance(0.72);
      const beginDate = rng.dateBetween(lo, now);
      const ended = rng.chance(0.1);
      const endDate = ended ? rng.dateBetween(beginDate, now) : null;
      let reviewDate: string | null = addYears(beginDate, 1);
      for (let k = 2; reviewDate < now && !ended; k++) reviewDate = addYears(beginDate, k);
      if (ended) reviewDate = null;
      out.push({
        ...base,
        externalId: `${ext}-SPED1`,
        programType: iep ? 'IEP' : 'SECTION_504',
        primaryDisability: iep
          ? rng.weighted(DISABILITY_WEIGHTS)
          : rng.chance(0.6)
            ? 'OTHER_HEALTH_IMPAIRMENT'
            : null,
        beginDate,
        endDate,
        reviewDate,
      });
    }
  }
}
