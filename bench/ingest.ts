/**
 * Benchmark 4: ingest. (a) Idempotent batch upserts through the gateway (an integration
 * account's token, batches of 500, 4 at a time), sent twice: the second pass must create nothing.
 * (b) The bulk path (`npm run ingest`) for an agency's initial history load, against the floor:
 * a raw COPY of the same rows into the agency's own tables with their ids resolved (no validation,
 * staging or merge). A raw COPY into plain tables without keys is printed beside it.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { schemaOf } from '@wholechild/shared';
import { tokenFor } from '@wholechild/shared/testing';
import { from as copyFrom } from 'pg-copy-streams';
import { runIngest } from '../scripts/ingest';
import type { BenchContext } from './lib/context';
import { GraphQLClient } from './lib/load';
import type { BenchResult } from './lib/report';

export const TARGET_UPSERT_RPS = 2000;
export const TARGET_BULK_VS_COPY = 0.5;
const BATCH = 500;

const student = (src: string, i: number) => ({
  sourceSystem: src,
  externalId: `ST${i}`,
  givenName: `Given${i % 997}`,
  familyName: `Family${i % 1999}`,
  birthDate: `20${String(5 + (i % 13)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
  sex: i % 2 ? 'F' : 'M',
  stateStudentId: `SSID${i}`,
});
const enrollment = (src: string, i: number) => ({
  sourceSystem: src,
  externalId: `EN${i}`,
  personExternalId: `ST${i}`,
  schoolExternalId: 'SCH1',
  schoolYear: 2025,
  gradeLevel: '07',
  entryDate: '2025-08-20',
  entryCode: 'NEW',
});

async function gatewayUpserts(ctx: BenchContext, url: string, n: number) {
  const token = tokenFor('EDUCATION', { roles: ['INTEGRATION'], purposeOfUse: 'OPERATIONS' }, ctx.config);
  const client = new GraphQLClient(url, token);
  const mutation = `mutation($r: [EducationStudentInput!]!) { upsertEducationStudents(records: $r) { accepted rejected rows { created } } }`;
  const batches = Array.from({ length: Math.ceil(n / BATCH) }, (_, b) =>
    Array.from({ length: Math.min(BATCH, n - b * BATCH) }, (_, i) => student('GW', b * BATCH + i)),
  );
  const pass = async () => {
    let next = 0;
    let created = 0;
    let accepted = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < batches.length) {
          const batch = batches[next++]!;
          const res = await client.request<{
            upsertEducationStudents: {
              accepted: number;
              rejected: number;
              rows: Array<{ created: boolean }>;
            };
          }>(mutation, { r: batch });
          accepted += res.upsertEducationStudents.accepted;
          created += res.upsertEducationStudents.rows.filter((r) => r.created).length;
        }
      }),
    );
    return { perSecond: accepted / ((performance.now() - t0) / 1000), accepted, created };
  };
  const first = await pass();
  const again = await pass();
  client.close();
  return { first, again };
}

function writeBulkFile(n: number): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wholechild-bulk-')), 'education.ndjson');
  const school = {
    kind: 'SCHOOL',
    sourceSystem: 'BULK',
    externalId: 'SCH1',
    name: 'Lincoln Middle',
    ncesSchoolId: '060000000001',
    schoolType: 'MIDDLE',
    city: 'Riverside',
  };
  const lines = [JSON.stringify(school)];
  for (let i = 0; i < n / 2; i++) {
    lines.push(JSON.stringify({ kind: 'STUDENT', ...student('BULK', i) }));
    lines.push(JSON.stringify({ kind: 'ENROLLMENT', ...enrollment('BULK', i) }));
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** `n / 2` text lines made by `line`, streamed to COPY in chunks of 1,000. */
const linesOf = (n: number, line: (i: number) => string) =>
  Readable.from(
    (function* () {
      for (let i = 0; i < n / 2; i += 1000) {
        let chunk = '';
        for (let j = i; j < Math.min(i + 1000, n / 2); j++) chunk += line(j);
        yield chunk;
      }
    })(),
  );

/** The same rows COPYed as they are into two plain tables (no keys, indexes or triggers). */
async function rawCopy(ctx: BenchContext, n: number): Promise<number> {
  const client = await ctx.sql().connect();
  try {
    await client.query(`DROP TABLE IF EXISTS bench_raw_student, bench_raw_enrollment`);
    await client.query(`CREATE TABLE bench_raw_student (source_system varchar(64), external_id varchar(128),
      given_name varchar(100), family_name varchar(100), birth_date date, sex varchar(1), state_student_id varchar(20))`);
    await client.query(`CREATE TABLE bench_raw_enrollment (source_system varchar(64), external_id varchar(128),
      person_external_id varchar(128), school_external_id varchar(128), school_year int, grade_level varchar(2),
      entry_date date, entry_code varchar(30))`);
    const tsv = (o: Record<string, unknown>) => `${Object.values(o).join('\t')}\n`;
    const t0 = performance.now();
    await client.query('BEGIN');
    await pipeline(
      linesOf(n, (i) => tsv(student('RAW', i))),
      client.query(copyFrom('COPY bench_raw_student FROM STDIN')),
    );
    await pipeline(
      linesOf(n, (i) => tsv(enrollment('RAW', i))),
      client.query(copyFrom('COPY bench_raw_enrollment FROM STDIN')),
    );
    await client.query('COMMIT');
    const ms = performance.now() - t0;
    await client.query(`DROP TABLE bench_raw_student, bench_raw_enrollment`);
    return ms;
  } finally {
    client.release();
  }
}

