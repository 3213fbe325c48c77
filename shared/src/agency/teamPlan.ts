import type { DataSource, EntityManager } from 'typeorm';
import { AGENCIES } from '../agencies';
import type { ViewerClaims } from '../auth/claims';
import type { AuditWriter } from '../access/audit';
import { assertMay, may } from '../access/permissions';
import { errorCodes, fieldError, type FieldError } from '../errors';
import { checkNoNul, isIsoDate, isUuid } from '../validation';
import { CANS_DOMAINS, PLAN_ITEM_KINDS, PLAN_ITEM_STATUSES, PLAN_SHARING } from './teamTables';
import { teamOf, type Team } from './teams';

type Row = Record<string, unknown>;

export interface PlanItemInput {
  kind: string;
  domain?: string | null;
  description: string;
  goalId?: string | null;
  owningAgency?: string | null;
  ownerMemberId?: string | null;
  dueOn?: string | null;
  sharing?: string | null;
}

export interface PlanItemChange {
  status?: string | null;
  description?: string | null;
  dueOn?: string | null;
  ownerMemberId?: string | null;
  note?: string | null;
}

export interface PlanReviewInput extends PlanItemChange {
  itemId: string;
}

export interface MeetingInput {
  heldOn: string;
  attendeeIds: string[];
  familyVoice?: string | null;
  decisions?: string[] | null;
  meetingRecordId?: string | null;
  reviews?: PlanReviewInput[] | null;
}

const iso = (d: unknown) => (d as Date).toISOString();
/** A date column, as the pool reads it (db/dataSource.ts: YYYY-MM-DD text). */
const isoDate = (d: unknown) => (d as string | null) ?? null;

export const planItemOf = (r: Row) => ({
  id: r.id as string,
  teamId: r.team_id as string,
  kind: r.item_kind as string,
  domain: (r.domain as string | null) ?? null,
  description: r.description as string,
  goalId: (r.goal_id as string | null) ?? null,
  owningAgency: (r.owning_agency as string | null) ?? null,
  ownerMemberId: (r.owner_member_id as string | null) ?? null,
  dueOn: isoDate(r.due_on),
  status: r.status as string,
  sharing: r.sharing as string,
  version: r.version as number,
  createdBy: r.created_by as string,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});
export type PlanItem = ReturnType<typeof planItemOf>;

export const planVersionOf = (r: Row) => ({
  itemId: r.item_id as string,
  version: r.version as number,
  status: r.status as string,
  description: r.description as string,
  dueOn: isoDate(r.due_on),
  ownerMemberId: (r.owner_member_id as string | null) ?? null,
  note: (r.note as string | null) ?? null,
  meetingId: (r.meeting_id as string | null) ?? null,
  changedBy: r.changed_by as string,
  changedAt: iso(r.changed_at),
});
export type PlanVersion = ReturnType<typeof planVersionOf>;

export const meetingOf = (r: Row) => ({
  id: r.id as string,
  teamId: r.team_id as string,
  heldOn: isoDate(r.held_on)!,
  phase: r.phase as string,
  meetingRecordId: (r.record_id as string | null) ?? null,
  familyVoice: (r.family_voice as string | null) ?? null,
  decisions: (r.decisions as string[]) ?? [],
  attendeeIds: (r.attendee_ids as string[] | null) ?? [],
  recordedBy: r.recorded_by as string,
  createdAt: iso(r.created_at),
});
export type Meeting = ReturnType<typeof meetingOf>;

function bad(errors: FieldError[]): never {
  throw errorCodes.BAD_USER_INPUT.err(
    `Invalid team plan input: ${errors.map((e) => `${e.field} ${e.reason}`).join('; ')}`,
    { field: errors[0]!.field, reason: errors[0]!.reason, errors },
  );
}

const text = (field: string, value: unknown, max: number, required: boolean): FieldError | null => {
  if (value == null || value === '')
    return required ? fieldError(field, 'REQUIRED', `at most ${max} characters`) : null;
  if (typeof value !== 'string' || !value.trim() || value.length > max)
    return fieldError(field, 'OUT_OF_RANGE', `at most ${max} characters, not blank`);
  return checkNoNul(field, value);
};
const oneOf = (field: string, value: unknown, allowed: readonly string[]) =>
  value != null && !allowed.includes(value as string)
    ? fieldError(field, 'INVALID_ENUM', `one of ${allowed.join(', ')}`)
    : null;
const date = (field: string, value: unknown) =>
  value != null && !isIsoDate(value) ? fieldError(field, 'INVALID_FORMAT', 'a date, YYYY-MM-DD') : null;

