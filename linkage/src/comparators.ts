/** String and date comparators used by the Fellegi–Sunter model. All hand-written, no deps. */

/** Jaro similarity in [0, 1]. */
export function jaro(a: string, b: string): number {
  if (a === b) return a.length ? 1 : 0;
  const la = a.length;
  const lb = b.length;
  if (!la || !lb) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const aMatch = new Uint8Array(la);
  const bMatch = new Uint8Array(lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    const c = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (!bMatch[j] && b.charCodeAt(j) === c) {
        aMatch[i] = 1;
        bMatch[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (!matches) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (!aMatch[i]) continue;
    while (!bMatch[k]) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) t++;
    k++;
  }
  const m = matches;
  return (m / la + m / lb + (m - t / 2) / m) / 3;
}

/** Jaro–Winkler similarity (prefix scale 0.1, prefix up to 4 characters). */
export function jaroWinkler(a: string, b: string, prefixScale = 0.1): number {
  const j = jaro(a, b);
  let l = 0;
  const max = Math.min(4, a.length, b.length);
  while (l < max && a.charCodeAt(l) === b.charCodeAt(l)) l++;
  return j + l * prefixScale * (1 - j);
}

const SOUNDEX_CODES: Record<string, string> = {
  b: '1',
  f: '1',
  p: '1',
  v: '1',
  c: '2',
  g: '2',
  j: '2',
  k: '2',
  q: '2',
  s: '2',
  x: '2',
  z: '2',
  d: '3',
  t: '3',
  l: '4',
  m: '5',
  n: '5',
  r: '6',
};

/**
 * American Soundex (the census variant): first letter kept, then digit codes; letters with the same
 * code separated only by H or W are coded once; vowels separate. Input is lower-cased letters only
 * (non-letters are dropped). Returns '' for an empty name. "Robert" → R163, "Ashcraft" → A261.
 */
export function soundex(name: string): string {
  const s = name.toLowerCase().replace(/[^a-z]/g, '');
  if (!s) return '';
  let out = s[0].toUpperCase();
  let last = SOUNDEX_CODES[s[0]] ?? '';
  for (let i = 1; i < s.length && out.length < 4; i++) {
    const ch = s[i];
    const code = SOUNDEX_CODES[ch];
    if (code) {
      if (code !== last) out += code;
      last = code;
    } else if (ch !== 'h' && ch !== 'w') {
      last = ''; // a vowel (or y) separates equal codes
    }
  }
  return out.padEnd(4, '0');
}

/** Damerau-style check: equal length and exactly one position differs, or one adjacent swap. */
export function oneEditSameLength(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const diffs: number[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      diffs.push(i);
      if (diffs.length > 2) return false;
    }
  }
  if (diffs.length === 1) return true;
  const [i, j] = diffs;
  return j === i + 1 && a[i] === b[j] && a[j] === b[i];
}

export interface YMD {
  y: number;
  m: number;
  d: number;
}

/** Parses YYYY-MM-DD (or YYYYMMDD); null when absent or unparseable. */
export function parseDate(s: string | null | undefined): YMD | null {
  if (!s) return null;
  const t = s.trim();
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(t);
  if (!m) return null;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  if (!y) return null;
  return { y, m: mo, d };
}

function dayNumber(d: YMD): number | null {
  if (d.m < 1 || d.m > 12 || d.d < 1 || d.d > 31) return null;
  return Date.UTC(d.y, d.m - 1, d.d) / 86_400_000;
}

/** Birth-date agreement levels, strongest first. */
export const DATE_LEVELS = ['exact', 'transposed', 'close', 'typo', 'else'] as const;
export type DateLevel = (typeof DATE_LEVELS)[number] | 'missing';

/**
 * Compares two birth dates:
 * - exact: same date;
 * - transposed: same year, day and month swapped (03/04 vs 04/03);
 * - close: within 3 days (a date entered a day off; twins born either side of midnight);
 * - typo: same year, and the month or the day differs but not both (one part mis-keyed);
 * - else: anything more — a different year, or month and day both different and not swapped.
 *   Between children that is not a keying error but another child (a brother or sister);
 * - missing: either side absent (weight 0).
 */
export function compareDates(a: YMD | null, b: YMD | null): DateLevel {
  if (!a || !b) return 'missing';
  if (a.y === b.y && a.m === b.m && a.d === b.d) return 'exact';
  if (a.y === b.y && a.m === b.d && a.d === b.m) return 'transposed';
  const da = dayNumber(a);
  const db = dayNumber(b);
  if (da !== null && db !== null && Math.abs(da - db) <= 3) return 'close';
  if (a.y === b.y && (a.m === b.m || a.d === b.d)) return 'typo';
  return 'else';
}

/** Days between two dates (null when either is not a calendar date). */
export function daysApart(a: YMD, b: YMD): number | null {
  const da = dayNumber(a);
  const db = dayNumber(b);
  return da === null || db === null ? null : Math.abs(da - db);
}

export function ymdString(d: YMD): string {
  return `${String(d.y).padStart(4, '0')}${String(d.m).padStart(2, '0')}${String(d.d).padStart(2, '0')}`;
}
