import { createPrivateKey, createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { AGENCY_SUBGRAPH, AGENCIES, type AgencyCode } from '../agencies';
import type { NotifierKeyConfig, PlatformConfig, ServiceTokenConfig } from '../config';
import { pemText, publicKeyTexts } from '../config/credentials';
import { notifierKeyVariable } from '../config/env';
import { SERVICE_TOKEN_AUDIENCE, SERVICE_TOKEN_ISSUER } from '../config/secrets';
import { AGENCY_ROLES, parseClaims, type Role, type ViewerClaims } from './claims';

export class AuthError extends Error {}

/** Verifies bearer tokens. Keys are parsed once, at construction, not per request. HS256 with a
 *  shared secret, or with a configured public key the key's own algorithm, RS256 (RSA) or ES256
 *  (EC P-256), and no other (HS256 refused: no algorithm confusion). */
export class TokenVerifier {
  // A KeyObject, not a string: given a string, jsonwebtoken parses it on every verify (and for an
  // HS256 secret first tries it as a public key and catches the failure) — measured at about 0.5 ms
  // per call, 13 calls per cross-system view.
  /** The user tokens' keys: the identity provider's public keys (two while it rotates), each with
   *  its own algorithm, or the HS256 secret. */
  private readonly keys: VerifyingKey[];
  private readonly options: jwt.VerifyOptions;
  /** Tokens verified before, by their exact text: a caller sends the same token with every
   *  request, and a view sends it to nine services. Only the expiry is checked again. */
  private readonly verified = new Map<string, { claims: ViewerClaims; expiresAtMs: number }>();

  /** Service tokens: their own key, issuer and audience (absent: none accepted). */
  private readonly service: { keys: VerifyingKey[]; lifetimeS: number } | undefined;
  /** Each agency's notifier keys (two while one rotates), by the `kid` its tokens name (notifierKid). */
  private readonly notifiers: Map<string, { agency: AgencyCode; keys: VerifyingKey[] }>;
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
    this.service = config.service && {
      keys: verifyingKeys(config.service, 'service token'),
      lifetimeS: config.service.lifetimeS,
    };
    this.notifiers = new Map(
      AGENCIES.filter((a) => config.notifiers?.[a]).map((a) => [
        notifierKid(a),
        { agency: a, keys: verifyingKeys(config.notifiers![a]!, 'notifier') },
      ]),
    );
    this.options = { issuer: config.issuer, audience: config.audience };
    if (config.publicKey) {
      // the identity provider's keys: RSA signs RS256, EC P-256 ES256 (each key its own algorithm)
      this.keys = publicKeyTexts(config.publicKey).map((t) => verifyingKey(createPublicKey(t)));
    } else {
      if (!config.secret) throw new Error('JWT secret missing');
      this.keys = [verifyingKey(createSecretKey(Buffer.from(config.secret, 'utf8')))];
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
    // the header and payload read once, unverified: which keys to check the token under
    const decoded = jwt.decode(token, { complete: true });
    const header = decoded?.header;
    const { claims, exp } = this.isServiceToken(decoded?.payload)
      ? this.verifyService(token, header)
      : this.verifyUser(token, header);
    Object.freeze(claims.roles);
    Object.freeze(claims);
    if (this.verified.size >= this.cacheSize) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { claims, expiresAtMs: exp * 1000 });
    return claims;
  }

  /** A token naming the service issuer or audience is checked as a service token only: under the
   *  service key or a notifier key, never the user key. */
  private isServiceToken(p: string | jwt.JwtPayload | undefined): boolean {
    if (!p || typeof p === 'string' || (!this.service && !this.notifiers.size)) return false;
    const aud = Array.isArray(p.aud) ? p.aud : [p.aud];
    return p.iss === SERVICE_TOKEN_ISSUER || aud.includes(SERVICE_TOKEN_AUDIENCE);
  }

  /** The payload under the first of `keys` whose signature holds (each key with its own algorithm
   *  only: no algorithm confusion), or AuthError. */
  private decode(
    token: string,
    header: jwt.JwtHeader | undefined,
    keys: readonly VerifyingKey[],
    options: jwt.VerifyOptions,
  ): unknown {
    let expired = false;
    for (const k of keys.filter((x) => x.algorithm === header?.alg)) {
      try {
        return jwt.verify(token, k.key, {
          ...options,
          algorithms: [k.algorithm],
          clockTimestamp: Math.floor(this.now() / 1000),
        });
      } catch (e) {
        if (e instanceof jwt.TokenExpiredError) expired = true;
      }
    }
    throw new AuthError(expired ? 'token expired' : 'invalid token');
  }

  private verifyUser(
    token: string,
    header: jwt.JwtHeader | undefined,
  ): { claims: ViewerClaims; exp: number } {
    const payload = this.decode(token, header, this.keys, this.options);
    const { claims, problems } = parseClaims(payload, this.agencyRoles);
    if (!claims) throw new AuthError(`token lacks valid claims: ${problems.join(', ')}`);
    // the SERVICE role is the platform's own: only a service token, under the service key, has it
    if (claims.roles.includes('SERVICE')) throw new AuthError('token lacks valid claims: roles (SERVICE)');
    return { claims, exp: this.checkLifetime(payload as { exp?: unknown; iat?: unknown }, claims) };
  }

  /** The platform's own identities: the child index's (agency CHILD_INDEX, under the service key),
   *  or an agency's notification dispatcher (under that agency's own notifier key, chosen by the
   *  token's `kid`, with its dispatcher's subject: one agency's key never signs for another, nor
   *  for the index). Either way role SERVICE and nothing else, living at most the service lifetime. */
  private verifyService(
    token: string,
    header: jwt.JwtHeader | undefined,
  ): { claims: ViewerClaims; exp: number } {
    const kid = header?.kid;
    if (typeof kid === 'string' && kid.startsWith(NOTIFIER_KID_PREFIX)) {
      const n = this.notifiers.get(kid);
      if (!n) throw new AuthError('invalid token');
      return this.verifyPlatform(
        token,
        header,
        n.keys,
        n.agency,
        notifierSubject(n.agency),
        'not this agency’s notifier',
      );
    }
    if (!this.service) throw new AuthError('invalid token');
    return this.verifyPlatform(
      token,
      header,
      this.service.keys,
      'CHILD_INDEX',
      undefined,
      'not a service identity',
    );
  }

  private verifyPlatform(
    token: string,
    header: jwt.JwtHeader | undefined,
    keys: readonly VerifyingKey[],
    agency: AgencyCode | 'CHILD_INDEX',
    subject: string | undefined,
    refusal: string,
  ): { claims: ViewerClaims; exp: number } {
    const payload = this.decode(token, header, keys, {
      issuer: SERVICE_TOKEN_ISSUER,
      audience: SERVICE_TOKEN_AUDIENCE,
    });
    const { claims, problems } = parseClaims(payload, { [agency]: ['SERVICE'] });
    if (!claims) throw new AuthError(`token lacks valid claims: ${problems.join(', ')}`);
    if (
      claims.agency !== agency ||
      claims.roles.length !== 1 ||
      claims.roles[0] !== 'SERVICE' ||
      (subject !== undefined && claims.sub !== subject) ||
      claims.breakGlassReason
    )
      throw new AuthError(`token lacks valid claims: ${refusal}`);
    const lifetimeS = this.service?.lifetimeS ?? SERVICE_TOKEN_LIFETIME_S;
    const p = payload as { exp?: unknown; iat?: unknown };
    if (typeof p.exp !== 'number' || typeof p.iat !== 'number' || p.exp - p.iat > lifetimeS)
      throw new AuthError(`service token lives longer than ${lifetimeS} s`);
    if (p.iat > Math.floor(this.now() / 1000) + 60) throw new AuthError('token issued in the future (iat)');
    return { claims, exp: p.exp };
  }

  /** Every token expires, and soon: `exp` is required, and `exp − iat` (or `exp − now` without
   *  `iat`) is at most the configured lifetime — an hour for break-glass (an emergency is not a
   *  shift); `iat` may not lie in the future (a minute of clock skew). Returns `exp`. */
  private checkLifetime(p: { exp?: unknown; iat?: unknown }, claims: ViewerClaims): number {
    if (typeof p.exp !== 'number' || !Number.isFinite(p.exp))
      throw new AuthError('token lacks an expiry (exp)');
    const nowS = Math.floor(this.now() / 1000);
    if (p.iat !== undefined && (typeof p.iat !== 'number' || p.iat > nowS + 60))
      throw new AuthError('token issued in the future (iat)');
    const issued = typeof p.iat === 'number' ? p.iat : nowS;
    const max = claims.breakGlassReason ? this.maxBreakGlassLifetimeS : this.maxLifetimeS;
    if (p.exp - issued > max)
      throw new AuthError(
        `token lives longer than ${max} s${claims.breakGlassReason ? ' (break-glass)' : ''}`,
      );
    return p.exp;
  }

  /** Reads `Authorization: Bearer <token>` and verifies it. */
  verifyHeader(header: string | undefined): ViewerClaims {
    const match = header?.match(/^Bearer\s+(.+)$/i);
    return this.verify(match?.[1]);
  }
}

