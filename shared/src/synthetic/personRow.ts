import type { SyntheticPerson } from './types';

/** The fields of a person record every agency keeps (PersonRecordBase's inputs). */
export const PERSON_ROW_FIELDS = [
  'sourceSystem',
  'externalId',
  'givenName',
  'middleName',
  'familyName',
  'birthDate',
  'sex',
  'race',
  'ethnicity',
  'primaryLanguage',
  'addressLine',
  'city',
  'postalCode',
] as const;

/** An agency's person row for a synthetic person: the demographics exactly as generated (messy
 *  ones included: the child index must link them as they come), plus the agency's own fields. */
export function personRow(p: SyntheticPerson, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const field of PERSON_ROW_FIELDS) row[field] = p[field];
  return { ...row, ...extra };
}
