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
    [
      'missing purpose',
      `Bearer ${jwt.sign({ sub: 'u', agency: 'EDUCATION', roles: [] }, config.jwt.secret!, { issuer: 'wholechild', audience: 'wholechild-api' })}`,
      /purposeOfUse/,
    ],
  ])('rejects %s', (_name, header, reason) => {
    expect(() => verifier.verifyHeader(header)).toThrow(AuthError);
    expect(() => verifier.verifyHeader(header)).toThrow(reason);
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
