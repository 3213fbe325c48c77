import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { PlatformConfig } from '../config';
import { AGENCY_ROLES, parseClaims, type Role, type ViewerClaims } from './claims';

export class AuthError extends Error {}

/** Verifies bearer tokens. Keys are parsed once, at construction, not per request. HS256 with a
 *  shared secret, or RS256 with a configured public key (then HS256 is refused: no algorithm
 *  confusion). */
export class TokenVerifier {
  // A KeyObject, not a string: given a string, jsonwebtoken parses it on every verify (and for an
  // HS256 secret first tries it as a public key and catches the failure) — measured at about 0.5 ms
  // per call, 13 calls per cross-system view.
  private readonly key: KeyObject;
  private readonly options: jwt.VerifyOptions;
  /** Tokens verified before, by their exact text: a caller sends the same token with every
   *  request, and a view sends it to nine services. Only the expiry is checked again. */
  private readonly verified = new Map<string, { claims: ViewerClaims; expiresAtMs: number }>();

  private readonly agencyRoles: Readonly<Record<string, readonly Role[]>>;
  private readonly maxLifetimeS: number;
  private readonly maxBreakGlassLifetimeS: number;

  constructor(
    config: PlatformConfig['jwt'],
    private readonly now: () => number = Date.now,
    private readonly cacheSize = 10_000,
  ) {
    this.agencyRoles = config.agencyRoles ?? AGENCY_ROLES;
    this.maxLifetimeS = config.maxLifetimeS ?? 43_200;
    this.maxBreakGlassLifetimeS = config.maxBreakGlassLifetimeS ?? 3600;
    if (config.publicKey) {
      this.key = createPublicKey(
        config.publicKey.includes('BEGIN')
          ? config.publicKey
          : Buffer.from(config.publicKey, 'base64').toString('utf8'),
      );
      this.options = { algorithms: ['RS256'], issuer: config.issuer, audience: config.audience };
    } else {
      if (!config.secret) throw new Error('JWT secret missing');
      this.key = createSecretKey(Buffer.from(config.secret, 'utf8'));
      this.options = { algorithms: ['HS256'], issuer: config.issuer, audience: config.audience };
    }
  }

  /** Returns the claims of a valid token or throws AuthError (with a reason safe to show). The
   *  claims are frozen: the same object may serve several requests. */
  verify(token: string | undefined): ViewerClaims {
    if (!token) throw new AuthError('missing bearer token');
    const known = this.verified.get(token);
    if (known) {
      if (this.now() < known.expiresAtMs) return known.claims;
      this.verified.delete(token);
      throw new AuthError('token expired');
    }
    let payload: unknown;
    try {
      payload = jwt.verify(token, this.key, {
        ...this.options,
        clockTimestamp: Math.floor(this.now() / 1000),
      });
    } catch (e) {
      throw new AuthError(e instanceof jwt.TokenExpiredError ? 'token expired' : 'invalid token');
    }
    const { claims, problems } = parseClaims(payload, this.agencyRoles);
    if (!claims) throw new AuthError(`token lacks valid claims: ${problems.join(', ')}`);
    const exp = this.checkLifetime(payload as { exp?: unknown; iat?: unknown }, claims);
    Object.freeze(claims.roles);
    Object.freeze(claims);
    if (this.verified.size >= this.cacheSize) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { claims, expiresAtMs: exp * 1000 });
    return claims;
  }

  /** Every token expires, and soon: `exp` is required, and `exp − iat` (or `exp − now` without
   *  `iat`) is at most the configured lifetime — an hour for break-glass (an emergency is not a
   *  shift); `iat` may not lie in the future (a minute of clock skew). Returns `exp`. */
  private checkLifetime(p: { exp?: unknown; iat?: unknown }, claims: ViewerClaims): number {
    if (typeof p.exp !== 'number' || !Number.isFinite(p.exp)) throw new AuthError('token lacks an expiry (exp)');
    const nowS = Math.floor(this.now() / 1000);
    if (p.iat !== undefined && (typeof p.iat !== 'number' || p.iat > nowS + 60))
      throw new AuthError('token issued in the future (iat)');
    const issued = typeof p.iat === 'number' ? p.iat : nowS;
    const max = claims.breakGlassReason ? this.maxBreakGlassLifetimeS : this.maxLifetimeS;
    if (p.exp - issued > max)
      throw new AuthError(`token lives longer than ${max} s${claims.breakGlassReason ? ' (break-glass)' : ''}`);
    return p.exp;
  }

  /** Reads `Authorization: Bearer <token>` and verifies it. */
  verifyHeader(header: string | undefined): ViewerClaims {
    const match = header?.match(/^Bearer\s+(.+)$/i);
    return this.verify(match?.[1]);
  }
}

/** Signs a token with the configured HS256 secret: development tokens and tests only. */
export function signToken(
  claims: ViewerClaims,
  config: PlatformConfig['jwt'],
  expiresIn: jwt.SignOptions['expiresIn'] = claims.breakGlassReason ? '1h' : '12h',
): string {
  if (!config.secret) throw new Error('signToken needs an HS256 secret');
  return jwt.sign({ ...claims }, config.secret, {
    algorithm: 'HS256',
    issuer: config.issuer,
    audience: config.audience,
    expiresIn,
  });
}

/** The platform's own service identity: the child index reading agency person feeds. Signed
 *  fresh for each use, short-lived. */
export function serviceToken(config: PlatformConfig['jwt']): string {
  return signToken(
    { sub: 'service:child-index', agency: 'CHILD_INDEX', roles: ['SERVICE'], purposeOfUse: 'OPERATIONS' },
    config,
    '5m',
  );
}
