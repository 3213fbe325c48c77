import {
  connection,
  assertMay,
  errorCodes,
  fieldError,
  isUuid,
  type FieldError,
  type ViewerClaims,
} from '@wholechild/shared';
import type { DataSource, EntityManager } from 'typeorm';
import type { AgencyRecord } from '../entities';
import { explainPrepared, INDEX_GUARDS, prepare, type Explanation, type Model } from '@wholechild/linkage';
import { LinkRepository } from '../repositories/linkRepository';
import { knowableRecordSql, visibleTo } from './childService';
import { assertDataSteward, stewardReason } from './stewardService';
import { LINK_LOCK_SQL, type LinkService } from './linkService';
import { MATCH_COLUMNS, matchFieldsOfRow, personOf, personOfRow, type MatchRow } from './matchModel';

const MAX_QUEUE_PAGE = 200;

type Row = MatchRow & { existence_protected: boolean };

function badInput(message: string, errors: FieldError[]): never {
  throw errorCodes.BAD_USER_INPUT.err(message, {
    field: errors[0]!.field,
    reason: errors[0]!.reason,
    errors,
  });
}

/** Both records of a pair as the review queue shows them (the matcher's fields and the child). */
function recordView(r: Row) {
  const { sealedAdoption: _sealed, ...fields } = matchFieldsOfRow(r);
  return { ...fields, childId: r.child_id };
}

/** The adjustments that, with the field weights, make an explanation's total. */
function adjustmentsOf(e: Explanation) {
  return [
    { kind: 'givenNameFrequency', weight: e.tfAdjustment.givenName },
    { kind: 'familyNameFrequency', weight: e.tfAdjustment.familyName },
    { kind: 'householdCap', weight: e.householdCap },
    { kind: 'residenceOnce', weight: e.residenceOnce },
    { kind: 'moveCountedOnce', weight: e.moveCountedOnce },
  ].filter((a) => Math.abs(a.weight) >= 0.001);
}

function fieldsOf(e: Explanation, withValues: boolean) {
  return e.fields.map((f) => ({
    field: f.field,
    level: f.level,
    weight: f.weight,
    ...(withValues ? { valueA: f.a || null, valueB: f.b || null } : {}),
  }));
}

/**
 * What data stewards do with the matcher's doubts: the review queue of pairs that scored between
 * the thresholds (or above, but were held apart: twins, an ambiguous record, a vetoed merge), each
 * with its explanation; confirming a pair (their children become one) or rejecting it (the two
 * records are never one child again); an agency's declaration that records are different children;
 * and the explanation of every link of a child.
 */
export class ReviewService {
  constructor(
    private readonly ds: DataSource,
    private readonly links: LinkService,
  ) {}

  private async model(em: EntityManager = this.ds.manager): Promise<Model> {
    return (await this.links.models.get(em)).model;
  }

  /** Pending pairs, strongest first. Pairs whose records are already one child, or that involve a
   *  record whose existence its holder protects, are not shown. */
  async queue(viewer: ViewerClaims, first = 50, after?: string | null) {
    assertDataSteward(viewer, 'REVIEW_MATCHES');
    if (!Number.isInteger(first) || first < 1 || first > MAX_QUEUE_PAGE)
      badInput('Invalid page size', [fieldError('first', 'OUT_OF_RANGE', `between 1 and ${MAX_QUEUE_PAGE}`)]);
    let cursor: [number, number] | null = null;
    if (after) {
      const m = /^(-?\d+(?:\.\d+)?(?:e-?\d+)?):(\d+)$/.exec(Buffer.from(after, 'base64url').toString());
      if (!m) badInput('Invalid cursor', [fieldError('after', 'INVALID_FORMAT', 'use endCursor of a page')]);
      cursor = [Number(m[1]), Number(m[2])];
    }
    const rows: Array<{ id: string; weight: number; status: string; created_at: Date; a: Row; b: Row }> =
      await this.ds.query(
        `SELECT rp.id, rp.weight, rp.status, rp.created_at, to_jsonb(ra) AS a, to_jsonb(rb) AS b
           FROM review_pair rp
           JOIN agency_record ra ON ra.agency = rp.agency_a AND ra.record_id = rp.record_a
           JOIN agency_record rb ON rb.agency = rp.agency_b AND rb.record_id = rp.record_b
          WHERE rp.status = 'PENDING' AND ra.child_id IS DISTINCT FROM rb.child_id
            AND ra.status <> 'REJECTED' AND rb.status <> 'REJECTED'
            AND ${knowableRecordSql('ra', '$4')} AND ${knowableRecordSql('rb', '$4')}
            AND NOT EXISTS (SELECT 1 FROM cannot_link c WHERE c.agency_a = rp.agency_a AND c.record_a = rp.record_a
                              AND c.agency_b = rp.agency_b AND c.record_b = rp.record_b)
            AND ($1::float8 IS NULL OR (rp.weight, -rp.id) < ($1::float8, -$2::bigint))
          ORDER BY rp.weight DESC, rp.id
          LIMIT $3`,
        [cursor?.[0] ?? null, cursor?.[1] ?? null, first + 1, viewer.agency],
      );
    const model = await this.model();
    const nodes = rows.slice(0, first).map((r) => this.pairView(r, model));
    const last = rows.length > first ? rows[first - 1]! : null;
    const cursorOf = (r: { weight: number; id: number | string }) =>
      Buffer.from(`${r.weight}:${r.id}`).toString('base64url');
    const hasMore = rows.length > first;
    return connection(nodes, rows.slice(0, first).map(cursorOf), hasMore, {
      nodes,
      hasMore,
      endCursor: last ? cursorOf(last) : null,
    });
  }

