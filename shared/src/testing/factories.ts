import { randomUUID } from 'node:crypto';
import type { AgencyCode } from '../agencies';
import type { ConsentInput } from '../access/consents';
import type { PersonFeedRecord } from '../graphql/feed';
import type { PlatformConfig } from '../config';
import type { SyntheticFlags, SyntheticPerson } from '../synthetic/types';
import { today } from '../validation';
import { tokenFor } from './tokens';

/**
 * Factories for test data: each makes a valid row with every field the test does not care about
 * filled in, so a test writes only what matters to it (`newPerson({ birthDate: '2199-01-01' })`).
 * The defaults are plain and fixed (never random) so a failure reads the same on every run;
 * external ids a test does not name are numbered per process, so two calls never collide on the
 * upsert key (sourceSystem, externalId).
 */

/** The source system of rows a test does not place in one. */
export const TEST_SOURCE_SYSTEM = 'TEST';

let counter = 0;
/** A fresh external id (`P-1`, `CASE-2`, …), unique in this test process. */
export const nextExternalId = (prefix: string) => `${prefix}-${++counter}`;

/** The demographic fields of every agency's person upsert input (`…ClientInput`, `…YouthInput`,
 *  `…StudentInput`, `ChildWelfarePersonInput`), with the agency's own fields beside them. */
export interface PersonInput {
  sourceSystem: string;
  externalId: string;
  givenName?: string | null;
  middleName?: string | null;
  familyName?: string | null;
  birthDate?: string | null;
  sex?: string | null;
  [field: string]: unknown;
}

/** A person record as an agency's upsert takes it: a girl born 2012-03-04, Ana Lopez. */
export function newPerson(over: Partial<PersonInput> = {}): PersonInput {
  return {
    sourceSystem: TEST_SOURCE_SYSTEM,
    externalId: nextExternalId('P'),
    givenName: 'Ana',
    familyName: 'Lopez',
    birthDate: '2012-03-04',
    sex: 'F',
    ...over,
  };
}

/** Whole years from `birth` to `on` (both YYYY-MM-DD). */
export const ageOn = (birth: string, on: string) =>
  Number(on.slice(0, 4)) - Number(birth.slice(0, 4)) - (on.slice(5) < birth.slice(5) ? 1 : 0);

/** A person as the synthetic county makes them, for an agency's seed: the record shows the true
 *  birth date unless `birthDate` says otherwise (a messy record); the age follows the true birth
 *  date; the locality is the record's city; no flag is set unless named. */
export function newSyntheticPerson(
  over: Partial<Omit<SyntheticPerson, 'flags'>> & {
    agency: AgencyCode;
    flags?: Partial<SyntheticFlags>;
  },
): SyntheticPerson {
  const externalId = over.externalId ?? nextExternalId('S');
  const trueBirthDate = over.trueBirthDate ?? over.birthDate ?? '2012-03-04';
  const city = over.city === undefined ? 'Centerville' : over.city;
  return {
    truthId: `truth-${externalId}`,
    sourceSystem: TEST_SOURCE_SYSTEM,
    givenName: 'Ana',
    middleName: null,
    familyName: 'Lopez',
    birthDate: trueBirthDate,
    sex: 'F',
    race: 'UNKNOWN',
    ethnicity: 'UNKNOWN',
    primaryLanguage: 'English',
    addressLine: '1 Test Way',
    postalCode: '95000',
    ageYears: ageOn(trueBirthDate, today()),
    locality: city ?? 'Centerville',
    ...over,
    externalId,
    trueBirthDate,
    city,
    flags: {
      substanceUse: false,
      dvSurvivor: false,
      openChildWelfareCase: false,
      specialEducation: false,
      sealedAdoption: false,
      ...over.flags,
    },
  };
}

/** A person feed record of `agency` (Ana Lopez again), with a fresh record id and no address. */
export function newFeedRecord(agency: string, over: Partial<PersonFeedRecord> = {}): PersonFeedRecord {
  return {
    agency,
    recordId: randomUUID(),
    sourceSystem: TEST_SOURCE_SYSTEM,
    externalId: nextExternalId('F'),
    givenName: 'Ana',
    middleName: null,
    familyName: 'Lopez',
    birthDate: '2012-03-04',
    sex: 'F',
    race: null,
    ethnicity: null,
    primaryLanguage: null,
    addressLine: null,
    city: null,
    postalCode: null,
    sealedAdoption: false,
    changeSeq: 1,
    ...over,
  };
}

/** A child welfare case of a person record, as `ChildWelfareCaseInput` takes it: family
 *  maintenance, opened 2024-01-10, still open. */
export function newCase(
  over: Partial<Record<string, unknown>> & { personExternalId: string },
): Record<string, unknown> {
  return {
    sourceSystem: TEST_SOURCE_SYSTEM,
    externalId: nextExternalId('CASE'),
    openedDate: '2024-01-10',
    serviceComponent: 'FAMILY_MAINTENANCE',
    ...over,
  };
}

/** A consent as `record…Consent` takes it: a parent's, from 2025-01-01 until revoked, for care
 *  coordination by child welfare, over the holder's IDENTITY category. Name the categories, the
 *  grantor and the recipients a test is about. */
export function newConsent(over: Partial<ConsentInput> & { personExternalId: string }): ConsentInput {
  return {
    sourceSystem: TEST_SOURCE_SYSTEM,
    grantorType: 'PARENT_GUARDIAN',
    grantorName: 'Test Guardian',
    categories: ['IDENTITY'],
    recipientAgencies: ['CHILD_WELFARE'],
    purposes: ['CARE_COORDINATION'],
    periodStart: '2025-01-01',
    sourceDocumentRef: 'DOC-TEST',
    ...over,
  };
}

/** A link of a child to an agency record, as the index puts it in a representation. */
export interface LinkInput {
  agency: string;
  recordId: string;
  status: string;
}

/** A `Child` representation as the gateway sends it to an agency's `_entities` (seal it with
 *  `sealRepresentations` before sending). */
export function newChild(recordLinks: LinkInput[], id = 'c1') {
  return { __typename: 'Child' as const, id, recordLinks };
}

/** The token of `agency`'s integration account: the one that writes the agency's records. Any
 *  other token: `tokenFor`. */
export function newIntegrationToken(agency: AgencyCode, config?: PlatformConfig): string {
  return tokenFor(agency, { roles: ['INTEGRATION'] }, config);
}