/** Signs a user token with the configured HS256 secret: development tokens and tests only. A
 *  SERVICE role is refused: service tokens come from serviceToken, under the service key. */
export function signToken(
  claims: ViewerClaims,
  config: PlatformConfig['jwt'],
  expiresIn: jwt.SignOptions['expiresIn'] = claims.breakGlassReason ? '1h' : '12h',
): string {
  if (!config.secret) throw new Error('signToken needs an HS256 secret');
  if (claims.roles.includes('SERVICE')) throw new Error('a SERVICE token comes from serviceToken only');
  return jwt.sign({ ...claims }, config.secret, {
    algorithm: 'HS256',
    issuer: config.issuer,
    audience: config.audience,
    expiresIn,
  });
}

/** RSA keys sign RS256, EC P-256 keys ES256; nothing else is accepted. */
function algorithmOf(key: KeyObject): jwt.Algorithm {
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  throw new Error('service key: an RSA or EC P-256 key is needed (RS256 or ES256)');
}

/** A key a token is checked under, with the one algorithm it signs. */
interface VerifyingKey {
  key: KeyObject;
  algorithm: jwt.Algorithm;
}

const verifyingKey = (key: KeyObject): VerifyingKey => ({
  key,
  algorithm: key.type === 'secret' ? 'HS256' : algorithmOf(key),
});

