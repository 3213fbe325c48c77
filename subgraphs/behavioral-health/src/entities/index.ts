import { Column, Entity } from 'typeorm';
import { AgencyRecordBase, PersonRecordBase } from '@wholechild/shared';

/** A child as county behavioral health knows them (the EHR's client record). */
@Entity({ name: 'client' })
export class BehavioralHealthClient extends PersonRecordBase {
  /** Kept by triggers: the client's only records are 42 CFR Part 2 records (existence protected). */
  @Column({ type: 'boolean', insert: false, update: false, default: false }) part2Protected: boolean;
}

/** A treatment provider: a county clinic, a contracted organization, an FQHC or an individual
 *  practitioner. Directory data, not about a child. */
@Entity({ name: 'provider' })
export class BehavioralHealthProvider extends AgencyRecordBase {
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 40 }) providerType: string;
  /** National Provider Identifier: 10 digits, the last a Luhn check digit. */
  @Column({ type: 'varchar', length: 10 }) npi: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) addressLine: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) city: string | null;
}

/** An episode of care: one client's enrollment in one program, from admission to discharge. */
@Entity({ name: 'episode' })
export class BehavioralHealthEpisode extends AgencyRecordBase {
  @Column({ type: 'uuid' }) personId: string;
  @Column({ type: 'uuid', nullable: true }) providerId: string | null;
  @Column({ type: 'varchar', length: 40 }) program: string;
  @Column({ type: 'varchar', length: 30, nullable: true }) levelOfCare: string | null;
  @Column({ type: 'date' }) startDate: string;
  @Column({ type: 'date', nullable: true }) endDate: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) dischargeReason: string | null;
  /** The episode is in a substance use disorder program covered by 42 CFR Part 2. */
  @Column({ type: 'boolean' }) isSubstanceUse: boolean;
}

/** A standardized assessment (CANS, PSC-35, ASAM criteria) of one client. */
@Entity({ name: 'assessment' })
export class BehavioralHealthAssessment extends AgencyRecordBase {
  @Column({ type: 'uuid' }) personId: string;
  @Column({ type: 'uuid', nullable: true }) episodeId: string | null;
  @Column({ type: 'varchar', length: 20 }) instrument: string;
  @Column({ type: 'date' }) assessmentDate: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) assessor: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) reason: string | null;
}

/** One rated item of an assessment (a CANS item scored 0–3). */
@Entity({ name: 'assessment_item' })
export class BehavioralHealthAssessmentItem extends AgencyRecordBase {
  @Column({ type: 'uuid' }) assessmentId: string;
  @Column({ type: 'uuid' }) personId: string;
  @Column({ type: 'varchar', length: 40 }) domain: string;
  @Column({ type: 'varchar', length: 60 }) item: string;
  @Column({ type: 'int' }) score: number;
}

/** A diagnosis (ICD-10-CM) recorded for one client. */
@Entity({ name: 'diagnosis' })
export class BehavioralHealthDiagnosis extends AgencyRecordBase {
  @Column({ type: 'uuid' }) personId: string;
  @Column({ type: 'uuid', nullable: true }) episodeId: string | null;
  @Column({ type: 'varchar', length: 8 }) code: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) description: string | null;
  @Column({ type: 'date' }) diagnosedDate: string;
  @Column({ type: 'boolean', default: false }) isPrimary: boolean;
  /** A substance use disorder diagnosis (42 CFR Part 2), stored as the source system sent it. */
  @Column({ type: 'boolean' }) substanceUse: boolean;
}

export const entities = [
  BehavioralHealthClient,
  BehavioralHealthProvider,
  BehavioralHealthEpisode,
  BehavioralHealthAssessment,
  BehavioralHealthAssessmentItem,
  BehavioralHealthDiagnosis,
];
