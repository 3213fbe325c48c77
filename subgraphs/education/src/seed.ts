import type { DataSource } from 'typeorm';
import {
  ExternalIdIssuer,
  addDays,
  today,
  upsertRecords,
  type RecordKind,
  type Rng,
  type SyntheticPerson,
} from '@wholechild/shared';
import {
  attendanceKind,
  disciplineIncidentKind,
  enrollmentKind,
  personKind,
  schoolKind,
  specialProgramKind,
} from './kinds';

/** Largest batch handed to `upsertRecords` (the API's own batch limit). */
const CHUNK = 1000;

type Row = Record<string, unknown>;
type SchoolType =
  'ELEMENTARY' | 'MIDDLE' | 'HIGH' | 'K12' | 'ALTERNATIVE' | 'CONTINUATION' | 'COURT_COMMUNITY';

/** The district's 40 schools. */
const SCHOOLS: ReadonlyArray<readonly [string, SchoolType]> = [
  ['Washington Elementary', 'ELEMENTARY'],
  ['Lincoln Elementary', 'ELEMENTARY'],
  ['Jefferson Elementary', 'ELEMENTARY'],
  ['Roosevelt Elementary', 'ELEMENTARY'],
  ['Cesar Chavez Elementary', 'ELEMENTARY'],
  ['Sunnyside Elementary', 'ELEMENTARY'],
  ['Oak Grove Elementary', 'ELEMENTARY'],
  ['Valley View Elementary', 'ELEMENTARY'],
  ['Rosa Parks Elementary', 'ELEMENTARY'],
  ['Sierra Vista Elementary', 'ELEMENTARY'],
  ['Mission Elementary', 'ELEMENTARY'],
  ['Highland Elementary', 'ELEMENTARY'],
  ['Riverside Elementary', 'ELEMENTARY'],
  ['Maple Street Elementary', 'ELEMENTARY'],
  ['Dolores Huerta Elementary', 'ELEMENTARY'],
  ['Fremont Elementary', 'ELEMENTARY'],
  ['Hillcrest Elementary', 'ELEMENTARY'],
  ['Bay View Elementary', 'ELEMENTARY'],
  ['Lincoln Middle School', 'MIDDLE'],
  ['Martin Luther King Jr. Middle School', 'MIDDLE'],
  ['John Muir Middle School', 'MIDDLE'],
  ['Sequoia Middle School', 'MIDDLE'],
  ['Thurgood Marshall Middle School', 'MIDDLE'],
  ['Harriet Tubman Middle School', 'MIDDLE'],
  ['Central Middle School', 'MIDDLE'],
  ['Ridgeview Middle School', 'MIDDLE'],
  ['Willow Creek Middle School', 'MIDDLE'],
  ['Central High School', 'HIGH'],
  ['Washington High School', 'HIGH'],
  ['Lincoln High School', 'HIGH'],
  ['Valley High School', 'HIGH'],
  ['Westside High School', 'HIGH'],
  ['Mountain View High School', 'HIGH'],
  ['John F. Kennedy High School', 'HIGH'],
  ['Pacific Coast Charter Academy', 'K12'],
  ['Horizon Community Charter School', 'K12'],
  ['Phoenix Independent Study Academy', 'ALTERNATIVE'],
  ['Gateway Alternative School', 'ALTERNATIVE'],
  ['Crossroads Continuation High School', 'CONTINUATION'],
  ['County Court and Community School', 'COURT_COMMUNITY'],
];

const LIAISONS = [
  'Maria Gonzalez',
  'James Carter',
  'Linh Nguyen',
  'Patricia Romero',
  'David Kim',
  'Angela Brooks',
  'Rosa Delgado',
  'Michael Chen',
];
const FALLBACK_CITIES = ['Riverside', 'Fairview', 'Oakdale', 'Lakeside'];

