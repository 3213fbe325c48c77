import { fieldError, type FieldError } from '../errors';

export interface RejectedLine {
  /** 1-based line number in the file. */
  line: number;
  kind: string | null;
  errors: FieldError[];
}

export interface BulkIngestReport {
  lines: number;
  /** Rows written new, rows changed, rows re-sent identical (left untouched). */
  created: number;
  updated: number;
  unchanged: number;
  rejected: RejectedLine[];
  byKind: Record<string, number>;
  ms: number;
  /** Where the time went: reading, validating and COPYing; checking parents; merging. */
  phases: { copyMs: number; checkMs: number; mergeMs: number };
}

/** Largest number of rejected lines listed one by one; more are counted. */
export const MAX_REJECTED_LISTED = 1000;

/** The rejected lines of a load as they are found (validation while reading, parents later):
 *  listed up to MAX_REJECTED_LISTED, the rest counted. */
export function rejectionList() {
  const listed: RejectedLine[] = [];
  let count = 0;
  return {
    reject(line: number, kind: string | null, errors: FieldError[]): void {
      count++;
      if (listed.length < MAX_REJECTED_LISTED) listed.push({ line, kind, errors });
    },
    /** The listed lines in file order, and one entry (line 0) counting those not listed. */
    finish(): RejectedLine[] {
      listed.sort((a, b) => a.line - b.line);
      if (count > listed.length)
        listed.push({
          line: 0,
          kind: null,
          errors: [fieldError('line', 'OUT_OF_RANGE', `${count - listed.length} more rejected lines`)],
        });
      return listed;
    },
  };
}
