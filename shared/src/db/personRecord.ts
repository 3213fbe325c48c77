import { checkNotFuture } from '../validation';
import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Columns every agency record carries: its own id, its natural key `(sourceSystem, externalId)`,
 *  and a change sequence (set by a trigger) that feeds and incremental pulls read. */
export abstract class AgencyRecordBase {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64 })
  sourceSystem: string;

  @Column({ type: 'varchar', length: 128 })
  externalId: string;

  @Column({ type: 'bigint', insert: false, update: false, select: true, nullable: true })
  changeSeq: number;

  @CreateDateColumn({ type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', insert: false, update: false })
  updatedAt: Date;
}

/** The demographic columns every agency's person record carries: what the child index reads
 *  from the agency's person feed to link records of one child. */
export abstract class PersonRecordBase extends AgencyRecordBase {
  @Column({ type: 'varchar', length: 100, nullable: true })
  givenName: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  middleName: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  familyName: string | null;

  @Column({ type: 'date', nullable: true })
  birthDate: string | null;

  @Column({ type: 'varchar', length: 1, nullable: true })
  sex: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  race: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  ethnicity: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  primaryLanguage: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  addressLine: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  city: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  postalCode: string | null;
}

export const SEX_CODES = ['F', 'M', 'X', 'U'] as const;
export const RACE_CODES = [
  'AMERICAN_INDIAN_ALASKA_NATIVE',
  'ASIAN',
  'BLACK',
  'NATIVE_HAWAIIAN_PACIFIC_ISLANDER',
  'WHITE',
  'MULTIRACIAL',
  'OTHER',
  'UNKNOWN',
] as const;
export const ETHNICITY_CODES = ['HISPANIC', 'NOT_HISPANIC', 'UNKNOWN'] as const;

/** Other spellings agencies send for an enum's codes, by the code list (upper case, words joined
 *  by `_`; letter case and single letters such as `f` are read by the upsert already). */
export const ENUM_SPELLINGS: ReadonlyMap<readonly string[], Readonly<Record<string, string>>> = new Map([
  [SEX_CODES, { FEMALE: 'F', MALE: 'M', UNKNOWN: 'U' }],
]);

/** Column DDL matching PersonRecordBase, for migrations. */
export const PERSON_COLUMNS_SQL = `
  given_name varchar(100), middle_name varchar(100), family_name varchar(100), birth_date date,
  sex varchar(1), race varchar(40), ethnicity varchar(40), primary_language varchar(40),
  address_line varchar(200), city varchar(100), postal_code varchar(10)`;

/** Column DDL matching AgencyRecordBase, for migrations. */
export const RECORD_COLUMNS_SQL = `
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  source_system varchar(64) NOT NULL,
  external_id varchar(128) NOT NULL,
  change_seq bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()`;

/** SQL that makes `table` an agency record table: unique natural key, and a trigger that stamps
 *  `change_seq`/`updated_at` on every real change (an identical re-send changes nothing). */
export function recordTableTriggerSql(table: string): string[] {
  return [
    `ALTER TABLE ${table} ADD CONSTRAINT ${table}_natural_key UNIQUE (source_system, external_id)`,
    `CREATE SEQUENCE IF NOT EXISTS ${table}_change_seq`,
    `CREATE OR REPLACE FUNCTION ${table}_touch() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP = 'UPDATE' THEN
         IF NEW IS NOT DISTINCT FROM OLD THEN RETURN NEW; END IF;
         NEW.created_at := OLD.created_at;
       END IF;
       NEW.change_seq := nextval('${table}_change_seq');
       NEW.updated_at := now();
       RETURN NEW;
     END $$`,
    `CREATE TRIGGER ${table}_touch BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_touch()`,
    `CREATE INDEX ${table}_change_seq_idx ON ${table} (change_seq)`,
  ];
}

interface Queryable {
  query(sql: string): Promise<unknown>;
}

/** The advisory lock key of a table's feed: writers hold it shared until they commit, a feed
 *  reader takes it exclusively for the moment of its read. One derivation for both sides: the
 *  bare table name, whether the caller knows the table as `student` (the migrations that made the
 *  writers' triggers) or as `education.student` (the agency kit's table path). Two keys would mean
 *  no lock at all, and a feed that skips records under concurrent writers. */
export const feedLockKey = (table: string) => `hashtext('${feedTableName(table)}.feed')`;

/** `education.student`, `"education"."student"` and `student` all name the table `student`. */
export function feedTableName(table: string): string {
  const bare = table.split('.').pop()!.replace(/"/g, '');
  if (!/^[a-z_][a-z0-9_]*$/.test(bare)) throw new Error(`not a table name: ${table}`);
  return bare;
}

/**
 * Makes a person table's feed gap-free under concurrent writers. `change_seq` is drawn when a row
 * is written but becomes visible when its transaction commits, so a reader could see seq 7 (from a
 * quick transaction) while seq 6 (a slow one) is still uncommitted, move its cursor past 6 and
 * never see it. Writers now hold a shared advisory lock until they commit and the reader takes it
 * exclusively: it waits for writers in flight, so every sequence number below what it reads is
 * either committed or never will be.
 */
export function feedOrderMigration(personTable: string) {
  return class FeedOrder1733000000000 {
    name = 'FeedOrder1733000000000';
    async up(q: Queryable): Promise<void> {
      await q.query(`CREATE OR REPLACE FUNCTION ${personTable}_touch() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'UPDATE' THEN
            IF NEW IS NOT DISTINCT FROM OLD THEN RETURN NEW; END IF;
            NEW.created_at := OLD.created_at;
          END IF;
          PERFORM pg_advisory_xact_lock_shared(${feedLockKey(personTable)});
          NEW.change_seq := nextval('${personTable}_change_seq');
          NEW.updated_at := now();
          RETURN NEW;
        END $$`);
    }
    async down(q: Queryable): Promise<void> {
      for (const sql of recordTableTriggerSql(personTable).filter((x) => x.includes('FUNCTION')))
        await q.query(sql);
    }
  };
}

/** The record tables of the current schema: those with the change trigger recordTableTriggerSql
 *  makes. */
async function recordTables(q: Queryable): Promise<string[]> {
  const rows = (await q.query(
    `SELECT c.relname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE c.relnamespace = current_schema()::regnamespace AND t.tgname = c.relname || '_touch'
      ORDER BY c.relname`,
  )) as Array<{ name: string }>;
  return rows.map((r) => r.name);
}

/**
 * A new record draws its `change_seq` from the column's default instead of a row trigger, and the
 * trigger runs on updates only, and only on real changes (`WHEN (OLD.* IS DISTINCT FROM NEW.*)`):
 * a PL/pgSQL call per inserted row was a third of the cost of writing a record (bulk loads insert
 * many). What a row gets is unchanged: a new `change_seq` and `updated_at` when it is inserted or
 * really changed, none when an identical record is re-sent. The person table's feed lock
 * (feedOrderMigration) is taken once per inserting statement, before any row draws its number,
 * and still per changed row on update.
 */
export function touchOnUpdateMigration(personTable: string) {
  return class TouchOnUpdate1733100000000 {
    name = 'TouchOnUpdate1733100000000';
    async up(q: Queryable): Promise<void> {
      for (const table of await recordTables(q)) {
        await q.query(
          `ALTER TABLE ${table} ALTER COLUMN change_seq SET DEFAULT nextval('${table}_change_seq')`,
        );
        await q.query(`DROP TRIGGER ${table}_touch ON ${table}`);
        await q.query(
          `CREATE TRIGGER ${table}_touch BEFORE UPDATE ON ${table} FOR EACH ROW
             WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION ${table}_touch()`,
        );
      }
      await q.query(`CREATE OR REPLACE FUNCTION ${personTable}_feed_lock() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_advisory_xact_lock_shared(${feedLockKey(personTable)});
          RETURN NULL;
        END $$`);
      await q.query(
        `CREATE TRIGGER ${personTable}_feed_lock BEFORE INSERT ON ${personTable} FOR EACH STATEMENT
           EXECUTE FUNCTION ${personTable}_feed_lock()`,
      );
    }
    async down(q: Queryable): Promise<void> {
      await q.query(`DROP TRIGGER ${personTable}_feed_lock ON ${personTable}`);
      await q.query(`DROP FUNCTION ${personTable}_feed_lock()`);
      for (const table of await recordTables(q)) {
        await q.query(`DROP TRIGGER ${table}_touch ON ${table}`);
        await q.query(
          `CREATE TRIGGER ${table}_touch BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_touch()`,
        );
        await q.query(`ALTER TABLE ${table} ALTER COLUMN change_seq DROP DEFAULT`);
      }
    }
  };
}

/** Creates an agency's record tables in order: each with the record columns, its own columns,
 *  the natural key, the change trigger, and an index on each listed column. */
export async function createRecordTables(
  q: Queryable,
  tables: Record<string, string>,
  indexed: Record<string, string[]>,
): Promise<void> {
  for (const [table, columns] of Object.entries(tables)) {
    await q.query(`CREATE TABLE ${table} (${RECORD_COLUMNS_SQL}, ${columns})`);
    for (const sql of recordTableTriggerSql(table)) await q.query(sql);
    for (const col of indexed[table] ?? [])
      await q.query(`CREATE INDEX ${table}_${col}_idx ON ${table} (${col})`);
  }
}

/** Drops what createRecordTables made, in reverse order. */
export async function dropRecordTables(q: Queryable, tables: Record<string, string>): Promise<void> {
  for (const table of Object.keys(tables).reverse()) {
    await q.query(`DROP TABLE ${table}`);
    await q.query(`DROP FUNCTION ${table}_touch()`);
    await q.query(`DROP SEQUENCE ${table}_change_seq`);
  }
}

/** The rules every agency's person kind shares (spread into it): the demographic code lists, and
 *  a birth date that is not in the future. */
export const PERSON_RULES = {
  enums: { sex: SEX_CODES, race: RACE_CODES, ethnicity: ETHNICITY_CODES },
  checks: [(r: Record<string, unknown>) => checkNotFuture(r, 'birthDate')],
};
