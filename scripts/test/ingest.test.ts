import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readPersonFeed } from '@wholechild/shared';
import { createTestDatabase } from '@wholechild/shared/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { agencyOf, runIngest } from '../ingest';

const SRC = 'SIS';
const lines = [
  {
    kind: 'SCHOOL',
    sourceSystem: SRC,
    externalId: 'SCH1',
    name: 'Lincoln Middle',
    ncesSchoolId: '060000000001',
    schoolType: 'MIDDLE',
    city: 'Riverside',
  },
  {
    kind: 'STUDENT',
    sourceSystem: SRC,
    externalId: 'S1',
    givenName: 'Ana',
    familyName: 'Diaz',
    birthDate: '2012-04-05',
    sex: 'F',
  },
  {
    kind: 'ENROLLMENT',
    sourceSystem: SRC,
    externalId: 'E1',
    personExternalId: 'S1',
    schoolExternalId: 'SCH1',
    schoolYear: 2025,
    gradeLevel: '07',
    entryDate: '2025-08-20',
    entryCode: 'NEW',
  },
  { kind: 'STUDENT', sourceSystem: SRC, externalId: 'S2', givenName: 'Ben', birthDate: '2012-02-30' },
  {
    kind: 'ENROLLMENT',
    sourceSystem: SRC,
    externalId: 'E2',
    personExternalId: 'NOBODY',
    schoolExternalId: 'SCH1',
    schoolYear: 2025,
    gradeLevel: '07',
    entryDate: '2025-08-20',
    entryCode: 'NEW',
  },
  'this is not json',
  {
    kind: 'ATTENDANCE',
    sourceSystem: SRC,
    externalId: 'A1',
    personExternalId: 'S1',
    schoolYear: 2025,
    daysEnrolled: 10,
    daysPresent: 9,
    daysExcusedAbsent: 2,
    daysUnexcusedAbsent: 0,
    chronicAbsence: false,
  },
  { kind: 'LOCKER', sourceSystem: SRC, externalId: 'L1' },
  {
    kind: 'ATTENDANCE',
    sourceSystem: SRC,
    externalId: 'A2',
    personExternalId: 'S1',
    enrollmentExternalId: 'E1',
    schoolYear: 2025,
    daysEnrolled: 10,
    daysPresent: 9,
    daysExcusedAbsent: 1,
    daysUnexcusedAbsent: 0,
    chronicAbsence: false,
  },
];

describe('npm run ingest (bulk load)', () => {
  let db: { url: string; drop(): Promise<void> };
  let file: string;
  const counts = async () => {
    const c = new Client({ connectionString: db.url });
    await c.connect();
    try {
      const { rows } = await c.query(
        `SELECT (SELECT count(*)::int FROM education.student) AS students, (SELECT count(*)::int FROM education.school) AS schools,
                (SELECT count(*)::int FROM education.enrollment) AS enrollments, (SELECT count(*)::int FROM education.attendance_summary) AS attendance,
                (SELECT max(change_seq)::int FROM education.student) AS seq`,
      );
      return rows[0];
    } finally {
      await c.end();
    }
  };
  beforeAll(async () => {
    db = await createTestDatabase();
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-')), 'education.ndjson');
    fs.writeFileSync(
      file,
      lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n\n',
    );
  });
  afterAll(async () => db?.drop());

  it('names agencies as npm start does', () => {
    expect(agencyOf('education')).toBe('EDUCATION');
    expect(agencyOf('CHILD_WELFARE')).toBe('CHILD_WELFARE');
    expect(agencyOf('nope')).toBeNull();
  });

  it('writes the valid lines once, lists the bad ones by line number and writes nothing of them', async () => {
    const r = await runIngest({ agency: 'EDUCATION', file, databaseUrl: db.url, progress: null });
    expect(r.lines).toBe(10);
    expect(r.created).toBe(4);
    expect(r.byKind).toEqual({ SCHOOL: 1, STUDENT: 1, ENROLLMENT: 1, ATTENDANCE: 1 });
    expect(r.rejected.map((x) => [x.line, x.errors[0]!.field, x.errors[0]!.code])).toEqual([
      [4, 'birthDate', 'INVALID_DATE'],
      [5, 'personExternalId', 'UNKNOWN_REFERENCE'],
      [6, 'line', 'INVALID_TYPE'],
      [7, 'daysEnrolled', 'OUT_OF_RANGE'],
      [8, 'kind', 'INVALID_ENUM'],
    ]);
    expect(await counts()).toEqual(
      expect.objectContaining({ students: 1, schools: 1, enrollments: 1, attendance: 1 }),
    );
  });

  it('re-running the file is idempotent: nothing new, nothing rewritten, the feed not bumped', async () => {
    const before = await counts();
    const r = await runIngest({ agency: 'EDUCATION', file, databaseUrl: db.url, progress: null });
    expect([r.created, r.updated, r.unchanged]).toEqual([0, 0, 4]);
    expect(await counts()).toEqual(before);
  });

  it('a changed record is updated in place and gets a new change sequence, so the index pulls it', async () => {
    const before = await counts();
    const changed = path.join(path.dirname(file), 'changed.ndjson');
    fs.writeFileSync(changed, JSON.stringify({ ...(lines[1] as object), familyName: 'Díaz-Ruiz' }) + '\n');
    const r = await runIngest({ agency: 'EDUCATION', file: changed, databaseUrl: db.url, progress: null });
    expect([r.created, r.updated, r.unchanged]).toEqual([0, 1, 0]);
    const after = await counts();
    expect(after.students).toBe(1);
    expect(after.seq).toBeGreaterThan(before.seq);
    const ds = new DataSource({ type: 'postgres', url: db.url });
    await ds.initialize();
    try {
      const feed = await readPersonFeed(ds, 'education.student', 'EDUCATION', null, 10);
      expect(feed.records).toEqual([expect.objectContaining({ externalId: 'S1', familyName: 'Díaz-Ruiz' })]);
    } finally {
      await ds.destroy();
    }
  });
});

