/** The signed-in viewer: a bearer token kept in sessionStorage (gone when the tab closes).
 *  In development the token arrives in the URL fragment (`/app/#token=…`, printed by `npm start`),
 *  which never reaches a server; production gets it from the county's identity provider (README,
 *  "Signing in"). The claims are read only to choose the pages to show: the gateway and every
 *  subgraph verify the token and decide what it may see. */
const KEY = 'wholechild-token';

export type AppRole = 'caseworker' | 'steward' | 'privacy' | 'analyst';

export interface Session {
  token: string;
  sub: string;
  agency: string;
  roles: string[];
  purposeOfUse: string;
  /** Seconds since the epoch. */
  exp?: number;
}

/** Roles that read a child's records for their work with the child. */
const CARE_ROLES = [
  'CASEWORKER',
  'SUPERVISOR',
  'CLINICIAN',
  'PROBATION_OFFICER',
  'EDUCATOR',
  'FOSTER_CARE_LIAISON',
  'HOUSING_NAVIGATOR',
  'COURT',
  'MINORS_COUNSEL',
];

function decodeClaims(token: string): Omit<Session, 'token'> | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const c = JSON.parse(json) as Record<string, unknown>;
    if (typeof c.sub !== 'string' || typeof c.agency !== 'string' || !Array.isArray(c.roles)) return null;
    return {
      sub: c.sub,
      agency: c.agency,
      roles: c.roles.filter((r): r is string => typeof r === 'string'),
      purposeOfUse: typeof c.purposeOfUse === 'string' ? c.purposeOfUse : '',
      exp: typeof c.exp === 'number' ? c.exp : undefined,
    };
  } catch {
    return null;
  }
}

/** Takes a token out of the URL fragment (and the fragment out of the URL, so it is not kept in
 *  history or shared by copying the address), then reads the stored one. */
export function loadSession(
  loc: Location = window.location,
  store: Storage = sessionStorage,
): Session | null {
  const fromHash = new URLSearchParams(loc.hash.slice(1)).get('token');
  if (fromHash) {
    store.setItem(KEY, fromHash);
    window.history.replaceState(null, '', loc.pathname + loc.search);
  }
  const token = store.getItem(KEY);
  if (!token) return null;
  const claims = decodeClaims(token);
  if (!claims || (claims.exp !== undefined && claims.exp * 1000 < Date.now())) {
    store.removeItem(KEY);
    return null;
  }
  return { token, ...claims };
}

export function signOut(store: Storage = sessionStorage): void {
  store.removeItem(KEY);
}

/** The app's pages a session may open, by its roles (analytics narrows, as the platform does). */
export function appRoles(s: Session): AppRole[] {
  if (s.roles.includes('ANALYST') || s.purposeOfUse === 'ANALYTICS') return ['analyst'];
  const out: AppRole[] = [];
  if (s.roles.some((r) => CARE_ROLES.includes(r))) out.push('caseworker');
  if (s.roles.includes('DATA_STEWARD')) out.push('steward');
  if (s.roles.includes('PRIVACY_OFFICER')) out.push('privacy');
  return out;
}
