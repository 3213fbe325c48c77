/**
 * The family rules beyond the weights: the twin pattern, alike siblings, the person guard (another
 * child by birth date, given name, middle initial, or renamed and moved), and which pairs reach
 * the review queue. They read a pair's comparison levels.
 */
import {
  ADDRESS_CLOSE,
  ADDRESS_ELSE,
  CITY_ELSE,
  DOB_ELSE,
  FAMILY_ELSE,
  FAMILY_PART,
  MIDDLE_ELSE,
  NAME_ELSE,
  NAME_INITIAL,
  NAME_JW88,
  NAME_PHONETIC,
} from './levelCodes';
import type { Model } from './model';
import {
  F_ADDRESS,
  F_CITY,
  F_DOB,
  F_FAMILY,
  F_GIVEN,
  F_MIDDLE,
  F_SEX,
  MISSING,
  type PreparedRecord,
} from './record';

/**
 * The twin pattern: birth dates that agree (up to a keying error) but given names that belong to
 * two different children — they disagree outright, or they are close but the sex or the middle
 * initial says otherwise (twins are often given alike names: Jayden and Jaylen). Fellegi–Sunter
 * would let the agreeing birth date, family name and home carry such a pair over the auto-link
 * threshold — yet among children about 3 in 100 are twins, and this is how twins look. With the
 * twin guard on, such a pair is never linked automatically (at most it goes to review), it vetoes any
 * merge that would put the two records in one child through a chain of other records, and a record
 * that matches both twins (say, one without a given name) is ambiguous and goes to review too.
 */
export function twinPattern(
  levels: Uint8Array,
  offset: number,
  a: PreparedRecord,
  b: PreparedRecord,
): boolean {
  const dl = levels[offset + F_DOB];
  if (dl === MISSING || dl === DOB_ELSE) return false;
  // twins share a family (its name, or at least a part of it) or a home: strangers who merely
  // share a birthday are not twins
  const fl = levels[offset + F_FAMILY];
  const al = levels[offset + F_ADDRESS];
  if (!(fl <= FAMILY_PART || (al !== MISSING && al <= ADDRESS_CLOSE))) return false;
  const gl = levels[offset + F_GIVEN];
  if (gl === MISSING || gl === 0 || gl === NAME_INITIAL) return false;
  // the same full middle name names one child, whatever the given names say
  if (levels[offset + F_MIDDLE] === 0) return false;
  // names that only sound alike (Jacob / Joseph, Jake / Josh) are two names, not a typo
  if (gl === NAME_ELSE || gl === NAME_PHONETIC) return a.g.length > 1 && b.g.length > 1;
  // alike (a typo, a nickname), not equal: one child — unless sex or middle initial tell two
  // children apart (Danny and Daniela, Jayden and Jaylen with other middle names)
  const sexDiffers = levels[offset + F_SEX] === 1;
  const middleDiffers = levels[offset + F_MIDDLE] === MIDDLE_ELSE;
  return sexDiffers || middleDiffers;
}

/** Alike siblings: one home (family name or address), given names alike but not equal (Kaylee /
 *  Kayla, Malik / Malia: a typo, or a brother and sister named alike) and no birth date on one side
 *  to tell which. With the twin guard on, never linked automatically; always offered for review. */
export function alikeSiblings(levels: Uint8Array, offset: number): boolean {
  if (levels[offset + F_DOB] !== MISSING) return false;
  const gl = levels[offset + F_GIVEN];
  if (gl !== NAME_JW88 && gl !== NAME_PHONETIC) return false;
  const fl = levels[offset + F_FAMILY];
  const al = levels[offset + F_ADDRESS];
  return fl <= FAMILY_PART || (al !== MISSING && al <= ADDRESS_CLOSE);
}

/** The birth dates differ by more than a keying error (see compareDates): for children, two
 *  different children — with the birth-date guard on, never linked automatically. */
export function birthDatesDiffer(levels: Uint8Array, offset: number): boolean {
  return levels[offset + F_DOB] === DOB_ELSE;
}

/** The person guard: the birth dates differ beyond a keying error, the given names disagree
 *  outright (not a typo, nickname, short form, sound-alike or initial), or the middle names start
 *  with different letters. Among children either
 *  says "another child" — a brother or sister shares everything else — so with the guard on such
 *  a pair is never linked automatically; it goes to review only when everything else would have
 *  linked it (`reviewWorthy`). */
export function personsDiffer(
  levels: Uint8Array,
  offset: number,
  a: PreparedRecord,
  b: PreparedRecord,
): boolean {
  return (
    birthDatesDiffer(levels, offset) ||
    givenNamesDiffer(levels, offset, a, b) ||
    levels[offset + F_MIDDLE] === MIDDLE_ELSE ||
    renamedAndMoved(levels, offset)
  );
}

/** Both the family name and the home differ (the address; without one, the town), and neither an
 *  exact birth date nor a middle name says it is still the same child: a new name and a new home
 *  happen (adoption, a new guardian), but then only an exact birth date or a middle name can still
 *  vouch for the child automatically — otherwise it is someone else of that given name. */
export function renamedAndMoved(levels: Uint8Array, offset: number): boolean {
  if (levels[offset + F_FAMILY] !== FAMILY_ELSE) return false;
  const al = levels[offset + F_ADDRESS];
  const moved = al !== MISSING ? al === ADDRESS_ELSE : levels[offset + F_CITY] === CITY_ELSE;
  if (!moved) return false;
  const ml = levels[offset + F_MIDDLE];
  return levels[offset + F_DOB] !== 0 && !(ml === 0 || ml === 1);
}

/** Given names, both more than an initial, that disagree outright. */
export function givenNamesDiffer(
  levels: Uint8Array,
  offset: number,
  a: PreparedRecord,
  b: PreparedRecord,
): boolean {
  return levels[offset + F_GIVEN] === NAME_ELSE && a.g.length > 1 && b.g.length > 1;
}

/** A pair goes to the review queue when its weight reaches the lower threshold — but a pair the
 *  person guard holds apart (another child by birth date or given name) only when everything
 *  else would have linked it: a steward's queue is not for brothers and sisters. Possible twins
 *  always go (at or above the lower threshold). */
export function reviewWorthy(
  weight: number,
  levels: Uint8Array,
  offset: number,
  a: PreparedRecord,
  b: PreparedRecord,
  model: Pick<Model, 'upper' | 'lower'>,
  g: Guards,
): boolean {
  if (weight < model.lower) return false;
  if (g.twinGuard && (twinPattern(levels, offset, a, b) || alikeSiblings(levels, offset))) return true;
  return !(g.personGuard && personsDiffer(levels, offset, a, b) && weight < model.upper);
}

/** The two records' given names disagree outright (level 'else'). */
export function givenNamesDisagree(levels: Uint8Array, offset: number): boolean {
  return levels[offset + F_GIVEN] === NAME_ELSE;
}

/** The guards a linkage applies beyond the weights (see LinkOptions). */
export interface Guards {
  twinGuard: boolean;
  personGuard: boolean;
}

/** Whether the guards hold a compared pair back from an automatic link. */
export function heldApart(
  levels: Uint8Array,
  offset: number,
  a: PreparedRecord,
  b: PreparedRecord,
  g: Guards,
) {
  return (
    (g.personGuard && personsDiffer(levels, offset, a, b)) ||
    (g.twinGuard && (twinPattern(levels, offset, a, b) || alikeSiblings(levels, offset)))
  );
}
