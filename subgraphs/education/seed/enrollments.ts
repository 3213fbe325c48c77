import { addDays, maxDate, minDate } from '@wholechild/shared';
import {
  GRADES,
  gradeIndexFor,
  levelOf,
  yearEnd,
  yearStart,
  type District,
  type Enrollment,
  type SchoolRow,
  type SchoolType,
  type Student,
} from './schools';

/** A student's enrollments: 1–3, in the latest school years the child was of school age, with
 *  mid-year moves, returns and some older students leaving school. */
export function enroll(s: Student, { pickSchool, schoolAt }: District): Enrollment[] {
  const { rng, p, base, cw, now, currentYear } = s;
  const ext = p.externalId;
  const enrollments: Enrollment[] = [];
  if (p.ageYears >= 4 && p.ageYears <= 18) {
    const wanted = rng.int(1, 3);
    const years: number[] = [];
    for (let y = currentYear; y > currentYear - 6 && years.length < wanted; y--)
      if (gradeIndexFor(p.trueBirthDate, y) !== null) years.unshift(y);
    // Children in foster care change schools mid-year far more often.
    const splitLast = years.length >= 2 && rng.chance(cw ? 0.4 : 0.08);
    if (splitLast) years.shift();
    const schoolOf = new Map<SchoolType, SchoolRow>();
    const special = rng.chance(0.04) ? rng.pick(['K12', 'ALTERNATIVE'] as const) : null;
    years.forEach((y, i) => {
      const gradeIndex = gradeIndexFor(p.trueBirthDate, y)!;
      let type: SchoolType = special ?? levelOf(gradeIndex);
      if (gradeIndex >= 11 && rng.chance(cw ? 0.15 : 0.04)) type = 'CONTINUATION';
      if (gradeIndex >= 9 && cw && rng.chance(0.03)) type = 'COURT_COMMUNITY';
      const school = schoolOf.get(type) ?? pickSchool(p, type);
      schoolOf.set(type, school);
      const arrived = i === 0 && gradeIndex > 1 && rng.chance(0.15);
      const previous = enrollments[enrollments.length - 1];
      // Some children leave the district during a year and come back the next.
      const returned = !!previous && rng.chance(cw ? 0.1 : 0.03);
      if (previous && returned) {
        previous.row.exitDate = rng.dateBetween(addDays(previous.row.entryDate, 30), previous.row.exitDate!);
        previous.row.exitCode = 'MOVED';
      }
      const start = yearStart(y);
      const ongoing = y === currentYear && now < yearEnd(y);
      const entryDate = minDate(
        arrived ? rng.dateBetween(start, addDays(start, 120)) : addDays(start, rng.int(0, 2)),
        now,
      );
      enrollments.push({
        gradeIndex,
        schoolYear: y,
        row: {
          ...base,
          externalId: `${ext}-ENR${enrollments.length + 1}`,
          schoolExternalId: school.externalId,
          schoolYear: y,
          gradeLevel: GRADES[gradeIndex],
          entryDate,
          entryCode: arrived ? 'TRANSFER_OUT_OF_DISTRICT' : returned ? 'RE_ENTRY' : 'NEW',
          exitDate: ongoing ? null : yearEnd(y),
          exitCode: ongoing ? null : gradeIndex === GRADES.length - 1 ? 'GRADUATED' : 'COMPLETED_YEAR',
        },
      });
    });
    const last = enrollments[enrollments.length - 1];
    if (last && splitLast) {
      // A mid-year move to another school of the same kind, counted as a third enrollment.
      const end = last.row.exitDate ?? now;
      const lo = addDays(last.row.entryDate, 20);
      const hi = minDate(addDays(end, -10), addDays(yearEnd(last.schoolYear), -20));
      if (lo <= hi) {
        const moved = rng.dateBetween(lo, hi);
        const type = schoolAt(p, last.row.schoolExternalId).schoolType;
        const next = pickSchool(p, type, last.row.schoolExternalId);
        const nextEntry = minDate(addDays(moved, rng.int(1, 7)), now);
        enrollments.push({
          gradeIndex: last.gradeIndex,
          schoolYear: last.schoolYear,
          row: {
            ...last.row,
            externalId: `${ext}-ENR${enrollments.length + 1}`,
            schoolExternalId: next.externalId,
            entryDate: maxDate(nextEntry, moved),
            entryCode: 'TRANSFER_IN_DISTRICT',
          },
        });
        last.row.exitDate = moved;
        last.row.exitCode = 'TRANSFERRED';
      }
    }
    // Some older students leave school.
    const final = enrollments[enrollments.length - 1];
    if (final && final.gradeIndex >= 11 && p.ageYears >= 16 && rng.chance(cw ? 0.1 : 0.03)) {
      const end = final.row.exitDate ?? now;
      const lo = addDays(final.row.entryDate, 30);
      if (lo <= end) {
        final.row.exitDate = rng.dateBetween(lo, end);
        final.row.exitCode = 'DROPPED_OUT';
      }
    }
  }
  return enrollments;
}