const MAX_DECISIONS = 50;
const MAX_REVIEWS = 200;

/**
 * A Child and Family Team's shared plan and its meetings (ICPM): needs and strengths by CANS
 * domain, goals, actions each owned by an agency (and one of its members) with a due date and a
 * status, safety items shared with everyone on the team; every change kept as a version, those
 * made at a meeting marked with it. The convener's staff run the plan (MANAGE_TEAM); a current
 * professional member updates the status of actions their agency owns. Who sees which item:
 * the convener's staff every item; a current member the items shared with the team and those
 * their own agency owns, each read by another agency's member written to the audit trail.
 */
export class TeamPlanService {
  constructor(
    private readonly ds: DataSource,
    private readonly agency: string,
    /** The convener's own meeting records a team meeting may link (child welfare: cft_meeting). */
    private readonly meetingRecordTable: string | null,
  ) {}

  private async team(m: EntityManager | DataSource, id: string, lock = false): Promise<Row> {
    const [team] = isUuid(id)
      ? await m.query(`SELECT * FROM team WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])
      : [];
    if (!team) throw errorCodes.NOT_FOUND.err('No such team', { field: 'teamId' });
    return team;
  }

  private open(team: Row, field = 'teamId') {
    if (team.closed_at) bad([fieldError(field, 'OUT_OF_RANGE', 'the team is closed')]);
  }

  private async currentMember(m: EntityManager, teamId: string, viewer: ViewerClaims): Promise<boolean> {
    const [row] = await m.query(
      `SELECT 1 FROM team_member WHERE team_id = $1 AND left_at IS NULL AND member_kind = 'PROFESSIONAL'
         AND agency = $2 AND subject = $3 AND role = ANY($4::text[])`,
      [teamId, viewer.agency, viewer.sub, viewer.roles],
    );
    return !!row;
  }

  private async itemErrors(m: EntityManager, teamId: string, i: PlanItemInput): Promise<FieldError[]> {
    const errors = [
      oneOf('kind', i.kind, PLAN_ITEM_KINDS),
      oneOf('domain', i.domain, CANS_DOMAINS),
      text('description', i.description, 2000, true),
      oneOf('owningAgency', i.owningAgency, AGENCIES),
      date('dueOn', i.dueOn),
      oneOf('sharing', i.sharing, PLAN_SHARING),
    ].filter((e): e is FieldError => !!e);
    if ((i.kind === 'NEED' || i.kind === 'STRENGTH') && !i.domain)
      errors.push(fieldError('domain', 'REQUIRED', 'a need or strength names its CANS domain'));
    if (i.kind === 'ACTION' && !i.owningAgency)
      errors.push(fieldError('owningAgency', 'REQUIRED', 'an action names the agency that owns it'));
    if (i.kind === 'ACTION' && !i.dueOn)
      errors.push(fieldError('dueOn', 'REQUIRED', 'an action has a due date'));
    if (i.kind !== 'ACTION' && (i.owningAgency || i.ownerMemberId))
      errors.push(fieldError('owningAgency', 'DEPENDS_ON', 'only an action has an owner'));
    // safety plan items are shared with everyone involved (ICPM)
    if (i.kind === 'SAFETY' && i.sharing === 'AGENCY')
      errors.push(fieldError('sharing', 'OUT_OF_RANGE', 'a safety plan item is shared with the whole team'));
    if (i.goalId != null) {
      const [goal] = isUuid(i.goalId)
        ? await m.query(`SELECT item_kind FROM team_plan_item WHERE id = $1 AND team_id = $2`, [
            i.goalId,
            teamId,
          ])
        : [];
      if (i.kind !== 'ACTION' || goal?.item_kind !== 'GOAL')
        errors.push(fieldError('goalId', 'UNKNOWN_REFERENCE', 'an action serves a goal of the same team'));
    }
    if (i.ownerMemberId != null) {
      const owner = await this.memberOfTeam(m, teamId, i.ownerMemberId);
      if (!owner || owner.left_at || (i.owningAgency && owner.agency && owner.agency !== i.owningAgency))
        errors.push(
          fieldError(
            'ownerMemberId',
            'UNKNOWN_REFERENCE',
            'a current member of this team (of the owning agency)',
          ),
        );
    }
    return errors;
  }

  private async memberOfTeam(m: EntityManager, teamId: string, memberId: string): Promise<Row | undefined> {
    if (!isUuid(memberId)) return undefined;
    const [row] = await m.query(`SELECT * FROM team_member WHERE id = $1 AND team_id = $2`, [
      memberId,
      teamId,
    ]);
    return row;
  }

  async addItem(viewer: ViewerClaims, audit: AuditWriter, teamId: string, i: PlanItemInput) {
    assertMay(viewer, 'MANAGE_TEAM', { holder: this.agency as never });
    return this.ds.transaction(async (m) => {
      const team = await this.team(m, teamId, true);
      this.open(team);
      const errors = await this.itemErrors(m, teamId, i);
      if (errors.length) bad(errors);
      const [row] = await m.query(
        `INSERT INTO team_plan_item (team_id, item_kind, domain, description, goal_id, owning_agency,
           owner_member_id, due_on, status, sharing, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'OPEN', $9, $10) RETURNING *`,
        [
          teamId,
          i.kind,
          i.domain ?? null,
          i.description,
          i.goalId ?? null,
          i.owningAgency ?? null,
          i.ownerMemberId ?? null,
          i.dueOn ?? null,
          i.sharing ?? 'TEAM',
          viewer.sub,
        ],
      );
      await this.version(m, row, null, null, viewer.sub);
      await this.audit(audit, team, 'TEAM_PLAN_CHANGED');
      return planItemOf(row);
    });
  }

  /** One change of one item: a new version (with the meeting it was reviewed at, if any). */
  private async change(
    m: EntityManager,
    viewer: ViewerClaims,
    teamId: string,
    itemId: string,
    c: PlanItemChange,
    meetingId: string | null,
    convenerStaff: boolean,
    field = 'itemId',
  ): Promise<Row> {
    const [item] = isUuid(itemId)
      ? await m.query(`SELECT * FROM team_plan_item WHERE id = $1 AND team_id = $2 FOR UPDATE`, [
          itemId,
          teamId,
        ])
      : [];
    if (!item) bad([fieldError(field, 'UNKNOWN_REFERENCE', 'an item of this team’s plan')]);
    // an item kept to its owning agency is not there for another agency's member
    if (!convenerStaff && item.sharing === 'AGENCY' && item.owning_agency !== viewer.agency)
      throw errorCodes.NOT_FOUND.err('No such plan item', { field });
    const errors = [
      oneOf('status', c.status, PLAN_ITEM_STATUSES),
      text('description', c.description, 2000, false),
      date('dueOn', c.dueOn),
      text('note', c.note, 2000, false),
    ].filter((e): e is FieldError => !!e);
    // a member of another agency updates only the status (and a note) of the actions their agency owns
    if (!convenerStaff) {
      if (item.item_kind !== 'ACTION' || item.owning_agency !== viewer.agency)
        throw errorCodes.FORBIDDEN.err(`Only ${this.agency} staff change this item of the plan`, {
          field,
          reason: 'a team member updates the actions their own agency owns',
        });
      if (c.description != null || c.dueOn != null || c.ownerMemberId != null)
        errors.push(
          fieldError('description', 'OUT_OF_RANGE', 'a team member changes only the status and a note'),
        );
    }
    if (c.ownerMemberId != null) {
      const owner = await this.memberOfTeam(m, teamId, c.ownerMemberId);
      if (!owner || owner.left_at || (item.owning_agency && owner.agency !== item.owning_agency))
        errors.push(
          fieldError('ownerMemberId', 'UNKNOWN_REFERENCE', 'a current member of the owning agency'),
        );
    }
    if (errors.length) bad(errors);
    const [row] = await m.query(
      `WITH u AS (UPDATE team_plan_item SET status = COALESCE($2, status), description = COALESCE($3, description),
         due_on = COALESCE($4::date, due_on), owner_member_id = COALESCE($5, owner_member_id),
         version = version + 1, updated_at = now() WHERE id = $1 RETURNING *) SELECT * FROM u`,
      [itemId, c.status ?? null, c.description ?? null, c.dueOn ?? null, c.ownerMemberId ?? null],
    );
    await this.version(m, row, c.note ?? null, meetingId, viewer.sub);
    return row;
  }

  private version(m: EntityManager, item: Row, note: string | null, meetingId: string | null, by: string) {
    return m.query(
      `INSERT INTO team_plan_item_version (item_id, version, status, description, due_on, owner_member_id,
         note, meeting_id, changed_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        item.id,
        item.version,
        item.status,
        item.description,
        item.due_on,
        item.owner_member_id,
        note,
        meetingId,
        by,
      ],
    );
  }

