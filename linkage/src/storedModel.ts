/**
 * A trained model kept as JSON (the child index stores it in PostgreSQL) and loaded again, with
 * the term-frequency tables counted anew from the records' names.
 */
import { computeWeights, homeCapOf, type Model, type TrainingInfo, type WeightOverrides } from './model';
import { FIELD_LEVELS, FIELD_NAMES, prepare } from './record';
import { DEFAULT_PERSON_MIN, nameFrequencies } from './training';

/** A model as stored (JSON): everything but the term-frequency tables, which are counted from the
 *  records when the model is loaded. */
export interface StoredModel {
  fields: Array<{ name: string; m: number[]; u: number[] }>;
  lambda: number;
  upper: number;
  lower: number;
  overrides: WeightOverrides;
  tfCap: number;
  /** null: uncapped (absent in models stored before the household cap: they are re-trained). */
  household?: number | null;
  personMin?: number;
  training?: TrainingInfo;
}

export function storeModel(model: Model): StoredModel {
  return {
    fields: model.fields.map((f) => ({ name: f.name, m: f.m, u: f.u })),
    lambda: model.lambda,
    upper: model.upper,
    lower: model.lower,
    overrides: model.overrides,
    tfCap: model.tfCap,
    household: model.household,
    personMin: model.personMin,
    training: model.training,
  };
}

/** Whether a stored model has the fields and levels of today's comparisons (a model stored by an
 *  earlier version is not: it is trained again). */
export function storedModelCurrent(stored: StoredModel): boolean {
  return (
    stored.household !== undefined &&
    stored.training !== undefined &&
    FIELD_NAMES.every((name) => {
      const f = stored.fields.find((x) => x.name === name);
      return !!f && f.m.length === FIELD_LEVELS[name].length && f.u.length === FIELD_LEVELS[name].length;
    })
  );
}

/** Rebuilds a model from its stored form, the records' names (for term frequencies) and optional
 *  configured thresholds and weight overrides. */
export function loadModel(
  stored: StoredModel,
  names: Array<{ givenName: string | null; familyName: string | null }>,
  config: { upper?: number; lower?: number; weights?: WeightOverrides } = {},
): Model {
  if (!storedModelCurrent(stored)) throw new Error('stored model is of an earlier version');
  const fields = FIELD_NAMES.map((name) => {
    const f = stored.fields.find((x) => x.name === name)!;
    return { name, levels: FIELD_LEVELS[name], m: f.m, u: f.u };
  });
  const overrides = { ...stored.overrides, ...(config.weights ?? {}) };
  const prepared = names.map((n, i) =>
    prepare(
      { id: String(i), ...n, birthDate: null, sex: null, addressLine: null, city: null, postalCode: null },
      i,
    ),
  );
  const upper = config.upper ?? stored.upper;
  const household = stored.household ?? null;
  const personMin = stored.personMin ?? DEFAULT_PERSON_MIN;
  return {
    fields,
    lambda: stored.lambda,
    upper,
    lower: config.lower ?? stored.lower,
    overrides,
    weights: computeWeights(fields, overrides),
    tf: nameFrequencies(prepared),
    tfCap: stored.tfCap,
    household,
    personMin,
    homeCap: homeCapOf(household, upper, personMin),
    training: stored.training!,
  };
}
