import { Column, Entity } from 'typeorm';
import { AgencyRecordBase, PersonRecordBase } from '@wholechild/shared';

/** A household as the HMIS records it (HMIS 3.14 household id, 5.09). Directory-like: it carries
 *  no names and no link to a child by itself; its members are the clients pointing at it. */
@Entity({ name: 'household' })
export class HousingHousehold extends AgencyRecordBase {
  @Column({ type: 'varchar', length: 30 }) householdType: string;
  @Column({ type: 'int' }) size: number;
  @Column({ type: 'varchar', length: 100, nullable: true }) city: string | null;
}

/** A child as the continuum of care's HMIS knows them (client record). */
@Entity({ name: 'client' })
export class HousingClient extends PersonRecordBase {
  @Column({ type: 'uuid', nullable: true }) householdId: string | null;

  /** HMIS 3.15 relationship to the head of household. */
  @Column({ type: 'varchar', length: 30, nullable: true, name: 'relationship_to_hoh' })
  relationshipToHoH: string | null;

  /** HMIS 4.11 domestic violence survivor. VAWA confidentiality: the consent work will make this
   *  flag (and anything derived from it) never leave housing, whoever asks. */
  @Column({ type: 'boolean', default: false })
  dvSurvivor: boolean;
}

/** A project of the continuum of care (HMIS 2.02): a shelter, a rapid rehousing program, … */
@Entity({ name: 'project' })
export class HousingProject extends AgencyRecordBase {
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 40 }) projectType: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) operator: string | null;
  /** Run by a victim service provider (VAWA: such providers keep client data out of HMIS). */
  @Column({ type: 'boolean', default: false }) victimServiceProvider: boolean;
}

/** A client's stay in a project, entry to exit (HMIS 3.10, 3.11, 3.917, 3.12). */
@Entity({ name: 'enrollment' })
export class HousingEnrollment extends AgencyRecordBase {
  @Column({ type: 'uuid' }) personId: string;
  @Column({ type: 'uuid' }) projectId: string;
  @Column({ type: 'uuid', nullable: true }) householdId: string | null;
  @Column({ type: 'date' }) entryDate: string;
  @Column({ type: 'date', nullable: true }) exitDate: string | null;
  @Column({ type: 'varchar', length: 30, nullable: true }) livingSituationAtEntry: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) destination: string | null;
}

/** An episode of homelessness (or of imminent risk), with the HMIS 3.917 history questions. */
@Entity({ name: 'homelessness_episode' })
export class HousingHomelessnessEpisode extends AgencyRecordBase {
  @Column({ type: 'uuid' }) personId: string;
  @Column({ type: 'date' }) startDate: string;
  @Column({ type: 'date', nullable: true }) endDate: string | null;
  @Column({ type: 'varchar', length: 20 }) episodeType: string;
  @Column({ type: 'boolean', default: false }) chronic: boolean;
  @Column({ type: 'int', nullable: true }) timesHomelessPastThreeYears: number | null;
  @Column({ type: 'int', nullable: true }) monthsHomelessPastThreeYears: number | null;
}

export const entities = [
  HousingHousehold,
  HousingClient,
  HousingProject,
  HousingEnrollment,
  HousingHomelessnessEpisode,
];
