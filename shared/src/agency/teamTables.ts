/** The Child and Family Team (California's Integrated Core Practice Model): its four phases, who
 *  may be a member, and the tables of a convening agency (its own schema, beside its records). */
export const TEAM_PHASES = ['ENGAGEMENT', 'SERVICE_PLANNING', 'MONITORING_ADAPTING', 'TRANSITION'] as const;
export type TeamPhase = (typeof TEAM_PHASES)[number];

/** Professionals are platform users (an agency, a token subject, a role); the youth, the family
 *  and natural supports are team members who are not. */
export const TEAM_MEMBER_KINDS = ['PROFESSIONAL', 'YOUTH', 'FAMILY', 'NATURAL_SUPPORT'] as const;
export type TeamMemberKind = (typeof TEAM_MEMBER_KINDS)[number];

/** The plan's items: the CANS's needs and strengths, the team's goals, the actions that serve
 *  them, and the safety plan. */
export const PLAN_ITEM_KINDS = ['NEED', 'STRENGTH', 'GOAL', 'ACTION', 'SAFETY'] as const;
export const PLAN_ITEM_STATUSES = ['OPEN', 'IN_PROGRESS', 'MET', 'DROPPED'] as const;
/** TEAM: every current member sees it; AGENCY: the convener's staff and the owning agency's
 *  members only (a safety item is always TEAM). */
export const PLAN_SHARING = ['TEAM', 'AGENCY'] as const;
/** The CANS domains (behavioral health's assessments use the same). */
export const CANS_DOMAINS = [
  'LIFE_FUNCTIONING',
  'BEHAVIORAL_EMOTIONAL_NEEDS',
  'RISK_BEHAVIORS',
  'STRENGTHS',
  'CAREGIVER_RESOURCES',
  'ACCULTURATION',
  'TRAUMA',
] as const;

const list = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');

/** DDL of a convener's team tables (`personTable` is its person table: a team is about a child
 *  the convener knows). A member leaves by `left_at`, never by deletion: who was on the team, and
 *  when, stays on record. */
export function teamTableSql(personTable: string): string[] {
  return [
    `CREATE TABLE team (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL REFERENCES ${personTable}(id),
      convening_agency varchar(20) NOT NULL,
      phase varchar(24) NOT NULL CHECK (phase IN (${list(TEAM_PHASES)})),
      lead_member_id uuid,
      formed_by varchar(200) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz)`,
    `CREATE INDEX team_person_idx ON team (person_id)`,
    `CREATE TABLE team_member (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      team_id uuid NOT NULL REFERENCES team(id),
      member_kind varchar(20) NOT NULL CHECK (member_kind IN (${list(TEAM_MEMBER_KINDS)})),
      agency varchar(20),
      subject varchar(200),
      role varchar(40),
      display_name varchar(200) NOT NULL,
      added_by varchar(200) NOT NULL,
      removed_by varchar(200),
      joined_at timestamptz NOT NULL DEFAULT now(),
      left_at timestamptz,
      CHECK ((member_kind = 'PROFESSIONAL') = (agency IS NOT NULL AND subject IS NOT NULL AND role IS NOT NULL)))`,
    // one current membership per professional and team; the membership lookup of every request
    `CREATE UNIQUE INDEX team_member_current_idx ON team_member (team_id, agency, subject)
      WHERE left_at IS NULL AND member_kind = 'PROFESSIONAL'`,
    `CREATE INDEX team_member_subject_idx ON team_member (agency, subject) WHERE left_at IS NULL`,
    `ALTER TABLE team ADD CONSTRAINT team_lead_fk FOREIGN KEY (lead_member_id) REFERENCES team_member(id)`,
  ];
}

/** DDL of a team's plan (its items, each change kept as a version) and its meetings (attendance,
 *  the family's words, decisions, the plan reviewed), and a team's closing. `meetingRecordTable`:
 *  the convener's own meeting records a team meeting may link (child welfare's cft_meeting). */
