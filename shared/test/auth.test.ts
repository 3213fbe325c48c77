import jwt from 'jsonwebtoken';
import { generateKeyPairSync } from 'node:crypto';
import { loadConfig, notifierKeyVariable } from '../src/config';
import {
  AuthError,
  notifierKid,
  notifierSubject,
  notifierToken,
  serviceToken,
  signToken,
  TokenVerifier,
} from '../src/auth/jwt';
import { gatewayCredentialEnv, productionEnv, testKeyPair } from '../src/testing/keys';

const config = loadConfig({ WHOLECHILD_MODE: 'development' });
const claims = {
  sub: 'u1',
  agency: 'EDUCATION' as const,
  roles: ['EDUCATOR' as const],
  purposeOfUse: 'CARE_COORDINATION' as const,
};

describe(TokenVerifier.name, () => {
  const verifier = new TokenVerifier(config.jwt);

  it('accepts a valid HS256 token and returns typed claims', () => {
    expect(verifier.verifyHeader(`Bearer ${signToken(claims, config.jwt)}`)).toEqual(claims);
  });

  it.each([
    ['missing header', undefined, /missing/],
    ['not bearer', 'Basic abc', /missing/],
    ['garbage', 'Bearer abc.def.ghi', /invalid/],
    [
      'wrong secret',
      `Bearer ${jwt.sign(claims, 'another-secret-that-is-long', { issuer: 'wholechild', audience: 'wholechild-api' })}`,
      /invalid/,
    ],
    [
      'wrong audience',
      `Bearer ${jwt.sign(claims, config.jwt.secret!, { issuer: 'wholechild', audience: 'other' })}`,
      /invalid/,
    ],
    [
      'expired',
      `Bearer ${jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 }, config.jwt.secret!, { issuer: 'wholechild', audience: 'wholechild-api' })}`,
      /expired/,
    ],
    ['unknown agency', `Bearer ${signToken({ ...claims, agency: 'FBI' as never }, config.jwt)}`, /agency/],
    ['unknown role', `Bearer ${signToken({ ...claims, roles: ['ROOT' as never] }, config.jwt)}`, /roles/],
    // roles belong to agencies: a housing account is never the court nor a clinician
    [
      'a court role from housing',
      `Bearer ${signToken({ ...claims, agency: 'HOUSING', roles: ['COURT'] }, config.jwt)}`,
      /COURT are not issued by HOUSING/,
    ],
    [
      'a clinician from housing, beside a role housing does issue',
      `Bearer ${signToken({ ...claims, agency: 'HOUSING', roles: ['HOUSING_NAVIGATOR', 'CLINICIAN'] }, config.jwt)}`,
      /CLINICIAN are not issued by HOUSING/,
    ],
    [
      "minor's counsel from education",
      `Bearer ${signToken({ ...claims, roles: ['MINORS_COUNSEL'] }, config.jwt)}`,
      /MINORS_COUNSEL are not issued by EDUCATION/,
    ],
    [
      'missing purpose',
      `Bearer ${jwt.sign({ sub: 'u', agency: 'EDUCATION', roles: [] }, config.jwt.secret!, { issuer: 'wholechild', audience: 'wholechild-api' })}`,
      /purposeOfUse/,
    ],
  ])('rejects %s', (_name, header, reason) => {
    expect(() => verifier.verifyHeader(header)).toThrow(AuthError);
    expect(() => verifier.verifyHeader(header)).toThrow(reason);
  });

  describe('every token expires, soon, and its claims fit', () => {
    const sign = (payload: object, opts: jwt.SignOptions = {}) =>
      `Bearer ${jwt.sign(payload, config.jwt.secret!, { issuer: 'wholechild', audience: 'wholechild-api', ...opts })}`;
    const nowS = () => Math.floor(Date.now() / 1000);
    const reason = 'unresponsive youth in the emergency department';
    it.each([
      ['no exp at all', sign(claims), /lacks an expiry/],
      ['exp a hundred years ahead', sign(claims, { expiresIn: '36500d' }), /longer than 43200 s/],
      ['12 h and a minute', sign(claims, { expiresIn: 43_260 }), /longer than 43200 s/],
      [
        'no iat and exp two days ahead',
        sign({ ...claims, exp: nowS() + 2 * 86400 }, { noTimestamp: true }),
        /longer than/,
      ],
      [
        'iat an hour in the future',
        sign({ ...claims, iat: nowS() + 3600 }, { expiresIn: '1h' }),
        /issued in the future/,
      ],
      [
        'break-glass for 2 h',
        sign({ ...claims, purposeOfUse: 'EMERGENCY', breakGlassReason: reason }, { expiresIn: '2h' }),
        /longer than 3600 s \(break-glass\)/,
      ],
      ['a 201-character sub', sign({ ...claims, sub: 'u'.repeat(201) }, { expiresIn: '1h' }), /sub/],
      ['a NUL in the sub', sign({ ...claims, sub: 'user\u0000x' }, { expiresIn: '1h' }), /sub/],
      [
        'a 501-character break-glass reason',
        sign(
          { ...claims, purposeOfUse: 'EMERGENCY', breakGlassReason: 'r'.repeat(501) },
          { expiresIn: '30m' },
        ),
        /breakGlassReason/,
      ],
    ])('refuses %s', (_name, header, problem) => {
      expect(() => verifier.verifyHeader(header)).toThrow(AuthError);
      expect(() => verifier.verifyHeader(header)).toThrow(problem);
    });
    it('accepts 12 h, break-glass for 1 h, a 200-character sub, and takes the limits from configuration', () => {
      expect(verifier.verifyHeader(sign(claims, { expiresIn: '12h' })).sub).toBe('u1');
      const glass = sign(
        { ...claims, purposeOfUse: 'EMERGENCY', breakGlassReason: reason },
        { expiresIn: '1h' },
      );
      expect(verifier.verifyHeader(glass).breakGlassReason).toBe(reason);
      expect(
        verifier.verifyHeader(sign({ ...claims, sub: 's'.repeat(200) }, { expiresIn: '1h' })).sub,
      ).toHaveLength(200);
      const short = new TokenVerifier(
        loadConfig({ WHOLECHILD_MODE: 'development', JWT_MAX_LIFETIME_S: '600' }).jwt,
      );
      expect(() => short.verifyHeader(sign(claims, { expiresIn: '1h' }))).toThrow(/longer than 600 s/);
      expect(short.verifyHeader(sign(claims, { expiresIn: '10m' })).sub).toBe('u1');
    });
  });

  it('takes which roles an agency issues from configuration (AGENCY_ROLES)', () => {
    const court = signToken({ ...claims, agency: 'PROBATION', roles: ['COURT'] }, config.jwt);
    expect(verifier.verify(court).roles).toEqual(['COURT']);
    const narrowed = loadConfig({
      WHOLECHILD_MODE: 'development',
      AGENCY_ROLES: JSON.stringify({ PROBATION: ['PROBATION_OFFICER'] }),
    });
    const strict = new TokenVerifier(narrowed.jwt);
    expect(() => strict.verify(court)).toThrow(/COURT are not issued by PROBATION/);
    const officer = signToken({ ...claims, agency: 'PROBATION', roles: ['PROBATION_OFFICER'] }, config.jwt);
    expect(strict.verify(officer).roles).toEqual(['PROBATION_OFFICER']);
    expect(() =>
      loadConfig({ WHOLECHILD_MODE: 'development', AGENCY_ROLES: '{"HOUSING":["ROOT"]}' }),
    ).toThrow(/AGENCY_ROLES/);
    expect(() => loadConfig({ WHOLECHILD_MODE: 'development', AGENCY_ROLES: 'not json' })).toThrow(
      /AGENCY_ROLES/,
    );
  });

  describe('tokens verified before (the same token on every request)', () => {
    let clock = Date.now();
    const cached = new TokenVerifier(config.jwt, () => clock, 3);
    const token = signToken(claims, config.jwt, '60s');

    it('answers the same claims again, frozen, and refuses the token once it expires', () => {
      // The token's own expiry (whole seconds), not the wall clock of the test.
      const expiresAt = (jwt.decode(token) as { exp: number }).exp * 1000;
      clock = expiresAt - 60_000;
      const first = cached.verify(token);
      expect(first).toEqual(claims);
      expect(Object.isFrozen(first) && Object.isFrozen(first.roles)).toBe(true);
      expect(cached.verify(token)).toBe(first);
      clock = expiresAt - 1;
      expect(cached.verify(token)).toBe(first);
      clock = expiresAt;
      expect(() => cached.verify(token)).toThrow(/expired/);
      expect(() => cached.verify(token)).toThrow(/expired/);
    });

    it('never accepts a changed token because its original was verified', () => {
      clock = Date.now();
      cached.verify(token);
      const [h, p, sig] = token.split('.');
      const forged = Buffer.from(p!, 'base64url').toString().replace('EDUCATOR', 'SUPERVISOR');
      expect(() => cached.verify(`${h}.${Buffer.from(forged).toString('base64url')}.${sig}`)).toThrow(
        /invalid/,
      );
      expect(() => cached.verify(`${token}x`)).toThrow(/invalid/);
    });

    it('keeps at most its size, oldest out first, and still verifies those again', () => {
      clock = Date.now();
      const tokens = ['a', 'b', 'c', 'd'].map((sub) => signToken({ ...claims, sub }, config.jwt, '60s'));
      for (const t of tokens) cached.verify(t);
      expect((cached as unknown as { verified: Map<string, unknown> }).verified.size).toBe(3);
      expect(cached.verify(tokens[0]!).sub).toBe('a');
    });
  });

  it('verifies RS256 with a public key and refuses HS256 tokens then (no algorithm confusion)', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const rs = new TokenVerifier({ publicKey: pem, issuer: 'wholechild', audience: 'wholechild-api' });
    const good = jwt.sign(claims, privateKey, {
      algorithm: 'RS256',
      issuer: 'wholechild',
      audience: 'wholechild-api',
      expiresIn: '1h',
    });
    expect(rs.verify(good).agency).toBe('EDUCATION');
    const forged = jwt.sign(claims, pem, {
      algorithm: 'HS256',
      issuer: 'wholechild',
      audience: 'wholechild-api',
    });
    expect(() => rs.verify(forged)).toThrow(AuthError);
  });
});

