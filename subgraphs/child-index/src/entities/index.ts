import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** A child in the single child index: the golden demographics drawn from linked agency records. */
@Entity({ name: 'child' })
export class Child {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) givenName: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) middleName: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) familyName: string | null;
  @Column({ type: 'date', nullable: true }) birthDate: string | null;
  @Column({ type: 'varchar', length: 1, nullable: true }) sex: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) race: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) ethnicity: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) primaryLanguage: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** The index's copy of one agency person record (from that agency's feed) and its link. */
@Entity({ name: 'agency_record' })
export class AgencyRecord {
  @PrimaryColumn({ type: 'varchar', length: 20 }) agency: string;
  @PrimaryColumn({ type: 'uuid' }) recordId: string;
  @Column({ type: 'varchar', length: 64 }) sourceSystem: string;
  @Column({ type: 'varchar', length: 128 }) externalId: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) givenName: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) middleName: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) familyName: string | null;
  @Column({ type: 'date', nullable: true }) birthDate: string | null;
  @Column({ type: 'varchar', length: 1, nullable: true }) sex: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) race: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) ethnicity: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) primaryLanguage: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) addressLine: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) city: string | null;
  @Column({ type: 'varchar', length: 10, nullable: true }) postalCode: string | null;
  @Column({ type: 'boolean', default: false }) sealedAdoption: boolean;
  @Column({ type: 'boolean', default: false }) existenceProtected: boolean;
  @Column({ type: 'bigint' }) changeSeq: number;
  @Column({ type: 'uuid', nullable: true }) childId: string | null;
  @Column({ type: 'double precision', nullable: true }) matchScore: number | null;
  @Column({ type: 'varchar', length: 12 }) status: string;
  @UpdateDateColumn({ type: 'timestamptz' }) linkedAt: Date;
}

/** Where the index has read each agency's person feed up to. */
@Entity({ name: 'feed_cursor' })
export class FeedCursor {
  @PrimaryColumn({ type: 'varchar', length: 20 }) agency: string;
  @Column({ type: 'varchar', length: 200 }) cursor: string;
  @Column({ type: 'integer', default: 0 }) recordsRead: number;
  @Column({ type: 'varchar', length: 300, nullable: true }) lastError: string | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
  /** The start of the last pull that read the feed to its end. */
  @Column({ type: 'timestamptz', nullable: true }) caughtUpAt: Date | null;
}

export const entities = [Child, AgencyRecord, FeedCursor];
