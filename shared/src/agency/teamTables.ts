/** The Child and Family Team (California's Integrated Core Practice Model): its four phases, who
 *  may be a member, and the tables of a convening agency (its own schema, beside its records). */
export const TEAM_PHASES = ['ENGAGEMENT', 'SERVICE_PLANNING', 'MONITORING_ADAPTING', 'TRANSITION'] as const;
export type TeamPhase = (typeof TEAM_PHASES)[number];

/** Professionals are platform users (an agency, a token subject, a role); the youth, the family
 *  and natural supports are team members who are not. */
export const TEAM_MEMBER_KINDS = ['PROFESSIONAL', 'YOUTH', 'FAMILY', 'NATURAL_SUPPORT'] as const;
export type TeamMemberKind = (typeof TEAM_MEMBER_KINDS)[number];

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
