import { useQuery } from 'urql';
import { SectionCard } from '../components/SectionCard';
import { Status } from '../components/Status';
import { useI18n } from '../i18n/i18n';
import { ChildView } from '../operations';
import { Link } from '../router';
import { timelineOf, type ChildView as Child } from '../timeline';

function Lines({ items }: { items: string[] }) {
  if (!items.length) return null;
  return (
    <ul className="lines">
      {items.map((s, i) => (
        <li key={i}>{s}</li>
      ))}
    </ul>
  );
}

const span = (a?: string | null, b?: string | null) => [a, b].filter(Boolean).join(' – ');

function Sections({ child }: { child: Child }) {
  const { childWelfare: cw, behavioralHealth: bh, probation: pr, education: ed, housing: ho } = child;
  return (
    <div className="cards">
      <SectionCard
        agency="CHILD_WELFARE"
        section={cw}
        count={cw?.__typename === 'ChildWelfareSection' ? cw.cases.length + cw.placements.length : 0}
      >
        {cw?.__typename === 'ChildWelfareSection' && (
          <Lines
            items={[
              ...cw.cases.map((c) => `${c.serviceComponent ?? ''} ${span(c.openedDate, c.closedDate)}`),
              ...cw.placements.map((p) => `${p.placementType ?? ''} ${span(p.startDate, p.endDate)}`),
            ]}
          />
        )}
      </SectionCard>
      <SectionCard
        agency="BEHAVIORAL_HEALTH"
        section={bh}
        count={bh?.__typename === 'BehavioralHealthSection' ? bh.episodes.length : 0}
      >
        {bh?.__typename === 'BehavioralHealthSection' && (
          <Lines items={bh.episodes.map((e) => `${e.program ?? ''} ${span(e.startDate, e.endDate)}`)} />
        )}
      </SectionCard>
      <SectionCard
        agency="PROBATION"
        section={pr}
        count={pr?.__typename === 'ProbationSection' ? pr.referrals.length + pr.supervisionTerms.length : 0}
      >
        {pr?.__typename === 'ProbationSection' && (
          <Lines
            items={[
              ...pr.referrals.map((r) => `${r.offenseLevel ?? ''} ${r.referralDate ?? ''}`),
              ...pr.supervisionTerms.map(
                (s) => `${s.supervisionLevel ?? ''} ${span(s.startDate, s.endDate)}`,
              ),
            ]}
          />
        )}
      </SectionCard>
      <SectionCard
        agency="EDUCATION"
        section={ed}
        count={ed?.__typename === 'EducationSection' ? ed.enrollments.length : 0}
      >
        {ed?.__typename === 'EducationSection' && (
          <Lines
            items={ed.enrollments.map((e) => `${e.school?.name ?? ''} ${span(e.entryDate, e.exitDate)}`)}
          />
        )}
      </SectionCard>
      <SectionCard
        agency="HOUSING"
        section={ho}
        count={
          ho?.__typename === 'HousingSection' ? ho.enrollments.length + ho.homelessnessEpisodes.length : 0
        }
      >
        {ho?.__typename === 'HousingSection' && (
          <Lines
            items={ho.enrollments.map((e) => `${e.project.name ?? ''} ${span(e.entryDate, e.exitDate)}`)}
          />
        )}
      </SectionCard>
    </div>
  );
}

function Timeline({ child }: { child: Child }) {
  const { t } = useI18n();
  const events = timelineOf(child);
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline')}</h2>
      <p className="muted">{t('timelineHelp')}</p>
      {events.length === 0 ? (
        <p>{t('timelineEmpty')}</p>
      ) : (
        <ol className="timeline">
          {events.map((e) => (
            <li key={e.key} data-agency={e.agency}>
              <span className="when">
                {e.end === undefined ? e.start : `${e.start} – ${e.end ?? t('ongoing')}`}
              </span>{' '}
              <span className="chip">{t(`agency_${e.agency}`)}</span> {t(e.kind, { what: e.what })}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function ChildPage({ id }: { id: string }) {
  const { t } = useI18n();
  const [{ data, fetching, error }] = useQuery({ query: ChildView, variables: { id } });
  const child = data?.child;
  return (
    <>
      <p>
        <Link to="/search">{t('backToSearch')}</Link>
      </p>
      <Status fetching={fetching && !data} error={error} />
      {data && !child && <h1>{t('childNotFound')}</h1>}
      {child && (
        <>
          <h1>{[child.givenName, child.middleName, child.familyName].filter(Boolean).join(' ')}</h1>
          <dl className="facts">
            <dt>{t('birthDate')}</dt>
            <dd>{child.birthDate ?? t('none')}</dd>
            <dt>{t('sex')}</dt>
            <dd>{child.sex ?? t('none')}</dd>
          </dl>
          <h2>{t('sections')}</h2>
          <Sections child={child} />
          <Timeline child={child} />
        </>
      )}
    </>
  );
}
