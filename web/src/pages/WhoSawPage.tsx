import { useQuery } from 'urql';
import { AUDIT_TRAILS } from '../auditOperations';
import { ActorCell, AuditEventsTable, when } from '../components/AuditTable';
import { Status } from '../components/Status';
import { useI18n } from '../i18n/i18n';
import { WhoSawChild } from '../privacyOperations';
import { Link } from '../router';

type AgencyCode = keyof typeof AUDIT_TRAILS;

/** The agency's own trail of one of its records: each decision on it (who, why, what came back). */
function RecordTrail({ agency, recordId }: { agency: AgencyCode; recordId: string }) {
  const { t } = useI18n();
  const [{ data, fetching, error }] = useQuery({
    query: AUDIT_TRAILS[agency],
    variables: { recordId, first: 200 },
  });
  const events = data?.trail.events ?? [];
  const title = t('recordTrailTitle', { agency: t(`agency_${agency}`), id: recordId });
  return (
    <section aria-label={title} className="record-trail" data-record={recordId}>
      <h3>{title}</h3>
      <Status fetching={fetching && !data} error={error} />
      {data && !events.length && <p>{t('auditEmpty')}</p>}
      {events.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={title}>
          <AuditEventsTable events={events} caption={title} showChild={false} />
        </div>
      )}
    </section>
  );
}

/** "Who saw this child": the index's trail of the child (searches and views by the officer's
 *  agency's staff that showed it: the index keeps one trail per agency), and the officer's agency's own trail of each of its
 *  records of the child. */
export function WhoSawPage({ id, agency }: { id: string; agency: string }) {
  const { t } = useI18n();
  const [{ data, fetching, error }] = useQuery({ query: WhoSawChild, variables: { id } });
  const child = data?.child;
  const own = (child?.links ?? []).filter((l) => l.agency === agency && agency in AUDIT_TRAILS);
  const index = data?.childIndexAuditTrail.nodes ?? [];
  return (
    <>
      <p>
        <Link to="/who-saw">{t('backToSearch')}</Link>
      </p>
      <Status fetching={fetching && !data} error={error} />
      {data && !child && <h1>{t('childNotFound')}</h1>}
      {child && (
        <>
          <h1>
            {t('whoSawTitle', {
              name: [child.givenName, child.familyName].filter(Boolean).join(' ') || child.id,
            })}
          </h1>
          <p className="muted">
            {t('childId')}: <span className="id">{child.id}</span>
          </p>
          <section aria-labelledby="index-trail-title">
            <h2 id="index-trail-title">{t('indexTrailTitle')}</h2>
            <p className="muted">{t('indexTrailHelp')}</p>
            {!index.length && <p>{t('auditEmpty')}</p>}
            {index.length > 0 && (
              <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="index-trail-title">
                <table className="index-trail">
                  <caption className="sr-only">{t('indexTrailTitle')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('at')}</th>
                      <th scope="col">{t('viewer')}</th>
                      <th scope="col">{t('purpose')}</th>
                      <th scope="col">{t('accessAction')}</th>
                      <th scope="col">{t('decision')}</th>
                      <th scope="col">{t('requestId')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {index.map((e) => (
                      <tr key={e.id} data-action={e.action}>
                        <td>{when(e.at)}</td>
                        <ActorCell e={e} />
                        <td>{e.purposeOfUse}</td>
                        <td>{e.action}</td>
                        <td>{e.decision}</td>
                        <td className="id">{e.requestId}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {data.childIndexAuditTrail.hasMore && <p className="muted">{t('moreEvents')}</p>}
          </section>
          <section aria-labelledby="agency-trail-title">
            <h2 id="agency-trail-title">
              {t('agencyTrailTitle', { agency: t(`agency_${agency as AgencyCode}`) })}
            </h2>
            {!own.length && <p>{t('noOwnRecords')}</p>}
            {own.map((l) => (
              <RecordTrail key={l.recordId} agency={l.agency as AgencyCode} recordId={l.recordId} />
            ))}
          </section>
        </>
      )}
    </>
  );
}
