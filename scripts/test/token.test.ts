import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { DEV_JWT_SECRET, loadConfig, TokenVerifier } from '@wholechild/shared';
import { mintDevelopmentToken, TokenRequestError } from '../token';

/** What `npm start` runs with: no mode set, so development. */
const DEV_ENV: NodeJS.ProcessEnv = {};
const verifier = new TokenVerifier(loadConfig({ WHOLECHILD_MODE: 'development' }).jwt);

function refusal(args: string[], env: NodeJS.ProcessEnv = DEV_ENV): string {
  try {
    mintDevelopmentToken(args, env);
  } catch (e) {
    expect(e).toBeInstanceOf(TokenRequestError);
    return (e as Error).message;
  }
  throw new Error(`minted a token for ${args.join(' ')}`);
}

describe('npm run token', () => {
  it('mints a token the platform accepts, for the agency, role and purpose asked', () => {
    const { token, description } = mintDevelopmentToken(
      ['--agency', 'housing', '--role', 'INTEGRATION'],
      DEV_ENV,
    );
    expect(verifier.verify(token)).toEqual({
      sub: 'housing-integration',
      agency: 'HOUSING',
      roles: ['INTEGRATION'],
      purposeOfUse: 'OPERATIONS',
    });
    expect(description).toContain('DEVELOPMENT key only');
    const other = mintDevelopmentToken(
      ['--agency=behavioralHealth', '--role', 'clinician', '--purpose', 'treatment', '--sub', 'dr-who'],
      DEV_ENV,
    );
    expect(verifier.verify(other.token)).toEqual({
      sub: 'dr-who',
      agency: 'BEHAVIORAL_HEALTH',
      roles: ['CLINICIAN'],
      purposeOfUse: 'TREATMENT',
    });
  });

  it('names the allowed values when an agency, role or purpose is not the platform’s', () => {
    expect(refusal(['--agency', 'parks', '--role', 'INTEGRATION'])).toMatch(
      /unknown agency "parks"; one of: child-welfare\|behavioral-health\|probation\|education\|housing/,
    );
    expect(refusal(['--agency', 'housing', '--role', 'JANITOR'])).toMatch(
      /unknown role "JANITOR"; one of: .*INTEGRATION/,
    );
    // a role the agency's identity provider may not issue: the gateway would refuse the token
    expect(refusal(['--agency', 'housing', '--role', 'CLINICIAN'])).toMatch(
      /HOUSING does not issue the role CLINICIAN; it issues: HOUSING_NAVIGATOR/,
    );
    expect(refusal(['--agency', 'child-index', '--role', 'SERVICE'])).toMatch(
      /does not issue the role SERVICE/,
    );
    expect(refusal(['--agency', 'housing', '--role', 'INTEGRATION', '--purpose', 'CURIOSITY'])).toMatch(
      /unknown purpose "CURIOSITY"; one of: TREATMENT, CARE_COORDINATION/,
    );
    expect(refusal(['--agency', 'housing', '--role', 'INTEGRATION', '--sub', 'x'.repeat(201)])).toMatch(
      /would be refused: sub/,
    );
    expect(refusal(['--role', 'INTEGRATION'])).toMatch(/^usage: npm run token/);
  });

  it('refuses in production and under any key but the development one', () => {
    expect(
      refusal(['--agency', 'housing', '--role', 'INTEGRATION'], { WHOLECHILD_MODE: 'production' }),
    ).toMatch(/development tokens only, and WHOLECHILD_MODE is production/);
    const own = { JWT_SECRET: 'this-deployment-has-its-own-user-token-secret' };
    expect(refusal(['--agency', 'housing', '--role', 'INTEGRATION'], own)).toMatch(/development key only/);
    // the development secret set explicitly is still the development key
    const explicit = mintDevelopmentToken(['--agency', 'housing', '--role', 'INTEGRATION'], {
      JWT_SECRET: DEV_JWT_SECRET,
    });
    expect(verifier.verify(explicit.token).agency).toBe('HOUSING');
  });

  it('prints only the token on stdout, the description on stderr, and exits 64 on a refusal', () => {
    const root = path.resolve(__dirname, '../..');
    const run = (args: string[], env: NodeJS.ProcessEnv) =>
      spawnSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/token.ts', ...args], {
        cwd: root,
        env: { PATH: process.env.PATH, ...env },
        encoding: 'utf8',
      });
    const ok = run(['--agency', 'education', '--role', 'EDUCATOR'], {});
    expect(ok.status).toBe(0);
    expect(verifier.verify(ok.stdout.trim()).roles).toEqual(['EDUCATOR']);
    expect(ok.stderr).toContain('EDUCATION EDUCATOR, purpose CARE_COORDINATION');
    const refused = run(['--agency', 'education', '--role', 'EDUCATOR'], { WHOLECHILD_MODE: 'production' });
    expect(refused.status).toBe(64);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/development tokens only/);
  });
});
