/** The district the seed draws from: its schools, grades and calendar. */
import { ExternalIdIssuer, type Rng, type SeedRow as Row, type SyntheticPerson } from '@wholechild/shared';
import { GRADE_LEVELS } from '../src/kinds';

export type SchoolType =
  'ELEMENTARY' | 'MIDDLE' | 'HIGH' | 'K12' | 'ALTERNATIVE' | 'CONTINUATION' | 'COURT_COMMUNITY';

/** The district's 40 schools. */
export const SCHOOLS: ReadonlyArray<readonly [string, SchoolType]> = [
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

export const LIAISONS = [
  'Maria Gonzalez',
  'James Carter',
  'Linh Nguyen',
  'Patricia Romero',
  'David Kim',
  'Angela Brooks',
  'Rosa Delgado',
  'Michael Chen',
];
export const FALLBACK_CITIES = ['Riverside', 'Fairview', 'Oakdale', 'Lakeside'];

/** Grade levels, youngest first (an index into it is a grade). */
export const GRADES = GRADE_LEVELS;
/** Primary disabilities of students with an IEP, by how often. */
export const DISABILITY_WEIGHTS = [
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
export const SCHOOL_DAYS = 180;
export const CALENDAR_DAYS = 299;
/** School year Y (Ed-Fi: named by the year it ends) runs from Aug 15 of Y-1 to Jun 10 of Y. */
export const yearStart = (y: number) => `${y - 1}-08-15`;
export const yearEnd = (y: number) => `${y}-06-10`;

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

/** The kind of school a grade is taught in. */
export function levelOf(gradeIndex: number): SchoolType {
  if (gradeIndex <= 6) return 'ELEMENTARY';
  if (gradeIndex <= 9) return 'MIDDLE';
  return 'HIGH';
}

/** A school the seed writes. */
export interface SchoolRow extends Row {
  externalId: string;
  schoolType: SchoolType;
  city: string;
}

/** An enrollment the seed writes, with the grade and year its other records need. */
export interface Enrollment {
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

/** The district's schools in each source system, and how a student is placed in one. */
export function buildDistrict(rng: Rng, students: SyntheticPerson[]) {
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
  const schoolAt = (p: SyntheticPerson, externalId: string) =>
    schoolByKey.get(`${p.sourceSystem}|${externalId}`)!;
  return { schools, pickSchool, schoolAt };
}

export type District = ReturnType<typeof buildDistrict>;

/** One student being seeded: the person, the district's generator, and the day it is seeded. */
export interface Student {
  rng: Rng;
  p: SyntheticPerson;
  /** Rows about the student start with these. */
  base: { sourceSystem: string; personExternalId: string };
  /** Has an open child welfare case (in foster care, most of them): moves and misses school more. */
  cw: boolean;
  now: string;
  currentYear: number;
}
