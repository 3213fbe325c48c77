import { fieldError, type FieldError } from '../errors';
import { AUDIT_TABLE_SQL } from './audit';
import type { CategoryPolicy } from './policy';

/** DDL of an agency's consent table (`person` is the agency's person table). */
export function consentTableSql(personTable: string): string[] {
  return [
    `CREATE TABLE consent (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL REFERENCES ${personTable}(id),
      grantor_type varchar(20) NOT NULL,
      grantor_name varchar(200) NOT NULL,
      recorded_by varchar(200) NOT NULL,
      categories text[] NOT NULL,
      recipient_agencies text[] NOT NULL,
      recipient_roles text[] NOT NULL DEFAULT '{}',
      purposes text[] NOT NULL,
      period_start date NOT NULL,
      period_end date,
      status varchar(10) NOT NULL CHECK (status IN ('ACTIVE', 'REVOKED')),
      source_document_ref varchar(300) NOT NULL,
      revoked_at timestamptz,
      revoked_by varchar(200),
      revocation_reason varchar(500),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (period_end IS NULL OR period_end >= period_start))`,
    `CREATE INDEX consent_person_idx ON consent (person_id)`,
  ];
}

/** The migration every agency runs for its consents and its audit trail. */
export function accessTablesMigration(personTable: string) {
  return class AccessTables1732600000000 {
    name = 'AccessTables1732600000000';
    async up(q: { query(sql: string): Promise<unknown> }): Promise<void> {
      for (const sql of [...consentTableSql(personTable), ...AUDIT_TABLE_SQL]) await q.query(sql);
    }
    async down(q: { query(sql: string): Promise<unknown> }): Promise<void> {
      await q.query('DROP TABLE audit_event');
      await q.query('DROP FUNCTION audit_event_append_only()');
      await q.query('DROP TABLE consent');
    }
  };
}

/** A consent may name Child and Family Teams as recipients (a team-sharing agreement): the data go
 *  to the team's current professional members, for the life of their membership. */
export class ConsentTeams1765100000000 {
  name = 'ConsentTeams1765100000000';
  async up(q: { query(sql: string): Promise<unknown> }): Promise<void> {
    await q.query(`ALTER TABLE consent ADD COLUMN recipient_teams uuid[] NOT NULL DEFAULT '{}'`);
  }
  async down(q: { query(sql: string): Promise<unknown> }): Promise<void> {
    await q.query('ALTER TABLE consent DROP COLUMN recipient_teams');
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The recipients of a consent: at least one agency or one team; each team an id; a team never
 *  for a category whose consent must name the recipient (42 CFR 2.31). */
export function teamRecipientErrors(
  c: { recipientAgencies: string[]; recipientTeams?: string[] | null; categories: string[] },
  known: Map<string, CategoryPolicy>,
): FieldError[] {
  const errors: FieldError[] = [];
  const teams = c.recipientTeams ?? [];
  if (!c.recipientAgencies.length && !teams.length)
    errors.push(
      fieldError('recipientAgencies', 'REQUIRED', 'name at least one recipient agency or recipient team'),
    );
  if (teams.length > 20) errors.push(fieldError('recipientTeams', 'OUT_OF_RANGE', 'at most 20 teams'));
  if (teams.some((t) => !UUID.test(t)))
    errors.push(fieldError('recipientTeams', 'INVALID_FORMAT', 'a team id (uuid)'));
  const named = c.categories.filter((cat) => known.get(cat)?.consent?.mustNameRecipient);
  // 42 CFR 2.31(a)(4): a Part 2 consent names its recipient; a team, whose members change, is not one
  if (teams.length && named.length)
    errors.push(
      fieldError(
        'recipientTeams',
        'OUT_OF_RANGE',
        `${named.join(', ')} must name the recipient: a team cannot receive it (42 CFR 2.31)`,
      ),
    );
  return errors;
}
