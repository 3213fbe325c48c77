/** Closed-loop referrals: their statuses, the moves between them, and the tables every agency keeps
 *  beside its records (its own schema): the referrals it sends (outgoing), the ones it receives
 *  (incoming), and each side's history of status changes. */
export const REFERRAL_STATUSES = ['SENT', 'ACCEPTED', 'DECLINED', 'COMPLETED'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** The moves a receiver (or, for a directory service, the referrer on the provider's word) may
 *  make: a sent referral is accepted or declined; an accepted one is completed or declined (the
 *  service could not go on). Declined and completed are final. */
export const REFERRAL_MOVES: Record<ReferralStatus, readonly ReferralStatus[]> = {
  SENT: ['ACCEPTED', 'DECLINED'],
  ACCEPTED: ['COMPLETED', 'DECLINED'],
  DECLINED: [],
  COMPLETED: [],
};

const list = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');

/** DDL of an agency's referral tables (`personTable` is its person table). A referral goes either
 *  to another agency of the platform (`receiver_agency`) or to a directory service
 *  (`directory_service_id`, the child index's service directory): never both. */
export function referralTableSql(personTable: string): string[] {
  return [
    `CREATE TABLE service_referral (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL REFERENCES ${personTable}(id),
      receiver_agency varchar(20),
      directory_service_id uuid,
      category varchar(40) NOT NULL,
      need varchar(2000) NOT NULL,
      status varchar(12) NOT NULL DEFAULT 'SENT' CHECK (status IN (${list(REFERRAL_STATUSES)})),
      created_by varchar(200) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((receiver_agency IS NULL) <> (directory_service_id IS NULL)))`,
    `CREATE INDEX service_referral_person_idx ON service_referral (person_id)`,
    // the referrer's own history: SENT, then (directory services only) what the provider said
    `CREATE TABLE service_referral_event (
      id bigserial PRIMARY KEY,
      referral_id uuid NOT NULL REFERENCES service_referral(id),
      status varchar(12) NOT NULL CHECK (status IN (${list(REFERRAL_STATUSES)})),
      reason varchar(2000),
      on_provider_word boolean NOT NULL DEFAULT false,
      changed_by varchar(200) NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
    `CREATE INDEX service_referral_event_idx ON service_referral_event (referral_id, id)`,
    // what another agency sent here: the referrer's ids, never its records; the receiver's own
    // person record once it links one (accepting)
    `CREATE TABLE incoming_service_referral (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      referrer_agency varchar(20) NOT NULL,
      referrer_referral_id uuid NOT NULL,
      referrer_record_id uuid NOT NULL,
      category varchar(40) NOT NULL,
      need varchar(2000) NOT NULL,
      status varchar(12) NOT NULL DEFAULT 'SENT' CHECK (status IN (${list(REFERRAL_STATUSES)})),
      person_id uuid REFERENCES ${personTable}(id),
      sent_by varchar(200) NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (referrer_agency, referrer_referral_id))`,
    `CREATE TABLE incoming_service_referral_event (
      id bigserial PRIMARY KEY,
      incoming_referral_id uuid NOT NULL REFERENCES incoming_service_referral(id),
      status varchar(12) NOT NULL CHECK (status IN (${list(REFERRAL_STATUSES)})),
      reason varchar(2000),
      changed_by varchar(200) NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
    `CREATE INDEX incoming_service_referral_event_idx ON incoming_service_referral_event (incoming_referral_id, id)`,
  ];
}

/** The migration of an agency's referral tables. */
export function referralTablesMigration(personTable: string) {
  return class ReferralTables1765300000000 {
    name = 'ReferralTables1765300000000';
    async up(q: { query(sql: string): Promise<unknown> }): Promise<void> {
      for (const sql of referralTableSql(personTable)) await q.query(sql);
    }
    async down(q: { query(sql: string): Promise<unknown> }): Promise<void> {
      for (const t of [
        'incoming_service_referral_event',
        'incoming_service_referral',
        'service_referral_event',
        'service_referral',
      ])
        await q.query(`DROP TABLE ${t}`);
    }
  };
}
