import { randomUUID } from 'node:crypto';
import {
  assertMay,
  checkNoNul,
  errorCodes,
  fieldError,
  isUuid,
  type Operation,
  type ViewerClaims,
} from '@wholechild/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { LinkRepository } from '../repositories/linkRepository';
import { knowableRecordSql } from './childService';
import { LINK_LOCK_SQL } from './linkService';

export interface RecordRef {
  agency: string;
  recordId: string;
}

/** A data steward's corrections to the index: merge two children, split records off a child,
 *  confirm or reject a link. Each is one transaction, kept in the link history, and seen through
 *  federation on the next request (sections read the links fresh). A link a person decided is
 *  CONFIRMED or REJECTED, and the matcher never moves it again. */
/** Only data stewards (never for analytics) change or review the index's links
 *  (PERMISSIONS.STEWARD_INDEX, PERMISSIONS.REVIEW_MATCHES). */
export function assertDataSteward(viewer: ViewerClaims, op: Operation = 'STEWARD_INDEX') {
  assertMay(viewer, op);
}

/** Every change to a link says why: required, at most 500 characters, no NUL. Returns it trimmed. */
export function stewardReason(reason: string): string {
  if (!reason?.trim() || reason.length > 500 || checkNoNul('reason', reason)) {
    const e = fieldError('reason', 'REQUIRED', 'say why (at most 500 characters, no NUL)');
    throw errorCodes.BAD_USER_INPUT.err('A reason is required', {
      field: e.field,
      reason: e.reason,
      errors: [e],
    });
  }
  return reason.trim();
}

export class StewardService {
  constructor(private readonly ds: DataSource) {}

  private async childExists(em: EntityManager, id: string, field: string) {
    const [row] = isUuid(id) ? await em.query('SELECT id FROM child WHERE id = $1 FOR UPDATE', [id]) : [];
    if (!row) {
      const e = fieldError(field, 'UNKNOWN_REFERENCE', 'no such child');
      throw errorCodes.BAD_USER_INPUT.err(`Unknown child ${field}`, { field, reason: e.reason, errors: [e] });
    }
  }

  /** Moves every record of `childId` to `intoChildId` (the same child after all). */
  async merge(viewer: ViewerClaims, childId: string, intoChildId: string, reason: string) {
    assertDataSteward(viewer);
    const why = stewardReason(reason);
    if (childId === intoChildId) {
      const e = fieldError('intoChildId', 'OUT_OF_RANGE', 'a child cannot be merged into itself');
      throw errorCodes.BAD_USER_INPUT.err(e.reason, { field: e.field, reason: e.reason, errors: [e] });
    }
    return this.ds.transaction(async (em) => {
      await em.query(LINK_LOCK_SQL);
      await this.childExists(em, childId, 'childId');
      await this.childExists(em, intoChildId, 'intoChildId');
      await em.query(
        `UPDATE agency_record SET child_id = $2, status = 'CONFIRMED', match_score = NULL, linked_at = now() WHERE child_id = $1 AND status <> 'REJECTED'`,
        [childId, intoChildId],
      );
      await em.query(`UPDATE agency_record SET child_id = NULL WHERE child_id = $1`, [childId]);
      // the family's language follows the records, unless the surviving child has one recorded
      await em.query(
        `INSERT INTO family_language (child_id, language, recorded_by, recorded_agency, recorded_at)
           SELECT $2, language, recorded_by, recorded_agency, recorded_at FROM family_language WHERE child_id = $1
         ON CONFLICT (child_id) DO NOTHING`,
        [childId, intoChildId],
      );
      await new LinkRepository(em).logEvent(viewer.sub, 'MERGE', intoChildId, childId, null, why);
      await new LinkRepository(em).refreshGolden([intoChildId, childId]);
      return intoChildId;
    });
  }

