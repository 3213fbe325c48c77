import type { EntityManager } from 'typeorm';
import { blockingKeys } from '../matching/blocking';
import {
  INDEX_LINK_OPTIONS,
  fitModel,
  loadModel,
  storeModel,
  trainModel,
  type StoredModel,
} from '../matching/linker';
import { prepare, type Model, type PersonRecord, type WeightOverrides } from '../matching/model';

/** Columns of an agency record the matcher reads. */
export const MATCH_COLUMNS = `agency, record_id, given_name, family_name, birth_date::text AS birth_date, sex,
  address_line, city, postal_code, sealed_adoption, child_id, status`;

export interface MatchRow {
  agency: string;
  record_id: string;
  given_name: string | null;
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

export interface MatchConfig {
  upper?: number;
  lower?: number;
  weights?: WeightOverrides;
  /** Below this many records the prior weights are used and nothing is trained (default 1000). */
  minRecordsToTrain?: number;
}

/** Reads MATCH_UPPER, MATCH_LOWER and MATCH_WEIGHTS (JSON, e.g. {"familyName":{"exact":9}}). */
export function matchConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MatchConfig {
  const num = (k: string) => {
    const v = env[k];
    if (v === undefined || v === '') return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`${k} must be a number`);
    return n;
  };
  const weights = env.MATCH_WEIGHTS ? (JSON.parse(env.MATCH_WEIGHTS) as WeightOverrides) : undefined;
  return { upper: num('MATCH_UPPER'), lower: num('MATCH_LOWER'), weights };
}

/**
 * The match model of the running index: trained with EM on the index's own records (no labels)
 * once there are enough of them, stored in `match_model`, and kept in memory. Until then, and for
 * a handful of records, the prior weights stand in.
 */
export class ModelStore {
  private model: Model | undefined;
  private trainedAt = '';
  private checkedAt = 0;
  private prior: Model | undefined;

  constructor(private readonly config: MatchConfig = {}) {}

  async get(em: EntityManager): Promise<{ model: Model; trained: boolean }> {
    // another process (`npm run link -- --all`) may have trained a new model: look every 30 s
    if (this.model && Date.now() - this.checkedAt < 30_000) return { model: this.model, trained: true };
    this.checkedAt = Date.now();
    if (this.model) {
      const [t]: Array<{ at: string }> = await em.query(
        'SELECT trained_at::text AS at FROM match_model WHERE id = 1',
      );
      if (!t || t.at === this.trainedAt) return { model: this.model, trained: true };
    }
    const [row]: Array<{ model: StoredModel; at: string }> = await em.query(
      'SELECT model, trained_at::text AS at FROM match_model WHERE id = 1',
    );
    if (row) {
      this.trainedAt = row.at;
      const names: Array<{ given_name: string | null; family_name: string | null }> = await em.query(
        'SELECT given_name, family_name FROM agency_record',
      );
      this.model = loadModel(
        row.model,
        names.map((n) => ({ givenName: n.given_name, familyName: n.family_name })),
        this.config,
      );
      return { model: this.model, trained: true };
    }
    const [{ n }]: Array<{ n: number }> = await em.query('SELECT count(*)::int AS n FROM agency_record');
    if (n >= (this.config.minRecordsToTrain ?? 1000)) return { model: await this.train(em), trained: true };
    this.prior ??= trainModel([], new Uint8Array(0), 0, {
      upper: this.config.upper,
      lower: this.config.lower,
      weights: this.config.weights,
    }).model;
    return { model: this.prior, trained: false };
  }

  /** Trains on every stored record (EM over the blocked candidate pairs) and stores the model.
   *  The records are read in key order: u is estimated from record pairs drawn by position, and a
   *  table's physical order changes with its updates (and vacuum), not with its contents. */
  async train(em: EntityManager): Promise<Model> {
    const rows: MatchRow[] = await em.query(
      `SELECT ${MATCH_COLUMNS} FROM agency_record ORDER BY agency, record_id`,
    );
    const res = fitModel(rows.map(personOfRow), {
      ...INDEX_LINK_OPTIONS,
      upper: this.config.upper,
      lower: this.config.lower,
      weights: this.config.weights,
    });
    const [t]: Array<{ at: string }> = await em.query(
      `WITH s AS (INSERT INTO match_model (id, model, records, candidate_pairs, trained_at) VALUES (1, $1, $2, $3, clock_timestamp())
       ON CONFLICT (id) DO UPDATE SET model = EXCLUDED.model, records = EXCLUDED.records,
         candidate_pairs = EXCLUDED.candidate_pairs, trained_at = EXCLUDED.trained_at
       RETURNING trained_at::text AS at) SELECT at FROM s`,
      [JSON.stringify(storeModel(res.model)), rows.length, res.candidatePairs],
    );
    this.model = res.model;
    this.trainedAt = t!.at;
    this.checkedAt = Date.now();
    return res.model;
  }

  /** Forget the cached model (e.g. after a transaction that trained it rolled back). */
  reset(): void {
    this.model = undefined;
    this.trainedAt = '';
  }
}
