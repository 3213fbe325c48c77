import { fieldError, type FieldError } from '@wholechild/shared';
import type { DataSource } from 'typeorm';
import {
  AGE_BANDS,
  ageBandOf,
  RACE_ETHNICITY_GROUPS,
  raceEthnicityOf,
  SEXES,
  type Dimension,
} from './dimensions';

/** One cell of the reference population. */
export interface PopulationRow {
  locality: string;
  ageBand: string;
  sex: string;
  raceEthnicity: string;
  count: number;
}

export const POPULATION_COLUMNS = ['locality', 'age_band', 'sex', 'race_ethnicity', 'count'] as const;

/** A row's problems, each a typed field error (`line N: column`). */
export function checkPopulationRow(r: Record<string, string>, line: number): FieldError[] {
  const errors: FieldError[] = [];
  const at = (c: string) => `line ${line}: ${c}`;
  if (!/^[0-9A-Za-z-]{1,10}$/.test(r.locality ?? ''))
    errors.push(fieldError(at('locality'), 'INVALID_FORMAT', 'a postal code of 1 to 10 letters or digits'));
  const oneOf = (col: string, list: readonly string[]) => {
    if (!list.includes(r[col] ?? ''))
      errors.push(fieldError(at(col), 'INVALID_ENUM', `one of ${list.join(', ')}`));
  };
  oneOf(
    'age_band',
    AGE_BANDS.filter((b) => b !== 'UNKNOWN'),
  );
  oneOf(
    'sex',
    SEXES.filter((s) => s !== 'UNKNOWN'),
  );
  oneOf(
    'race_ethnicity',
    RACE_ETHNICITY_GROUPS.filter((g) => g !== 'UNKNOWN'),
  );
  if (!/^\d{1,9}$/.test(r.count ?? ''))
    errors.push(fieldError(at('count'), 'INVALID_FORMAT', 'a whole number of children, 0 or more'));
  return errors;
}

/** Parses the reference population's CSV (header `locality,age_band,sex,race_ethnicity,count`):
 *  every row checked; any problem and nothing is returned but the problems. */
export function parsePopulationCsv(text: string): { rows: PopulationRow[]; errors: FieldError[] } {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const missing = POPULATION_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length)
    return {
      rows: [],
      errors: [fieldError('header', 'REQUIRED', `the header must name ${missing.join(', ')}`)],
    };
  const rows: PopulationRow[] = [];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  lines.slice(1).forEach((line, i) => {
    const cells = line.split(',').map((c) => c.trim());
    const r = Object.fromEntries(header.map((h, j) => [h, cells[j] ?? '']));
    r.sex = (r.sex ?? '').toUpperCase();
    r.race_ethnicity = (r.race_ethnicity ?? '').toUpperCase();
    const problems = checkPopulationRow(r, i + 2);
    const key = `${r.locality}|${r.age_band}|${r.sex}|${r.race_ethnicity}`;
    if (!problems.length && seen.has(key))
      problems.push(fieldError(`line ${i + 2}`, 'INVALID_FORMAT', 'the same cell twice'));
    seen.add(key);
    errors.push(...problems);
    rows.push({
      locality: r.locality!,
      ageBand: r.age_band!,
      sex: r.sex,
      raceEthnicity: r.race_ethnicity,
      count: Number(r.count),
    });
  });
  return errors.length ? { rows: [], errors } : { rows, errors };
}

/** Replaces the reference population in one transaction (all or nothing). */
export async function replacePopulation(
  ds: DataSource,
  rows: PopulationRow[],
  source: string,
): Promise<void> {
  await ds.transaction(async (m) => {
    await m.query('DELETE FROM reference_population');
    for (let i = 0; i < rows.length; i += 2000) {
      const part = rows.slice(i, i + 2000);
      await m.query(
        `INSERT INTO reference_population (locality, age_band, sex, race_ethnicity, count, source)
         SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::int[]), (SELECT $6::varchar) s`,
        [
          part.map((r) => r.locality),
          part.map((r) => r.ageBand),
          part.map((r) => r.sex),
          part.map((r) => r.raceEthnicity),
          part.map((r) => r.count),
          source.slice(0, 200),
        ],
      );
    }
  });
}

/** The reference population as loaded (empty when none is). */
export async function readPopulation(
  ds: DataSource,
): Promise<{ rows: PopulationRow[]; source: string | null }> {
  const raw: Array<Record<string, unknown>> = await ds.query(
    'SELECT locality, age_band, sex, race_ethnicity, count, source FROM reference_population',
  );
  return {
    rows: raw.map((r) => ({
      locality: r.locality as string,
      ageBand: r.age_band as string,
      sex: r.sex as string,
      raceEthnicity: r.race_ethnicity as string,
      count: Number(r.count),
    })),
    source: (raw[0]?.source as string | undefined) ?? null,
  };
}

const POPULATION_FIELD: Partial<Record<Dimension, keyof PopulationRow>> = {
  LOCALITY: 'locality',
  AGE_BAND: 'ageBand',
  SEX: 'sex',
  RACE_ETHNICITY: 'raceEthnicity',
};

/** The population of a cell (null values: every value of that dimension), or null when the
 *  dimensions are not all population dimensions, a value is UNKNOWN (or an OTHER locality), or
 *  none is loaded. */
export function populationOf(
  rows: readonly PopulationRow[],
  dims: readonly Dimension[],
  values: ReadonlyArray<string | null>,
): number | null {
  if (!rows.length) return null;
  const fields = dims.map((d) => POPULATION_FIELD[d]);
  if (fields.some((f) => !f)) return null;
  // unknown values have no population; neither has OTHER as a locality (outside the county's)
  if (values.some((v, i) => v === 'UNKNOWN' || (v === 'OTHER' && dims[i] === 'LOCALITY'))) return null;
  let n = 0;
  for (const r of rows) if (fields.every((f, i) => values[i] === null || r[f!] === values[i])) n += r.count;
  return n;
}

/** The reference population of a synthetic county: its own children (every one of whom some
 *  system knows, so its rates run higher than a real county's), by where they live today and
 *  their age today. */
export function syntheticPopulation(
  children: ReadonlyArray<{
    birthDate: string;
    sex: string;
    race: string;
    ethnicity: string;
    postalCode: string;
  }>,
  today: string,
): PopulationRow[] {
  const cells = new Map<string, PopulationRow>();
  const day = Date.parse(`${today}T00:00:00Z`) / 86_400_000;
  for (const c of children) {
    const row = {
      locality: c.postalCode.slice(0, 5),
      ageBand: ageBandOf(Date.parse(`${c.birthDate}T00:00:00Z`) / 86_400_000, day),
      sex: c.sex,
      raceEthnicity: raceEthnicityOf(c.race, c.ethnicity),
    };
    if (row.raceEthnicity === 'UNKNOWN') row.raceEthnicity = 'OTHER';
    const key = `${row.locality}|${row.ageBand}|${row.sex}|${row.raceEthnicity}`;
    const cell = cells.get(key) ?? { ...row, count: 0 };
    cell.count++;
    cells.set(key, cell);
  }
  return [...cells.values()];
}
