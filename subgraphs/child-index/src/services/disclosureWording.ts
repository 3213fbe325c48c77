import {
  consentSummaryIn,
  fill,
  listOf,
  messagesFor,
  wordsOf,
  type AgencyDisclosure,
  type Messages,
} from '@wholechild/shared';
import type { IndexLookup } from '../repositories/familyView';

/** Why a disclosure was allowed, in the report's terms. */
export type DisclosureBasis = 'CONSENT' | 'STATUTE' | 'EMERGENCY' | 'INDEX_LOOKUP' | 'TEAM';

/** One line of the report: the disclosures of one day alike in every other respect, counted. */
export interface DisclosureLine {
  date: string;
  holder: string;
  recipientAgency: string;
  recipientRoles: string[];
  categories: string[];
  basis: DisclosureBasis;
  rule: string;
  consentId: string | null;
  emergency: boolean;
  times: number;
  text: string;
}

/** A team member's access under a team-sharing consent is a consent's (TEAM_MEMBER); their read
 *  of the team's own plan is the team's (TEAM_PLAN_MEMBER). */
const basisOf = (d: AgencyDisclosure): DisclosureBasis =>
  d.breakGlass || d.rule === 'BREAK_GLASS'
    ? 'EMERGENCY'
    : d.rule === 'CONSENT' || d.rule === 'TEAM_MEMBER'
      ? 'CONSENT'
      : d.rule === 'TEAM_PLAN_MEMBER'
        ? 'TEAM'
        : 'STATUTE';

/** The index's own part: a look-up shows who the child is (IDENTITY). */
const lookupAsDisclosure = (l: IndexLookup): AgencyDisclosure => ({
  agency: 'CHILD_INDEX' as AgencyDisclosure['agency'],
  at: l.at,
  actorAgency: l.actorAgency,
  actorRoles: l.actorRoles,
  purposeOfUse: '',
  categories: ['IDENTITY'],
  rule: 'INDEX_LOOKUP',
  basis: null,
  consentId: null,
  consent: null,
  breakGlass: false,
  noRedisclosure: false,
});

function sentence(d: AgencyDisclosure, basis: DisclosureBasis, times: number, m: Messages): string {
  const roles = [...d.actorRoles].sort().map((r) => wordsOf(m.roles, r));
  const vars = {
    date: d.at.slice(0, 10),
    roles: roles.length ? listOf(roles, m) : m.someone,
    recipient: wordsOf(m.agencies, d.actorAgency),
    holder: wordsOf(m.agencies, d.agency),
    categories: listOf(
      [...d.categories].sort().map((c) => wordsOf(m.categories, c)),
      m,
    ),
    basis:
      basis === 'CONSENT'
        ? d.consent
          ? fill(m.basis.CONSENT, { grantor: wordsOf(m.grantors, d.consent.grantorType) })
          : m.basis.CONSENT_UNKNOWN
        : basis === 'EMERGENCY'
          ? m.basis.EMERGENCY
          : basis === 'TEAM'
            ? m.basis.TEAM
            : fill(m.basis.STATUTE, { rule: m.rules[d.rule] ?? d.basis ?? d.rule }),
  };
  const text = fill(basis === 'INDEX_LOOKUP' ? m.entryLookup : m.entry, vars, m);
  return times > 1 ? `${text.replace(/\.$/, '')}${fill(m.times, { count: times })}.` : text;
}

/**
 * The family's accounting of disclosures in their language: each agency's disclosures and the
 * index's look-ups, one line per day and (holder, recipient agency and roles, categories, rule,
 * consent, emergency), oldest first; the notes say what is not listed and, when Part 2 records
 * were disclosed, the 42 CFR 2.32 notice; each consent relied on, summarised.
 */
export function wordReport(input: {
  childId: string;
  language: string | null;
  familyLanguage: string | null;
  from: string;
  to: string;
  disclosures: AgencyDisclosure[];
  lookups: IndexLookup[];
}) {
  const { language, messages: m } = messagesFor(input.language);
  const all = [
    ...input.disclosures.map((d) => ({ d, basis: basisOf(d) })),
    ...input.lookups.map((l) => ({ d: lookupAsDisclosure(l), basis: 'INDEX_LOOKUP' as const })),
  ];
  const groups = new Map<
    string,
    { d: AgencyDisclosure; basis: DisclosureBasis; times: number; first: string; key: string }
  >();
  for (const x of all) {
    const key = JSON.stringify([
      x.d.at.slice(0, 10),
      x.d.agency,
      x.d.actorAgency,
      [...x.d.actorRoles].sort(),
      [...x.d.categories].sort(),
      x.d.rule,
      x.d.consentId,
      x.basis,
    ]);
    const g = groups.get(key);
    if (g) {
      g.times++;
      if (x.d.at < g.first) g.first = x.d.at;
    } else groups.set(key, { ...x, times: 1, first: x.d.at, key });
  }
  // oldest first, by the first disclosure of each line (the same order in every language)
  const lines: DisclosureLine[] = [...groups.values()]
    .sort((a, b) => (a.first + a.key < b.first + b.key ? -1 : 1))
    .map(({ d, basis, times }) => ({
      date: d.at.slice(0, 10),
      holder: d.agency,
      recipientAgency: d.actorAgency,
      recipientRoles: [...d.actorRoles].sort(),
      categories: [...d.categories].sort(),
      basis,
      rule: d.rule,
      consentId: d.consentId,
      emergency: basis === 'EMERGENCY',
      times,
      text: sentence(d, basis, times, m),
    }));
  const consents = new Map<string, { consentId: string; agency: string; text: string }>();
  for (const d of input.disclosures)
    if (d.consentId && d.consent && !consents.has(d.consentId))
      consents.set(d.consentId, {
        consentId: d.consentId,
        agency: d.agency,
        text: consentSummaryIn(language, d.consent),
      });
  const notes = [m.notes.ownStaff, m.notes.denials, m.notes.protected, m.notes.period];
  if (input.disclosures.some((d) => d.noRedisclosure)) notes.push(m.part2Notice);
  return {
    childId: input.childId,
    language,
    familyLanguage: input.familyLanguage,
    from: input.from,
    to: input.to,
    title: m.title,
    introduction: fill(m.introduction, { from: input.from, to: input.to }),
    summary: lines.length ? null : m.none,
    disclosures: lines,
    consents: [...consents.values()],
    notes,
  };
}
