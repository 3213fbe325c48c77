/** The clearly marked development secrets, the service tokens' issuer and audience, and what
 *  production refuses (development, short or shared secrets): one place to read what a deployment
 *  must set. */
import { SUBGRAPH_NAMES } from '../agencies';
import { gatewayCredentialVariable, type Env } from './env';
import type { PlatformConfig } from './types';

/** The clearly marked development secret. Production mode refuses to start with it. */
export const DEV_JWT_SECRET = 'wholechild-DEVELOPMENT-ONLY-jwt-secret-not-for-production';
/** The clearly marked development key of the audit checkpoints. Production mode refuses it. */
export const DEV_AUDIT_CHECKPOINT_KEY = 'wholechild-DEVELOPMENT-ONLY-audit-checkpoint-key';

/** The clearly marked development key of the seals subgraphs put on what they tell each other
 *  (links, lent facts). Production mode refuses it. */
export const DEV_REPRESENTATION_KEY = 'wholechild-DEVELOPMENT-ONLY-representation-key';

/** The clearly marked development key of the child index's population measures (pseudonym
 *  salts, disclosure-control cell keys). Production mode refuses it. */
export const DEV_ANALYTICS_KEY = 'wholechild-DEVELOPMENT-ONLY-analytics-key';

/** The clearly marked development key the app database roles' passwords are derived from
 *  (HMAC per role). Production mode refuses it. */
export const DEV_DB_ROLE_KEY = 'wholechild-DEVELOPMENT-ONLY-database-role-key';

/** Root of the development credentials the gateway presents to subgraphs: each subgraph's is
 *  this, a colon and its name (devGatewayCredential). Production mode refuses anything built on it. */
export const DEV_GATEWAY_SECRET = 'wholechild-DEVELOPMENT-ONLY-gateway-credential';
/** Development only, when no service key pair is configured: the HS256 secret of the platform's
 *  own service tokens (the child index reading agency feeds). Never used in production. */
export const DEV_SERVICE_SECRET = 'wholechild-DEVELOPMENT-ONLY-service-token-secret';
/** Issuer and audience of the platform's service tokens: distinct from any user token's, so
 *  neither can pass as the other. */
export const SERVICE_TOKEN_ISSUER = 'wholechild-service';
export const SERVICE_TOKEN_AUDIENCE = 'wholechild-service';
/** Shortest secret production accepts, in bytes (HS256 wants a key as long as its hash). */
export const MIN_SECRET_BYTES = 32;

/** Production refuses what an outsider could guess or forge with: development secrets (even
 *  with spaces around them), secrets shorter than MIN_SECRET_BYTES, one secret serving two
 *  purposes (a subgraph's gateway credential that is another's, or the token or seal key), and no
 *  service key. A subgraph's credential may be unset here (a process serving other subgraphs does
 *  not hold it); the service that needs it refuses to start without it (gatewayCredentials). */
export function refuseWeakSecrets(e: Env, credentials: PlatformConfig['gatewayCredentials']): void {
  const refused: string[] = [];
  const dev = [
    DEV_JWT_SECRET,
    DEV_GATEWAY_SECRET,
    DEV_SERVICE_SECRET,
    DEV_AUDIT_CHECKPOINT_KEY,
    DEV_REPRESENTATION_KEY,
    DEV_DB_ROLE_KEY,
    DEV_ANALYTICS_KEY,
  ];
  const weak = (v: string | undefined, name: string) => {
    if (v === undefined) return;
    if (dev.includes(v.trim())) refused.push(`${name} (a development secret)`);
    else if (Buffer.byteLength(v.trim(), 'utf8') < MIN_SECRET_BYTES)
      refused.push(`${name} (shorter than ${MIN_SECRET_BYTES} bytes)`);
  };
  if (!e.JWT_PUBLIC_KEY && !e.JWT_SECRET) refused.push('JWT_SECRET or JWT_PUBLIC_KEY (unset)');
  weak(e.JWT_SECRET, 'JWT_SECRET');
  // the checkpoints' key is never the database's, the seals' key never the gateway's
  if (!e.AUDIT_CHECKPOINT_KEY) refused.push('AUDIT_CHECKPOINT_KEY (unset)');
  weak(e.AUDIT_CHECKPOINT_KEY, 'AUDIT_CHECKPOINT_KEY');
  weak(e.REPRESENTATION_KEY, 'REPRESENTATION_KEY');
  // the index's analytics key may be unset where no index runs (it refuses to start without it)
  weak(e.ANALYTICS_KEY, 'ANALYTICS_KEY');
  // DB_ROLE_KEY may be unset when every subgraph's app role URL is given (checked at its start)
  weak(e.DB_ROLE_KEY, 'DB_ROLE_KEY');
  // each secret its own: a gateway credential never another subgraph's, nor a key; the
  // database roles' key none of the others
  const keys = new Map<string, string>();
  for (const [k, v] of [
    ['JWT_SECRET', e.JWT_SECRET],
    ['REPRESENTATION_KEY', e.REPRESENTATION_KEY],
    ['AUDIT_CHECKPOINT_KEY', e.AUDIT_CHECKPOINT_KEY],
    ['ANALYTICS_KEY', e.ANALYTICS_KEY],
  ] as Array<[string, string | undefined]>)
    if (v !== undefined) keys.set(v.trim(), k);
  for (const name of SUBGRAPH_NAMES) {
    const variable = gatewayCredentialVariable(name);
    for (const c of credentials[name] ?? []) {
      if (c.startsWith(DEV_GATEWAY_SECRET)) {
        refused.push(`${variable} (a development secret)`);
        continue;
      }
      weak(c, variable);
      const other = keys.get(c);
      if (other)
        refused.push(
          `${variable} (equal to ${other}: ${other === 'REPRESENTATION_KEY' ? 'the gateway may not hold it' : 'each credential its own'})`,
        );
      else keys.set(c, variable);
    }
  }
  if (e.DB_ROLE_KEY && keys.has(e.DB_ROLE_KEY.trim())) refused.push('DB_ROLE_KEY (equal to another secret)');
  if (!e.SERVICE_JWT_PRIVATE_KEY && !e.SERVICE_JWT_PUBLIC_KEY)
    refused.push('SERVICE_JWT_PRIVATE_KEY or SERVICE_JWT_PUBLIC_KEY (unset)');
  if (refused.length)
    throw new Error(`Production mode refuses weak or development secrets; set: ${refused.join(', ')}`);
}
