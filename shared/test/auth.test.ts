import jwt from 'jsonwebtoken';
import { generateKeyPairSync } from 'node:crypto';
import { loadConfig } from '../src/config';
import { AuthError, signToken, TokenVerifier } from '../src/auth/jwt';

const config = loadConfig({});
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
      'minor\'s counsel from education',
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

  it('takes which roles an agency issues from configuration (AGENCY_ROLES)', () => {
    const court = signToken({ ...claims, agency: 'PROBATION', roles: ['COURT'] }, config.jwt);
    expect(verifier.verify(court).roles).toEqual(['COURT']);
    const narrowed = loadConfig({ AGENCY_ROLES: JSON.stringify({ PROBATION: ['PROBATION_OFFICER'] }) });
    const strict = new TokenVerifier(narrowed.jwt);
    expect(() => strict.verify(court)).toThrow(/COURT are not issued by PROBATION/);
    const officer = signToken({ ...claims, agency: 'PROBATION', roles: ['PROBATION_OFFICER'] }, config.jwt);
    expect(strict.verify(officer).roles).toEqual(['PROBATION_OFFICER']);
    expect(() => loadConfig({ AGENCY_ROLES: '{"HOUSING":["ROOT"]}' })).toThrow(/AGENCY_ROLES/);
    expect(() => loadConfig({ AGENCY_ROLES: 'not json' })).toThrow(/AGENCY_ROLES/);
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
