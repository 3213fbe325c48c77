import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { PassThrough, type Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { fieldError, type FieldError } from '../errors';
import { forEachLine } from './bulkLines';
import { STAGING, type KindPlan } from './bulkStaging';

/** Lines go to COPY in chunks of about this many characters: one CopyData message per line would
 *  cost a socket write each. */
const COPY_CHUNK = 256_000;

/** Where stageFile reports what it refuses and how far it has read. */
export interface StageSink {
  reject(line: number, kind: string | null, errors: FieldError[]): void;
  onProgress?: (lines: number) => void;
}

/**
 * Reads the file line by line and COPYs each valid line, as it is read, into the staging table
 * (`line, kind, id, <the kind's slots>`: each line gets the id its row will have if new). A line
 * that is not a JSON object, names no kind of the agency, or fails the kind's validation (the
 * upsert's, validateRow) is rejected and not staged; blank lines are skipped but counted. Returns
 * the number of lines read.
 */
export async function stageFile(
  client: PoolClient,
  input: Readable,
  plans: KindPlan[],
  sink: StageSink,
): Promise<number> {
  const byEnum = new Map(plans.map((p) => [p.kind.kindEnum, p]));
  const kindList = [...byEnum.keys()].join(', ');
  const copy = client.query(copyFrom(`COPY ${STAGING} FROM STDIN`));
  const out = new PassThrough();
  const copied = pipeline(out, copy);
  let pending = '';
  const flush = async () => {
    if (pending && !out.write(pending)) await new Promise((r) => out.once('drain', r));
    pending = '';
  };
  let n = 0;
  const onLine = (text: string) => {
    n++;
    if (n % 1000 === 0) sink.onProgress?.(n);
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(text) as Record<string, unknown>;
    } catch {
      if (!text.trim()) return; // blank lines are skipped
      row = null as unknown as Record<string, unknown>;
    }
    if (!row || typeof row !== 'object' || Array.isArray(row)) {
      sink.reject(n, null, [fieldError('line', 'INVALID_TYPE', 'not a JSON object')]);
      return;
    }
    const plan = byEnum.get(String(row.kind));
    if (!plan) {
      sink.reject(n, null, [fieldError('kind', 'INVALID_ENUM', `kind must be one of ${kindList}`)]);
      return;
    }
    const errors = plan.validate(row);
    if (errors.length) {
      sink.reject(n, plan.kind.kindEnum, errors);
      return;
    }
    plan.staged++;
    pending += `${n}\t${plan.index}\t${randomUUID()}\t${plan.encode(row)}\n`;
  };
  await forEachLine(input, onLine, async () => {
    if (pending.length > COPY_CHUNK) await flush();
  });
  await flush();
  out.end();
  await copied;
  sink.onProgress?.(n);
  return n;
}
