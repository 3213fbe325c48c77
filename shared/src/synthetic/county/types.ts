/** What the synthetic county is made of: true children, their households and homes. */
import type { AgencyCode } from '../../agencies';
import type { SyntheticFlags, SyntheticPerson } from '../types';

/** The day the synthetic county is generated for: records are dated up to it, never after, so
 *  validation (which refuses future dates) accepts them on any clock. */
export const SYNTHETIC_TODAY = new Date().toISOString().slice(0, 10);

/** How a child is related to the household it lives in. */
export type HouseholdRole =
  /** The mother's child (full or half sibling of the household's other `CHILD`ren). */
  | 'CHILD'
  /** The mother's partner's child from before (a step-sibling of the `CHILD`ren). */
  | 'STEPCHILD'
  /** A niece or nephew living with the family (a cousin of the `CHILD`ren). */
  | 'COUSIN';

/** A true child of the synthetic county. */
export interface TrueChild {
  truthId: string;
  givenName: string;
  nicknames: readonly string[];
  middleName: string | null;
  familyName: string;
  birthDate: string;
  sex: 'F' | 'M';
  race: string;
  ethnicity: string;
  primaryLanguage: string;
  /** Where the child lives today (its household's current home). */
  addressLine: string;
  city: string;
  postalCode: string;
  agencies: AgencyCode[];
  flags: SyntheticFlags;
  /** The household the child lives in (`County.households`). */
  householdId: string;
  /** The children of one mother in the household: born at least 300 days apart, except twins. */
  siblingGroupId: string;
  householdRole: HouseholdRole;
  /** Shared by twins (and triplets): same birth date, sibling group and home. Null otherwise. */
  multipleBirthId: string | null;
}

/** A home of a household, lived in from `since` until the next one's `since`. */
export interface HomeAddress {
  addressLine: string;
  city: string;
  postalCode: string;
  /** The day the household moved in; the first home's is its oldest child's birth date. */
  since: string;
}

/** What kind of family a household is. */
export type HouseholdKind =
  /** A mother's children, all with one family name. */
  | 'FAMILY'
  /** A mother's children and her partner's: the older ones carry her family name, the couple's own
   *  children carry his or both hyphenated ("Garcia-Lopez" with a sibling "Garcia"), and his children
   *  from before carry his. */
  | 'BLENDED'
  /** A family and one or more cousins living with it (the same family name or another). */
  | 'WITH_COUSINS';

/** A household of the synthetic county: children who live together (1 to 6 of them). */
export interface Household {
  householdId: string;
  kind: HouseholdKind;
  /** The mother's children's family name (before any hyphenated or partner's name). */
  familyName: string;
  /** Every family name its children carry. */
  familyNames: string[];
  /** Its homes, oldest first; the last is where it lives today. Agencies that knew its children at
   *  different times hold different ones. */
  addresses: HomeAddress[];
  /** Its children's truthIds (sibling group by sibling group, oldest first). */
  childIds: string[];
}

export interface County {
  children: TrueChild[];
  /** Each agency's (messy) person records of the children it knows. */
  records: Record<AgencyCode, SyntheticPerson[]>;
  /** The households the children live in (every child is in exactly one). */
  households: Household[];
}