  async updateItem(viewer: ViewerClaims, audit: AuditWriter, itemId: string, c: PlanItemChange) {
    assertMay(viewer, 'READ_TEAMS', { holder: this.agency as never });
    const convenerStaff = may(viewer, 'MANAGE_TEAM', { holder: this.agency as never });
    return this.ds.transaction(async (m) => {
      const [found] = isUuid(itemId)
        ? await m.query(`SELECT team_id FROM team_plan_item WHERE id = $1`, [itemId])
        : [];
      if (!found) throw errorCodes.NOT_FOUND.err('No such plan item', { field: 'itemId' });
      const team = await this.team(m, found.team_id as string, true);
      // another agency's viewer who is not a current member learns nothing: the item is not there
      if (!convenerStaff && !(await this.currentMember(m, team.id as string, viewer)))
        throw errorCodes.NOT_FOUND.err('No such plan item', { field: 'itemId' });
      this.open(team, 'itemId');
      const row = await this.change(m, viewer, team.id as string, itemId, c, null, convenerStaff);
      await this.audit(audit, team, 'TEAM_PLAN_CHANGED');
      return planItemOf(row);
    });
  }

  /** A team meeting: its date, who attended, the family's own words, the decisions, and the plan
   *  reviewed item by item (each review a version marked with the meeting), in one transaction. */
  async recordMeeting(viewer: ViewerClaims, audit: AuditWriter, teamId: string, input: MeetingInput) {
    assertMay(viewer, 'MANAGE_TEAM', { holder: this.agency as never });
    return this.ds.transaction(async (m) => {
      const team = await this.team(m, teamId, true);
      this.open(team);
      const errors = [
        isIsoDate(input.heldOn) ? null : fieldError('heldOn', 'INVALID_FORMAT', 'a date, YYYY-MM-DD'),
        text('familyVoice', input.familyVoice, 4000, false),
      ].filter((e): e is FieldError => !!e);
      if (isIsoDate(input.heldOn) && input.heldOn > new Date().toISOString().slice(0, 10))
        errors.push(fieldError('heldOn', 'OUT_OF_RANGE', 'a meeting already held (not in the future)'));
      const decisions = input.decisions ?? [];
      if (decisions.length > MAX_DECISIONS)
        errors.push(fieldError('decisions', 'OUT_OF_RANGE', `at most ${MAX_DECISIONS}`));
      decisions.forEach((d, n) => {
        const e = text(`decisions[${n}]`, d, 2000, true);
        if (e) errors.push(e);
      });
      const attendees = [...new Set(input.attendeeIds)];
      if (!attendees.length) errors.push(fieldError('attendeeIds', 'REQUIRED', 'who attended'));
      const found: Row[] = attendees.every(isUuid)
        ? await m.query(
            `SELECT id, joined_at, left_at FROM team_member WHERE team_id = $1 AND id = ANY($2::uuid[])`,
            [teamId, attendees],
          )
        : [];
      if (found.length !== attendees.length)
        errors.push(fieldError('attendeeIds', 'UNKNOWN_REFERENCE', 'members of this team'));
      if (input.meetingRecordId != null) {
        const [rec] =
          this.meetingRecordTable && isUuid(input.meetingRecordId)
            ? await m.query(`SELECT 1 FROM ${this.meetingRecordTable} WHERE id = $1 AND person_id = $2`, [
                input.meetingRecordId,
                team.person_id,
              ])
            : [];
        if (!rec)
          errors.push(
            fieldError(
              'meetingRecordId',
              'UNKNOWN_REFERENCE',
              this.meetingRecordTable
                ? `a ${this.agency} meeting record of this child`
                : `${this.agency} keeps no meeting records of its own`,
            ),
          );
      }
      const reviews = input.reviews ?? [];
      if (reviews.length > MAX_REVIEWS)
        errors.push(fieldError('reviews', 'OUT_OF_RANGE', `at most ${MAX_REVIEWS}`));
      if (new Set(reviews.map((r) => r.itemId)).size !== reviews.length)
        errors.push(fieldError('reviews', 'OUT_OF_RANGE', 'each item reviewed once a meeting'));
      if (errors.length) bad(errors);
      const [meeting] = await m.query(
        `INSERT INTO team_meeting (team_id, held_on, phase, record_id, family_voice, decisions, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
        [
          teamId,
          input.heldOn,
          team.phase,
          input.meetingRecordId ?? null,
          input.familyVoice ?? null,
          decisions,
          viewer.sub,
        ],
      );
      await m.query(
        `INSERT INTO team_meeting_attendee (meeting_id, member_id) SELECT $1::uuid, unnest($2::uuid[])`,
        [meeting.id, attendees],
      );
      for (const [n, r] of reviews.entries()) {
        try {
          await this.change(
            m,
            viewer,
            teamId,
            r.itemId,
            r,
            meeting.id as string,
            true,
            `reviews[${n}].itemId`,
          );
        } catch (e) {
          // say which review failed; nothing of the meeting is kept (the transaction rolls back)
          const ext = (e as { extensions?: { errors?: FieldError[] } }).extensions;
          if (ext?.errors)
            bad(
              ext.errors.map((f) => ({
                ...f,
                field: f.field.startsWith('reviews[') ? f.field : `reviews[${n}].${f.field}`,
              })),
            );
          throw e;
        }
      }
      await this.audit(audit, team, 'TEAM_MEETING_HELD');
      return meetingOf({ ...meeting, attendee_ids: attendees });
    });
  }

  /** Closes a team (ICPM transition complete): no further change, and access by its membership
   *  ends with the next request. */
  async close(viewer: ViewerClaims, audit: AuditWriter, teamId: string, reason: string): Promise<Team> {
    assertMay(viewer, 'MANAGE_TEAM', { holder: this.agency as never });
    const e = text('reason', reason, 2000, true);
    if (e) bad([e]);
    return this.ds.transaction(async (m) => {
      const team = await this.team(m, teamId, true);
      this.open(team);
      const [row] = await m.query(
        `WITH u AS (UPDATE team SET closed_at = now(), closed_by = $2, closing_reason = $3 WHERE id = $1 RETURNING *)
         SELECT * FROM u`,
        [teamId, viewer.sub, reason],
      );
      await this.audit(audit, team, 'TEAM_CLOSED');
      return teamOf(row);
    });
  }

  /** Whether this viewer sees every item (the convener's staff) or only the shared ones and their
   *  own agency's. */
  private seesAll(viewer: ViewerClaims) {
    return viewer.agency === this.agency;
  }

  /** The plan of a team as this viewer may see it (the team itself already shown to the viewer:
   *  teamsOf decides that). Another agency's member's read is audited (TEAM_PLAN_MEMBER). */
  async plan(viewer: ViewerClaims, audit: AuditWriter, team: Team, includeClosed: boolean) {
    const rows: Row[] = await this.ds.query(
      `SELECT * FROM team_plan_item WHERE team_id = $1 AND ($2 OR status NOT IN ('MET', 'DROPPED'))
         AND ($3 OR sharing = 'TEAM' OR owning_agency = $4) ORDER BY created_at, id`,
      [team.id, includeClosed, this.seesAll(viewer), viewer.agency],
    );
    if (!this.seesAll(viewer) && rows.length)
      await audit({
        childId: null,
        recordIds: [team.recordId],
        categories: ['TEAM_PLAN'],
        decision: 'PERMIT',
        rule: 'TEAM_PLAN_MEMBER',
        consentId: null,
      });
    return rows.map(planItemOf);
  }

  /** The versions of one item (oldest first). */
  async history(itemId: string): Promise<PlanVersion[]> {
    const rows: Row[] = await this.ds.query(
      `SELECT * FROM team_plan_item_version WHERE item_id = $1 ORDER BY version`,
      [itemId],
    );
    return rows.map(planVersionOf);
  }

  /** A team's meetings (oldest first), with who attended. */
  async meetings(teamId: string): Promise<Meeting[]> {
    const rows: Row[] = await this.ds.query(
      `SELECT mt.*, ARRAY(SELECT a.member_id FROM team_meeting_attendee a WHERE a.meeting_id = mt.id
          ORDER BY a.member_id) AS attendee_ids
         FROM team_meeting mt WHERE mt.team_id = $1 ORDER BY mt.held_on, mt.created_at`,
      [teamId],
    );
    return rows.map(meetingOf);
  }

  /** The reviews made at a meeting that this viewer may see (items shared with them). */
  async reviewsAt(viewer: ViewerClaims, meetingId: string): Promise<PlanVersion[]> {
    const rows: Row[] = await this.ds.query(
      `SELECT v.* FROM team_plan_item_version v JOIN team_plan_item i ON i.id = v.item_id
        WHERE v.meeting_id = $1 AND ($2 OR i.sharing = 'TEAM' OR i.owning_agency = $3)
        ORDER BY i.created_at, i.id`,
      [meetingId, this.seesAll(viewer), viewer.agency],
    );
    return rows.map(planVersionOf);
  }

  private audit(
    audit: AuditWriter,
    team: Row,
    decision: 'TEAM_PLAN_CHANGED' | 'TEAM_MEETING_HELD' | 'TEAM_CLOSED',
  ) {
    return audit({
      childId: null,
      recordIds: [team.person_id as string],
      categories: [],
      decision,
      rule: 'TEAM_CONVENER',
      consentId: null,
    });
  }
}
