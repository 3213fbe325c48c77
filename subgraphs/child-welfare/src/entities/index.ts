import { Column, Entity } from 'typeorm';
import { AgencyRecordBase, PersonRecordBase } from '@wholechild/shared';

/** A child as child welfare knows them (CWS/CMS client record). */
@Entity({ name: 'person' })
export class ChildWelfarePerson extends PersonRecordBase {
  /** A sealed adoption: pre- and post-adoption identities must never be linked. */
  @Column({ type: 'boolean', default: false })
  sealedAdoption: boolean;
}

/** A report of suspected abuse or neglect (hotline referral). */
@Entity({ name: 'referral' })
export class Referral extends AgencyRecordBase {
  @Column({ type: 'uuid' }) personId: string;
  @Column({ type: 'date' }) receivedDate: string;
  @Column({ type: 'varchar', length: 40, nullable: true }) reporterType: string | null;
  @Column({ type: 'varchar', length: 20 }) screeningDecision: string;
  @Column({ type: 'varchar', length: 20, nullable: true }) responseTime: string | null;
  @Column({ type: 'varchar', length: 4000, nullable: true }) narrative: string | null;
}

/** One allegation of a referral, about one child. */
@Entity({ name: 'allegation' })
export class Allegation extends AgencyRecordBase {
  @Column({ type: 'uuid' }) referralId: string;
  @Column({ type: 'uuid' }) personId: string;
  @Column({ type: 'varchar', length: 40 }) allegationType: string;
  @Column({ type: 'varchar', length: 20 }) disposition: string;
  @Column({ type: 'varchar', length: 40, nullable: true }) perpetratorRelationship: string | null;
}

/** A child welfare case (one child's open service episode). */
@Entity({ name: 'cw_case' })
export class ChildWelfareCase extends AgencyRecordBase {
  @Column({ type: 'uuid' }) personId: string;
  @Column({ type: 'date' }) openedDate: string;
  @Column({ type: 'date', nullable: true }) closedDate: string | null;
  @Column({ type: 'varchar', length: 40 }) serviceComponent: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) assignedWorker: string | null;
  @Column({ type: 'varchar', length: 4000, nullable: true }) narrative: string | null;
}

/** Where a child in care lives, for how long. */
@Entity({ name: 'placement' })
export class Placement extends AgencyRecordBase {
  @Column({ type: 'uuid' }) personId: string;
  @Column({ type: 'uuid', nullable: true }) caseId: string | null;
  @Column({ type: 'varchar', length: 200 }) providerName: string;
  @Column({ type: 'varchar', length: 40 }) placementType: string;
  @Column({ type: 'date' }) startDate: string;
  @Column({ type: 'date', nullable: true }) endDate: string | null;
  @Column({ type: 'varchar', length: 60, nullable: true }) endReason: string | null;
}

/** A safety plan: threats identified and the actions that keep the child safe. */
@Entity({ name: 'safety_plan' })
export class SafetyPlan extends AgencyRecordBase {
  @Column({ type: 'uuid' }) personId: string;
  @Column({ type: 'uuid', nullable: true }) caseId: string | null;
  @Column({ type: 'date' }) createdDate: string;
  @Column({ type: 'date', nullable: true }) reviewDate: string | null;
  @Column({ type: 'varchar', length: 20 }) status: string;
  @Column({ type: 'varchar', length: 2000, nullable: true }) threats: string | null;
  @Column({ type: 'varchar', length: 2000, nullable: true }) actions: string | null;
}

/** The permanency goal of a case plan (and a concurrent goal). */
@Entity({ name: 'permanency_goal' })
export class PermanencyGoal extends AgencyRecordBase {
  @Column({ type: 'uuid' }) personId: string;
  @Column({ type: 'uuid', nullable: true }) caseId: string | null;
  @Column({ type: 'varchar', length: 40 }) goal: string;
  @Column({ type: 'varchar', length: 40, nullable: true }) concurrentGoal: string | null;
  @Column({ type: 'date' }) establishedDate: string;
  @Column({ type: 'date', nullable: true }) targetDate: string | null;
}

/** A Child and Family Team meeting (Integrated Core Practice Model). */
@Entity({ name: 'cft_meeting' })
export class CftMeeting extends AgencyRecordBase {
  @Column({ type: 'uuid' }) personId: string;
  @Column({ type: 'uuid', nullable: true }) caseId: string | null;
  @Column({ type: 'date' }) meetingDate: string;
  @Column({ type: 'varchar', length: 30 }) phase: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) facilitator: string | null;
  @Column({ type: 'varchar', length: 1000, nullable: true }) participants: string | null;
  @Column({ type: 'varchar', length: 4000, nullable: true }) summary: string | null;
}

export const entities = [
  ChildWelfarePerson,
  Referral,
  Allegation,
  ChildWelfareCase,
  Placement,
  SafetyPlan,
  PermanencyGoal,
  CftMeeting,
];