  private pairView(
    r: { id: string; weight: number; status: string; created_at: Date; a: Row; b: Row },
    model: Model,
  ) {
    const e = explainPrepared(
      prepare(personOfRow(r.a), 0),
      prepare(personOfRow(r.b), 1),
      model,
      INDEX_GUARDS,
    );
    return {
      id: String(r.id),
      status: r.status,
      weight: e.weight,
      decision: e.decision,
      possibleTwins: e.possibleTwins,
      birthDatesDiffer: e.birthDatesDiffer,
      heldBy: e.heldBy,
      personWeight: e.personWeight,
      a: recordView(r.a),
      b: recordView(r.b),
      fields: fieldsOf(e, true),
      adjustments: adjustmentsOf(e),
      createdAt: new Date(r.created_at).toISOString(),
    };
  }

  private async pendingPair(em: EntityManager, id: string) {
    const [pair]: Array<{ id: string; weight: number; status: string; created_at: Date; a: Row; b: Row }> =
      /^\d{1,18}$/.test(id)
        ? await em.query(
            `SELECT rp.id, rp.weight, rp.status, rp.created_at, to_jsonb(ra) AS a, to_jsonb(rb) AS b
               FROM review_pair rp
               JOIN agency_record ra ON ra.agency = rp.agency_a AND ra.record_id = rp.record_a
               JOIN agency_record rb ON rb.agency = rp.agency_b AND rb.record_id = rp.record_b
              WHERE rp.id = $1 FOR UPDATE OF rp`,
            [id],
          )
        : [];
    if (!pair || pair.a.existence_protected || pair.b.existence_protected)
      badInput('Unknown review pair', [fieldError('id', 'UNKNOWN_REFERENCE', 'no such review pair')]);
    if (pair.status !== 'PENDING')
      badInput('Already decided', [
        fieldError('id', 'OUT_OF_RANGE', `the pair was already ${pair.status.toLowerCase()}`),
      ]);
    return pair;
  }

  /** The two records are one child: b's child is merged into a's (links CONFIRMED). Returns the
   *  child. */
  async confirm(viewer: ViewerClaims, id: string, reason: string): Promise<string> {
    assertDataSteward(viewer, 'REVIEW_MATCHES');
    const why = stewardReason(reason);
    return this.ds.transaction(async (em) => {
      await em.query(LINK_LOCK_SQL);
      const pair = await this.pendingPair(em, id);
      const into = pair.a.child_id;
      const from = pair.b.child_id;
      if (!into || !from || pair.a.status === 'REJECTED' || pair.b.status === 'REJECTED')
        badInput('A record of the pair is not linked', [
          fieldError('id', 'OUT_OF_RANGE', 'a record of the pair has no child'),
        ]);
      if (into !== from) {
        await em.query(
          `UPDATE agency_record SET child_id = $2, status = 'CONFIRMED', match_score = NULL, linked_at = now()
            WHERE child_id = $1 AND status <> 'REJECTED'`,
          [from, into],
        );
        await em.query(`UPDATE agency_record SET child_id = NULL WHERE child_id = $1`, [from]);
      }
      await em.query(`UPDATE agency_record SET status = 'CONFIRMED' WHERE agency = $1 AND record_id = $2`, [
        pair.a.agency,
        pair.a.record_id,
      ]);
      await em.query(
        `UPDATE review_pair SET status = 'CONFIRMED', decided_at = now(), decided_by = $2, reason = $3 WHERE id = $1`,
        [pair.id, viewer.sub, why],
      );
      await new LinkRepository(em).logEvent(
        viewer.sub,
        'CONFIRM_PAIR',
        into,
        from === into ? null : from,
        { agency: pair.b.agency, recordId: pair.b.record_id },
        why,
      );
      await new LinkRepository(em).refreshGolden([into, from]);
      return into;
    });
  }

