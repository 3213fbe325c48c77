import type { AgencyCode } from '../agencies';

/** What is true of a synthetic child, beyond demographics (drives each agency's records). */
export interface SyntheticFlags {
  /** Has substance-use treatment records (42 CFR Part 2) in behavioral health. */
  substanceUse: boolean;
  /** Is (in a household of) a domestic-violence survivor, in housing. */
  dvSurvivor: boolean;
  /** Has an open child welfare case today. */
  openChildWelfareCase: boolean;
  /** Receives special education (IEP or 504). */
  specialEducation: boolean;
  /** Child welfare record under a sealed adoption. */
  sealedAdoption: boolean;
}

/** One agency's (messy) person record of a synthetic child. */
export interface SyntheticPerson {
  /** The true child's id: the index's accuracy is measured against it. */
  truthId: string;
  agency: AgencyCode;
  sourceSystem: string;
  externalId: string;
  givenName: string | null;
  middleName: string | null;
  familyName: string | null;
  birthDate: string | null;
  sex: string | null;
  race: string | null;
  ethnicity: string | null;
  primaryLanguage: string | null;
  addressLine: string | null;
  city: string | null;
  postalCode: string | null;
  /** The child's true age in whole years today (records are dated to fit it). */
  ageYears: number;
  /** The child's true birth date (records are dated to fit it; the person record may be wrong). */
  trueBirthDate: string;
  /** Locality (one of the county's 22 localities): the record's, the city of the home it holds. */
  locality: string;
  flags: SyntheticFlags;
  /** The household the child lives in (generateCounty sets it; people made by hand may leave it
   *  out: the seeds do not need it). */
  householdId?: string;
  /** The day the agency last recorded the person (generateCounty sets it; never after its
   *  `today`): the address, city and postal code are the child's home on that day, an older
   *  one if the family has moved since. */
  recordedOn?: string;
}
