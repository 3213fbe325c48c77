/** Credentials drawn from the configuration: each subgraph's gateway credentials, its database
 *  role settings, and how service tokens are signed. */
import type { SubgraphName } from '../agencies';
import { gatewayCredentialVariable } from './env';
import {
  DEV_GATEWAY_SECRET,
  DEV_SERVICE_SECRET,
  SERVICE_TOKEN_AUDIENCE,
  SERVICE_TOKEN_ISSUER,
} from './secrets';
import type { PlatformConfig, ServiceTokenConfig } from './types';

/** A subgraph's development credential: one per subgraph, as in production. */
export const devGatewayCredential = (name: SubgraphName) => `${DEV_GATEWAY_SECRET}:${name}`;

/** A subgraph's app role settings, as openSubgraphDatabase takes them. */
export function databaseRolesOf(config: Pick<PlatformConfig, 'dbRoles'>, name: SubgraphName) {
  return { key: config.dbRoles.key, appUrl: config.dbRoles.appUrls[name] };
}

/** The credentials a subgraph accepts from the gateway; the first is the one the gateway sends.
 *  Throws when the process holds none for it (production, its variable unset). */
export function gatewayCredentials(config: PlatformConfig, name: SubgraphName): string[] {
  const list = config.gatewayCredentials[name];
  if (!list?.length)
    throw new Error(
      `${gatewayCredentialVariable(name)} is unset: the ${name} subgraph's credential for the gateway (README "Operations")`,
    );
  return list;
}

/** The key of the seals subgraphs put on links and lent facts: every subgraph needs it, the
 *  gateway must not hold it, so it is asked for by the services that use it (production refuses
 *  to start one without it), not by every process. */
export function representationKeyOf(config: Pick<PlatformConfig, 'representationKey'>): string {
  if (!config.representationKey)
    throw new Error('REPRESENTATION_KEY is unset: every subgraph needs it (the gateway must not hold it)');
  return config.representationKey;
}

/** The credential the gateway presents to one subgraph (the first of its list). */
export const gatewayCredential = (config: PlatformConfig, name: SubgraphName): string =>
  gatewayCredentials(config, name)[0]!;

/** Service tokens' settings: the key pair when one is configured, else in development the
 *  DEV_SERVICE_SECRET (HS256), else none. */
export function serviceTokenConfig(
  privateKey: string | undefined,
  publicKey: string | undefined,
  mode: PlatformConfig['mode'],
): ServiceTokenConfig | undefined {
  const base = { issuer: SERVICE_TOKEN_ISSUER, audience: SERVICE_TOKEN_AUDIENCE, lifetimeS: 300 };
  if (privateKey || publicKey)
    return { ...base, privateKey: privateKey || undefined, publicKey: publicKey || undefined };
  return mode === 'development' ? { ...base, secret: DEV_SERVICE_SECRET } : undefined;
}

/** The child index's analytics key: asked for by the index alone (which refuses to start without
 *  it in production). */
export function analyticsKeyOf(config: Pick<PlatformConfig, 'analytics'>): string {
  if (!config.analytics.key) throw new Error('ANALYTICS_KEY is unset: the child index needs it');
  return config.analytics.key;
}