describe('service tokens', () => {
  const svc = testKeyPair('ec');
  const idp = testKeyPair('rsa');
  /** Production: RS256 user tokens (public key only) and the platform's service key pair. */
  const prod = loadConfig({
    WHOLECHILD_MODE: 'production',
    JWT_PUBLIC_KEY: idp.publicKey,
    ...gatewayCredentialEnv(),
    AUDIT_CHECKPOINT_KEY: 'k'.repeat(40),
    REPRESENTATION_KEY: 'r'.repeat(40),
    SERVICE_JWT_PRIVATE_KEY: svc.privateKey,
  });
  const service = {
    sub: 'service:child-index',
    agency: 'CHILD_INDEX',
    roles: ['SERVICE'],
    purposeOfUse: 'OPERATIONS',
  };
  const asService = { issuer: 'wholechild-service', audience: 'wholechild-service', expiresIn: 300 } as const;

  it('signs with the service key (ES256 here), never the user key, and every verifier takes it', () => {
    const token = serviceToken(prod.jwt);
    expect(jwt.decode(token, { complete: true })!.header.alg).toBe('ES256');
    expect(new TokenVerifier(prod.jwt).verify(token)).toMatchObject({
      agency: 'CHILD_INDEX',
      roles: ['SERVICE'],
    });
    // a subgraph holding only the public key verifies it too
    const publicOnly = loadConfig({
      WHOLECHILD_MODE: 'production',
      JWT_PUBLIC_KEY: idp.publicKey,
      ...gatewayCredentialEnv(),
      AUDIT_CHECKPOINT_KEY: 'k'.repeat(40),
      REPRESENTATION_KEY: 'r'.repeat(40),
      SERVICE_JWT_PUBLIC_KEY: svc.publicKey,
    });
    expect(new TokenVerifier(publicOnly.jwt).verify(token).roles).toEqual(['SERVICE']);
    expect(() => serviceToken(publicOnly.jwt)).toThrow(/no service signing key/);
  });

  it('in development without a key, signs with the development service secret, not the user secret', () => {
    const token = serviceToken(config.jwt);
    expect(jwt.verify(token, 'wholechild-DEVELOPMENT-ONLY-service-token-secret')).toMatchObject(service);
    expect(() => jwt.verify(token, config.jwt.secret!)).toThrow();
    expect(new TokenVerifier(config.jwt).verify(token).agency).toBe('CHILD_INDEX');
  });

  it('is reused for a fifth of its five minutes, then signed afresh', () => {
    let now = Date.now();
    const a = serviceToken(prod.jwt, () => now);
    now += 59_000;
    expect(serviceToken(prod.jwt, () => now)).toBe(a);
    now += 2_000;
    expect(serviceToken(prod.jwt, () => now)).not.toBe(a);
  });

  it.each([
    [
      'a user token (user key) claiming the service',
      () =>
        jwt.sign(service, idp.privateKey, {
          algorithm: 'RS256',
          issuer: 'wholechild',
          audience: 'wholechild-api',
          expiresIn: '1h',
        }),
    ],
    [
      'a token of the user key under the service issuer',
      () => jwt.sign(service, idp.privateKey, { algorithm: 'RS256', ...asService }),
    ],
    [
      'a user (caseworker) signed with the service key',
      () =>
        jwt.sign(claims, svc.privateKey, {
          algorithm: 'ES256',
          issuer: 'wholechild',
          audience: 'wholechild-api',
          expiresIn: '1h',
        }),
    ],
    [
      'the service key signing a caseworker as a service token',
      () => jwt.sign(claims, svc.privateKey, { algorithm: 'ES256', ...asService }),
    ],
    [
      'the service with a second role',
      () =>
        jwt.sign({ ...service, roles: ['SERVICE', 'DATA_STEWARD'] }, svc.privateKey, {
          algorithm: 'ES256',
          ...asService,
        }),
    ],
    [
      'a service token living an hour',
      () => jwt.sign(service, svc.privateKey, { algorithm: 'ES256', ...asService, expiresIn: '1h' }),
    ],
    [
      'HS256 with the service public key as secret',
      () => jwt.sign(service, svc.publicKey, { algorithm: 'HS256', ...asService }),
    ],
  ])('refuses %s', (_, token) => {
    expect(() => new TokenVerifier(prod.jwt).verify(token())).toThrow(AuthError);
  });

  it('refuses, in development, the SERVICE role in a user token and a service token of the user secret', () => {
    const v = new TokenVerifier(config.jwt);
    const userSecret = config.jwt.secret!;
    const opts = { issuer: 'wholechild', audience: 'wholechild-api', expiresIn: '1h' } as const;
    expect(() => v.verify(jwt.sign(service, userSecret, opts))).toThrow(/SERVICE/);
    expect(() => v.verify(jwt.sign(service, userSecret, asService))).toThrow(AuthError);
    expect(() => signToken(service as never, config.jwt)).toThrow(/serviceToken/);
  });
});

