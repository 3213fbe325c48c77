import type { ChildViewQuery } from './gql/graphql';
import type { MessageKey } from './i18n/en';

export type ChildView = NonNullable<ChildViewQuery['child']>;

export interface TimelineEvent {
  key: string;
  agency: 'CHILD_WELFARE' | 'BEHAVIORAL_HEALTH' | 'PROBATION' | 'EDUCATION' | 'HOUSING';
  kind: MessageKey;
  what: string;
  start: string;
  /** null: still going; undefined: an event of one day (a referral). */
  end?: string | null;
}

const words = (...parts: Array<string | number | null | undefined>) =>
  parts
    .filter((p) => p !== null && p !== undefined && p !== '')
    .map((p) => String(p).replace(/_/g, ' ').toLowerCase())
    .join(', ');

/** The events of every section the viewer may see, newest first. A Restricted section or a
 *  withheld list contributes nothing: the timeline shows only what the holders returned. */
export function timelineOf(child: ChildView): TimelineEvent[] {
  const out: TimelineEvent[] = [];
  const add = (e: Omit<TimelineEvent, 'key'> & { id: string }) => {
    if (e.start) out.push({ ...e, key: `${e.agency}:${e.kind}:${e.id}` });
  };
  const cw = child.childWelfare;
  if (cw?.__typename === 'ChildWelfareSection') {
    for (const c of cw.cases)
      add({
        id: c.id,
        agency: 'CHILD_WELFARE',
        kind: 'event_case',
        what: words(c.serviceComponent),
        start: c.openedDate ?? '',
        end: c.closedDate ?? null,
      });
    for (const p of cw.placements)
      add({
        id: p.id,
        agency: 'CHILD_WELFARE',
        kind: 'event_placement',
        what: words(p.placementType, p.providerName),
        start: p.startDate ?? '',
        end: p.endDate ?? null,
      });
  }
  const bh = child.behavioralHealth;
  if (bh?.__typename === 'BehavioralHealthSection')
    for (const e of bh.episodes)
      add({
        id: e.id,
        agency: 'BEHAVIORAL_HEALTH',
        kind: 'event_episode',
        what: words(e.program, e.levelOfCare),
        start: e.startDate ?? '',
        end: e.endDate ?? null,
      });
  const pr = child.probation;
  if (pr?.__typename === 'ProbationSection') {
    for (const r of pr.referrals)
      add({
        id: r.id,
        agency: 'PROBATION',
        kind: 'event_referral',
        what: words(r.offenseLevel, r.offenseDescription),
        start: r.referralDate ?? '',
      });
    for (const t of pr.supervisionTerms)
      add({
        id: t.id,
        agency: 'PROBATION',
        kind: 'event_term',
        what: words(t.supervisionLevel, t.status),
        start: t.startDate ?? '',
        end: t.endDate ?? null,
      });
  }
  const ed = child.education;
  if (ed?.__typename === 'EducationSection')
    for (const e of ed.enrollments)
      add({
        id: e.id,
        agency: 'EDUCATION',
        kind: 'event_enrollment',
        what: words(e.school?.name, e.gradeLevel),
        start: e.entryDate ?? '',
        end: e.exitDate ?? null,
      });
  const ho = child.housing;
  if (ho?.__typename === 'HousingSection') {
    for (const e of ho.enrollments)
      add({
        id: e.id,
        agency: 'HOUSING',
        kind: 'event_stay',
        what: words(e.project.name, e.project.projectType),
        start: e.entryDate ?? '',
        end: e.exitDate ?? null,
      });
    for (const e of ho.homelessnessEpisodes)
      add({
        id: e.id,
        agency: 'HOUSING',
        kind: 'event_homeless',
        what: words(e.episodeType),
        start: e.startDate ?? '',
        end: e.endDate ?? null,
      });
  }
  return out.sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : a.key.localeCompare(b.key)));
}