const GRADES = ['PK', 'K', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'] as const;
const DISABILITY_WEIGHTS = [
  ['SPECIFIC_LEARNING_DISABILITY', 35],
  ['SPEECH_LANGUAGE', 20],
  ['OTHER_HEALTH_IMPAIRMENT', 14],
  ['AUTISM', 13],
  ['INTELLECTUAL_DISABILITY', 6],
  ['EMOTIONAL_DISTURBANCE', 5],
  ['MULTIPLE', 2],
  ['OTHER', 5],
] as const;

/** Instructional days in a school year, and the calendar days from its first to its last day. */
const SCHOOL_DAYS = 180;
const CALENDAR_DAYS = 299;
/** School year Y (Ed-Fi: named by the year it ends) runs from Aug 15 of Y-1 to Jun 10 of Y. */
const yearStart = (y: number) => `${y - 1}-08-15`;
const yearEnd = (y: number) => `${y}-06-10`;
const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);

function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

/** Index into GRADES (0 = PK) of a child born on `birth` in school year `y`, by California's
 *  kindergarten cutoff (5 by September 1); null when not of school age that year. */
export function gradeIndexFor(birth: string, y: number): number | null {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const ageOnSept1 = y - 1 - by - (bm > 9 || (bm === 9 && bd > 1) ? 1 : 0);
  const index = ageOnSept1 - 4;
  return index >= 0 && index < GRADES.length ? index : null;
}

/** The school year under way (or last finished, in summer) on `date`. */
export function schoolYearOf(date: string): number {
  const y = Number(date.slice(0, 4));
  return date >= `${y}-08-15` ? y + 1 : y;
}

function levelOf(gradeIndex: number): SchoolType {
  if (gradeIndex <= 6) return 'ELEMENTARY';
  if (gradeIndex <= 9) return 'MIDDLE';
  return 'HIGH';
}

interface SchoolRow extends Row {
  externalId: string;
  schoolType: SchoolType;
  city: string;
}

interface Enrollment {
  row: Row & {
    externalId: string;
    entryDate: string;
    exitDate: string | null;
    exitCode: string | null;
    schoolExternalId: string;
  };
  gradeIndex: number;
  schoolYear: number;
}

/** Chunks written at once: enough to overlap Node and PostgreSQL work, well under the pool size. */
const CONCURRENCY = 4;

async function writeChunk(ds: DataSource, kind: RecordKind, chunk: Row[]): Promise<void> {
  const results = await upsertRecords(ds, kind, chunk);
  const rejected = results.filter((r) => r.errors.length);
  if (rejected.length) {
    const first = rejected[0]!;
    const problems = first.errors.map((e) => `${e.field} ${e.code}: ${e.reason}`).join('; ');
    throw new Error(
      `education seed: ${rejected.length} ${kind.name} rows rejected; first ${String(chunk[first.index]!.externalId)}: ${problems}`,
    );
  }
}

/** Writes kinds that do not reference one another, in chunks of at most CHUNK rows, CONCURRENCY
 *  at a time (distinct keys: concurrent chunks never wait on each other). Stops taking chunks at
 *  the first failure and throws it once the chunks under way are done. */
async function writeStage(ds: DataSource, stage: Array<[RecordKind, Row[]]>): Promise<number> {
  const chunks = stage.flatMap(([kind, rows]) =>
    Array.from(
      { length: Math.ceil(rows.length / CHUNK) },
      (_, i) => [kind, rows.slice(i * CHUNK, (i + 1) * CHUNK)] as const,
    ),
  );
  let next = 0;
  let failure: unknown = null;
  const worker = async () => {
    while (failure === null && next < chunks.length) {
      const [kind, chunk] = chunks[next++]!;
      try {
        await writeChunk(ds, kind, chunk);
      } catch (e) {
        failure ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, chunks.length) }, worker));
  if (failure !== null) throw failure;
  return stage.reduce((n, [, rows]) => n + rows.length, 0);
}

/** Writes the district's records of `people` (education's person records of synthetic
 *  children; people of other agencies are ignored): ~40 schools per source system, a student
 *  per person, and for school-age children enrollments, attendance, special programs and
 *  discipline incidents dated to fit their true birth dates. Idempotent: run again with an Rng
 *  of the same seed, it rewrites the same rows. Returns the number of rows written. */
