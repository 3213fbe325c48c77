import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { isDatabaseUnavailable } from '../db/unavailable';
import type { Logger } from '../logger';
import { canonicalJson } from './audit';

/**
 * Signed checkpoints of an audit chain, kept outside the database (NIST SP 800-53 AU-9(3):
 * cryptographic protection of audit information; AU-9(2): stored on a separate system). The hash
 * chain alone catches a changed or removed row, but not an insider who rewrites a row and every
 * later hash: the chain would verify again. A checkpoint is the chain's head (last id and hash) at
 * a moment, MACed with a key the database never holds, appended to a file on another volume. A
 * rewrite before a checkpoint changes the hash at its id; without the key no valid checkpoint can
 * be forged for the rewritten chain.
 */
export interface AuditCheckpoint {
  /** Which chain: database, schema and table. */
  trail: string;
  id: number;
  hash: string;
  at: string;
  /** HMAC-SHA-256 over the canonical JSON of the other fields, hex. */
  mac: string;
}

export const checkpointMac = (key: string, c: Omit<AuditCheckpoint, 'mac'>) =>
  createHmac('sha256', key)
    .update(canonicalJson({ trail: c.trail, id: c.id, hash: c.hash, at: c.at }))
    .digest('hex');

/** The chain's name: `database.schema.table` (one file of checkpoints each). */
export async function trailName(ds: DataSource, table: string): Promise<string> {
  const [r] = await ds.query('SELECT current_database() AS db, current_schema() AS schema');
  return `${r.db}.${r.schema}.${table}`;
}

const fileOf = (dir: string, trail: string) =>
  path.join(dir, `${trail.replace(/[^A-Za-z0-9._-]/g, '_')}.jsonl`);

/** Appends a checkpoint of the chain's head now (none when the chain is empty). */
export async function writeCheckpoint(
  ds: DataSource,
  table: string,
  key: string,
  dir: string,
): Promise<AuditCheckpoint | null> {
  const [head] = await ds.query(`SELECT id, hash FROM ${table} ORDER BY id DESC LIMIT 1`);
  if (!head) return null;
  const body = {
    trail: await trailName(ds, table),
    id: Number(head.id),
    hash: head.hash as string,
    at: new Date().toISOString(),
  };
  const cp = { ...body, mac: checkpointMac(key, body) };
  await mkdir(dir, { recursive: true });
  await appendFile(fileOf(dir, cp.trail), `${JSON.stringify(cp)}\n`, { mode: 0o600 });
  return cp;
}

export async function readCheckpoints(dir: string, trail: string): Promise<AuditCheckpoint[]> {
  const text = await readFile(fileOf(dir, trail), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as AuditCheckpoint);
}

export interface CheckpointVerification {
  checkpoints: number;
  ok: boolean;
  problem?: string;
}

/** Checks every checkpoint of the chain: its MAC holds under the key, and the row at its id still
 *  has its hash (so nothing before it was rewritten, even with every later hash recomputed, and
 *  the chain was not cut short). Run beside the chain's own verification. */
export async function verifyCheckpoints(
  ds: DataSource,
  table: string,
  key: string,
  dir: string,
): Promise<CheckpointVerification> {
  const trail = await trailName(ds, table);
  const cps = await readCheckpoints(dir, trail);
  for (const cp of cps) {
    const mac = Buffer.from(checkpointMac(key, cp), 'hex');
    const given = Buffer.from(String(cp.mac), 'hex');
    if (mac.length !== given.length || !timingSafeEqual(mac, given))
      return {
        checkpoints: cps.length,
        ok: false,
        problem: `checkpoint at event ${cp.id} is not signed with the key`,
      };
    const [row] = await ds.query(`SELECT hash FROM ${table} WHERE id = $1`, [cp.id]);
    if (!row)
      return {
        checkpoints: cps.length,
        ok: false,
        problem: `event ${cp.id} of a checkpoint is gone (the chain was cut)`,
      };
    if (row.hash !== cp.hash)
      return {
        checkpoints: cps.length,
        ok: false,
        problem: `the chain was rewritten before event ${cp.id} (its hash differs from the signed checkpoint of ${cp.at})`,
      };
  }
  return { checkpoints: cps.length, ok: true };
}

/** Writes a checkpoint on an interval (when the head moved) and once more at stop. A failed write
 *  is logged as an error (the trail itself is unharmed); it never fails a request. */
export class AuditCheckpointer {
  private timer: NodeJS.Timeout | undefined;
  private last: string | undefined;

  constructor(
    private readonly ds: DataSource,
    private readonly table: string,
    private readonly opts: { key: string; dir: string; intervalMs: number; logger?: Logger },
  ) {}

  start(): void {
    if (this.opts.intervalMs > 0) {
      this.timer = setInterval(() => void this.checkpoint(), this.opts.intervalMs);
      this.timer.unref();
    }
  }

  async checkpoint(): Promise<AuditCheckpoint | null> {
    try {
      const [head] = await this.ds.query(`SELECT id FROM ${this.table} ORDER BY id DESC LIMIT 1`);
      if (!head || String(head.id) === this.last) return null;
      const cp = await writeCheckpoint(this.ds, this.table, this.opts.key, this.opts.dir);
      this.last = cp ? String(cp.id) : this.last;
      return cp;
    } catch (e) {
      const err = e instanceof Error ? e.message : String(e);
      // the database stopping or away (a restart, or Ctrl+C on `npm start`, which stops it with the
      // services): the trail is unharmed and the next checkpoint covers this head too
      if (isDatabaseUnavailable(e))
        this.opts.logger?.warn(
          { err, table: this.table },
          'audit checkpoint not written: the database is unavailable; the next one covers this head',
        );
      else this.opts.logger?.error({ err, table: this.table }, 'audit checkpoint not written');
      return null;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.ds.isInitialized) await this.checkpoint();
  }
}
