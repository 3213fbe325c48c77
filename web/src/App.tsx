import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { Provider } from 'urql';
import { appRoles, loadSession, signOut, type AppRole, type Session } from './auth';
import { createClient } from './client';
import { Status } from './components/Status';
import { LANGUAGES, useI18n, type Language } from './i18n/i18n';
import type { MessageKey } from './i18n/en';
import { AuditPage } from './pages/AuditPage';
import { ChildPage } from './pages/ChildPage';
import { ReviewPage } from './pages/ReviewPage';
import { SearchPage } from './pages/SearchPage';
import { Link, navigate, usePath } from './router';

// the analyst's page brings its chart library: loaded when first opened, not with the app
const AnalystPage = lazy(() => import('./pages/analyst/AnalystPage'));
// as are the pages a role opens after its first (each role's landing page comes with the app)
const StewardChildPage = lazy(() =>
  import('./pages/StewardChildPage').then((m) => ({ default: m.StewardChildPage })),
);
const BreakGlassPage = lazy(() =>
  import('./pages/BreakGlassPage').then((m) => ({ default: m.BreakGlassPage })),
);
const WhoSawPage = lazy(() => import('./pages/WhoSawPage').then((m) => ({ default: m.WhoSawPage })));

/** Each role's pages: the first is where it lands. */
const PAGES: Record<AppRole, Array<{ path: string; label: MessageKey }>> = {
  caseworker: [{ path: '/search', label: 'navSearch' }],
  steward: [
    { path: '/review', label: 'navReview' },
    { path: '/children', label: 'navChildren' },
  ],
  privacy: [
    { path: '/audit', label: 'navAudit' },
    { path: '/break-glass', label: 'navBreakGlass' },
    { path: '/who-saw', label: 'navWhoSaw' },
  ],
  analyst: [{ path: '/analytics', label: 'navAnalytics' }],
};

function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <div className="lang">
      <label htmlFor="language">{t('language')}</label>
      <select id="language" value={lang} onChange={(e) => setLang(e.target.value as Language)}>
        {Object.keys(LANGUAGES).map((l) => (
          <option key={l} value={l}>
            {l === 'en' ? 'English' : 'Español'}
          </option>
        ))}
      </select>
    </div>
  );
}

function Routes({ path, roles, session }: { path: string; roles: AppRole[]; session: Session }) {
  const { t } = useI18n();
  const child = /^\/child\/([^/]+)$/.exec(path);
  if (roles.includes('caseworker')) {
    if (path === '/search') return <SearchPage />;
    if (child) return <ChildPage id={decodeURIComponent(child[1]!)} />;
  }
  if (roles.includes('steward')) {
    const stewardChild = /^\/children\/([^/]+)$/.exec(path);
    if (path === '/review') return <ReviewPage />;
    if (path === '/children') return <SearchPage childPath="/children/" showIds />;
    if (stewardChild) return <StewardChildPage id={decodeURIComponent(stewardChild[1]!)} />;
  }
  if (roles.includes('privacy')) {
    const whoSaw = /^\/who-saw\/([^/]+)$/.exec(path);
    if (path === '/audit') return <AuditPage agency={session.agency} />;
    if (path === '/break-glass') return <BreakGlassPage agency={session.agency} />;
    if (path === '/who-saw') return <SearchPage childPath="/who-saw/" showIds />;
    if (whoSaw) return <WhoSawPage id={decodeURIComponent(whoSaw[1]!)} agency={session.agency} />;
  }
  if (roles.includes('analyst') && (path === '/analytics' || path === '/analytics/disproportionality'))
    return <AnalystPage view={path === '/analytics' ? 'crossover' : 'disproportionality'} />;
  return <h1>{t('notFound')}</h1>;
}

/** The page for the path; a lazily loaded one shows "Loading…" while it arrives. */
function Page(props: { path: string; roles: AppRole[]; session: Session }) {
  return (
    <Suspense fallback={<Status fetching />}>
      <Routes {...props} />
    </Suspense>
  );
}

export function App() {
  const { t } = useI18n();
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const client = useMemo(() => (session ? createClient(session.token) : null), [session]);
  const path = usePath();
  const roles = session ? appRoles(session) : [];
  const home = roles[0] ? PAGES[roles[0]][0]!.path : null;
  // after a move within the app, focus goes to the page's content (as a page load would put it)
  // (not on the first page, nor on the landing redirect from the bare /app/)
  const lastPath = useRef<string | null>(null);
  useEffect(() => {
    if (lastPath.current !== null && lastPath.current !== '/') document.getElementById('main')?.focus();
    lastPath.current = path;
  }, [path]);
  // the bare /app/ lands on the role's first page
  useEffect(() => {
    if (home && path === '/') navigate(home, { replace: true });
  }, [home, path]);

  const header = (
    <header className="top">
      <a className="skip" href="#main">
        {t('skipToContent')}
      </a>
      <span className="brand">{t('appName')}</span>
      {session && (
        <nav aria-label={t('mainNav')}>
          <ul>
            {roles
              .flatMap((r) => PAGES[r])
              .map((pg) => (
                <li key={pg.path}>
                  <Link to={pg.path} aria-current={path.startsWith(pg.path) ? 'page' : undefined}>
                    {t(pg.label)}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
      )}
      <LanguageSwitch />
      {session && (
        <div className="who">
          <span className="muted">{t('signedInAs', { sub: session.sub, agency: session.agency })}</span>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              signOut();
              setSession(null);
              navigate('/');
            }}
          >
            {t('signOut')}
          </button>
        </div>
      )}
    </header>
  );

  let main;
  if (!session || !client)
    main = (
      <>
        <h1>{t('signedOutTitle')}</h1>
        <p>{t('signedOutBody')}</p>
      </>
    );
  else if (!roles.length) main = <h1>{t('noPages')}</h1>;
  else
    main = (
      <Provider value={client}>
        <Page path={path} roles={roles} session={session} />
      </Provider>
    );
  return (
    <>
      {header}
      <main id="main" tabIndex={-1}>
        {main}
      </main>
    </>
  );
}
