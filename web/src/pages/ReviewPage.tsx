import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Status } from '../components/Status';
import type { ReviewQueueQuery } from '../gql/graphql';
import { useI18n } from '../i18n/i18n';
import { ConfirmReviewPair, RejectReviewPair, ReviewQueue } from '../operations';

type Pair = ReviewQueueQuery['reviewQueue']['nodes'][number];
const signed = (w: number) => (w >= 0 ? '+' : '−') + Math.abs(w).toFixed(1);

function PairCard({ pair, n, onDone }: { pair: Pair; n: number; onDone(message: string): void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [confirmState, confirm] = useMutation(ConfirmReviewPair);
  const [rejectState, reject] = useMutation(RejectReviewPair);
  const busy = confirmState.fetching || rejectState.fetching;
  const id = `pair-${pair.id}`;

  const decide = async (e: FormEvent, how: 'confirm' | 'reject') => {
    e.preventDefault();
    if (!reason.trim()) return setMissing(true);
    setMissing(false);
    const vars = { id: pair.id, reason: reason.trim() };
    const res = how === 'confirm' ? await confirm(vars) : await reject(vars);
    if (!res.error) onDone(t(how === 'confirm' ? 'confirmed' : 'rejected'));
  };
  const who = (r: Pair['a']) => `${t(`agency_${r.agency}`)} · ${[r.givenName, r.familyName].join(' ')}`;

  return (
    <article className="card pair" aria-labelledby={id} data-pair={pair.id}>
      <h2 id={id}>
        {t('pair', { n })} {pair.possibleTwins && <span className="badge warn">{t('possibleTwins')}</span>}
      </h2>
      <p>
        {t('pairWeight', { weight: signed(pair.weight), person: signed(pair.personWeight) })}
        {pair.heldBy && <> · {t('heldBy', { rule: pair.heldBy })}</>}
      </p>
      <div className="table-wrap">
        <table>
          <caption className="sr-only">{t('pair', { n })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('field')}</th>
              <th scope="col">
                {t('recordA')}
                <br />
                <span className="muted">{who(pair.a)}</span>
              </th>
              <th scope="col">
                {t('recordB')}
                <br />
                <span className="muted">{who(pair.b)}</span>
              </th>
              <th scope="col">{t('level')}</th>
              <th scope="col" className="num">
                {t('weight')}
              </th>
            </tr>
          </thead>
          <tbody>
            {pair.fields.map((f) => (
              <tr key={f.field}>
                <th scope="row">{f.field}</th>
                <td>{f.valueA ?? t('none')}</td>
                <td>{f.valueB ?? t('none')}</td>
                <td>{f.level}</td>
                <td className={`num ${f.weight < 0 ? 'neg' : 'pos'}`}>{signed(f.weight)}</td>
              </tr>
            ))}
            {pair.adjustments.map((a) => (
              <tr key={a.kind} className="adjustment">
                <th scope="row" colSpan={4}>
                  {t('adjustments')}: {a.kind}
                </th>
                <td className="num">{signed(a.weight)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form className="decide" noValidate onSubmit={(e) => void decide(e, 'confirm')}>
        <label htmlFor={`${id}-reason`}>{t('reason')}</label>
        <input
          id={`${id}-reason`}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={missing || undefined}
          aria-describedby={missing ? `${id}-missing` : undefined}
          aria-required="true"
        />
        {missing && (
          <p id={`${id}-missing`} className="error" role="alert">
            {t('reasonRequired')}
          </p>
        )}
        <div className="buttons">
          <button type="submit" disabled={busy}>
            {t('confirm')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={(e) => void decide(e, 'reject')}
          >
            {t('reject')}
          </button>
        </div>
        <Status error={confirmState.error ?? rejectState.error} />
      </form>
    </article>
  );
}

export function ReviewPage() {
  const { t } = useI18n();
  const [message, setMessage] = useState('');
  const [{ data, fetching, error }, refetch] = useQuery({ query: ReviewQueue, variables: { first: 20 } });
  const done = (m: string) => {
    setMessage(m);
    refetch({ requestPolicy: 'network-only' });
  };
  const nodes = data?.reviewQueue.nodes ?? [];
  return (
    <>
      <h1>{t('reviewTitle')}</h1>
      <p className="muted">{t('reviewHelp')}</p>
      <p role="status" className="success">
        {message}
      </p>
      <Status fetching={fetching && !data} error={error} />
      {data && nodes.length === 0 && <p>{t('reviewEmpty')}</p>}
      {nodes.map((p, i) => (
        <PairCard key={p.id} pair={p} n={i + 1} onDone={done} />
      ))}
      {data?.reviewQueue.hasMore && <p className="muted">{t('moreInQueue')}</p>}
    </>
  );
}