export function teamPlanSql(meetingRecordTable: string | null): string[] {
  return [
    `ALTER TABLE team ADD COLUMN closed_by varchar(200), ADD COLUMN closing_reason text`,
    `CREATE TABLE team_meeting (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      team_id uuid NOT NULL REFERENCES team(id),
      held_on date NOT NULL,
      phase varchar(24) NOT NULL CHECK (phase IN (${list(TEAM_PHASES)})),
      record_id uuid${meetingRecordTable ? ` REFERENCES ${meetingRecordTable}(id)` : ''},
      family_voice text,
      decisions text[] NOT NULL DEFAULT '{}',
      recorded_by varchar(200) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`,
    `CREATE INDEX team_meeting_team_idx ON team_meeting (team_id, held_on)`,
    `CREATE TABLE team_meeting_attendee (
      meeting_id uuid NOT NULL REFERENCES team_meeting(id),
      member_id uuid NOT NULL REFERENCES team_member(id),
      PRIMARY KEY (meeting_id, member_id))`,
    `CREATE TABLE team_plan_item (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      team_id uuid NOT NULL REFERENCES team(id),
      item_kind varchar(10) NOT NULL CHECK (item_kind IN (${list(PLAN_ITEM_KINDS)})),
      domain varchar(32) CHECK (domain IN (${list(CANS_DOMAINS)})),
      description text NOT NULL,
      goal_id uuid REFERENCES team_plan_item(id),
      owning_agency varchar(20),
      owner_member_id uuid REFERENCES team_member(id),
      due_on date,
      status varchar(12) NOT NULL CHECK (status IN (${list(PLAN_ITEM_STATUSES)})),
      sharing varchar(8) NOT NULL CHECK (sharing IN (${list(PLAN_SHARING)})),
      version integer NOT NULL DEFAULT 1,
      created_by varchar(200) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (item_kind <> 'SAFETY' OR sharing = 'TEAM'),
      CHECK (item_kind <> 'ACTION' OR owning_agency IS NOT NULL))`,
    `CREATE INDEX team_plan_item_team_idx ON team_plan_item (team_id, created_at)`,
    `CREATE TABLE team_plan_item_version (
      item_id uuid NOT NULL REFERENCES team_plan_item(id),
      version integer NOT NULL,
      status varchar(12) NOT NULL,
      description text NOT NULL,
      due_on date,
      owner_member_id uuid,
      note text,
      meeting_id uuid REFERENCES team_meeting(id),
      changed_by varchar(200) NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (item_id, version))`,
    `CREATE INDEX team_plan_item_version_meeting_idx ON team_plan_item_version (meeting_id) WHERE meeting_id IS NOT NULL`,
  ];
}

/** The migration of a team's plan and meetings. */
export function teamPlanMigration(meetingRecordTable: string | null) {
  return class TeamPlan1765400000000 {
    name = 'TeamPlan1765400000000';
    async up(q: { query(sql: string): Promise<unknown> }): Promise<void> {
      for (const sql of teamPlanSql(meetingRecordTable)) await q.query(sql);
    }
    async down(q: { query(sql: string): Promise<unknown> }): Promise<void> {
      for (const t of ['team_plan_item_version', 'team_plan_item', 'team_meeting_attendee', 'team_meeting'])
        await q.query(`DROP TABLE ${t}`);
      await q.query('ALTER TABLE team DROP COLUMN closed_by, DROP COLUMN closing_reason');
    }
  };
}

/** The migration of a convening agency's team tables. */
export function teamTablesMigration(personTable: string) {
  return class TeamTables1765000000000 {
    name = 'TeamTables1765000000000';
    async up(q: { query(sql: string): Promise<unknown> }): Promise<void> {
      for (const sql of teamTableSql(personTable)) await q.query(sql);
    }
    async down(q: { query(sql: string): Promise<unknown> }): Promise<void> {
      await q.query('ALTER TABLE team DROP CONSTRAINT team_lead_fk');
      await q.query('DROP TABLE team_member');
      await q.query('DROP TABLE team');
    }
  };
}
