/**
 * A pair's weight taken apart for a person to read: each field's values, level and weight, the
 * adjustments (name frequency, one home counted once, a move counted once, the household cap),
 * the person's weight, and the rule that holds the pair back (`heldBy`) with the decision.
 */
import { compareInto } from './compare';
import {
  alikeSiblings,
  birthDatesDiffer,
  givenNamesDiffer,
  renamedAndMoved,
  reviewWorthy,
  twinPattern,
  type Guards,
} from './guards';
import { MIDDLE_ELSE } from './levelCodes';
import { weighParts, type Model } from './model';
import { F_MIDDLE, FIELD_NAMES, MISSING, NFIELDS, type FieldName, type PreparedRecord } from './record';

export interface FieldExplanation {
  field: FieldName;
  level: string;
  weight: number;
  a: string;
  b: string;
}

export interface Explanation {
  weight: number;
  fields: FieldExplanation[];
  tfAdjustment: { givenName: number; familyName: number };
  /** The home's cap (≤ 0), one home counted once (≤ 0) and a move counted once (≥ 0): see
   *  WeightParts. The field weights, these and the frequency adjustments add up to `weight`. */
  householdCap: number;
  residenceOnce: number;
  moveCountedOnce: number;
  /** The person's own fields (given name, middle initial, birth date, sex). */
  personWeight: number;
  /** The pair looks like twins (see twinPattern); with the guard on it is never auto-linked. */
  possibleTwins: boolean;
  /** The birth dates differ beyond a keying error; with the person guard on never auto-linked. */
  birthDatesDiffer: boolean;
  /** The given names disagree outright; with the person guard on never auto-linked. */
  givenNamesDiffer: boolean;
  /** Which guard holds the pair back from an automatic link: 'twins', 'birthDate', 'givenName',
   *  'middleName'. */
  heldBy: 'twins' | 'alikeSiblings' | 'birthDate' | 'givenName' | 'middleName' | 'renamedAndMoved' | null;
  decision: 'link' | 'review' | 'apart';
}

function display(p: PreparedRecord, f: FieldName): string {
  switch (f) {
    case 'givenName':
      return p.g;
    case 'middleName':
      return p.mid;
    case 'familyName':
      return p.f;
    case 'birthDate':
      return p.dob
        ? `${String(p.dob.y).padStart(4, '0')}-${String(p.dob.m).padStart(2, '0')}-${String(p.dob.d).padStart(2, '0')}`
        : '';
    case 'sex':
      return p.sex;
    case 'address':
      return p.addr;
    case 'postalCode':
      return p.pc;
    case 'city':
      return p.city;
  }
}

export function explainPrepared(
  a: PreparedRecord,
  b: PreparedRecord,
  model: Model,
  guards: Guards = { twinGuard: false, personGuard: false },
): Explanation {
  const levels = new Uint8Array(NFIELDS);
  compareInto(a, b, levels);
  const fields: FieldExplanation[] = FIELD_NAMES.map((name, f) => {
    const l = levels[f];
    return {
      field: name,
      level: l === MISSING ? 'missing' : model.fields[f].levels[l],
      weight: l === MISSING ? 0 : +model.weights[f][l].toFixed(3),
      a: display(a, name),
      b: display(b, name),
    };
  });
  const parts = weighParts(model, levels, 0, a, b);
  const possibleTwins = twinPattern(levels, 0, a, b);
  const differ = birthDatesDiffer(levels, 0);
  const givenDiffer = givenNamesDiffer(levels, 0, a, b);
  const heldBy =
    guards.twinGuard && possibleTwins
      ? 'twins'
      : guards.twinGuard && alikeSiblings(levels, 0)
        ? 'alikeSiblings'
        : !guards.personGuard
          ? null
          : differ
            ? 'birthDate'
            : givenDiffer
              ? 'givenName'
              : levels[F_MIDDLE] === MIDDLE_ELSE
                ? 'middleName'
                : renamedAndMoved(levels, 0)
                  ? 'renamedAndMoved'
                  : null;
  const held = heldBy !== null;
  return {
    weight: +parts.total.toFixed(3),
    fields,
    tfAdjustment: { givenName: +parts.tfGiven.toFixed(3), familyName: +parts.tfFamily.toFixed(3) },
    householdCap: +parts.capAdjustment.toFixed(3),
    residenceOnce: +parts.residenceOnce.toFixed(3),
    moveCountedOnce: +parts.moveAdjustment.toFixed(3),
    personWeight: +parts.person.toFixed(3),
    possibleTwins,
    birthDatesDiffer: differ,
    givenNamesDiffer: givenDiffer,
    heldBy,
    decision:
      parts.total >= model.upper && !held
        ? 'link'
        : reviewWorthy(parts.total, levels, 0, a, b, model, guards)
          ? 'review'
          : 'apart',
  };
}
