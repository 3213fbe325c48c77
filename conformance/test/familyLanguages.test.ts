import {
  allMessages,
  consentSummaryIn,
  fill,
  DEFAULT_LANGUAGE,
  messagesFor,
  part2NoticeIn,
  PART2_NOTICE,
  ROLES,
  supportedLanguages,
  type AgencyPolicy,
} from '@wholechild/shared';
import { policy as behavioralHealth } from '../../subgraphs/behavioral-health/src/policy';
import { policy as childWelfare } from '../../subgraphs/child-welfare/src/policy';
import { policy as education } from '../../subgraphs/education/src/policy';
import { policy as housing } from '../../subgraphs/housing/src/policy';
import { policy as probation } from '../../subgraphs/probation/src/policy';

/**
 * Language access as data: every messages file (shared/src/language/messages/<code>.json) words
 * everything English does, with the same placeholders, and every category, statutory rule and
 * role the platform has: a language is added by adding a file, and a new category or rule cannot
 * ship without its words in every language.
 */

const POLICIES: AgencyPolicy[] = [childWelfare, behavioralHealth, probation, education, housing];

/** Every leaf of a messages object, as `path` → text. */
function leaves(o: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    // the contractions are the language's grammar, not a text English has
    if (!prefix && k === 'contractions') continue;
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('family languages', () => {
  const english = leaves(messagesFor(DEFAULT_LANGUAGE).messages);

  it('has English and Spanish at least', () => {
    expect(supportedLanguages()).toEqual(expect.arrayContaining(['en', 'es']));
  });

  it.each(supportedLanguages())('%s words every English text, with the same placeholders', (code) => {
    const texts = leaves(allMessages().get(code));
    const problems: string[] = [];
    for (const [key, text] of english) {
      const t = texts.get(key);
      if (!t?.trim()) problems.push(`${key}: missing`);
      else if (placeholders(t).join() !== placeholders(text).join()) problems.push(`${key}: placeholders`);
    }
    for (const key of texts.keys()) if (!english.has(key)) problems.push(`${key}: not in English`);
    expect(problems).toEqual([]);
  });

  it('words every category, statutory rule and person role of every agency', () => {
    const m = messagesFor(DEFAULT_LANGUAGE).messages;
    const categories = POLICIES.flatMap((p) => p.categories.map((c) => c.category));
    const rules = POLICIES.flatMap((p) => p.categories.flatMap((c) => c.allow.map((r) => r.rule)));
    expect(categories.filter((c) => !m.categories[c])).toEqual([]);
    expect(rules.filter((r) => !m.rules[r])).toEqual([]);
    const people = ROLES.filter((r) => r !== 'SERVICE' && r !== 'ANALYST');
    expect(people.filter((r) => !m.roles[r])).toEqual([]);
  });

  it('joins what Spanish joins once the words are filled in (del, al), and nothing else', () => {
    const m = messagesFor('es').messages;
    const sentences = Object.keys(m.agencies).flatMap((recipient) =>
      Object.keys(m.agencies).map((holder) =>
        fill(
          m.entry,
          {
            date: '2026-01-02',
            roles: 'x',
            recipient: m.agencies[recipient]!,
            holder: m.agencies[holder]!,
            categories: 'y',
            basis: 'z',
          },
          m,
        ),
      ),
    );
    expect(sentences.filter((t) => /\b(de|a) el\b/.test(t))).toEqual([]);
    expect(sentences).toContain(
      'El 2026-01-02, x del distrito escolar vio y que guarda el distrito escolar, z.',
    );
    // a word that only begins like the article is left alone, and English joins nothing
    expect(fill('de {w}, a {v}', { w: 'ella', v: 'ellos' }, m)).toBe('de ella, a ellos');
    expect(fill('of {w}', { w: 'el' }, messagesFor('en').messages)).toBe('of el');
  });

  it('words the Part 2 notice and a consent in the family’s language, English when it has no file', () => {
    expect(part2NoticeIn('es')).toMatch(/^La parte 2 del título 42 del CFR prohíbe/);
    expect(part2NoticeIn('xx')).toBe(part2NoticeIn('en'));
    expect(part2NoticeIn('en')).toContain('42 CFR part 2 prohibits unauthorized use or disclosure');
    expect(PART2_NOTICE).toContain('42 CFR part 2 prohibits unauthorized use or disclosure');
    const consent = {
      grantorType: 'YOUTH',
      categories: ['SUD'],
      recipientAgencies: ['PROBATION'],
      purposes: ['CARE_COORDINATION'],
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
    };
    expect(consentSummaryIn('es', consent)).toBe(
      'Consentimiento dado por su hijo o hija para los expedientes de tratamiento por uso de sustancias a libertad condicional juvenil, para coordinación de la atención, desde el 2026-01-01 hasta el 2026-12-31.',
    );
    expect(consentSummaryIn(null, consent)).toBe(
      'Consent given by your child for substance use treatment records to juvenile probation, for care coordination, from 2026-01-01 until 2026-12-31.',
    );
  });
});