describe('notifier tokens (each agency its own dispatcher identity)', () => {
  const svc = testKeyPair('ec');
  const cwKey = testKeyPair('ec');
  const housingKey = testKeyPair('rsa');
  /** Production as child welfare's process holds it: its own private key, the others' public keys. */
  const prod = loadConfig({
    ...productionEnv(),
    SERVICE_JWT_PRIVATE_KEY: '',
    SERVICE_JWT_PUBLIC_KEY: svc.publicKey,
    [notifierKeyVariable('CHILD_WELFARE', 'PRIVATE')]: cwKey.privateKey,
    [notifierKeyVariable('HOUSING', 'PRIVATE')]: '',
    [notifierKeyVariable('HOUSING', 'PUBLIC')]: housingKey.publicKey,
  });
  const asService = { issuer: 'wholechild-service', audience: 'wholechild-service', expiresIn: 300 } as const;
  const cwClaims = {
    sub: 'service:child-welfare-notifications',
    agency: 'CHILD_WELFARE',
    roles: ['SERVICE'],
    purposeOfUse: 'OPERATIONS',
  };

  it("signs with the agency's own key, names it, and verifies as that agency's dispatcher only", () => {
    const token = notifierToken(prod.jwt, 'CHILD_WELFARE');
    const { header } = jwt.decode(token, { complete: true })!;
    expect(header).toMatchObject({ alg: 'ES256', kid: notifierKid('CHILD_WELFARE') });
    expect(new TokenVerifier(prod.jwt).verify(token)).toEqual({
      sub: notifierSubject('CHILD_WELFARE'),
      agency: 'CHILD_WELFARE',
      roles: ['SERVICE'],
      purposeOfUse: 'OPERATIONS',
    });
    // this process holds no housing private key: it cannot speak for housing
    expect(() => notifierToken(prod.jwt, 'HOUSING')).toThrow(/NOTIFIER_JWT_PRIVATE_KEY_HOUSING/);
    // a verifier without child welfare's key refuses it
    const without = loadConfig({ ...productionEnv(), [notifierKeyVariable('CHILD_WELFARE', 'PRIVATE')]: '' });
    expect(() => new TokenVerifier(without.jwt).verify(token)).toThrow(AuthError);
  });

  it.each([
    [
      "housing's name under child welfare's key (housing's kid)",
      () =>
        jwt.sign({ ...cwClaims, agency: 'HOUSING', sub: 'service:housing-notifications' }, cwKey.privateKey, {
          algorithm: 'ES256',
          keyid: notifierKid('HOUSING'),
          ...asService,
        }),
    ],
    [
      "housing's name under child welfare's key (its own kid)",
      () =>
        jwt.sign({ ...cwClaims, agency: 'HOUSING' }, cwKey.privateKey, {
          algorithm: 'ES256',
          keyid: notifierKid('CHILD_WELFARE'),
          ...asService,
        }),
    ],
    [
      "the index's name under child welfare's key",
      () =>
        jwt.sign({ ...cwClaims, agency: 'CHILD_INDEX' }, cwKey.privateKey, {
          algorithm: 'ES256',
          keyid: notifierKid('CHILD_WELFARE'),
          ...asService,
        }),
    ],
    [
      "child welfare's dispatcher under the index's service key (no kid)",
      () => jwt.sign(cwClaims, svc.privateKey, { algorithm: 'ES256', ...asService }),
    ],
    [
      'a caseworker under the notifier key',
      () =>
        jwt.sign({ ...cwClaims, roles: ['CASEWORKER'] }, cwKey.privateKey, {
          algorithm: 'ES256',
          keyid: notifierKid('CHILD_WELFARE'),
          ...asService,
        }),
    ],
    [
      'another subject',
      () =>
        jwt.sign({ ...cwClaims, sub: 'someone' }, cwKey.privateKey, {
          algorithm: 'ES256',
          keyid: notifierKid('CHILD_WELFARE'),
          ...asService,
        }),
    ],
    [
      'a notifier token living an hour',
      () =>
        jwt.sign(cwClaims, cwKey.privateKey, {
          algorithm: 'ES256',
          keyid: notifierKid('CHILD_WELFARE'),
          ...asService,
          expiresIn: '1h',
        }),
    ],
    [
      'the user audience',
      () =>
        jwt.sign(cwClaims, cwKey.privateKey, {
          algorithm: 'ES256',
          keyid: notifierKid('CHILD_WELFARE'),
          issuer: 'wholechild',
          audience: 'wholechild-api',
          expiresIn: 300,
        }),
    ],
    [
      "HS256 with housing's public key as secret",
      () =>
        jwt.sign(
          { ...cwClaims, agency: 'HOUSING', sub: 'service:housing-notifications' },
          housingKey.publicKey,
          {
            algorithm: 'HS256',
            keyid: notifierKid('HOUSING'),
            ...asService,
          },
        ),
    ],
  ])('refuses %s', (_, token) => {
    expect(() => new TokenVerifier(prod.jwt).verify(token())).toThrow(AuthError);
  });
});

