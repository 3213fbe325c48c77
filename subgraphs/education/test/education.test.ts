import request from 'supertest';
import {
  gatewayCredential,
  GATEWAY_CREDENTIAL_HEADER,
  generateCounty,
  loadConfig,
  Rng,
  serviceToken,
  type AgencyCode,
  type PlatformConfig,
  type Role,
  type SubgraphService,
  type SyntheticFlags,
} from '@wholechild/shared';
import {
  ageOn,
  createTestDatabase,
  newChild,
  newPerson,
  newSyntheticPerson,
  sealRepresentations,
  tokenFor,
} from '@wholechild/shared/testing';
import { gradeIndexFor, seed } from '../seed';
import { createEducationService } from '../src/server';

const TABLES = [
  'student',
  'school',
  'enrollment',
  'attendance_summary',
  'special_program',
  'discipline_incident',
] as const;
const GRADES = ['PK', 'K', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
const TODAY = new Date().toISOString().slice(0, 10);

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Child { education { __typename
  ... on EducationSection { records { externalId } enrollments { gradeLevel school { name } } attendance { daysPresent } specialPrograms { programType } }
  ... on Restricted { agency reason } } } } }`;

const yearsBefore = (date: string, years: number, days = 0) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y - years, m - 1, d - days)).toISOString().slice(0, 10);
};

/** A student of the district's seed, living in `locality`. */
const person = (
  sourceSystem: string,
  externalId: string,
  birth: string,
  flags: Partial<SyntheticFlags> = {},
  locality = 'Fairview',
) =>
  newSyntheticPerson({
    agency: 'EDUCATION',
    sourceSystem,
    externalId,
    birthDate: birth,
    city: locality,
    locality,
    flags,
  });

describe('education subgraph', () => {
  let db: { url: string; drop(): Promise<void> };
  let config: PlatformConfig;
  let service: SubgraphService;
  let url: URL;
  let studentId: string;

  const post = (
    token: string | null,
    query: string,
    variables?: Record<string, unknown>,
    credential: string | null = gatewayCredential(config, 'education'),
  ) => {
    const req = request(url.origin).post(url.pathname).set('content-type', 'application/json');
    if (token) req.set('authorization', `Bearer ${token}`);
    if (credential) req.set(GATEWAY_CREDENTIAL_HEADER, credential);
    // as the index and the lending agencies would: links and lent facts sealed for this token
    return req.send({ query, variables: token ? sealRepresentations(variables, token, config) : variables });
  };
  const as = (
    agency: AgencyCode | 'CHILD_INDEX',
    roles: Role[],
    query: string,
    variables?: Record<string, unknown>,
  ) => post(tokenFor(agency, { roles }, config), query, variables);
  const write = (query: string, variables: Record<string, unknown>) =>
    as('EDUCATION', ['INTEGRATION'], query, variables);
  const count = async (table: string, where = 'true', params: unknown[] = []) =>
    Number(
      (await service.db.dataSource.query(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, params))[0].n,
    );
  const upsertOne = (name: string, input: string, record: Record<string, unknown>) =>
    write(`mutation($r: ${input}!) { ${name}(record: $r) { id created } }`, { r: record });

  const school = {
    sourceSystem: 'SIS',
    externalId: 'SCH-1',
    name: 'Lincoln Elementary',
    ncesSchoolId: '063367000001',
    schoolType: 'ELEMENTARY',
    city: 'Fairview',
  };
  const student = newPerson({
    sourceSystem: 'SIS',
    externalId: 'S1',
    birthDate: '2015-03-04',
    stateStudentId: '1234567890',
  });
  const enrollment = {
    sourceSystem: 'SIS',
    externalId: 'E1',
    personExternalId: 'S1',
    schoolExternalId: 'SCH-1',
    schoolYear: 2024,
    gradeLevel: '03',
    entryDate: '2023-08-15',
    entryCode: 'NEW',
    exitDate: '2024-06-10',
    exitCode: 'COMPLETED_YEAR',
  };
  const attendance = {
    sourceSystem: 'SIS',
    externalId: 'A1',
    personExternalId: 'S1',
    enrollmentExternalId: 'E1',
    schoolYear: 2024,
    daysEnrolled: 180,
    daysPresent: 160,
    daysExcusedAbsent: 12,
    daysUnexcusedAbsent: 8,
    chronicAbsence: true,
  };
  const program = {
    sourceSystem: 'SIS',
    externalId: 'P1',
    personExternalId: 'S1',
    programType: 'IEP',
    primaryDisability: 'SPEECH_LANGUAGE',
    beginDate: '2021-09-01',
    reviewDate: '2022-09-01',
  };
  const incident = {
    sourceSystem: 'SIS',
    externalId: 'D1',
    personExternalId: 'S1',
    schoolExternalId: 'SCH-1',
    incidentDate: '2024-02-01',
    behavior: 'FIGHTING',
    action: 'IN_SCHOOL_SUSPENSION',
    daysRemoved: 1,
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    config = loadConfig({ WHOLECHILD_MODE: 'development', LOG_LEVEL: 'silent' });
    service = await createEducationService({ config, databaseUrl: db.url });
    url = new URL((await service.start(0)).url);
  });
  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  describe('idempotent upserts', () => {
    it('stores each record once however often it is sent', async () => {
      const cases: Array<[string, string, Record<string, unknown>, string]> = [
        ['upsertEducationSchool', 'EducationSchoolInput', school, 'school'],
        ['upsertEducationStudent', 'EducationStudentInput', student, 'student'],
        ['upsertEducationEnrollment', 'EducationEnrollmentInput', enrollment, 'enrollment'],
        ['upsertEducationAttendance', 'EducationAttendanceInput', attendance, 'attendance_summary'],
        ['upsertEducationSpecialProgram', 'EducationSpecialProgramInput', program, 'special_program'],
        [
          'upsertEducationDisciplineIncident',
          'EducationDisciplineIncidentInput',
          incident,
          'discipline_incident',
        ],
      ];
      for (const [name, input, record, table] of cases) {
        const first = await upsertOne(name, input, record);
        expect(first.body.errors).toBeUndefined();
        expect(first.body.data[name].created).toBe(true);
        const second = await upsertOne(name, input, record);
        expect(second.body.errors).toBeUndefined();
        expect(second.body.data[name]).toEqual({ id: first.body.data[name].id, created: false });
        expect(
          await count(table, 'source_system = $1 AND external_id = $2', ['SIS', record.externalId]),
        ).toBe(1);
        if (table === 'student') studentId = first.body.data[name].id;
      }
    });

    it('updates a re-sent record in place', async () => {
      const res = await upsertOne('upsertEducationStudent', 'EducationStudentInput', {
        ...student,
        givenName: 'Anna',
      });
      expect(res.body.data.upsertEducationStudent).toEqual({ id: studentId, created: false });
      const [row] = await service.db.dataSource.query(
        'SELECT given_name, state_student_id FROM student WHERE id = $1',
        [studentId],
      );
      expect(row).toEqual({ given_name: 'Anna', state_student_id: '1234567890' });
      await upsertOne('upsertEducationStudent', 'EducationStudentInput', student);
    });

    it('defaults daysRemoved to 0 when omitted', async () => {
      const res = await upsertOne('upsertEducationDisciplineIncident', 'EducationDisciplineIncidentInput', {
        ...incident,
        daysRemoved: undefined,
        externalId: 'D0',
        action: 'NONE',
      });
      expect(res.body.errors).toBeUndefined();
      const [row] = await service.db.dataSource.query(
        'SELECT days_removed FROM discipline_incident WHERE external_id = $1',
        ['D0'],
      );
      expect(row.days_removed).toBe(0);
    });
  });

  describe('validation', () => {
    const bad: Array<{
      title: string;
      name: string;
      input: string;
      table: string;
      record: Record<string, unknown>;
      expected: Array<[string, string]>;
    }> = [
      {
        title: 'an impossible date',
        name: 'upsertEducationEnrollment',
        input: 'EducationEnrollmentInput',
        table: 'enrollment',
        record: {
          ...enrollment,
          externalId: 'BAD-E1',
          entryDate: '2023-02-30',
          exitDate: null,
          exitCode: null,
        },
        expected: [['entryDate', 'INVALID_DATE']],
      },
      {
        title: 'unknown enum values and a school year out of range',
        name: 'upsertEducationEnrollment',
        input: 'EducationEnrollmentInput',
        table: 'enrollment',
        record: {
          ...enrollment,
          externalId: 'BAD-E2',
          gradeLevel: '3',
          entryCode: 'WALK_IN',
          exitCode: 'VANISHED',
          schoolYear: 1999,
        },
        expected: [
          ['gradeLevel', 'INVALID_ENUM'],
          ['entryCode', 'INVALID_ENUM'],
          ['exitCode', 'INVALID_ENUM'],
          ['schoolYear', 'OUT_OF_RANGE'],
        ],
      },
      {
        title: 'an exit before the entry',
        name: 'upsertEducationEnrollment',
        input: 'EducationEnrollmentInput',
        table: 'enrollment',
        record: { ...enrollment, externalId: 'BAD-E3', exitDate: '2023-08-01' },
        expected: [['exitDate', 'DATE_ORDER']],
      },
      {
        title: 'an unknown school',
        name: 'upsertEducationEnrollment',
        input: 'EducationEnrollmentInput',
        table: 'enrollment',
        record: { ...enrollment, externalId: 'BAD-E4', schoolExternalId: 'NO-SUCH-SCHOOL' },
        expected: [['schoolExternalId', 'UNKNOWN_REFERENCE']],
      },
      {
        title: 'a school of another source system',
        name: 'upsertEducationEnrollment',
        input: 'EducationEnrollmentInput',
        table: 'enrollment',
        record: { ...enrollment, sourceSystem: 'OTHER-SIS', externalId: 'BAD-E5' },
        expected: [
          ['personExternalId', 'UNKNOWN_REFERENCE'],
          ['schoolExternalId', 'UNKNOWN_REFERENCE'],
        ],
      },
      {
        title: 'days out of range',
        name: 'upsertEducationAttendance',
        input: 'EducationAttendanceInput',
        table: 'attendance_summary',
        record: { ...attendance, externalId: 'BAD-A1', daysEnrolled: 367, daysExcusedAbsent: -1 },
        expected: [
          ['daysEnrolled', 'OUT_OF_RANGE'],
          ['daysExcusedAbsent', 'OUT_OF_RANGE'],
        ],
      },
      {
        title: 'more days present and absent than enrolled',
        name: 'upsertEducationAttendance',
        input: 'EducationAttendanceInput',
        table: 'attendance_summary',
        record: { ...attendance, externalId: 'BAD-A2', daysEnrolled: 170 },
        expected: [['daysEnrolled', 'OUT_OF_RANGE']],
      },
      {
        title: 'an IEP without a disability',
        name: 'upsertEducationSpecialProgram',
        input: 'EducationSpecialProgramInput',
        table: 'special_program',
        record: { ...program, externalId: 'BAD-P1', primaryDisability: null },
        expected: [['primaryDisability', 'REQUIRED']],
      },
      {
        title: 'an unknown disability and dates out of order',
        name: 'upsertEducationSpecialProgram',
        input: 'EducationSpecialProgramInput',
        table: 'special_program',
        record: {
          ...program,
          externalId: 'BAD-P2',
          primaryDisability: 'DYSLEXIA',
          endDate: '2020-01-01',
          reviewDate: '2020-01-01',
        },
        expected: [
          ['primaryDisability', 'INVALID_ENUM'],
          ['endDate', 'DATE_ORDER'],
          ['reviewDate', 'DATE_ORDER'],
        ],
      },
      {
        title: 'a future incident removing too many days',
        name: 'upsertEducationDisciplineIncident',
        input: 'EducationDisciplineIncidentInput',
        table: 'discipline_incident',
        record: {
          ...incident,
          externalId: 'BAD-D1',
          incidentDate: `${Number(TODAY.slice(0, 4)) + 1}-01-15`,
          behavior: 'TALKING',
          daysRemoved: 400,
        },
        expected: [
          ['incidentDate', 'OUT_OF_RANGE'],
          ['behavior', 'INVALID_ENUM'],
          ['daysRemoved', 'OUT_OF_RANGE'],
        ],
      },
      {
        title: 'a malformed NCES id and an unknown school type',
        name: 'upsertEducationSchool',
        input: 'EducationSchoolInput',
        table: 'school',
        record: { ...school, externalId: 'BAD-SCH', ncesSchoolId: '06336700001X', schoolType: 'PRESCHOOL' },
        expected: [
          ['ncesSchoolId', 'INVALID_TYPE'],
          ['schoolType', 'INVALID_ENUM'],
        ],
      },
      {
        title: 'an unknown sex code and a student id too long',
        name: 'upsertEducationStudent',
        input: 'EducationStudentInput',
        table: 'student',
        record: { ...student, externalId: 'BAD-S1', sex: 'Q', stateStudentId: '1'.repeat(21) },
        expected: [
          ['sex', 'INVALID_ENUM'],
          ['stateStudentId', 'TOO_LONG'],
        ],
      },
    ];

    it.each(bad)(
      'rejects $title with BAD_USER_INPUT and writes nothing',
      async ({ name, input, table, record, expected }) => {
        const res = await upsertOne(name, input, record);
        expect(res.body.data).toBeNull();
        expect(res.body.errors).toHaveLength(1);
        const [error] = res.body.errors;
        expect(error.extensions.code).toBe('BAD_USER_INPUT');
        const listed = (error.extensions.errors as Array<{ field: string; code: string }>).map((e) => [
          e.field,
          e.code,
        ]);
        expect(listed).toEqual(expect.arrayContaining(expected));
        expect(listed).toHaveLength(expected.length);
        expect(await count(table, 'external_id = $1', [record.externalId])).toBe(0);
      },
    );

    it('stores the valid rows of a batch and reports the bad row by index', async () => {
      const rows = [
        { ...attendance, externalId: 'B-A1' },
        { ...attendance, externalId: 'B-A2', daysPresent: 400 },
        { ...attendance, externalId: 'B-A3', enrollmentExternalId: null, daysPresent: 150 },
      ];
      const res = await write(
        `mutation($r: [EducationAttendanceInput!]!) { upsertEducationAttendances(records: $r) { accepted rejected rows { index id created errors { field code } } } }`,
        { r: rows },
      );
      expect(res.body.errors).toBeUndefined();
      const result = res.body.data.upsertEducationAttendances;
      expect(result.accepted).toBe(2);
      expect(result.rejected).toBe(1);
      expect(result.rows[1]).toEqual({
        index: 1,
        id: null,
        created: null,
        errors: expect.arrayContaining([{ field: 'daysPresent', code: 'OUT_OF_RANGE' }]),
      });
      expect(result.rows[0]).toMatchObject({ index: 0, created: true, errors: [] });
      expect(result.rows[2]).toMatchObject({ index: 2, created: true, errors: [] });
      expect(await count('attendance_summary', "external_id IN ('B-A1', 'B-A2', 'B-A3')")).toBe(2);
      expect(await count('attendance_summary', "external_id = 'B-A3' AND enrollment_id IS NULL")).toBe(1);
    });

    it('lets only education integration accounts and data stewards write', async () => {
      const q = `mutation($r: EducationSchoolInput!) { upsertEducationSchool(record: $r) { id } }`;
      const r = { ...school, externalId: 'SCH-FORBIDDEN' };
      for (const [agency, roles] of [
        ['EDUCATION', ['CASEWORKER']],
        ['HOUSING', ['INTEGRATION']],
      ] as const) {
        const res = await as(agency, [...roles], q, { r });
        expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
      }
      expect(await count('school', "external_id = 'SCH-FORBIDDEN'")).toBe(0);
    });
  });

  describe('authentication', () => {
    it('answers 401 without a token', async () => {
      const res = await post(null, '{ __typename }');
      expect(res.status).toBe(401);
      expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    });

    it('answers 401 without the gateway credential', async () => {
      const res = await post(tokenFor('EDUCATION', {}, config), '{ __typename }', undefined, null);
      expect(res.status).toBe(401);
      const wrong = await post(
        tokenFor('EDUCATION', {}, config),
        '{ __typename }',
        undefined,
        'not-the-gateway-credential',
      );
      expect(wrong.status).toBe(401);
    });

    it('answers a request with both', async () => {
      const res = await post(tokenFor('EDUCATION', {}, config), '{ __typename }');
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ __typename: 'Query' });
    });
  });

  describe('Child.education', () => {
    const child = (links: Parameters<typeof newChild>[0]) => ({ r: [newChild(links)] });

    it('shows the section to education staff', async () => {
      const res = await as(
        'EDUCATION',
        ['CASEWORKER'],
        ENTITIES,
        child([{ agency: 'EDUCATION', recordId: studentId, status: 'AUTO' }]),
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data._entities[0].education).toEqual({
        __typename: 'EducationSection',
        records: [{ externalId: 'S1' }],
        enrollments: [{ gradeLevel: '03', school: { name: 'Lincoln Elementary' } }],
        attendance: expect.arrayContaining([
          { daysPresent: 160 },
          { daysPresent: 160 },
          { daysPresent: 150 },
        ]),
        specialPrograms: [{ programType: 'IEP' }],
      });
      expect(res.body.data._entities[0].education.attendance).toHaveLength(3);
    });

    it('shows Restricted to another agency', async () => {
      const res = await as(
        'HOUSING',
        ['HOUSING_NAVIGATOR'],
        ENTITIES,
        child([{ agency: 'EDUCATION', recordId: studentId, status: 'CONFIRMED' }]),
      );
      expect(res.body.errors).toBeUndefined();
      const section = res.body.data._entities[0].education;
      expect(section).toEqual({ __typename: 'Restricted', agency: 'EDUCATION', reason: expect.any(String) });
      expect(JSON.stringify(res.body)).not.toContain('Lincoln');
    });

    it.each([
      ['no links', []],
      [
        'links under review or rejected',
        [
          { agency: 'EDUCATION', recordId: 'x', status: 'REVIEW' },
          { agency: 'EDUCATION', recordId: 'y', status: 'REJECTED' },
        ],
      ],
      ['links of other agencies only', [{ agency: 'CHILD_WELFARE', recordId: 'z', status: 'AUTO' }]],
    ])('is null with %s', async (_title, links) => {
      const realIds = (links as Array<{ agency: string; recordId: string; status: string }>).map((l) => ({
        ...l,
        recordId: studentId,
      }));
      const res = await as('EDUCATION', ['CASEWORKER'], ENTITIES, child(realIds));
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data._entities[0].education).toBeNull();
    });
  });

  describe('educationRecord', () => {
    const q = `query($k: EducationRecordKind!, $s: String, $e: String) { educationRecord(kind: $k, sourceSystem: $s, externalId: $e) {
      __typename ... on EducationSchool { name } ... on EducationEnrollment { gradeLevel school { ncesSchoolId } attendance { externalId } }
      ... on EducationStudent { enrollments { externalId } } ... on Restricted { agency } } }`;

    it('finds records by natural key for education staff', async () => {
      const enr = await as('EDUCATION', ['CASEWORKER'], q, { k: 'ENROLLMENT', s: 'SIS', e: 'E1' });
      expect(enr.body.data.educationRecord).toEqual({
        __typename: 'EducationEnrollment',
        gradeLevel: '03',
        school: { ncesSchoolId: '063367000001' },
        attendance: expect.arrayContaining([{ externalId: 'A1' }, { externalId: 'B-A1' }]),
      });
      const stu = await as('EDUCATION', ['CASEWORKER'], q, { k: 'STUDENT', s: 'SIS', e: 'S1' });
      expect(stu.body.data.educationRecord).toEqual({
        __typename: 'EducationStudent',
        enrollments: [{ externalId: 'E1' }],
      });
    });

    it('shows schools (directory data) to anyone but withholds a child’s records', async () => {
      const sch = await as('HOUSING', ['HOUSING_NAVIGATOR'], q, { k: 'SCHOOL', s: 'SIS', e: 'SCH-1' });
      expect(sch.body.data.educationRecord).toEqual({
        __typename: 'EducationSchool',
        name: 'Lincoln Elementary',
      });
      const enr = await as('HOUSING', ['HOUSING_NAVIGATOR'], q, { k: 'ENROLLMENT', s: 'SIS', e: 'E1' });
      expect(enr.body.data.educationRecord).toEqual({ __typename: 'Restricted', agency: 'EDUCATION' });
    });
  });

  describe('educationPersonFeed', () => {
    const q = `query($after: String) { educationPersonFeed(after: $after, first: 2) { cursor hasMore records { agency recordId externalId changeSeq } } }`;

    it('pages through every student for the child index', async () => {
      for (const [i, ext] of ['S2', 'S3', 'S4'].entries()) {
        const res = await upsertOne('upsertEducationStudent', 'EducationStudentInput', {
          ...student,
          externalId: ext,
          birthDate: `201${i}-01-01`,
        });
        expect(res.body.errors).toBeUndefined();
      }
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const res = await post(serviceToken(config.jwt), q, { after });
        expect(res.body.errors).toBeUndefined();
        const page = res.body.data.educationPersonFeed;
        expect(page.records.length).toBeLessThanOrEqual(2);
        expect(page.records.every((r: { agency: string }) => r.agency === 'EDUCATION')).toBe(true);
        seen.push(...page.records.map((r: { externalId: string }) => r.externalId));
        after = page.cursor;
        pages++;
        if (!page.hasMore) break;
        expect(pages).toBeLessThan(10);
      }
      const all: Array<{ external_id: string }> = await service.db.dataSource.query(
        'SELECT external_id FROM student',
      );
      expect(all.length).toBeGreaterThanOrEqual(4);
      expect([...seen].sort()).toEqual(all.map((r) => r.external_id).sort());
      expect(new Set(seen).size).toBe(seen.length);
      expect(pages).toBe(Math.ceil(all.length / 2));
    });

    it('refuses a caseworker of another agency, and of its own', async () => {
      for (const agency of ['HOUSING', 'EDUCATION'] as const) {
        const res = await as(agency, ['CASEWORKER'], q, { after: null });
        expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
        expect(res.body.data).toBeNull();
      }
    });
  });

  describe('seed', () => {
    it('places children in grades by California’s September 1 cutoff', () => {
      expect(GRADES[gradeIndexFor('2015-03-10', 2024)!]).toBe('03');
      expect(GRADES[gradeIndexFor('2018-09-01', 2024)!]).toBe('K');
      expect(GRADES[gradeIndexFor('2018-09-02', 2024)!]).toBe('PK');
      expect(GRADES[gradeIndexFor('2005-12-31', 2024)!]).toBe('12');
      expect(gradeIndexFor('2005-08-31', 2024)).toBeNull();
      expect(gradeIndexFor('2020-01-01', 2024)).toBeNull();
    });

    it('writes the district for hand-made children and is idempotent', async () => {
      const people = [
        person('AERIES', 'AE-10', yearsBefore(TODAY, 10, 40), {
          openChildWelfareCase: true,
          specialEducation: true,
        }),
        person('AERIES', 'AE-16', yearsBefore(TODAY, 16, 200), {}, 'Oakdale'),
        person('AERIES', 'AE-2', yearsBefore(TODAY, 2, 10), { specialEducation: false }),
      ];
      const counts = async () => {
        const out: Record<string, number> = {};
        for (const t of TABLES) out[t] = await count(t, "source_system = 'AERIES'");
        return out;
      };
      const written = await seed(service.db.dataSource, people, new Rng(7));
      const first = await counts();
      expect(written).toBe(Object.values(first).reduce((a, b) => a + b, 0));
      expect(first.student).toBe(3);
      expect(first.school).toBeGreaterThanOrEqual(35);
      expect(first.school).toBeLessThanOrEqual(45);

      const students: Array<Record<string, unknown>> = await service.db.dataSource.query(
        `SELECT external_id, given_name, family_name, birth_date, sex, race, city FROM student WHERE source_system = 'AERIES' ORDER BY external_id`,
      );
      expect(students).toEqual(
        [...people]
          .sort((a, b) => a.externalId.localeCompare(b.externalId))
          .map((p) => ({
            external_id: p.externalId,
            given_name: p.givenName,
            family_name: p.familyName,
            birth_date: p.birthDate,
            sex: p.sex,
            race: p.race,
            city: p.city,
          })),
      );

      const enrollments: Array<{
        external_id: string;
        person: string;
        school_year: number;
        grade_level: string;
        entry_date: string;
        exit_date: string | null;
      }> = await service.db.dataSource
        .query(`SELECT e.external_id, s.external_id AS person, e.school_year, e.grade_level, e.entry_date, e.exit_date
          FROM enrollment e JOIN student s ON s.id = e.person_id WHERE e.source_system = 'AERIES'`);
      const byPerson = (ext: string) => enrollments.filter((e) => e.person === ext);
      expect(byPerson('AE-2')).toHaveLength(0);
      for (const p of people.slice(0, 2)) {
        const mine = byPerson(p.externalId);
        expect(mine.length).toBeGreaterThanOrEqual(1);
        expect(mine.length).toBeLessThanOrEqual(3);
        for (const e of mine) {
          // Grade = age on September 1 of the year the school year starts, minus 5 (K; PK at 4).
          expect(e.grade_level).toBe(GRADES[ageOn(p.trueBirthDate, `${e.school_year - 1}-09-01`) - 4]);
          expect(e.entry_date <= TODAY).toBe(true);
          if (e.exit_date) expect(e.exit_date >= e.entry_date).toBe(true);
        }
      }

      const attendance: Array<{
        enrollment_year: number | null;
        school_year: number;
        days_enrolled: number;
        counted: number;
      }> = await service.db.dataSource.query(
        `SELECT e.school_year AS enrollment_year, a.school_year, a.days_enrolled,
                a.days_present + a.days_excused_absent + a.days_unexcused_absent AS counted
           FROM attendance_summary a LEFT JOIN enrollment e ON e.id = a.enrollment_id WHERE a.source_system = 'AERIES'`,
      );
      expect(attendance).toHaveLength(enrollments.length);
      for (const a of attendance) {
        expect(a.enrollment_year).toBe(a.school_year);
        expect(a.counted).toBeLessThanOrEqual(a.days_enrolled);
      }

      const programs: Array<{ person: string; program_type: string; primary_disability: string | null }> =
        await service.db.dataSource.query(
          `SELECT s.external_id AS person, p.program_type, p.primary_disability FROM special_program p JOIN student s ON s.id = p.person_id
          WHERE p.source_system = 'AERIES'`,
        );
      expect(programs.map((p) => p.person)).toEqual(['AE-10']);
      if (programs[0]!.program_type === 'IEP') expect(programs[0]!.primary_disability).not.toBeNull();

      const ids = await service.db.dataSource.query(
        `SELECT id, external_id FROM student WHERE source_system = 'AERIES' ORDER BY external_id`,
      );
      const again = await seed(service.db.dataSource, people, new Rng(7));
      expect(again).toBe(written);
      expect(await counts()).toEqual(first);
      expect(
        await service.db.dataSource.query(
          `SELECT id, external_id FROM student WHERE source_system = 'AERIES' ORDER BY external_id`,
        ),
      ).toEqual(ids);
    });
  });
});

describe('education seed at county scale', () => {
  let db: { url: string; drop(): Promise<void> };
  let service: SubgraphService;
  beforeAll(async () => {
    db = await createTestDatabase();
    service = await createEducationService({
      config: loadConfig({ WHOLECHILD_MODE: 'development', LOG_LEVEL: 'silent' }),
      databaseUrl: db.url,
    });
  });
  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  it('writes ~4500 students of the synthetic county and all their records', async () => {
    const people = generateCounty({ size: 6000, seed: 2026 }).records.EDUCATION;
    expect(people.length).toBeGreaterThan(4000);
    const written = await seed(service.db.dataSource, people, new Rng(1));
    const q = async (sql: string) => Number((await service.db.dataSource.query(sql))[0].n);
    expect(await q('SELECT count(*) AS n FROM student')).toBe(people.length);
    const total =
      await q(`SELECT (SELECT count(*) FROM student) + (SELECT count(*) FROM school) + (SELECT count(*) FROM enrollment)
      + (SELECT count(*) FROM attendance_summary) + (SELECT count(*) FROM special_program) + (SELECT count(*) FROM discipline_incident) AS n`);
    expect(written).toBe(total);
    expect(await q('SELECT count(*) AS n FROM discipline_incident')).toBeGreaterThan(0);
    expect(
      await q(`SELECT count(*) AS n FROM enrollment WHERE entry_code = 'TRANSFER_IN_DISTRICT'`),
    ).toBeGreaterThan(0);

    // Children with an open child welfare case miss more school.
    const cw = new Set(people.filter((p) => p.flags.openChildWelfareCase).map((p) => p.externalId));
    const rates: Array<{ external_id: string; rate: number }> = await service.db.dataSource.query(
      `SELECT s.external_id, sum(a.days_excused_absent + a.days_unexcused_absent)::float / sum(a.days_enrolled) AS rate
         FROM attendance_summary a JOIN student s ON s.id = a.person_id GROUP BY s.external_id`,
    );
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const cwRate = mean(rates.filter((r) => cw.has(r.external_id)).map((r) => r.rate));
    const otherRate = mean(rates.filter((r) => !cw.has(r.external_id)).map((r) => r.rate));
    expect(cwRate).toBeGreaterThan(otherRate * 1.5);
  });
});
