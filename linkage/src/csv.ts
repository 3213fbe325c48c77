/** Minimal robust CSV reading and column mapping for the linkage CLI and bench. */
import type { PersonRecord } from './record';

/** Parses CSV text (comma separated, optional double quotes with "" escapes, LF or CRLF). Unquoted
 *  values are trimmed (FEBRL files use ", " separators). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  let i = 0;
  const n = text.length;
  const endField = () => {
    row.push(wasQuoted ? field : field.trim());
    field = '';
    wasQuoted = false;
  };
  while (i < n) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field.trim() === '') {
      quoted = true;
      wasQuoted = true;
      field = '';
      i++;
    } else if (c === ',') {
      endField();
      i++;
    } else if (c === '\n' || c === '\r') {
      endField();
      if (!(row.length === 1 && row[0] === '')) rows.push(row);
      row = [];
      if (c === '\r' && text[i + 1] === '\n') i++;
      i++;
    } else {
      if (!(wasQuoted && (c === ' ' || c === '\t'))) field += c;
      i++;
    }
  }
  if (field !== '' || row.length) {
    endField();
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
  }
  return rows;
}

export interface ColumnMapping {
  recordId: string;
  givenName?: string | string[];
  middleName?: string;
  familyName?: string | string[];
  birthDate?: string;
  birthYear?: string;
  birthMonth?: string;
  birthDay?: string;
  /** e.g. "YYYYMMDD", "YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY" */
  birthDateFormat?: string;
  sex?: string;
  addressLine?: string | string[];
  city?: string | string[];
  postalCode?: string;
  sourceSystem?: string;
  /** The same as sourceSystem (the outside data's mapping files call it `source`). */
  source?: string;
  sealedAdoption?: string;
}

function pad(v: string, len: number): string {
  return v.padStart(len, '0');
}

/** Converts a date value in the given format to YYYY-MM-DD; null when empty or invalid. */
export function normaliseDate(value: string, format = 'YYYY-MM-DD'): string | null {
  const v = value.trim();
  if (!v) return null;
  const fmt = format.toUpperCase();
  let y = '';
  let m = '';
  let d = '';
  if (fmt === 'YYYYMMDD') {
    if (!/^\d{8}$/.test(v)) return null;
    [y, m, d] = [v.slice(0, 4), v.slice(4, 6), v.slice(6, 8)];
  } else {
    const parts = v.split(/[^0-9]+/).filter(Boolean);
    if (parts.length !== 3) return /^\d{8}$/.test(v) ? normaliseDate(v, 'YYYYMMDD') : null;
    const order = fmt.split(/[^YMD]+/).filter(Boolean);
    order.forEach((tok, i) => {
      if (tok.startsWith('Y')) y = parts[i];
      else if (tok.startsWith('M')) m = parts[i];
      else d = parts[i];
    });
  }
  if (!y || !m || !d || y.length !== 4) return null;
  return `${y}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** Maps CSV rows (first row = header) to PersonRecords. */
export function rowsToRecords(rows: string[][], map: ColumnMapping): PersonRecord[] {
  if (!rows.length) return [];
  const header = rows[0].map((h) => h.trim());
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`column "${name}" not found in header: ${header.join(', ')}`);
    return i;
  };
  const cols = (spec: string | string[] | undefined): number[] =>
    spec === undefined ? [] : (Array.isArray(spec) ? spec : [spec]).map(col);
  const idC = col(map.recordId);
  const gC = cols(map.givenName);
  const fC = cols(map.familyName);
  const aC = cols(map.addressLine);
  const cC = cols(map.city);
  const dC = map.birthDate ? col(map.birthDate) : -1;
  const yC = map.birthYear ? col(map.birthYear) : -1;
  const moC = map.birthMonth ? col(map.birthMonth) : -1;
  const dyC = map.birthDay ? col(map.birthDay) : -1;
  const sC = map.sex ? col(map.sex) : -1;
  const pC = map.postalCode ? col(map.postalCode) : -1;
  const srcName = map.sourceSystem ?? map.source;
  const srcC = srcName ? col(srcName) : -1;
  const midC = map.middleName ? col(map.middleName) : -1;
  const sealC = map.sealedAdoption ? col(map.sealedAdoption) : -1;
  const join = (r: string[], cs: number[]) =>
    cs
      .map((c) => (r[c] ?? '').trim())
      .filter(Boolean)
      .join(' ') || null;
  const out: PersonRecord[] = [];
  for (let k = 1; k < rows.length; k++) {
    const r = rows[k];
    const id = (r[idC] ?? '').trim();
    if (!id) continue;
    let birthDate: string | null = null;
    if (dC >= 0) birthDate = normaliseDate(r[dC] ?? '', map.birthDateFormat ?? 'YYYY-MM-DD');
    else if (yC >= 0 && moC >= 0 && dyC >= 0) {
      const y = (r[yC] ?? '').trim();
      const m = (r[moC] ?? '').trim();
      const d = (r[dyC] ?? '').trim();
      birthDate = y && m && d ? `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}` : null;
    }
    const val = (c: number) => (c >= 0 ? (r[c] ?? '').trim() || null : null);
    const sealed = val(sealC);
    out.push({
      id,
      givenName: join(r, gC),
      middleName: val(midC),
      familyName: join(r, fC),
      birthDate,
      sex: val(sC),
      addressLine: join(r, aC),
      city: join(r, cC),
      postalCode: val(pC),
      sourceSystem: val(srcC),
      sealedAdoption: sealed ? /^(1|true|yes|y|t)$/i.test(sealed) : false,
    });
  }
  return out;
}

/** Column mapping of the FEBRL files (benchmarks, tests); soc_sec_id is left out on purpose:
 *  children's records rarely carry one. */
export const FEBRL_MAPPING: ColumnMapping = {
  recordId: 'rec_id',
  givenName: 'given_name',
  familyName: 'surname',
  birthDate: 'date_of_birth',
  birthDateFormat: 'YYYYMMDD',
  addressLine: ['street_number', 'address_1'],
  city: 'suburb',
  postalCode: 'postcode',
};
