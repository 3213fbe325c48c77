/**
 * `npm run token -- --agency housing --role INTEGRATION [--purpose OPERATIONS] [--sub name]`:
 * prints a development token for any agency and role on stdout (its description on stderr, so
 * `TOKEN=$(npm run -s token -- …)` keeps only the token). Signed with the DEVELOPMENT key only:
 * refused in production and when another user-token key is configured, since a token this
 * command could sign there would be a real credential.
 */
import {
  AGENCY_ROLES,
  DEV_JWT_SECRET,
  loadConfig,
  parseClaims,
  PURPOSES,
  ROLES,
  type AgencyCode,
  type PurposeOfUse,
  type Role,
} from '@wholechild/shared';
import { tokenFor } from '@wholechild/shared/testing';
import { AGENCY_NAMES, agencyOf, flagValue } from './cliArgs';

export const TOKEN_USAGE = `usage: npm run token -- --agency <${AGENCY_NAMES}|child-index> --role <ROLE> [--purpose <PURPOSE>] [--sub <subject>]

Prints a development token (12 h, DEVELOPMENT key only) for the gateway's Authorization header.
--purpose defaults to OPERATIONS for INTEGRATION and DATA_STEWARD, else CARE_COORDINATION;
--sub defaults to <agency>-<role>, e.g. housing-integration.`;

/** A refusal meant for the person at the terminal: printed as it is, with no stack. */
export class TokenRequestError extends Error {}

export interface MintedToken {
  token: string;
  /** One line saying what the token is, e.g. `HOUSING INTEGRATION, purpose OPERATIONS, …`. */
  description: string;
}

/** Roles whose work is moving records rather than reading them about a child. */
const OPERATIONS_ROLES: readonly Role[] = ['INTEGRATION', 'DATA_STEWARD', 'PRIVACY_OFFICER'];

function oneOf<T extends string>(what: string, value: string, allowed: readonly T[]): T {
  const upper = value.toUpperCase().replace(/-/g, '_');
  if ((allowed as readonly string[]).includes(upper)) return upper as T;
  throw new TokenRequestError(`unknown ${what} ${JSON.stringify(value)}; one of: ${allowed.join(', ')}`);
}

/** Reads the command line and the environment, and signs the token, or throws a
 *  TokenRequestError saying what to change. */
export function mintDevelopmentToken(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): MintedToken {
  // checked before loadConfig: production's own refusal of the development key would be the
  // less helpful message
  if ((env.WHOLECHILD_MODE ?? 'development') !== 'development')
    throw new TokenRequestError(
      `npm run token mints development tokens only, and WHOLECHILD_MODE is ${env.WHOLECHILD_MODE}: ` +
        `in production, tokens come from the agency's identity provider`,
    );
  const config = loadConfig(env, { defaultMode: 'development' });
  if (config.jwt.publicKey || config.jwt.secret !== DEV_JWT_SECRET)
    throw new TokenRequestError(
      'npm run token signs with the development key only, and this environment configures its own ' +
        '(JWT_SECRET or JWT_PUBLIC_KEY): unset it, or get a token from the identity provider that holds it',
    );
  const agencyArg = flagValue(args, 'agency');
  const roleArg = flagValue(args, 'role');
  if (!agencyArg || !roleArg) throw new TokenRequestError(TOKEN_USAGE);
  const agency: AgencyCode | 'CHILD_INDEX' | null = /^child[-_]?index$/i.test(agencyArg)
    ? 'CHILD_INDEX'
    : agencyOf(agencyArg);
  if (!agency)
    throw new TokenRequestError(
      `unknown agency ${JSON.stringify(agencyArg)}; one of: ${AGENCY_NAMES}|child-index`,
    );
  const role = oneOf<Role>('role', roleArg, ROLES);
  const issued = config.jwt.agencyRoles?.[agency] ?? AGENCY_ROLES[agency];
  if (role === 'SERVICE' || !issued.includes(role))
    throw new TokenRequestError(
      `${agency} does not issue the role ${role}; it issues: ${issued.filter((r) => r !== 'SERVICE').join(', ')}`,
    );
  const purposeArg = flagValue(args, 'purpose');
  const purposeOfUse: PurposeOfUse = purposeArg
    ? oneOf<PurposeOfUse>('purpose', purposeArg, PURPOSES)
    : OPERATIONS_ROLES.includes(role)
      ? 'OPERATIONS'
      : 'CARE_COORDINATION';
  const sub =
    flagValue(args, 'sub') ||
    `${agency.toLowerCase().replace(/_/g, '-')}-${role.toLowerCase().replace(/_/g, '-')}`;
  // the gateway's own check of the claims, so a token printed here is one it accepts
  const { problems } = parseClaims({ sub, agency, roles: [role], purposeOfUse }, config.jwt.agencyRoles);
  if (problems.length) throw new TokenRequestError(`the token would be refused: ${problems.join('; ')}`);
  return {
    token: tokenFor(agency, { roles: [role], purposeOfUse, sub }, config),
    description: `${agency} ${role}, purpose ${purposeOfUse}, sub ${sub}; 12 h, DEVELOPMENT key only`,
  };
}

if (require.main === module) {
  try {
    const args = process.argv.slice(2);
    if (args.includes('--help')) {
      console.log(TOKEN_USAGE);
    } else {
      const { token, description } = mintDevelopmentToken(args);
      process.stderr.write(`${description}\n`);
      process.stdout.write(`${token}\n`);
    }
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(e instanceof TokenRequestError ? 64 : 1);
  }
}
