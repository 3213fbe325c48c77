import { fieldError, type FieldError } from '../errors';

/**
 * The rules on a row's parents (the records it names by external id), applied by both write paths:
 * upsertRecords row by row, bulkIngest over a whole file in SQL, each deciding through these
 * functions so the two say the same thing of the same row (conformance/test/writePaths.test.ts).
 *
 * - A parent is looked up by `(sourceSystem, external id)` in the row's own source system; an
 *   empty external id names no parent (REQUIRED when the parent is).
 * - A parent that is not there is UNKNOWN_REFERENCE on its input field, one error per parent.
 * - An external id no record can have (one holding NUL, which validateRow refuses in every text
 *   column and PostgreSQL text cannot carry) names an unknown parent: validateRow reports it with
 *   the row's other field errors, and it is never looked up.
 * - Every parent that is, or is about, a child must be about the same child (access is decided per
 *   child, so a placement may not hang off another child's case): see anotherChildErrors.
 */

/** Whether no record can have this external id (see above): such a parent is unknown. */
export const namesNoRecord = (externalId: string): boolean => externalId.includes('\u0000');

/** The error of a parent that is not there. */
export function unknownParentError(
  parent: { input: string; name: string },
  externalId: string,
  sourceSystem: unknown,
): FieldError {
  return fieldError(
    parent.input,
    'UNKNOWN_REFERENCE',
    `no ${parent.name} with externalId ${JSON.stringify(externalId)} in source system ${JSON.stringify(sourceSystem)}`,
  );
}

/** A found parent of a row that is a child's person record (`isPerson`), or a record about a child
 *  (`personId`: the child's person record). */
export interface ChildRef {
  input: string;
  personId: string;
  isPerson: boolean;
}

/** Rule: the row's child is the one its person reference (`personExternalId`) names, or, without
 *  one found, the one its first child-level parent is about (in the kind's order of parents); each
 *  other parent about another child is UNKNOWN_REFERENCE on its own field. So a condition naming
 *  another youth's term is refused on `termExternalId`, whichever parent the kind lists first. */
export function anotherChildErrors(refs: ChildRef[]): FieldError[] {
  const anchor = refs.find((r) => r.isPerson) ?? refs[0];
  if (!anchor) return [];
  return refs
    .filter((r) => r !== anchor && r.personId !== anchor.personId)
    .map((r) =>
      fieldError(
        r.input,
        'UNKNOWN_REFERENCE',
        `${r.input} refers to a record of another person than ${anchor.input}`,
      ),
    );
}
