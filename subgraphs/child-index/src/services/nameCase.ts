/**
 * How the index presents a golden record's names. Clerks type names as their system lets them:
 * `JAMAL` in one agency, `jamal` in another, `Jamal` in a third; the child's golden record shows
 * one spelling, in one case. The rule, for given, middle and family names:
 *
 * - Spellings that differ only in letter case are one name: they vote together for the golden
 *   value.
 * - A spelling in mixed case (`McDonald`, `DeShawn`, `de la Cruz`) was typed with care: the most
 *   frequent such spelling is shown as typed.
 * - Otherwise (every record in capitals or in small letters) each part of the name gets a capital
 *   first letter and small letters after it; parts are separated by spaces, hyphens, apostrophes
 *   and full stops: `JAMAL` → `Jamal`, `o'brien` → `O'Brien`, `MARY-KATE` → `Mary-Kate`,
 *   `st. john` → `St. John`. No prefix is guessed: `MCDONALD` → `Mcdonald` (`Mc`, `Mac`, `van`
 *   and `de` each have exceptions), which a record typed `McDonald` corrects.
 *
 * Only what the index shows changes: the agencies' records, and the index's copy of each
 * (`agency_record`, which matching reads), keep what the clerk typed.
 */

const SEPARATORS = /([\s\-'’.]+)/u;

/** True when the text has both capital and small letters: its case carries the clerk's intent. */
function isMixedCase(v: string): boolean {
  return v !== v.toUpperCase() && v !== v.toLowerCase();
}

/** A name in one consistent case (see the rule above); mixed case is kept as typed. */
export function presentName(v: string): string {
  if (isMixedCase(v)) return v;
  return v
    .split(SEPARATORS)
    .map((part, i) => {
      if (i % 2 === 1) return part; // a separator
      const [first = '', ...rest] = part;
      return first.toUpperCase() + rest.join('').toLowerCase();
    })
    .join('');
}

/** The golden value of a name field: the name most records agree on, letter case aside (ties:
 *  the first in code-point order of its small-letter form), presented by presentName; null when
 *  no record has one. */
export function goldenName(values: ReadonlyArray<string | null>): string | null {
  const groups = new Map<string, string[]>();
  for (const v of values) {
    if (v === null || v === '') continue;
    const key = v.toLowerCase();
    const group = groups.get(key);
    if (group) group.push(v);
    else groups.set(key, [v]);
  }
  let best: string[] | undefined;
  let bestKey = '';
  for (const [key, group] of groups)
    if (!best || group.length > best.length || (group.length === best.length && key < bestKey))
      [best, bestKey] = [group, key];
  if (!best) return null;
  const typed = best.filter(isMixedCase);
  return typed.length ? mostFrequent(typed) : presentName(best[0]!);
}

/** The most frequent string (ties: the first in code-point order). */
function mostFrequent(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0]!;
  for (const [v, c] of counts) {
    const n = counts.get(best)!;
    if (c > n || (c === n && v < best)) best = v;
  }
  return best;
}