  /** Moves the named records of a child to a new child of their own (they were someone else). */
  async split(
    viewer: ViewerClaims,
    childId: string,
    records: RecordRef[],
    reason: string,
    action: 'SPLIT' | 'REJECT' = 'SPLIT',
  ) {
    assertDataSteward(viewer);
    const why = stewardReason(reason);
    return this.ds.transaction(async (em) => {
      await em.query(LINK_LOCK_SQL);
      await this.childExists(em, childId, 'childId');
      const rows: Array<{ agency: string; record_id: string }> = await em.query(
        `SELECT agency, record_id FROM agency_record WHERE child_id = $1 AND status <> 'REJECTED'`,
        [childId],
      );
      const held = new Set(rows.map((r) => `${r.agency}:${r.record_id}`));
      const errors = records
        .filter((r) => !held.has(`${r.agency}:${r.recordId}`))
        .map(() => fieldError('records', 'UNKNOWN_REFERENCE', 'a record is not linked to this child'));
      if (!records.length) errors.push(fieldError('records', 'REQUIRED', 'name the records to split off'));
      if (records.length >= held.size)
        errors.push(fieldError('records', 'OUT_OF_RANGE', 'leave at least one record with the child'));
      if (errors.length)
        throw errorCodes.BAD_USER_INPUT.err('Invalid split', {
          field: errors[0]!.field,
          reason: errors[0]!.reason,
          errors,
        });
      const newChild = randomUUID();
      await new LinkRepository(em).createChildren([newChild]);
      for (const r of records) {
        await em.query(
          `UPDATE agency_record SET child_id = $3, status = 'CONFIRMED', match_score = NULL, linked_at = now() WHERE agency = $1 AND record_id = $2`,
          [r.agency, r.recordId, newChild],
        );
        await new LinkRepository(em).logEvent(viewer.sub, action, childId, newChild, r, why);
      }
      // The records left behind are now known to belong together.
      await em.query(
        `UPDATE agency_record SET status = 'CONFIRMED' WHERE child_id = $1 AND status = 'AUTO'`,
        [childId],
      );
      await new LinkRepository(em).refreshGolden([childId, newChild]);
      return newChild;
    });
  }

  /** Confirms a link (CONFIRMED: the matcher never moves it), or rejects it: the record was not
   *  this child, so it leaves for a child of its own (confirmed there). */
  async decide(viewer: ViewerClaims, ref: RecordRef, decision: 'CONFIRM' | 'REJECT', reason: string) {
    assertDataSteward(viewer);
    const why = stewardReason(reason);
    const [row] = isUuid(ref.recordId)
      ? await this.ds.query(`SELECT child_id FROM agency_record WHERE agency = $1 AND record_id = $2`, [
          ref.agency,
          ref.recordId,
        ])
      : [];
    if (!row?.child_id) {
      const e = fieldError('recordId', 'UNKNOWN_REFERENCE', 'no such linked record');
      throw errorCodes.BAD_USER_INPUT.err(e.reason, { field: e.field, reason: e.reason, errors: [e] });
    }
    if (decision === 'REJECT') {
      await this.split(viewer, row.child_id, [ref], why, 'REJECT');
      return row.child_id as string;
    }
    return this.ds.transaction(async (em) => {
      await em.query(LINK_LOCK_SQL);
      await em.query(
        `UPDATE agency_record SET status = 'CONFIRMED', linked_at = now() WHERE agency = $1 AND record_id = $2`,
        [ref.agency, ref.recordId],
      );
      await new LinkRepository(em).logEvent(viewer.sub, 'CONFIRM', row.child_id, null, ref, why);
      return row.child_id as string;
    });
  }

  /** The child's link history as the viewer may know it: an event about a record the viewer may
   *  not know of (a protected record of another agency, or one withdrawn from the index, e.g. a
   *  survivor's) is not shown at all, so the history reads as if that record never existed. */
  async history(viewer: ViewerClaims, childId: string) {
    const rows: Array<Record<string, unknown>> = await this.ds.query(
      `SELECT e.* FROM link_event e
        WHERE (e.child_id = $1 OR e.other_child_id = $1)
          AND (e.record_id IS NULL OR EXISTS (SELECT 1 FROM agency_record a
                WHERE a.agency = e.agency AND a.record_id = e.record_id AND ${knowableRecordSql('a', '$2')}))
        ORDER BY e.id`,
      [childId, viewer.agency],
    );
    return rows.map((r) => ({
      at: (r.at as Date).toISOString(),
      actor: r.actor,
      action: r.action,
      childId: r.child_id,
      otherChildId: r.other_child_id,
      agency: r.agency,
      recordId: r.record_id,
      reason: r.reason,
    }));
  }
}
