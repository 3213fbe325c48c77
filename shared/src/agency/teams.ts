import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { AGENCIES, type AgencyCode } from '../agencies';
import { ROLES, type ViewerClaims } from '../auth/claims';
import type { AuditEntry, AuditWriter } from '../access/audit';
import { assertMay, may } from '../access/permissions';
import { preparedQuery } from '../db/dataSource';
import { errorCodes, fieldError, type FieldError } from '../errors';
import { checkNoNul, isUuid } from '../validation';
import { enqueueEvent } from './notifications/events';
import { TEAM_MEMBER_KINDS, TEAM_PHASES } from './teamTables';

type Row = Record<string, unknown>;

export interface TeamInput {
  sourceSystem: string;
  personExternalId: string;
  phase?: string | null;
}

export interface TeamMemberInput {
  kind: string;
  /** Professionals: their agency, token subject and role (the membership the policy checks). */
  agency?: string | null;
  subject?: string | null;
  role?: string | null;
  displayName: string;
}

function bad(errors: FieldError[]): never {
  throw errorCodes.BAD_USER_INPUT.err(
    `Invalid team input: ${errors.map((e) => `${e.field} ${e.reason}`).join('; ')}`,
    { field: errors[0]!.field, reason: errors[0]!.reason, errors },
  );
}

export const teamOf = (r: Row) => ({
  id: r.id as string,
  convener: r.convening_agency as string,
  recordId: r.person_id as string,
  phase: r.phase as string,
  leadMemberId: (r.lead_member_id as string | null) ?? null,
  formedBy: r.formed_by as string,
  createdAt: (r.created_at as Date).toISOString(),
  closedAt: r.closed_at ? (r.closed_at as Date).toISOString() : null,
  closedBy: (r.closed_by as string | null) ?? null,
  closingReason: (r.closing_reason as string | null) ?? null,
});
export type Team = ReturnType<typeof teamOf>;

export const memberOf = (r: Row) => ({
  id: r.id as string,
  teamId: r.team_id as string,
  kind: r.member_kind as string,
  agency: (r.agency as string | null) ?? null,
  subject: (r.subject as string | null) ?? null,
  role: (r.role as string | null) ?? null,
  displayName: r.display_name as string,
  joinedAt: (r.joined_at as Date).toISOString(),
  leftAt: r.left_at ? (r.left_at as Date).toISOString() : null,
});

/** The current professional membership of this viewer: its agency, its token subject, and one of
 *  its roles the membership names. Read on every request: nothing caches it, so leaving the team
 *  ends access on the very next request. */
const CURRENT_MEMBER_SQL = `m.left_at IS NULL AND m.member_kind = 'PROFESSIONAL'
  AND m.agency = $2 AND m.subject = $3 AND m.role = ANY($4::text[])`;

/**
 * A convening agency's Child and Family Teams (ICPM): formed about a child the convener knows,
 * run by its staff (MANAGE_TEAM), every change written to its audit trail. Shown to the
 * convener's staff and to the team's current members; the membership is lent, for the asking
 * viewer only, to every holder's policy (rule TEAM_MEMBER).
 */
export class TeamService {
  constructor(
    private readonly ds: DataSource,
    private readonly agency: AgencyCode,
    private readonly personTable: string,
    /** SQL over the person table: the record may leave the agency (not a sealed adoption). */
    private readonly leavesSql = 'true',
    /** The convener's policy category that decides who hears of a change in a team's membership
     *  (TEAM_MEMBERSHIP_CHANGED): child welfare's case, probation's juvenile case file. */
    private readonly eventCategory = 'IDENTITY',
  ) {}

  /** TEAM_MEMBERSHIP_CHANGED, in the transaction that changes the membership (notifications). */
  private membershipChanged(m: { query(sql: string, params?: unknown[]): Promise<unknown> }, team: Row) {
    return enqueueEvent(m, {
      type: 'TEAM_MEMBERSHIP_CHANGED',
      personId: team.person_id as string,
      recordKind: 'TEAM',
      recordId: team.id as string,
      category: this.eventCategory,
    });
  }

  private change(viewer: ViewerClaims) {
    assertMay(viewer, 'MANAGE_TEAM', { holder: this.agency });
  }

  private audit(audit: AuditWriter, team: Row, decision: AuditEntry['decision'], rule: string) {
    return audit({
      childId: null,
      recordIds: [team.person_id as string],
      categories: [],
      decision,
      rule,
      consentId: null,
    });
  }