/** The keys a service or notifier token is checked under: the configured public keys (two while
 *  one rotates), else the private key's public half, else (development) the secret. */
function verifyingKeys(
  k: { publicKey?: string; privateKey?: string; secret?: string },
  what: string,
): VerifyingKey[] {
  if (k.publicKey) return publicKeyTexts(k.publicKey).map((t) => verifyingKey(createPublicKey(t)));
  if (k.privateKey) return [verifyingKey(createPublicKey(createPrivateKey(pemText(k.privateKey))))];
  if (!k.secret) throw new Error(`${what} key missing`);
  return [verifyingKey(createSecretKey(Buffer.from(k.secret, 'utf8')))];
}

/** Lifetime of a service token when no service configuration says (seconds). */
const SERVICE_TOKEN_LIFETIME_S = 300;
const NOTIFIER_KID_PREFIX = 'notifier:';
/** The `kid` of an agency's notifier tokens: which key checks them. */
export const notifierKid = (agency: AgencyCode) => `${NOTIFIER_KID_PREFIX}${agency}`;
/** The subject of an agency's notifier tokens, as its audit rows show it. */
export const notifierSubject = (agency: AgencyCode) => `service:${AGENCY_SUBGRAPH[agency]}-notifications`;

/** Parsed signing keys and the last token signed, per key configuration (service or notifier). */
const signers = new WeakMap<
  ServiceTokenConfig | NotifierKeyConfig,
  { key: KeyObject; algorithm: jwt.Algorithm; last?: { token: string; renewAtMs: number } }