describe('an identity provider signing ES256', () => {
  const idp = testKeyPair('ec');
  const { JWT_SECRET: _unused, ...env } = productionEnv();
  const config = loadConfig({ ...env, JWT_PUBLIC_KEY: idp.publicKey });
  const user = {
    sub: 'ed-1',
    agency: 'EDUCATION',
    roles: ['EDUCATOR'],
    purposeOfUse: 'CARE_COORDINATION',
  };
  const opts = { issuer: 'wholechild', audience: 'wholechild-api', expiresIn: '1h' } as const;

  it('verifies its tokens under its EC key with ES256, and no other algorithm', () => {
    const v = new TokenVerifier(config.jwt);
    expect(v.verify(jwt.sign(user, idp.privateKey, { algorithm: 'ES256', ...opts }))).toMatchObject(user);
    // the public key as an HS256 secret (algorithm confusion), or another key: refused
    expect(() => v.verify(jwt.sign(user, idp.publicKey, { algorithm: 'HS256', ...opts }))).toThrow(AuthError);
    expect(() =>
      v.verify(jwt.sign(user, testKeyPair('ec').privateKey, { algorithm: 'ES256', ...opts })),
    ).toThrow(AuthError);
    expect(() => loadConfig({ ...productionEnv(), JWT_PUBLIC_KEY: 'not a key' })).toThrow(
      /JWT_PUBLIC_KEY \(not a PEM key\)/,
    );
  });
});