/**
 * The floor the bulk path is held to: a raw COPY of the same rows straight into the agency's own
 * tables — the same primary and natural keys, indexes, foreign keys, defaults and triggers — with
 * every id already resolved (a student's id chosen, each enrollment naming its student's and
 * school's ids), as a DBA's `COPY … FROM` would load them. No validation, no staging, no merge: what
 * PostgreSQL itself must do to store these records. Rolled back afterwards.
 */
async function rawCopyIntoAgencyTables(ctx: BenchContext, n: number): Promise<number> {
  const client = await ctx.sql().connect();
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL search_path = ${schemaOf('education')}, public`);
    const school = (
      await client.query<{ id: string }>(
        `INSERT INTO school (source_system, external_id, name, nces_school_id, school_type, city)
         VALUES ('RAWFLOOR', 'SCH1', 'Lincoln Middle', '060000000001', 'MIDDLE', 'Riverside') RETURNING id`,
      )
    ).rows[0]!.id;
    const ids = Array.from({ length: Math.ceil(n / 2) }, () => randomUUID());
    const t0 = performance.now();
    await pipeline(
      linesOf(n, (i) => `${ids[i]}\t${Object.values(student('RAWFLOOR', i)).join('\t')}\n`),
      client.query(
        copyFrom(`COPY student (id, source_system, external_id, given_name, family_name, birth_date, sex,
          state_student_id) FROM STDIN`),
      ),
    );
    await pipeline(
      linesOf(n, (i) => {
        const e = enrollment('RAWFLOOR', i);
        return `${e.sourceSystem}\t${e.externalId}\t${ids[i]}\t${school}\t${e.schoolYear}\t${e.gradeLevel}\t${e.entryDate}\t${e.entryCode}\n`;
      }),
      client.query(
        copyFrom(`COPY enrollment (source_system, external_id, person_id, school_id, school_year, grade_level,
          entry_date, entry_code) FROM STDIN`),
      ),
    );
    const ms = performance.now() - t0;
    await client.query('ROLLBACK');
    return ms;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

export async function run(ctx: BenchContext): Promise<BenchResult> {
  const gw = await ctx.startGateway('gateway');
  const upserts = await gatewayUpserts(ctx, gw.url, ctx.opts.ingestRecords);

  const rows = ctx.opts.bulkRows;
  const file = writeBulkFile(rows);
  const bulk = await runIngest({ agency: 'EDUCATION', file, databaseUrl: ctx.db.url, progress: null });
  const rerun = await runIngest({ agency: 'EDUCATION', file, databaseUrl: ctx.db.url, progress: null });
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  const rawMs = await rawCopy(ctx, rows);
  const tableMs = await rawCopyIntoAgencyTables(ctx, rows);
  const tableRate = rows / (tableMs / 1000);
  const bulkRate = (bulk.created + bulk.updated + bulk.unchanged) / (bulk.ms / 1000);
  const rawRate = rows / (rawMs / 1000);
  const idempotent = upserts.again.created === 0 && rerun.created === 0 && rerun.updated === 0;
  return {
    bench: 'ingest',
    figures: [
      {
        bench: 'ingest',
        name: `gateway batch upserts (${upserts.first.accepted} new students)`,
        value: upserts.first.perSecond,
        unit: 'rec/s',
        target: `≥ ${TARGET_UPSERT_RPS} rec/s`,
        pass:
          upserts.first.perSecond >= TARGET_UPSERT_RPS && upserts.first.created === upserts.first.accepted,
      },
      {
        bench: 'ingest',
        name: 'gateway batch upserts, same records again',
        value: upserts.again.perSecond,
        unit: 'rec/s',
        target: '0 created (idempotent)',
        pass: upserts.again.created === 0,
      },
      {
        bench: 'ingest',
        name: `raw COPY of ${rows} rows into plain tables (no keys, indexes or triggers)`,
        value: rawRate,
        unit: 'rows/s',
      },
      {
        bench: 'ingest',
        name: `floor: raw COPY of the same rows into the agency's tables (keys, ids resolved)`,
        value: tableRate,
        unit: 'rows/s',
      },
      {
        bench: 'ingest',
        name: `bulk ingest of the same ${rows} rows (validate, COPY, merge)`,
        value: bulkRate,
        unit: 'rows/s',
        target: `≥ ${TARGET_BULK_VS_COPY * 100}% of the floor (${Math.round(tableRate * TARGET_BULK_VS_COPY)})`,
        pass: bulkRate >= tableRate * TARGET_BULK_VS_COPY && bulk.rejected.length === 0,
      },
      {
        bench: 'ingest',
        name: 'bulk ingest / raw COPY into plain tables',
        value: (100 * bulkRate) / rawRate,
        unit: '%',
      },
      {
        bench: 'ingest',
        name: 'bulk ingest, same file again',
        value: rerun.lines / (rerun.ms / 1000),
        unit: 'rows/s',
        target: '0 written (idempotent)',
        pass: idempotent,
      },
    ],
    details: {
      upserts,
      bulk: { ...bulk, rejected: bulk.rejected.slice(0, 5) },
      rerun: { ...rerun, rejected: [] },
      rawMs,
      tableMs,
    },
  };
}
