import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readPersonFeed } from '@wholechild/shared';
import { createTestDatabase } from '@wholechild/shared/src/testing';
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