  /** The two records are different children, now and later. Returns the pair as decided. */
  async reject(viewer: ViewerClaims, id: string, reason: string) {
    assertDataSteward(viewer, 'REVIEW_MATCHES');
    const why = stewardReason(reason);
    return this.ds.transaction(async (em) => {
      await em.query(LINK_LOCK_SQL);
      const pair = await this.pendingPair(em, id);
      if (pair.a.child_id && pair.a.child_id === pair.b.child_id)
        badInput('The records are one child', [
          fieldError('id', 'OUT_OF_RANGE', 'split the child instead (splitChild)'),
        ]);
      await em.query(
        `INSERT INTO cannot_link (agency_a, record_a, agency_b, record_b, source, actor, reason) VALUES ($1, $2, $3, $4, 'STEWARD', $5, $6)
         ON CONFLICT DO NOTHING`,
        [pair.a.agency, pair.a.record_id, pair.b.agency, pair.b.record_id, viewer.sub, why],
      );
      await em.query(
        `UPDATE review_pair SET status = 'REJECTED', decided_at = now(), decided_by = $2, reason = $3 WHERE id = $1`,
        [pair.id, viewer.sub, why],
      );
      if (pair.a.child_id)
        await new LinkRepository(em).logEvent(
          viewer.sub,
          'REJECT_PAIR',
          pair.a.child_id,
          pair.b.child_id,
          { agency: pair.b.agency, recordId: pair.b.record_id },
          why,
        );
      return this.pairView({ ...pair, status: 'REJECTED' }, await this.model(em));
    });
  }

  /**
   * An agency says these records of its own are different children (twins, siblings, two children
   * who share a name). They become cannot-links: never one child, whatever the scores. Records that
   * are one child now are taken apart and linked again under the new constraint. Only the agency's
   * own staff (or a data steward) may say so. Returns the children of the records afterwards.
   */
  async declareDistinct(
    viewer: ViewerClaims,
    agency: string,
    recordIds: string[],
    reason: string,
  ): Promise<string[]> {
    assertMay(viewer, 'DECLARE_DISTINCT', { holder: agency });
    const why = stewardReason(reason);
    const ids = [...new Set(recordIds)];
    const errors: FieldError[] = [];
    if (ids.length < 2) errors.push(fieldError('recordIds', 'REQUIRED', 'name at least two records'));
    if (ids.length > 50) errors.push(fieldError('recordIds', 'OUT_OF_RANGE', 'at most 50 records'));
    if (ids.some((i) => !isUuid(i)))
      errors.push(fieldError('recordIds', 'INVALID_FORMAT', 'record ids are UUIDs'));
    if (errors.length) badInput('Invalid declaration', errors);
    return this.links.transaction(async (em, session) => {
      const rows: Row[] = await em.query(
        `SELECT ${MATCH_COLUMNS}, existence_protected FROM agency_record WHERE agency = $1 AND record_id = ANY($2::uuid[])`,
        [agency, ids],
      );
      if (rows.length !== ids.length)
        badInput('Unknown record', [
          fieldError('recordIds', 'UNKNOWN_REFERENCE', `a record is not in the index for ${agency}`),
        ]);
      for (let i = 0; i < ids.length; i++)
        for (let j = i + 1; j < ids.length; j++) {
          const [x, y] = ids[i]! < ids[j]! ? [ids[i]!, ids[j]!] : [ids[j]!, ids[i]!];
          await em.query(
            `INSERT INTO cannot_link (agency_a, record_a, agency_b, record_b, source, actor, reason) VALUES ($1, $2, $1, $3, 'AGENCY', $4, $5)
             ON CONFLICT DO NOTHING`,
            [agency, x, y, viewer.sub, why],
          );
        }
      // records now sharing a child: all but the first (a person-decided link stays) are linked again
      const byChild = new Map<string, Row[]>();
      for (const r of rows) if (r.child_id) byChild.set(r.child_id, [...(byChild.get(r.child_id) ?? []), r]);
      const again: Row[] = [];
      for (const group of byChild.values()) {
        if (group.length < 2) continue;
        const keep = group.find((r) => r.status === 'CONFIRMED') ?? group[0]!;
        again.push(...group.filter((r) => r !== keep && r.status === 'AUTO'));
      }
      for (const r of again)
        await new LinkRepository(em).logEvent(
          viewer.sub,
          'DISTINCT',
          r.child_id!,
          null,
          { agency: r.agency, recordId: r.record_id },
          why,
        );
      if (again.length) {
        const out = await this.links.linkTx(
          em,
          again.map((r) => ({ person: personOfRow(r), childId: r.child_id })),
          `declared distinct by ${agency}`,
          session,
        );
        await new LinkRepository(em).refreshGolden(out.affected);
      }
      const after: Array<{ child_id: string }> = await em.query(
        `SELECT child_id FROM agency_record WHERE agency = $1 AND record_id = ANY($2::uuid[]) AND child_id IS NOT NULL`,
        [agency, ids],
      );
      return [...new Set(after.map((a) => a.child_id))];
    });
  }

