/**
 * FEBRL datasets 1–3 (../shared/data/linkage/febrl; soc_sec_id ignored), scored pairwise against
 * their ground truth (rec-N-org / rec-N-dup-K are entity N): under the rules for adults (with
 * targets) and, for information, under the index's rules for children.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FEBRL_MAPPING, mulberry32, parseCsv, rowsToRecords, type PersonRecord } from '../src';
import { qualityLine, TARGET_F1, TARGET_PRECISION, type QualityLine } from './quality';

/** The data folder beside the repository (as the platform's benchmarks read it). */
export const FEBRL_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'data', 'linkage', 'febrl');
export const FEBRL_FILES = ['dataset1.csv', 'dataset2.csv', 'dataset3.csv'] as const;

export const entityOf = (id: string): string => {
  const m = /^rec-(\d+)/.exec(id);
  if (!m) throw new Error(`unexpected record id ${id}`);
  return m[1];
};

export function loadFebrl(file: string): PersonRecord[] {
  return rowsToRecords(parseCsv(readFileSync(path.join(FEBRL_DIR, file), 'utf8')), FEBRL_MAPPING);
}

/** The FEBRL quality lines: each file under the rules for adults (targets), then under the index's
 *  rules (informational). `add` receives each line as it is measured. */
export function febrlQuality(add: (l: QualityLine) => void): void {
  for (const file of FEBRL_FILES)
    add(
      qualityLine(`FEBRL ${file}`, loadFebrl(file), entityOf, 'adults', {
        precision: TARGET_PRECISION,
        f1: TARGET_F1,
      }),
    );
  for (const file of FEBRL_FILES) add(qualityLine(`FEBRL ${file}`, loadFebrl(file), entityOf, 'index', null));
  console.log(
    "FEBRL under the index's rules is informational: its generator replaces a duplicate's given name outright\n" +
      'and shifts birth dates by years, which among children is what another child (a twin, a sibling) looks like.',
  );
}

/** A per-copy letter substitution (a bijection on a–z): preserves Jaro–Winkler between any two
 *  strings, so typos inside an entity keep their similarity, while copies become new names. */
function cipherFor(k: number): (s: string | null) => string | null {
  if (k === 0) return (s) => s;
  const letters = 'abcdefghijklmnopqrstuvwxyz'.split('');
  const rnd = mulberry32(k * 31337);
  for (let i = letters.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [letters[i], letters[j]] = [letters[j], letters[i]];
  }
  return (s) => (s === null ? null : s.replace(/[a-z]/g, (c) => letters[c.charCodeAt(0) - 97]));
}

/** Copy k of dataset3 becomes a different population: names, streets and suburbs pass through a
 *  per-copy letter substitution, and each entity gets a consistent birth-year, postcode and
 *  street-number shift and a new entity number. Typos inside an entity stay. */
export function perturbedCopy(base: PersonRecord[], k: number): PersonRecord[] {
  const cipher = cipherFor(k);
  return base.map((r) => {
    const e = Number(entityOf(r.id));
    const rnd = mulberry32(e * 7919 + k * 104729);
    const yearShift = Math.floor(rnd() * 61) - 30 || 31;
    const pcShift = Math.floor(rnd() * 9000) + 1;
    const numShift = Math.floor(rnd() * 50) + 1;
    const birthDate = r.birthDate
      ? `${String(Number(r.birthDate.slice(0, 4)) + yearShift).padStart(4, '0')}${r.birthDate.slice(4)}`
      : null;
    const postalCode = r.postalCode
      ? String((Number(r.postalCode) + pcShift) % 10000).padStart(4, '0')
      : null;
    const addressLine = r.addressLine
      ? cipher(r.addressLine.replace(/^\d+/, (d) => String(Number(d) + numShift)))
      : null;
    return {
      ...r,
      id: r.id.replace(/^rec-(\d+)/, `rec-${k * 100000 + e}`),
      givenName: cipher(r.givenName),
      familyName: cipher(r.familyName),
      city: cipher(r.city),
      birthDate,
      postalCode,
      addressLine,
    };
  });
}
