/**
 * Fellegi–Sunter comparison model: per-field graded agreement levels, m/u probabilities per level,
 * match weight = Σ log2(m/u) (+ term-frequency adjustment for exact name agreement). Missing
 * values contribute weight 0.
 *
 * Children live in families, so the fields fall in two groups:
 * - the person: given name, middle initial, birth date, sex — what tells one child of a home from
 *   another;
 * - the home: family name, address, postcode, city — what brothers and sisters share.
 * Fellegi–Sunter multiplies the fields' evidence as if they were independent; among children they
 * are not (a sibling agrees on all four home fields at once). So the home's positive evidence
 * counts at most `homeCap` (what "the same household" is worth, learnt from random pairs, and never
 * more than the auto-link threshold less `personMin`): the rest must come from the person. And a
 * move changes address, postcode and city together: their disagreements count once (the largest).
 */
import {
  F_FAMILY,
  F_GIVEN,
  MISSING,
  PERSON_FIELDS,
  RESIDENCE_FIELDS,
  type FieldName,
  type PreparedRecord,
} from './record';

export interface FieldParams {
  name: FieldName;
  levels: readonly string[];
  m: number[];
  u: number[];
}

/** Optional overrides: a fixed weight (log2 units) for a field level, e.g. {familyName: {exact: 9}}. */
export type WeightOverrides = Partial<Record<FieldName, Record<string, number>>>;

/** How a model came to be: learnt from the records (EM), or the prior tables. */
export interface TrainingInfo {
  source: 'learnt' | 'prior';
  /** Records the model was trained on. */
  records: number;
  /** Record pairs EM was fitted on, over all sessions. */
  pairs: number;
  /** One EM session per blocking rule: m of the fields outside the rule is fitted on its pairs. */
  sessions: Array<{
    rule: string;
    pairs: number;
    lambda: number;
    iterations: number;
    used: boolean;
    fields: FieldName[];
  }>;
  /** Random record pairs u was counted on. */
  randomPairs: number;
  /** Why the priors stand in (when source is 'prior'). */
  note?: string;
}

export interface Model {
  fields: FieldParams[];
  /** Estimated proportion of matches among candidate pairs. */
  lambda: number;
  /** Auto-link at or above. */
  upper: number;
  /** Apart below; between lower and upper → review. */
  lower: number;
  overrides: WeightOverrides;
  /** weights[f][level] = log2(m/u) (or the override). */
  weights: number[][];
  /** Relative value frequencies for the term-frequency adjustment of exact name agreement. */
  tf: {
    givenName: Map<string, number>;
    familyName: Map<string, number>;
    total: { givenName: number; familyName: number };
  };
  /** Maximum absolute TF adjustment (log2 units). */
  tfCap: number;
  /** What agreeing on the whole home (family name and address) is worth: log2 of how much more
   *  often two records of one child share it than two records of different children drawn at
   *  random (who share it when they are brothers and sisters). Null: not capped (adults). */
  household: number | null;
  /** The least evidence the person's own fields must give for an automatic link: the home counts
   *  at most `upper - personMin`. */
  personMin: number;
  /** The cap in force: min(household, upper - personMin), or Infinity. */
  homeCap: number;
  training: TrainingInfo;
}

/** The home's cap in force for a model's thresholds. */
export function homeCapOf(household: number | null, upper: number, personMin: number): number {
  return household === null ? Infinity : Math.max(0, Math.min(household, upper - personMin));
}

export function computeWeights(fields: FieldParams[], overrides: WeightOverrides): number[][] {
  return fields.map((f) =>
    f.levels.map((lvl, i) => {
      const o = overrides[f.name]?.[lvl];
      if (o !== undefined) return o;
      const m = Math.max(f.m[i], 1e-6);
      const u = Math.max(f.u[i], 1e-6);
      // A plain disagreement never speaks for a match, whatever EM estimates: when nearly all
      // non-matching pairs agree partly (postcodes of one county share their first digits), u of
      // "else" is tiny and log2(m/u) would come out positive.
      return lvl === 'else' ? Math.min(0, Math.log2(m / u)) : Math.log2(m / u);
    }),
  );
}