export async function seed(ds: DataSource, people: SyntheticPerson[], rng: Rng): Promise<number> {
  // One student per natural key (a repeated key would be one row anyway: the last wins).
  const students = [
    ...new Map(
      people
        .filter((p) => p.agency === 'EDUCATION')
        .map((p) => [`${p.sourceSystem}\u0000${p.externalId}`, p]),
    ).values(),
  ];
  const now = today();
  const currentYear = schoolYearOf(now);

  // Schools: the same district catalogue in every source system, so references resolve.
  const systems = [...new Set(students.map((p) => p.sourceSystem))].sort();
  const localities = [...new Set(students.map((p) => p.locality).filter(Boolean))].sort();
  const cities = localities.length ? localities : FALLBACK_CITIES;
  const schools: SchoolRow[] = [];
  const schoolsBy = new Map<string, SchoolRow[]>(); // `${system}|${type}` → schools
  const schoolByKey = new Map<string, SchoolRow>(); // `${system}|${externalId}` → school
  // ids education issues have no order (SCH-101, SCH-102, … could be walked), the same whatever the random state
  const schoolIds = ExternalIdIssuer.forCatalogue('education schools');
  systems.forEach((sourceSystem, sysIndex) => {
    SCHOOLS.forEach(([name, schoolType], i) => {
      const school: SchoolRow = {
        sourceSystem,
        externalId: schoolIds.issue('SCH-', i + 1),
        name,
        ncesSchoolId: `06${String(33670 + sysIndex).padStart(5, '0')}${String(i + 1).padStart(5, '0')}`,
        schoolType,
        city: cities[i % cities.length]!,
        fosterCareLiaison: rng.chance(0.6) ? rng.pick(LIAISONS) : null,
      };
      schools.push(school);
      schoolByKey.set(`${sourceSystem}|${school.externalId}`, school);
      const key = `${sourceSystem}|${schoolType}`;
      schoolsBy.set(key, [...(schoolsBy.get(key) ?? []), school]);
    });
  });
  const pickSchool = (p: SyntheticPerson, type: SchoolType, not?: string): SchoolRow => {
    const all = schoolsBy.get(`${p.sourceSystem}|${type}`)!;
    const options = all.filter((s) => s.externalId !== not);
    const near = options.filter((s) => s.city === p.locality);
    return rng.pick(near.length ? near : options.length ? options : all);
  };

  const studentRows: Row[] = [];
  const enrollmentRows: Row[] = [];
  const attendanceRows: Row[] = [];
  const programRows: Row[] = [];
  const incidentRows: Row[] = [];

  for (const p of students) {
    const ext = p.externalId;
    const base = { sourceSystem: p.sourceSystem, personExternalId: ext };
    studentRows.push({
      sourceSystem: p.sourceSystem,
      externalId: ext,
      givenName: p.givenName,
      middleName: p.middleName,
      familyName: p.familyName,
      birthDate: p.birthDate,
      sex: p.sex,
      race: p.race,
      ethnicity: p.ethnicity,
      primaryLanguage: p.primaryLanguage,
      addressLine: p.addressLine,
      city: p.city,
      postalCode: p.postalCode,
      stateStudentId: rng.chance(0.95) ? String(rng.int(1_000_000_000, 9_999_999_999)) : null,
    });
    const cw = p.flags.openChildWelfareCase;

    // Enrollments: 1–3, in the latest school years the child was of school age.
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
          previous.row.exitDate = rng.dateBetween(
            addDays(previous.row.entryDate, 30),
            previous.row.exitDate!,
          );
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
          const type = schoolByKey.get(`${p.sourceSystem}|${last.row.schoolExternalId}`)!.schoolType;
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

    // Discipline incidents, from first grade on; an expulsion ends the last enrollment.
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
        incidentRows.push({
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

    // Attendance: one summary per enrollment; children with an open child welfare case miss more school.
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
      attendanceRows.push({
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
    for (const e of enrollments) enrollmentRows.push(e.row);

    // Special education: an IEP (or a 504 plan) begun at 3 or later.
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
        programRows.push({
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

  // Parents before children: schools and students, then what references them, then attendance.
  let written = await writeStage(ds, [
    [schoolKind, schools],
    [personKind, studentRows],
  ]);
  written += await writeStage(ds, [
    [enrollmentKind, enrollmentRows],
    [specialProgramKind, programRows],
    [disciplineIncidentKind, incidentRows],
  ]);
  written += await writeStage(ds, [[attendanceKind, attendanceRows]]);
  return written;
}
