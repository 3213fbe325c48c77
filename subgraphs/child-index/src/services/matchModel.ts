import type { EntityManager } from 'typeorm';
import {
  blockingKeys,
  fitModel,
  INDEX_LINK_OPTIONS,
  loadModel,
  prepare,
  storedModelCurrent,
  storeModel,
  thresholdsFromEnv,
  trainModel,
  type LinkThresholds,
  type Model,
  type PersonRecord,
  type StoredModel,
} from '@wholechild/linkage';

/** Columns of an agency record the matcher reads. */
export const MATCH_COLUMNS = `agency, record_id, given_name, middle_name, family_name, birth_date::text AS birth_date, sex,
  address_line, city, postal_code, sealed_adoption, child_id, status`;

export interface MatchRow {
  agency: string;
  record_id: string;
  given_name: string | null;
  middle_name: string | null;
  family_name: string | null;
  birth_date: string | null;
  sex: string | null;
  address_line: string | null;
  city: string | null;
  postal_code: string | null;
  sealed_adoption: boolean;
  child_id: string | null;
  status: string;
}

export const recordKey = (agency: string, recordId: string) => `${agency}:${recordId}`;

/** The fields the matcher reads, as a feed record or the index's entity carries them. */
export interface MatchFields {
  agency: string;
  recordId: string;
  givenName: string | null;
  middleName: string | null;
  familyName: string | null;
  birthDate: string | null;
  sex: string | null;
  addressLine: string | null;
  city: string | null;
  postalCode: string | null;
  sealedAdoption: boolean;
}

/** The matcher's view of a record. Its source is the agency (the twin guard and the agencies'
 *  own declarations, not the source, keep distinct children apart). */
export function personOf(r: MatchFields): PersonRecord {
  return {
    id: recordKey(r.agency, r.recordId),
    givenName: r.givenName,
    middleName: r.middleName,
    familyName: r.familyName,
    birthDate: r.birthDate,
    sex: r.sex,
    addressLine: r.addressLine,
    city: r.city,
    postalCode: r.postalCode,
    sourceSystem: r.agency,
    sealedAdoption: r.sealedAdoption,
  };
}

/** The matcher's fields of a row read with MATCH_COLUMNS. */
export function matchFieldsOfRow(r: MatchRow): MatchFields {
  return {
    agency: r.agency,
    recordId: r.record_id,
    givenName: r.given_name,
    middleName: r.middle_name,
    familyName: r.family_name,
    birthDate: r.birth_date,
    sex: r.sex,
    addressLine: r.address_line,
    city: r.city,
    postalCode: r.postal_code,
    sealedAdoption: r.sealed_adoption,
  };
}

/** The matcher's view of a row read with MATCH_COLUMNS. */
export const personOfRow = (r: MatchRow): PersonRecord => personOf(matchFieldsOfRow(r));

export function blockKeysOf(p: PersonRecord): string[] {
  return blockingKeys(prepare(p, 0));
}

/** The index's linkage thresholds and weight overrides, and when it trains. */
export interface MatchConfig extends LinkThresholds {
  /** The index first trains when it holds this many records (default 1000)… */
  minRecordsToTrain?: number;
  /** …from at least this many agencies (default 2): one agency's records hold few pairs of one
   *  child's records, which is what m is learnt from. */
  minAgenciesToTrain?: number;
  /** It trains again when the records have grown by this factor since (default 1.5), or when an
   *  agency joins. */
  retrainGrowth?: number;
}

/** Reads MATCH_UPPER, MATCH_LOWER and MATCH_WEIGHTS, as `link:csv` does (the linkage package's). */
export const matchConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): MatchConfig =>
  thresholdsFromEnv(env);

/** What the running index knows of its model's training, for `matchModel`. */
export interface ModelState {
  model: Model;
  /** The weights were learnt from the index's own records (not the priors). */
  trained: boolean;
  /** When the stored model was trained (null: never, the priors in memory). */
  trainedAt: string | null;
  /** Records and agencies it was trained on. */
  records: number;
  agencies: number;
  /** The index trains (again) when it holds this many records (or an agency joins). */
  nextTrainingAtRecords: number;
}

interface StoredState {
  model: StoredModel & { agencies?: number };
  at: string;
  records: number;
}

/**
 * The match model of the running index, trained with EM on the index's own records (no labels)
 * and stored in `match_model`. Training is honest about itself: until the index holds enough
 * records from enough agencies (MatchConfig), the priors stand in and `matchModel` says so; a
 * training that finds too few pairs of one child's records to learn from keeps the priors where
 * it could not learn and says that too (`training.source` 'prior'). The index trains again as it
 * grows — when its records have grown by half since the last training, or an agency joins — and
 * `npm run link -- --all` always trains anew.
 */
export class ModelStore {
  private state: ModelState | undefined;
  private trainedAt = '';
  private checkedAt = 0;
  private prior: Model | undefined;

  constructor(private readonly config: MatchConfig = {}) {}