/** Term-frequency adjustment for an exact agreement on a name value: log2(u_exact / p_value). */
function tfAdjust(model: Model, field: 'givenName' | 'familyName', value: string): number {
  if (model.overrides[field]?.exact !== undefined) return 0;
  const count = model.tf[field].get(value) ?? 1;
  const total = Math.max(1, model.tf.total[field]);
  const p = Math.max(count, 1) / total;
  const fi = field === 'givenName' ? F_GIVEN : F_FAMILY;
  const uExact = Math.max(model.fields[fi].u[0], 1e-6);
  const adj = Math.log2(uExact / p);
  return Math.max(-model.tfCap, Math.min(model.tfCap, adj));
}

/** A pair's weight, taken apart. */
export interface WeightParts {
  total: number;
  /** Given name, middle initial, birth date, sex (with the given name's frequency adjustment). */
  person: number;
  /** What the home's agreements add up to before the cap (family name with its frequency
   *  adjustment, address, postcode, city). */
  homeFor: number;
  /** What the cap took off (≤ 0). */
  capAdjustment: number;
  /** The home's disagreements: the family name's, and the largest of address, postcode and city. */
  homeAgainst: number;
  /** What counting a move once gave back (≥ 0): the smaller residence disagreements. */
  moveAdjustment: number;
  /** What counting one home once took off (≤ 0): the smaller residence agreements (children). */
  residenceOnce: number;
  tfGiven: number;
  tfFamily: number;
}

/** The weight of a compared pair (levels at out[offset..offset+NFIELDS)), taken apart. */
export function weighParts(
  model: Model,
  levels: Uint8Array,
  offset: number,
  a: PreparedRecord,
  b: PreparedRecord,
): WeightParts {
  const w = model.weights;
  let person = 0;
  for (const f of PERSON_FIELDS) {
    const l = levels[offset + f];
    if (l !== MISSING) person += w[f][l];
  }
  // exact agreement (possibly in swapped orientation, where a.f === b.g): adjust by the value's rarity
  const tfGiven = levels[offset + F_GIVEN] === 0 ? tfAdjust(model, 'givenName', a.g === b.g ? a.g : a.f) : 0;
  const tfFamily =
    levels[offset + F_FAMILY] === 0 ? tfAdjust(model, 'familyName', a.f === b.f ? a.f : a.g) : 0;
  person += tfGiven;
  let homeFor = 0;
  let homeAgainst = 0;
  const lf = levels[offset + F_FAMILY];
  if (lf !== MISSING) {
    const x = w[F_FAMILY][lf] + tfFamily;
    if (x >= 0) homeFor += x;
    else homeAgainst += x;
  } else if (tfFamily) homeFor += tfFamily;
  // Address, postcode and city say one thing, where the child lives: a move changes them
  // together, so their disagreements count once (the largest). For children (the household
  // model), their agreements count once too (the strongest): the same street, zip and town are
  // one home, not three pieces of evidence.
  let worst = 0;
  let against = 0;
  let best = 0;
  let sumFor = 0;
  for (const f of RESIDENCE_FIELDS) {
    const l = levels[offset + f];
    if (l === MISSING) continue;
    const x = w[f][l];
    if (x >= 0) {
      sumFor += x;
      best = Math.max(best, x);
    } else {
      against += x;
      worst = Math.min(worst, x);
    }
  }
  homeFor += model.household === null ? sumFor : best;
  homeAgainst += worst;
  const capped = Math.min(homeFor, model.homeCap);
  return {
    total: person + capped + homeAgainst,
    person,
    homeFor,
    capAdjustment: capped - homeFor,
    homeAgainst,
    moveAdjustment: worst - against,
    residenceOnce: model.household === null ? 0 : best - sumFor,
    tfGiven,
    tfFamily,
  };
}

/** Total match weight of a compared pair (levels at out[offset..offset+NFIELDS)). */
export function pairWeight(
  model: Model,
  levels: Uint8Array,
  offset: number,
  a: PreparedRecord,
  b: PreparedRecord,
): number {
  return weighParts(model, levels, offset, a, b).total;
}