  /** For each link of the child the viewer may know of: the record of the same child it matches
   *  best, with the per-field comparison levels and weights. `records` are the child's records
   *  (from the request's links loader: no SQL of its own). */
  async explainChild(viewer: ViewerClaims, records: AgencyRecord[]) {
    const visible = records.filter(
      (r) => (r.status === 'AUTO' || r.status === 'CONFIRMED') && visibleTo(viewer, r),
    );
    if (!visible.length) return [];
    const model = await this.model();
    const prepared = visible.map((r, i) => prepare(personOf(r), i));
    return visible.map((r, i) => {
      let best: { j: number; e: Explanation } | null = null;
      for (let j = 0; j < prepared.length; j++) {
        if (j === i) continue;
        const e = explainPrepared(prepared[i]!, prepared[j]!, model, INDEX_GUARDS);
        if (!best || e.weight > best.e.weight) best = { j, e };
      }
      return {
        agency: r.agency,
        recordId: r.recordId,
        status: r.status,
        comparedWith: best
          ? {
              agency: visible[best.j]!.agency,
              recordId: visible[best.j]!.recordId,
              status: visible[best.j]!.status,
              matchScore: visible[best.j]!.matchScore,
            }
          : null,
        weight: best ? best.e.weight : null,
        decision: best ? best.e.decision : null,
        possibleTwins: best ? best.e.possibleTwins : false,
        birthDatesDiffer: best ? best.e.birthDatesDiffer : false,
        heldBy: best ? best.e.heldBy : null,
        personWeight: best ? best.e.personWeight : null,
        fields: best ? fieldsOf(best.e, false) : [],
        adjustments: best ? adjustmentsOf(best.e) : [],
      };
    });
  }

  /** The model in use: thresholds and per-level weights (for stewards). */
  async modelInfo(viewer: ViewerClaims) {
    assertDataSteward(viewer, 'REVIEW_MATCHES');
    const st = await this.links.models.current(this.ds.manager);
    const { model } = st;
    const t = model.training;
    return {
      trained: st.trained,
      weightsSource: st.trained ? 'LEARNT' : 'PRIOR',
      trainedAt: st.trainedAt ? new Date(st.trainedAt).toISOString() : null,
      trainedOnRecords: st.records,
      trainedOnAgencies: st.agencies,
      trainingPairs: t.pairs,
      randomPairs: t.randomPairs,
      sessions: t.sessions,
      note: st.trainedAt
        ? (t.note ?? null)
        : `the index holds ${st.records} records from ${st.agencies} agencies: it first trains at ${st.nextTrainingAtRecords} records from two agencies or more`,
      nextTrainingAtRecords: st.nextTrainingAtRecords,
      household: model.household,
      personMin: model.personMin,
      homeCap: Number.isFinite(model.homeCap) ? model.homeCap : null,
      upper: model.upper,
      lower: model.lower,
      lambda: model.lambda,
      fields: model.fields.map((f, i) => ({
        field: f.name,
        levels: f.levels.map((level, l) => ({
          level,
          m: f.m[l]!,
          u: f.u[l]!,
          weight: +model.weights[i]![l]!.toFixed(3),
        })),
      })),
    };
  }
}
