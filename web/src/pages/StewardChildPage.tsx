import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { ReasonField } from '../components/ReasonField';
import { when } from '../components/AuditTable';
import { Status } from '../components/Status';
import type { StewardChildQuery } from '../gql/graphql';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';
import { MergeChildren, SplitChild, StewardChild } from '../stewardOperations';

type Child = NonNullable<StewardChildQuery['child']>;
const refOf = (l: { agency: string; recordId: string }) => `${l.agency}:${l.recordId}`;

function SplitForm({ child, onDone }: { child: Child; onDone(newId: string): void }) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<'' | 'reason' | 'records'>('');
  const [state, split] = useMutation(SplitChild);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen.length) return setMissing('records');
    if (!reason.trim()) return setMissing('reason');
    setMissing('');
    const records = child.links
      .filter((l) => chosen.includes(refOf(l)))
      .map((l) => ({ agency: l.agency, recordId: l.recordId }));
    const res = await split({ childId: child.id, records, reason: reason.trim() });
    if (res.data?.splitChild) {
      setChosen([]);
      setReason('');
      onDone(res.data.splitChild.id);
    }
  };
  return (
    <form className="steward" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="links-title">
      <h2 id="links-title">{t('links')}</h2>
      <p className="muted">{t('splitHelp')}</p>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="links-title">
        <table className="links">
          <caption className="sr-only">{t('links')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('splitOff')}</th>
              <th scope="col">{t('agency')}</th>
              <th scope="col">{t('recordId')}</th>
              <th scope="col">{t('linkStatus')}</th>
              <th scope="col" className="num">
                {t('matchScore')}
              </th>
            </tr>
          </thead>
          <tbody>
            {child.links.map((l) => (
              <tr key={refOf(l)} data-record={l.recordId}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('splitOffRecord', { agency: t(`agency_${l.agency}`), id: l.recordId })}
                    checked={chosen.includes(refOf(l))}
                    onChange={(e) =>
                      setChosen(
                        e.target.checked ? [...chosen, refOf(l)] : chosen.filter((c) => c !== refOf(l)),
                      )
                    }
                  />
                </td>
                <td>{t(`agency_${l.agency}`)}</td>
                <td className="id">{l.recordId}</td>
                <td>{l.status}</td>
                <td className="num">{l.matchScore?.toFixed(1) ?? t('none')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {missing === 'records' && (
        <p className="error" role="alert">
          {t('chooseRecords')}
        </p>
      )}
      <ReasonField id="split-reason" value={reason} onChange={setReason} missing={missing === 'reason'} />
      <button type="submit" disabled={state.fetching}>
        {t('splitSubmit')}
      </button>
      <Status error={state.error} />
    </form>
  );
}

function MergeForm({ child, onDone }: { child: Child; onDone(intoId: string): void }) {
  const { t } = useI18n();
  const [into, setInto] = useState('');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<'' | 'reason' | 'into'>('');
  const [state, merge] = useMutation(MergeChildren);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!into.trim()) return setMissing('into');
    if (!reason.trim()) return setMissing('reason');
    setMissing('');
    const res = await merge({ childId: child.id, intoChildId: into.trim(), reason: reason.trim() });
    if (res.data?.mergeChildren) onDone(res.data.mergeChildren.id);
  };
  return (
    <form className="steward" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="merge-title">
      <h2 id="merge-title">{t('mergeTitle')}</h2>
      <p className="muted">{t('mergeHelp')}</p>
      <label htmlFor="merge-into">{t('mergeInto')}</label>
      <input
        id="merge-into"
        value={into}
        onChange={(e) => setInto(e.target.value)}
        aria-invalid={missing === 'into' || undefined}
        aria-required="true"
        autoComplete="off"
      />
      {missing === 'into' && (
        <p className="error" role="alert">
          {t('mergeIntoRequired')}
        </p>
      )}
      <ReasonField id="merge-reason" value={reason} onChange={setReason} missing={missing === 'reason'} />
      <button type="submit" disabled={state.fetching}>
        {t('mergeSubmit')}
      </button>
      <Status error={state.error} />
    </form>
  );
}

/** One child as the index links it, for a data steward: its links (split some off), merge it into
 *  another child, and every change to its links (who, when, why). */
export function StewardChildPage({ id }: { id: string }) {
  const { t } = useI18n();
  const [message, setMessage] = useState<{ text: string; to: string } | null>(null);
  const [{ data, fetching, error }, refetch] = useQuery({ query: StewardChild, variables: { id } });
  const child = data?.child;
  const done = (text: string, to: string) => {
    setMessage({ text, to });
    refetch({ requestPolicy: 'network-only' });
  };
  return (
    <>
      <p>
        <Link to="/children">{t('backToSearch')}</Link>
      </p>
      <Status fetching={fetching && !data} error={error} />
      <p role="status" className="success">
        {message && (
          <>
            {message.text} <Link to={`/children/${encodeURIComponent(message.to)}`}>{t('openOther')}</Link>
          </>
        )}
      </p>
      {data && !child && <h1>{t('childNotFound')}</h1>}
      {child && (
        <>
          <h1>{[child.givenName, child.familyName].filter(Boolean).join(' ') || child.id}</h1>
          <p className="muted">
            {t('childId')}: <span className="id">{child.id}</span> · {t('birthDate')}:{' '}
            {child.birthDate ?? t('none')}
          </p>
          <SplitForm child={child} onDone={(n) => done(t('splitDone'), n)} />
          <MergeForm child={child} onDone={(n) => done(t('mergeDone'), n)} />
          <section aria-labelledby="history-title">
            <h2 id="history-title">{t('linkHistory')}</h2>
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="history-title">
              <table className="history">
                <caption className="sr-only">{t('linkHistory')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('at')}</th>
                    <th scope="col">{t('actor')}</th>
                    <th scope="col">{t('action')}</th>
                    <th scope="col">{t('record')}</th>
                    <th scope="col">{t('otherChild')}</th>
                    <th scope="col">{t('reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {child.linkHistory.map((h, i) => (
                    <tr key={`${h.at}-${i}`} data-action={h.action}>
                      <td>{when(h.at)}</td>
                      <td>{h.actor}</td>
                      <td>{h.action}</td>
                      <td className="id">
                        {h.agency ? `${t(`agency_${h.agency}`)} ${h.recordId ?? ''}` : t('none')}
                      </td>
                      <td className="id">{h.otherChildId ?? t('none')}</td>
                      <td>{h.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </>
  );
}
