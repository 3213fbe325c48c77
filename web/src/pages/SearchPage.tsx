import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Status } from '../components/Status';
import { useI18n } from '../i18n/i18n';
import { SearchChildren } from '../operations';
import { Link } from '../router';

interface Terms {
  givenName: string;
  familyName: string;
  birthDate: string;
}

/** The terms live in the URL (?given=…), so Back from a child returns to the results. */
function termsFromUrl(): Terms {
  const q = new URLSearchParams(window.location.search);
  return {
    givenName: q.get('given') ?? '',
    familyName: q.get('family') ?? '',
    birthDate: q.get('born') ?? '',
  };
}

/** Finds a child by name and birth date; each result opens `childPath` + id (the caseworker's
 *  view, the steward's links, the privacy officer's trail). */
export function SearchPage({
  childPath = '/child/',
  showIds = false,
}: {
  childPath?: string;
  showIds?: boolean;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Terms>(termsFromUrl);
  const [terms, setTerms] = useState<Terms>(termsFromUrl);
  const asked = terms.givenName.trim().length >= 2 || terms.familyName.trim().length >= 2;
  const [{ data, fetching, error }] = useQuery({
    query: SearchChildren,
    variables: {
      givenName: terms.givenName.trim() || null,
      familyName: terms.familyName.trim() || null,
      birthDate: terms.birthDate || null,
      first: 25,
    },
    pause: !asked,
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTerms(draft);
    const q = new URLSearchParams();
    if (draft.givenName) q.set('given', draft.givenName);
    if (draft.familyName) q.set('family', draft.familyName);
    if (draft.birthDate) q.set('born', draft.birthDate);
    window.history.replaceState(null, '', `${window.location.pathname}?${q}`);
  };
  const field = (name: keyof Terms) => ({
    id: `search-${name}`,
    name,
    value: draft[name],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value }),
  });
  const canSearch = draft.givenName.trim().length >= 2 || draft.familyName.trim().length >= 2;
  const result = data?.searchChildren;

  return (
    <>
      <h1>{t('searchTitle')}</h1>
      <p id="search-help" className="muted">
        {t('searchHelp')}
      </p>
      <form className="search" onSubmit={submit} role="search" aria-describedby="search-help">
        <label htmlFor="search-givenName">{t('givenName')}</label>
        <input {...field('givenName')} autoComplete="off" />
        <label htmlFor="search-familyName">{t('familyName')}</label>
        <input {...field('familyName')} autoComplete="off" />
        <label htmlFor="search-birthDate">{t('birthDate')}</label>
        <input {...field('birthDate')} type="date" />
        <button type="submit" disabled={!canSearch}>
          {t('search')}
        </button>
      </form>
      <Status fetching={fetching} error={error} />
      {asked && result && (
        <section aria-labelledby="results-title">
          <h2 id="results-title">{t('searchResults')}</h2>
          <p role="status">
            {result.nodes.length ? t('resultCount', { count: result.nodes.length }) : t('noResults')}
          </p>
          <ul className="results">
            {result.nodes.map((c) => {
              const name = [c.givenName, c.familyName].filter(Boolean).join(' ');
              return (
                <li key={c.id}>
                  <Link to={`${childPath}${encodeURIComponent(c.id)}`}>{name || c.id}</Link>{' '}
                  {showIds && (
                    <span className="muted id" data-child-id={c.id}>
                      {c.id}
                    </span>
                  )}{' '}
                  <span className="muted">{c.birthDate ?? t('none')}</span>
                  <span className="chips">
                    <span className="sr-only">{t('systems')}: </span>
                    {c.links.map((l) => (
                      <span key={`${l.agency}${l.status}`} className="chip">
                        {t(`agency_${l.agency}`)}
                      </span>
                    ))}
                  </span>
                </li>
              );
            })}
          </ul>
          {result.hasMore && <p className="muted">{t('moreResults')}</p>}
        </section>
      )}
    </>
  );
}