describe('keys rotating: a public-key variable holding the old and the new key', () => {
  const asService = { issuer: 'wholechild-service', audience: 'wholechild-service', expiresIn: 300 } as const;
  const user = { sub: 'ed-2', agency: 'EDUCATION', roles: ['EDUCATOR'], purposeOfUse: 'CARE_COORDINATION' };
  const asUser = { issuer: 'wholechild', audience: 'wholechild-api', expiresIn: '1h' } as const;

  it("takes either key of the identity provider, of the service and of an agency's notifier, and no third", () => {
    const [idpOld, idpNew] = [testKeyPair('rsa'), testKeyPair('ec')];
    const [svcOld, svcNew] = [testKeyPair('ec'), testKeyPair('ec')];
    const [cwOld, cwNew] = [testKeyPair('ec'), testKeyPair('ec')];
    const { JWT_SECRET: _s, SERVICE_JWT_PRIVATE_KEY: _p, ...env } = productionEnv();
    const config = loadConfig({
      ...env,
      // PEM blocks one after another, or base64 PEMs separated by a comma
      JWT_PUBLIC_KEY: `${idpOld.publicKey}\n${idpNew.publicKey}`,
      SERVICE_JWT_PUBLIC_KEY: [svcOld.publicKey, svcNew.publicKey]
        .map((k) => Buffer.from(k).toString('base64'))
        .join(','),
      [notifierKeyVariable('CHILD_WELFARE', 'PRIVATE')]: cwNew.privateKey,
      [notifierKeyVariable('CHILD_WELFARE', 'PUBLIC')]: `${cwOld.publicKey}${cwNew.publicKey}`,
    });
    const v = new TokenVerifier(config.jwt);
    expect(v.verify(jwt.sign(user, idpOld.privateKey, { algorithm: 'RS256', ...asUser })).sub).toBe('ed-2');
    expect(v.verify(jwt.sign(user, idpNew.privateKey, { algorithm: 'ES256', ...asUser })).sub).toBe('ed-2');
    const service = {
      sub: 'service:child-index',
      agency: 'CHILD_INDEX',
      roles: ['SERVICE'],
      purposeOfUse: 'OPERATIONS',
    };
    for (const k of [svcOld, svcNew])
      expect(v.verify(jwt.sign(service, k.privateKey, { algorithm: 'ES256', ...asService })).agency).toBe(
        'CHILD_INDEX',
      );
    const cw = {
      sub: 'service:child-welfare-notifications',
      agency: 'CHILD_WELFARE',
      roles: ['SERVICE'],
      purposeOfUse: 'OPERATIONS',
    };
    const byCw = (k: string) =>
      jwt.sign(cw, k, { algorithm: 'ES256', keyid: notifierKid('CHILD_WELFARE'), ...asService });
    expect(v.verify(byCw(cwOld.privateKey)).agency).toBe('CHILD_WELFARE');
    expect(v.verify(notifierToken(config.jwt, 'CHILD_WELFARE')).agency).toBe('CHILD_WELFARE');
    // a third key of each: refused
    const other = testKeyPair('ec').privateKey;
    expect(() => v.verify(jwt.sign(user, other, { algorithm: 'ES256', ...asUser }))).toThrow(AuthError);
    expect(() => v.verify(jwt.sign(service, other, { algorithm: 'ES256', ...asService }))).toThrow(AuthError);
    expect(() => v.verify(byCw(other))).toThrow(AuthError);
    // the private key must be the half of one of the public keys
    expect(() =>
      loadConfig({
        ...env,
        JWT_PUBLIC_KEY: idpOld.publicKey,
        [notifierKeyVariable('CHILD_WELFARE', 'PRIVATE')]: testKeyPair('ec').privateKey,
        [notifierKeyVariable('CHILD_WELFARE', 'PUBLIC')]: `${cwOld.publicKey}${cwNew.publicKey}`,
      }),
    ).toThrow(/NOTIFIER_JWT_PUBLIC_KEY_CHILD_WELFARE \(not the public half/);
    // one bad key among two is named
    const withService = { ...env, SERVICE_JWT_PUBLIC_KEY: svcOld.publicKey };
    expect(() => loadConfig({ ...withService, JWT_PUBLIC_KEY: `${idpOld.publicKey},bm90IGEga2V5` })).toThrow(
      /JWT_PUBLIC_KEY \(not a PEM key\)/,
    );
    expect(() =>
      loadConfig({
        ...withService,
        JWT_PUBLIC_KEY: `bm90IGEga2V5,${Buffer.from(idpOld.publicKey).toString('base64')}`,
      }),
    ).toThrow(/JWT_PUBLIC_KEY \(not a PEM key\)/);
  });
});
