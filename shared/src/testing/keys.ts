import { generateKeyPairSync } from 'node:crypto';
import { AGENCIES, SUBGRAPH_NAMES } from '../agencies';
import { gatewayCredentialVariable, notifierKeyVariable } from '../config';

/** A fresh key pair as PEM text: RSA (RS256, user tokens as an identity provider signs them) or
 *  EC P-256 (ES256, quick to make: the platform's service key in tests). */
export function testKeyPair(kind: 'rsa' | 'ec' = 'ec'): { privateKey: string; publicKey: string } {
  const pair =
    kind === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** Production settings for tests: long, distinct secrets (one gateway credential per subgraph),
 *  a service key pair and every agency's notifier key pair. */
export function productionEnv(): Record<string, string> {
  return {
    WHOLECHILD_MODE: 'production',
    JWT_SECRET: 's'.repeat(40),
    ...gatewayCredentialEnv(),
    SERVICE_JWT_PRIVATE_KEY: testKeyPair('ec').privateKey,
    ...notifierKeyEnv(),
    AUDIT_CHECKPOINT_KEY: 'k'.repeat(40),
    REPRESENTATION_KEY: 'r'.repeat(40),
    DB_ROLE_KEY: 'd'.repeat(40),
    ANALYTICS_KEY: 'a'.repeat(40),
  };
}

/** One production-strength gateway credential per subgraph (GATEWAY_CREDENTIAL_<SUBGRAPH>). */
export function gatewayCredentialEnv(): Record<string, string> {
  return Object.fromEntries(
    SUBGRAPH_NAMES.map((n) => [gatewayCredentialVariable(n), `gateway-credential-of-${n}-${'g'.repeat(24)}`]),
  );
}

/** A fresh notifier key pair per agency (NOTIFIER_JWT_PRIVATE_KEY_<SUBGRAPH>): one process that
 *  serves every subgraph holds every private key (each public key derived from it). */
export function notifierKeyEnv(): Record<string, string> {
  return Object.fromEntries(
    AGENCIES.map((a) => [notifierKeyVariable(a, 'PRIVATE'), testKeyPair('ec').privateKey]),
  );
}
