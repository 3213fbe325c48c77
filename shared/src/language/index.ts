import fs from 'node:fs';
import path from 'node:path';

/**
 * Language access: the texts a family reads (the accounting of disclosures, the consent summary,
 * the 42 CFR 2.32 notice), one messages file per language in `messages/<code>.json`. A language is
 * added as data: drop in a file with every key of `en.json` (a test checks them all) and it is
 * supported, with no code change. Codes are BCP 47 primary tags, lower case (`en`, `es`, `vi`).
 */
export interface Messages {
  languageName: string;
  title: string;
  introduction: string;
  none: string;
  entry: string;
  entryLookup: string;
  times: string;
  basis: { CONSENT: string; CONSENT_UNKNOWN: string; STATUTE: string; EMERGENCY: string; TEAM: string };
  and: string;
  someone: string;
  notes: { ownStaff: string; denials: string; protected: string; period: string };
  part2Notice: string;
  consentSummary: string;
  consentUntil: string;
  agencies: Record<string, string>;
  roles: Record<string, string>;
  categories: Record<string, string>;
  grantors: Record<string, string>;
  purposes: Record<string, string>;
  rules: Record<string, string>;
  /** Words the language joins once the placeholders are filled, as [written apart, joined]:
   *  Spanish `de el` → `del`, `a el` → `al` ("los registros del distrito escolar"). */
  contractions: Array<[string, string]>;
}

/** The language every text falls back to, and the report's language when none is recorded. */
export const DEFAULT_LANGUAGE = 'en';

const DIR = path.join(__dirname, 'messages');

/** A language code as the platform stores it: a BCP 47 primary tag, 2–3 lower-case letters. */
export const LANGUAGE_CODE = /^[a-z]{2,3}$/;

let loaded: Map<string, Messages> | undefined;

/** Every messages file, read once (a file added later is read on the next start). */
export function allMessages(): ReadonlyMap<string, Messages> {
  if (!loaded) {
    loaded = new Map();
    for (const file of fs.readdirSync(DIR).sort()) {
      const code = file.replace(/\.json$/, '');
      if (file.endsWith('.json') && LANGUAGE_CODE.test(code))
        loaded.set(code, JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as Messages);
    }
  }
  return loaded;
}

/** The codes of the languages with a messages file, sorted. */
export const supportedLanguages = (): string[] => [...allMessages().keys()];

/** The messages of `code`, or English's when it has none. */
export function messagesFor(code: string | null | undefined): { language: string; messages: Messages } {
  const all = allMessages();
  const hit = code ? all.get(code) : undefined;
  return hit
    ? { language: code!, messages: hit }
    : { language: DEFAULT_LANGUAGE, messages: all.get(DEFAULT_LANGUAGE)! };
}

/** `{name}` placeholders filled from `vars` (an unknown one is left as written), then the
 *  language's contractions made (`m`: its messages), where a filled-in word meets a written one. */
export const fill = (
  template: string,
  vars: Record<string, string | number>,
  m?: Pick<Messages, 'contractions'>,
): string => {
  const text = template.replace(/\{(\w+)\}/g, (whole, k: string) => (k in vars ? String(vars[k]) : whole));
  return (m?.contractions ?? []).reduce(
    (t, [apart, joined]) => t.replace(new RegExp(`(?<![\\p{L}])${apart}(?![\\p{L}])`, 'gu'), joined),
    text,
  );
};

/** `a`, `a and b`, `a, b and c` in the language's words. */
export function listOf(items: string[], m: Messages): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${m.and} ${items[items.length - 1]}`;
}

/** A code's words from one of the messages' tables, else the code in lower-case words (so a new
 *  category or role reads as something until its file is brought up to date). */
export const wordsOf = (table: Record<string, string>, code: string): string =>
  table[code] ?? code.toLowerCase().replace(/_/g, ' ');

/** The 42 CFR 2.32 notice in the family's language. */
export const part2NoticeIn = (code: string | null | undefined): string =>
  messagesFor(code).messages.part2Notice;

/** A consent in plain words in the family's language: who gave it, for what, to whom, why, when. */
export function consentSummaryIn(
  code: string | null | undefined,
  c: {
    grantorType: string;
    categories: string[];
    recipientAgencies: string[];
    purposes: string[];
    periodStart: string;
    periodEnd: string | null;
  },
): string {
  const { messages: m } = messagesFor(code);
  return fill(
    m.consentSummary,
    {
      grantor: wordsOf(m.grantors, c.grantorType),
      categories: listOf(
        c.categories.map((x) => wordsOf(m.categories, x)),
        m,
      ),
      recipients: listOf(
        c.recipientAgencies.map((x) => wordsOf(m.agencies, x)),
        m,
      ),
      purposes: listOf(
        c.purposes.map((x) => wordsOf(m.purposes, x)),
        m,
      ),
      from: c.periodStart,
      until: c.periodEnd ? fill(m.consentUntil, { to: c.periodEnd }) : '',
    },
    m,
  );
}