  async form(viewer: ViewerClaims, audit: AuditWriter, input: TeamInput) {
    this.change(viewer);
    const nul = checkNoNul('personExternalId', input.sourceSystem, input.personExternalId);
    if (nul) bad([nul]);
    const phase = input.phase ?? 'ENGAGEMENT';
    if (!(TEAM_PHASES as readonly string[]).includes(phase)) bad([fieldError('phase', 'INVALID_ENUM')]);
    const [person] = await this.ds.query(
      `SELECT id, (${this.leavesSql}) AS leaves FROM ${this.personTable} WHERE source_system = $1 AND external_id = $2`,
      [input.sourceSystem, input.personExternalId],
    );
    if (!person) bad([fieldError('personExternalId', 'UNKNOWN_REFERENCE', 'no such person record')]);
    // Family Code 9200: a sealed adoption's record never leaves the agency; no team shares it
    if (!person.leaves)
      bad([fieldError('personExternalId', 'OUT_OF_RANGE', `this record never leaves ${this.agency}`)]);
    const [team] = await this.ds.query(
      `INSERT INTO team (person_id, convening_agency, phase, formed_by) VALUES ($1, $2, $3, $4) RETURNING *`,
      [person.id, this.agency, phase, viewer.sub],
    );
    await this.audit(audit, team, 'TEAM_FORMED', 'TEAM_CONVENER');
    return teamOf(team);
  }

  private memberErrors(m: TeamMemberInput): FieldError[] {
    const errors: FieldError[] = [];
    const pro = m.kind === 'PROFESSIONAL';
    if (!(TEAM_MEMBER_KINDS as readonly string[]).includes(m.kind))
      errors.push(fieldError('kind', 'INVALID_ENUM'));
    if (!m.displayName?.trim() || m.displayName.length > 200)
      errors.push(fieldError('displayName', 'REQUIRED', 'name the member (at most 200 characters)'));
    const nul = checkNoNul('displayName', m.displayName) ?? checkNoNul('subject', m.subject);
    if (nul) errors.push(nul);
    if (pro && !(AGENCIES as readonly string[]).includes(m.agency ?? ''))
      errors.push(fieldError('agency', 'REQUIRED', 'a professional member names their agency'));
    if (pro && (!m.subject?.trim() || m.subject.length > 200))
      errors.push(fieldError('subject', 'REQUIRED', 'a professional member names their sign-in subject'));
    if (pro && !(ROLES as readonly string[]).includes(m.role ?? ''))
      errors.push(
        fieldError('role', 'INVALID_ENUM', `a professional member has a role among ${ROLES.join(', ')}`),
      );
    if (!pro && (m.agency || m.subject || m.role))
      errors.push(
        fieldError('kind', 'DEPENDS_ON', 'only a professional member has an agency, a subject and a role'),
      );
    return errors;
  }

  async addMember(viewer: ViewerClaims, audit: AuditWriter, teamId: string, m: TeamMemberInput) {
    this.change(viewer);
    const team = await this.openTeam(teamId);
    const errors = this.memberErrors(m);
    if (errors.length) bad(errors);
    const pro = m.kind === 'PROFESSIONAL';
    const row = await this.ds.transaction(async (tx) => {
      const [added] = await tx.query(
        `INSERT INTO team_member (team_id, member_kind, agency, subject, role, display_name, added_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING *`,
        [
          teamId,
          m.kind,
          pro ? m.agency : null,
          pro ? m.subject : null,
          pro ? m.role : null,
          m.displayName,
          viewer.sub,
        ],
      );
      if (!added) bad([fieldError('subject', 'OUT_OF_RANGE', 'already a current member of this team')]);
      await this.membershipChanged(tx, team);
      return added as Row;
    });
    await this.audit(audit, team, 'TEAM_MEMBER_ADDED', 'TEAM_CONVENER');
    return memberOf(row);
  }

  /** Ends a membership (its left_at): the member's access by membership ends with the next request. */
  async removeMember(viewer: ViewerClaims, audit: AuditWriter, memberId: string) {
    this.change(viewer);
    const member = await this.member(memberId);
    const team = await this.openTeam(member.team_id as string);
    const row = await this.ds.transaction(async (tx) => {
      const [left] = await tx.query(
        `WITH u AS (UPDATE team_member SET left_at = COALESCE(left_at, now()), removed_by = COALESCE(removed_by, $2)
           WHERE id = $1 RETURNING *) SELECT * FROM u`,
        [memberId, viewer.sub],
      );
      await tx.query(`UPDATE team SET lead_member_id = NULL WHERE id = $1 AND lead_member_id = $2`, [
        team.id,
        memberId,
      ]);
      // a member who had already left changes nothing: nothing to announce
      if (!member.left_at) await this.membershipChanged(tx, team);
      return left as Row;
    });
    await this.audit(audit, team, 'TEAM_MEMBER_REMOVED', 'TEAM_CONVENER');
    return memberOf(row);
  }