  private prepareOptions() {
    return {
      ...INDEX_LINK_OPTIONS,
      upper: this.config.upper,
      lower: this.config.lower,
      weights: this.config.weights,
    };
  }

  private nextAt(records: number): number {
    return Math.max(
      this.config.minRecordsToTrain ?? 1000,
      Math.ceil(records * (this.config.retrainGrowth ?? 1.5)),
    );
  }

  private async counts(em: EntityManager): Promise<{ records: number; agencies: number }> {
    const [c]: Array<{ n: number; a: number }> = await em.query(
      'SELECT count(*)::int AS n, count(DISTINCT agency)::int AS a FROM agency_record',
    );
    return { records: c!.n, agencies: c!.a };
  }

  private async read(em: EntityManager): Promise<StoredState | undefined> {
    const [row]: StoredState[] = await em.query(
      'SELECT model, trained_at::text AS at, records FROM match_model WHERE id = 1',
    );
    return row && storedModelCurrent(row.model) ? row : undefined;
  }

  /** The model in force (training first when the index has grown enough: see the class). */
  async get(em: EntityManager): Promise<{ model: Model; trained: boolean }> {
    const s = await this.current(em);
    return { model: s.model, trained: s.trained };
  }

  /** The model in force and what is known of its training. */
  async current(em: EntityManager): Promise<ModelState> {
    // another process (`npm run link -- --all`) may have trained a new model, and the index grows:
    // look every 30 s
    if (this.state && Date.now() - this.checkedAt < 30_000) return this.state;
    this.checkedAt = Date.now();
    const stored = await this.read(em);
    const { records, agencies } = await this.counts(em);
    const due =
      records >= (this.config.minRecordsToTrain ?? 1000) &&
      agencies >= (this.config.minAgenciesToTrain ?? 2) &&
      (!stored || records >= this.nextAt(stored.records) || agencies > (stored.model.agencies ?? 0));
    if (due) {
      await this.train(em);
      return this.state!;
    }
    if (stored) {
      if (!this.state || stored.at !== this.trainedAt) {
        const names: Array<{ given_name: string | null; family_name: string | null }> = await em.query(
          'SELECT given_name, family_name FROM agency_record',
        );
        const model = loadModel(
          stored.model,
          names.map((n) => ({ givenName: n.given_name, familyName: n.family_name })),
          this.config,
        );
        this.trainedAt = stored.at;
        this.state = {
          model,
          trained: model.training.source === 'learnt',
          trainedAt: stored.at,
          records: stored.records,
          agencies: stored.model.agencies ?? 0,
          nextTrainingAtRecords: this.nextAt(stored.records),
        };
      } else this.state.nextTrainingAtRecords = this.nextAt(stored.records);
      return this.state;
    }
    this.prior ??= trainModel([], new Uint8Array(0), 0, {
      ...this.prepareOptions(),
      upper: this.config.upper ?? 14,
      lower: this.config.lower ?? 2,
    }).model;
    // not cached: the first training must not wait 30 s
    this.checkedAt = 0;
    return {
      model: this.prior,
      trained: false,
      trainedAt: null,
      records,
      agencies,
      nextTrainingAtRecords: this.config.minRecordsToTrain ?? 1000,
    };
  }

  /** Trains on every stored record and stores the model. The records are read in key order: u is
   *  estimated from record pairs drawn by position, and a table's physical order changes with its
   *  updates (and vacuum), not with its contents. */
  async train(em: EntityManager): Promise<Model> {
    const rows: MatchRow[] = await em.query(
      `SELECT ${MATCH_COLUMNS} FROM agency_record ORDER BY agency, record_id`,
    );
    const agencies = new Set(rows.map((r) => r.agency)).size;
    const res = fitModel(rows.map(personOfRow), this.prepareOptions());
    const [t]: Array<{ at: string }> = await em.query(
      `WITH s AS (INSERT INTO match_model (id, model, records, candidate_pairs, trained_at) VALUES (1, $1, $2, $3, clock_timestamp())
       ON CONFLICT (id) DO UPDATE SET model = EXCLUDED.model, records = EXCLUDED.records,
         candidate_pairs = EXCLUDED.candidate_pairs, trained_at = EXCLUDED.trained_at
       RETURNING trained_at::text AS at) SELECT at FROM s`,
      [JSON.stringify({ ...storeModel(res.model), agencies }), rows.length, res.candidatePairs],
    );
    this.trainedAt = t!.at;
    this.checkedAt = Date.now();
    this.state = {
      model: res.model,
      trained: res.model.training.source === 'learnt',
      trainedAt: t!.at,
      records: rows.length,
      agencies,
      nextTrainingAtRecords: this.nextAt(rows.length),
    };
    return res.model;
  }

  /** Forget the cached model (e.g. after a transaction that trained it rolled back). */
  reset(): void {
    this.state = undefined;
    this.trainedAt = '';
    this.checkedAt = 0;
  }
}