>();

/** A platform token (a service's or a notifier's) under `k`'s private key or (development) secret,
 *  reused for a fifth of its life. */
function platformToken(
  k: ServiceTokenConfig | NotifierKeyConfig,
  claims: ViewerClaims,
  opts: { lifetimeS: number; keyid?: string },
  now: () => number,
): string {
  let signer = signers.get(k);
  if (!signer) {
    const key = k.privateKey
      ? createPrivateKey(pemText(k.privateKey))
      : createSecretKey(Buffer.from(k.secret!, 'utf8'));
    signer = { key, algorithm: key.type === 'secret' ? 'HS256' : algorithmOf(key) };
    signers.set(k, signer);
  }
  const t = now();
  if (signer.last && t < signer.last.renewAtMs) return signer.last.token;
  const token = jwt.sign({ ...claims, iat: Math.floor(t / 1000) }, signer.key, {
    algorithm: signer.algorithm,
    ...(opts.keyid ? { keyid: opts.keyid } : {}),
    issuer: SERVICE_TOKEN_ISSUER,
    audience: SERVICE_TOKEN_AUDIENCE,
    expiresIn: opts.lifetimeS,
  });
  signer.last = { token, renewAtMs: t + (opts.lifetimeS * 1000) / 5 };
  return token;
}

/** An agency's own service identity: its notification dispatcher asking the child index which
 *  child a record belongs to, and the lenders for their facts (PERMISSIONS.DISPATCH_NOTIFICATIONS,
 *  nothing else). Signed with that agency's notifier private key (NOTIFIER_JWT_PRIVATE_KEY_<SUBGRAPH>,
 *  which no other service holds), or in development without one its development secret; `kid`
 *  names the key. Short-lived, reused for a fifth of its life. Throws when this process holds no
 *  key for the agency. */
export function notifierToken(
  config: PlatformConfig['jwt'],
  agency: AgencyCode,
  now: () => number = Date.now,
): string {
  const n = config.notifiers?.[agency];
  if (!n || (!n.privateKey && !n.secret))
    throw new Error(`no notifier signing key for ${agency} (set ${notifierKeyVariable(agency, 'PRIVATE')})`);
  const claims: ViewerClaims = {
    sub: notifierSubject(agency),
    agency,
    roles: ['SERVICE'],
    purposeOfUse: 'OPERATIONS',
  };
  const lifetimeS = config.service?.lifetimeS ?? SERVICE_TOKEN_LIFETIME_S;
  return platformToken(n, claims, { lifetimeS, keyid: notifierKid(agency) }, now);
}

/** The platform's own service identity: the child index reading agency person feeds and their
 *  contributions to population measures. Signed with the service private key (or, in development
 *  without one, the development service secret), never with a user-token key; short-lived, reused
 *  for a fifth of its life. Throws when this process holds no service signing key. */
export function serviceToken(config: PlatformConfig['jwt'], now: () => number = Date.now): string {
  const s = config.service;
  if (!s || (!s.privateKey && !s.secret))
    throw new Error('no service signing key (set SERVICE_JWT_PRIVATE_KEY)');
  const claims: ViewerClaims = {
    sub: 'service:child-index',
    agency: 'CHILD_INDEX',
    roles: ['SERVICE'],
    purposeOfUse: 'OPERATIONS',
  };
  return platformToken(s, claims, { lifetimeS: s.lifetimeS }, now);
}