  async setLead(viewer: ViewerClaims, audit: AuditWriter, teamId: string, memberId: string) {
    this.change(viewer);
    await this.openTeam(teamId);
    const member = await this.member(memberId);
    if (member.team_id !== teamId || member.left_at || member.member_kind !== 'PROFESSIONAL')
      bad([fieldError('memberId', 'OUT_OF_RANGE', 'the lead is a current professional member of this team')]);
    const [team] = await this.ds.query(
      `WITH u AS (UPDATE team SET lead_member_id = $2 WHERE id = $1 RETURNING *) SELECT * FROM u`,
      [teamId, memberId],
    );
    await this.audit(audit, team, 'TEAM_LEAD_SET', 'TEAM_CONVENER');
    return teamOf(team);
  }

  async setPhase(viewer: ViewerClaims, audit: AuditWriter, teamId: string, phase: string) {
    this.change(viewer);
    await this.openTeam(teamId);
    if (!(TEAM_PHASES as readonly string[]).includes(phase)) bad([fieldError('phase', 'INVALID_ENUM')]);
    const [team] = await this.ds.query(
      `WITH u AS (UPDATE team SET phase = $2 WHERE id = $1 RETURNING *) SELECT * FROM u`,
      [teamId, phase],
    );
    await this.audit(audit, team, 'TEAM_PHASE_SET', 'TEAM_CONVENER');
    return teamOf(team);
  }

  /** The teams of one person record this viewer may see: all of them to the convener's staff, to
   *  anyone else those of which they are a current professional member; none otherwise. */
  async teamsOf(viewer: ViewerClaims, sourceSystem: string, personExternalId: string) {
    const [person] = await this.ds.query(
      `SELECT id FROM ${this.personTable} WHERE source_system = $1 AND external_id = $2`,
      [sourceSystem, personExternalId],
    );
    return person ? this.teamsOfPersons(viewer, [person.id]) : [];
  }

  /** The teams of these person records this viewer may see (as teamsOf). */
  async teamsOfPersons(viewer: ViewerClaims, personIds: string[]) {
    if (!personIds.length || !may(viewer, 'READ_TEAMS', { holder: this.agency })) return [];
    const rows: Row[] = await this.ds.query(
      `SELECT t.* FROM team t WHERE t.person_id = ANY($1::uuid[]) AND ($5 OR EXISTS (
          SELECT 1 FROM team_member m WHERE m.team_id = t.id AND ${CURRENT_MEMBER_SQL}))
        ORDER BY t.created_at, t.id`,
      [personIds, viewer.agency, viewer.sub, viewer.roles, viewer.agency === this.agency],
    );
    return rows.map(teamOf);
  }

  /** The members of a team (current ones; former ones too when asked). */
  async membersOf(teamId: string, includeFormer: boolean) {
    const rows: Row[] = await this.ds.query(
      `SELECT * FROM team_member WHERE team_id = $1 AND ($2 OR left_at IS NULL) ORDER BY joined_at, id`,
      [teamId, includeFormer],
    );
    return rows.map(memberOf);
  }

  /** Per request, for this viewer only: the open teams of each person record of which the viewer
   *  is a current professional member (one statement a batch; nothing kept past the request). */
  membershipLoader(viewer: ViewerClaims) {
    return new DataLoader<string, string[]>(async (personIds) => {
      if (!may(viewer, 'LEND_TEAM_MEMBERSHIP', { holder: this.agency })) return personIds.map(() => []);
      const rows = await preparedQuery<{ person_id: string; id: string }>(
        this.ds,
        `SELECT t.person_id, t.id FROM team t JOIN team_member m ON m.team_id = t.id
          WHERE t.person_id = ANY($1::uuid[]) AND t.closed_at IS NULL AND ${CURRENT_MEMBER_SQL}
          ORDER BY t.id`,
        [[...personIds], viewer.agency, viewer.sub, viewer.roles],
      );
      return personIds.map((id) => rows.filter((r) => r.person_id === id).map((r) => r.id));
    });
  }

  private async openTeam(id: string): Promise<Row> {
    const [team] = isUuid(id) ? await this.ds.query('SELECT * FROM team WHERE id = $1', [id]) : [];
    if (!team) throw errorCodes.NOT_FOUND.err('No such team', { field: 'teamId' });
    if (team.closed_at) bad([fieldError('teamId', 'OUT_OF_RANGE', 'the team is closed')]);
    return team;
  }

  private async member(id: string): Promise<Row> {
    const [m] = isUuid(id) ? await this.ds.query('SELECT * FROM team_member WHERE id = $1', [id]) : [];
    if (!m) throw errorCodes.NOT_FOUND.err('No such team member', { field: 'memberId' });
    return m;
  }
}
