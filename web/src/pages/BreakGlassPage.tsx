import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { ActorCell, when } from '../components/AuditTable';
import { Status } from '../components/Status';
import { useI18n } from '../i18n/i18n';
import { BREAK_GLASS_REPORTS } from '../privacyOperations';

type AgencyCode = keyof typeof BREAK_GLASS_REPORTS;

/** Every break-glass access to the officer's agency's records in a period (42 CFR 2.51: the
 *  holder's privacy officers are told of each emergency access). */
export function BreakGlassPage({ agency }: { agency: string }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState({ from: '', to: '' });
  const [period, setPeriod] = useState(draft);
  const query = BREAK_GLASS_REPORTS[agency as AgencyCode];
  const [{ data, fetching, error }] = useQuery({
    query: query ?? BREAK_GLASS_REPORTS.CHILD_WELFARE,
    variables: { from: period.from || null, to: period.to || null },
    pause: !query,
  });
  if (!query) return <p>{t('auditNoAgency')}</p>;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setPeriod(draft);
  };
  const events = data?.report ?? [];
  return (
    <>
      <h1>
        {t('breakGlassTitle')} · {t(`agency_${agency as AgencyCode}`)}
      </h1>
      <p className="muted">{t('breakGlassHelp')}</p>
      <form className="filters" onSubmit={submit} aria-labelledby="bg-filters">
        <h2 id="bg-filters">{t('filters')}</h2>
        <div className="grid">
          <label htmlFor="bg-from">{t('filterFrom')}</label>
          <input
            id="bg-from"
            type="date"
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
          <label htmlFor="bg-to">{t('filterTo')}</label>
          <input
            id="bg-to"
            type="date"
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
        </div>
        <button type="submit">{t('apply')}</button>
      </form>
      <Status fetching={fetching && !data} error={error} />
      {data && (
        <>
          <p role="status">
            {events.length ? t('auditShown', { count: events.length }) : t('breakGlassEmpty')}
          </p>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('breakGlassTitle')}>
            <table className="break-glass">
              <caption className="sr-only">{t('breakGlassTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('at')}</th>
                  <th scope="col">{t('viewer')}</th>
                  <th scope="col">{t('breakGlassReason')}</th>
                  <th scope="col">{t('child')}</th>
                  <th scope="col">{t('categories')}</th>
                  <th scope="col">{t('decision')}</th>
                  <th scope="col">{t('rule')}</th>
                </tr>
              </thead>
              <tbody>
                {events.map((e) => (
                  <tr key={e.id} data-decision={e.decision}>
                    <td>{when(e.at)}</td>
                    <ActorCell e={e} extra={` · ${e.purposeOfUse}`} />
                    <td>{e.breakGlassReason ?? t('none')}</td>
                    <td className="id">{e.childId ?? t('none')}</td>
                    <td>{e.categories.join(', ') || t('none')}</td>
                    <td>{e.decision}</td>
                    <td>{e.rule}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