describe('npm run ingest: what the COPY path must keep', () => {
  let db: { url: string; drop(): Promise<void> };
  let dir: string;
  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const c = new Client({ connectionString: db.url });
    await c.connect();
    try {
      return (await c.query(sql, params)).rows as T[];
    } finally {
      await c.end();
    }
  };
  const ingest = async (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return runIngest({ agency: 'EDUCATION', file, databaseUrl: db.url, progress: null });
  };
  const ndjson = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
  const school = lines[0] as object;
  const student = (ext: string, extra: object = {}) => ({
    kind: 'STUDENT',
    sourceSystem: SRC,
    externalId: ext,
    givenName: 'Ana',
    birthDate: '2012-04-05',
    ...extra,
  });
  const enrollment = (ext: string, person: string, extra: object = {}) => ({
    ...(lines[2] as object),
    externalId: ext,
    personExternalId: person,
    ...extra,
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-copy-'));
  });
  afterAll(async () => db?.drop());

  it('stores text exactly: tabs, backslashes, newlines, carriage returns, \\N, quotes and any Unicode', async () => {
    const names = [
      'tab\there',
      'back\\slash \\N \\t \\\\',
      'new\nline\r\nand\rreturn',
      '\\N',
      'quote " and \' and ,;|',
      'Ñandú 😀 中文 \u2028 \u00a0',
    ];
    const r = await ingest(
      'text.ndjson',
      ndjson(names.map((familyName, i) => student(`TXT${i}`, { familyName, givenName: `  ${i}  ` }))),
    );
    expect(r.rejected).toEqual([]);
    expect(r.created).toBe(names.length);
    const rows = await query<{ external_id: string; family_name: string; given_name: string }>(
      `SELECT external_id, family_name, given_name FROM education.student WHERE external_id LIKE 'TXT%' ORDER BY external_id`,
    );
    expect(rows.map((x) => x.family_name)).toEqual(names);
    expect(rows.map((x) => x.given_name)).toEqual(names.map((_, i) => `  ${i}  `));
    // the same text again is recognised as unchanged
    const again = await ingest(
      'text.ndjson',
      ndjson(names.map((familyName, i) => student(`TXT${i}`, { familyName, givenName: `  ${i}  ` }))),
    );
    expect([again.created, again.updated, again.unchanged]).toEqual([0, 0, names.length]);
  });

  it('a rejected line in the middle of a file is reported and nothing of it is written', async () => {
    const rows: object[] = [school];
    for (let i = 0; i < 3000; i++)
      rows.push(student(`MID${i}`, i === 1500 ? { birthDate: '2012-13-01' } : {}));
    const r = await ingest('mid.ndjson', ndjson(rows));
    expect(r.rejected.map((x) => [x.line, x.errors[0]!.field, x.errors[0]!.code])).toEqual([
      [1502, 'birthDate', 'INVALID_DATE'],
    ]);
    expect(r.created).toBe(3000); // the school and 2,999 students
    expect(await query(`SELECT 1 FROM education.student WHERE external_id = 'MID1500'`)).toEqual([]);
    const rerun = await ingest('mid.ndjson', ndjson(rows));
    expect([rerun.created, rerun.updated, rerun.unchanged]).toEqual([0, 0, 3000]);
  });

  it('a repeated key: the last line wins, counted once', async () => {
    const r = await ingest(
      'dup.ndjson',
      ndjson([
        student('DUP1', { familyName: 'First' }),
        student('DUP1', { familyName: 'Last' }),
        student('DUP2'),
      ]),
    );
    expect([r.created, r.updated, r.unchanged]).toEqual([2, 0, 0]);
    expect(await query(`SELECT family_name FROM education.student WHERE external_id = 'DUP1'`)).toEqual([
      { family_name: 'Last' },
    ]);
    const changed = await ingest(
      'dup2.ndjson',
      ndjson([student('DUP1', { familyName: 'Again' }), student('DUP1', { familyName: 'Last' })]),
    );
    expect([changed.created, changed.updated, changed.unchanged]).toEqual([0, 0, 1]);
  });

  it('a child may come before its parent in the file; empty and NUL parent ids are handled as the upsert does', async () => {
    const r = await ingest(
      'order.ndjson',
      ndjson([
        enrollment('ORD-E1', 'ORD-S1'),
        school,
        student('ORD-S1'),
        { ...enrollment('ORD-E2', 'ORD-S1'), schoolExternalId: '' },
        enrollment('ORD-E3', 'ORD-S1\u0000'),
      ]),
    );
    expect(r.rejected.map((x) => [x.line, x.errors[0]!.field, x.errors[0]!.code])).toEqual([
      [4, 'schoolExternalId', 'REQUIRED'],
      [5, 'personExternalId', 'UNKNOWN_REFERENCE'],
    ]);
    expect(r.created).toBe(2);
    const [e1] = await query<{ person: string }>(
      `SELECT s.external_id AS person FROM education.enrollment e JOIN education.student s ON s.id = e.person_id WHERE e.external_id = 'ORD-E1'`,
    );
    expect(e1).toEqual({ person: 'ORD-S1' });
  });

  it('CRLF line endings number lines as LF ones do', async () => {
    const r = await ingest(
      'crlf.ndjson',
      [student('CR1'), student('CR2', { birthDate: 'x' }), student('CR3')]
        .map((x) => JSON.stringify(x))
        .join('\r\n'),
    );
    expect(r.lines).toBe(3);
    expect(r.rejected.map((x) => x.line)).toEqual([2]);
    expect(r.created).toBe(2);
  });

  it('reads blank optional fields and common spellings as the upsert does', async () => {
    const r = await ingest(
      'blanks.ndjson',
      ndjson([
        school,
        student('BL1', { birthDate: '', sex: 'female', middleName: '', ethnicity: 'not hispanic' }),
        student('BL2', { birthDate: '2020-13-45', sex: '' }),
        enrollment('BL-E1', 'BL1', { exitDate: '', exitCode: ' ' }),
      ]),
    );
    expect(r.rejected.map((x) => [x.line, x.errors.map((e) => `${e.field} ${e.code}`)])).toEqual([
      [3, ['birthDate INVALID_DATE']],
    ]);
    expect(
      await query(
        `SELECT s.birth_date, s.sex, s.middle_name, s.ethnicity, e.exit_date, e.exit_code
           FROM education.student s JOIN education.enrollment e ON e.person_id = s.id WHERE s.external_id = 'BL1'`,
      ),
    ).toEqual([
      {
        birth_date: null,
        sex: 'F',
        middle_name: null,
        ethnicity: 'NOT_HISPANIC',
        exit_date: null,
        exit_code: null,
      },
    ]);
  });

  it('the person feed delivers every bulk-loaded record, in change order', async () => {
    const rows: object[] = [];
    for (let i = 0; i < 2500; i++) rows.push(student(`FEED${String(i).padStart(4, '0')}`));
    const r = await ingest('feed.ndjson', ndjson(rows));
    expect(r.created).toBe(2500);
    const ds = new DataSource({ type: 'postgres', url: db.url });
    await ds.initialize();
    try {
      const seen: string[] = [];
      let last = -1;
      let after: string | null = null;
      for (;;) {
        const page = await readPersonFeed(ds, 'education.student', 'EDUCATION', after, 500);
        for (const rec of page.records as Array<{ externalId: string; changeSeq: number }>) {
          expect(rec.changeSeq).toBeGreaterThan(last);
          last = rec.changeSeq;
          seen.push(rec.externalId);
        }
        if (!page.hasMore) break;
        after = page.cursor;
      }
      expect(seen.filter((x) => x.startsWith('FEED')).sort()).toEqual(
        rows.map((x) => (x as { externalId: string }).externalId),
      );
    } finally {
      await ds.destroy();
    }
  });
});
