import { Column, Entity } from 'typeorm';
import { AgencyRecordBase, PersonRecordBase } from '@wholechild/shared';

/** A youth as the juvenile probation department's case management system records them. */
@Entity({ name: 'youth' })
export class ProbationYouth extends PersonRecordBase {}

/** A deputy probation officer (directory data: not about a child). */
@Entity({ name: 'officer' })
export class ProbationOfficer extends AgencyRecordBase {
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 20 }) badgeNumber: string;
  @Column({ type: 'varchar', length: 30 }) unit: string;
  @Column({ type: 'varchar', length: 30, nullable: true }) phone: string | null;
  @Column({ type: 'varchar', length: 254, nullable: true }) email: string | null;
}

/** A referral to probation intake (WIC 652–654): an alleged offense and intake's decision. */
@Entity({ name: 'referral' })
export class ProbationReferral extends AgencyRecordBase {
  @Column({ type: 'uuid' }) personId: string;
  @Column({ type: 'date' }) referralDate: string;
  @Column({ type: 'varchar', length: 30 }) referringAgency: string;
  @Column({ type: 'varchar', length: 40 }) offenseCode: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) offenseDescription: string | null;
  @Column({ type: 'varchar', length: 20 }) offenseLevel: string;
  @Column({ type: 'varchar', length: 30 }) intakeDecision: string;
}

/** A petition filed in juvenile court (WIC 602 or 601), or a WIC 777 notice of a probation violation. */
@Entity({ name: 'petition' })
export class ProbationPetition extends AgencyRecordBase {
  @Column({ type: 'uuid' }) personId: string;
  @Column({ type: 'uuid', nullable: true }) referralId: string | null;
  @Column({ type: 'date' }) filedDate: string;
  @Column({ type: 'varchar', length: 20 }) petitionType: string;
  @Column({ type: 'varchar', length: 200 }) court: string;
  @Column({ type: 'varchar', length: 20 }) status: string;
}

/** The juvenile court's disposition (sentence) on a petition. */
@Entity({ name: 'disposition' })
export class ProbationDisposition extends AgencyRecordBase {
  @Column({ type: 'uuid' }) personId: string;
  @Column({ type: 'uuid', nullable: true }) petitionId: string | null;
  @Column({ type: 'date' }) dispositionDate: string;
  @Column({ type: 'varchar', length: 40 }) dispositionType: string;
  /** A WIC 241.1 dual-status youth: both a dependent of child welfare and a ward of probation. */
  @Column({ type: 'boolean', default: false }) dualStatus: boolean;
  @Column({ type: 'varchar', length: 4000, nullable: true }) notes: string | null;
}

/** A term of probation supervision (formal, informal or non-ward) and its assigned officer. */
@Entity({ name: 'supervision_term' })
export class ProbationSupervisionTerm extends AgencyRecordBase {
  @Column({ type: 'uuid' }) personId: string;
  @Column({ type: 'uuid', nullable: true }) dispositionId: string | null;
  @Column({ type: 'uuid', nullable: true }) officerId: string | null;
  @Column({ type: 'date' }) startDate: string;
  @Column({ type: 'date', nullable: true }) endDate: string | null;
  @Column({ type: 'varchar', length: 20 }) supervisionLevel: string;
  @Column({ type: 'varchar', length: 20 }) status: string;
}

/** One condition of a supervision term (school attendance, curfew, search terms, …). */
@Entity({ name: 'supervision_condition' })
export class ProbationCondition extends AgencyRecordBase {
  @Column({ type: 'uuid' }) termId: string;
  @Column({ type: 'uuid' }) personId: string;
  @Column({ type: 'varchar', length: 30 }) conditionType: string;
  @Column({ type: 'varchar', length: 1000, nullable: true }) description: string | null;
  @Column({ type: 'varchar', length: 20 }) status: string;
}

export const entities = [
  ProbationYouth,
  ProbationOfficer,
  ProbationReferral,
  ProbationPetition,
  ProbationDisposition,
  ProbationSupervisionTerm,
  ProbationCondition,
];
