import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { AUDIT_TRAILS } from '../auditOperations';
import { AuditEventsTable } from '../components/AuditTable';
import { Status } from '../components/Status';
import { useI18n } from '../i18n/i18n';

const DECISIONS = ['PERMIT', 'DENY', 'CONSENT_RECORDED', 'CONSENT_AMENDED', 'CONSENT_REVOKED'];

interface Filters {
  actor: string;
  childId: string;
  from: string;
  to: string;
  decision: string;
}
const EMPTY: Filters = { actor: '', childId: '', from: '', to: '', decision: '' };

/** The day after `date` (YYYY-MM-DD): the API's `to` is exclusive, the form's "to" day inclusive. */
function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The privacy officer's own agency's trail, filtered on the server by viewer, child, period and
 *  decision. */
export function AuditPage({ agency }: { agency: string }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const query = AUDIT_TRAILS[agency as keyof typeof AUDIT_TRAILS];
  const [{ data, fetching, error }] = useQuery({
    query: query ?? AUDIT_TRAILS.CHILD_WELFARE,
    variables: {
      actor: filters.actor.trim() || null,
      childId: filters.childId.trim() || null,
      decision: filters.decision || null,
      from: filters.from || null,
      to: filters.to ? dayAfter(filters.to) : null,
      first: 200,
    },
    pause: !query,
  });
  if (!query) return <p>{t('auditNoAgency')}</p>;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilters(draft);
  };
  const input = (name: keyof Filters, type = 'text') => ({
    id: `audit-${name}`,
    type,
    value: draft[name],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value }),
  });
  const events = data?.trail.events ?? [];

  return (
    <>
      <h1>
        {t('auditTitle')} · {t(`agency_${agency as keyof typeof AUDIT_TRAILS}`)}
      </h1>
      <p className="muted">{t('auditHelp')}</p>
      <section className="card" aria-labelledby="chain-title">
        <h2 id="chain-title">{t('chainTitle')}</h2>
        <p data-testid="chain-status">
          {!data
            ? t('chainChecking')
            : data.chain.verified
              ? t('chainVerified', { rows: data.chain.rows })
              : t('chainBroken', { id: data.chain.brokenAtId ?? '?', problem: data.chain.problem ?? '' })}
        </p>
      </section>
      <form className="filters" onSubmit={submit} aria-labelledby="filters-title">
        <h2 id="filters-title">{t('filters')}</h2>
        <div className="grid">
          <label htmlFor="audit-actor">{t('filterViewer')}</label>
          <input {...input('actor')} autoComplete="off" />
          <label htmlFor="audit-childId">{t('filterChild')}</label>
          <input {...input('childId')} autoComplete="off" />
          <label htmlFor="audit-from">{t('filterFrom')}</label>
          <input {...input('from', 'date')} />
          <label htmlFor="audit-to">{t('filterTo')}</label>
          <input {...input('to', 'date')} />
          <label htmlFor="audit-decision">{t('filterDecision')}</label>
          <select
            id="audit-decision"
            value={draft.decision}
            onChange={(e) => setDraft({ ...draft, decision: e.target.value })}
          >
            <option value="">{t('decisionAny')}</option>
            {DECISIONS.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('apply')}</button>
      </form>
      <Status fetching={fetching && !data} error={error} />
      {data && (
        <>
          <p role="status">{events.length ? t('auditShown', { count: events.length }) : t('auditEmpty')}</p>
          <div className="table-wrap">
            <AuditEventsTable events={events} caption={t('auditTitle')} showChild />
          </div>
        </>
      )}
    </>
  );
}
