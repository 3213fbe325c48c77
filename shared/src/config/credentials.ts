/** Credentials drawn from the configuration: each subgraph's gateway credentials, its database
 *  role settings, and how service tokens are signed. */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { AGENCIES, AGENCY_SUBGRAPH, type AgencyCode, type SubgraphName } from '../agencies';
import { gatewayCredentialVariable, notifierKeyVariable } from './env';
import {
  DEV_GATEWAY_SECRET,
  DEV_SERVICE_SECRET,
  SERVICE_TOKEN_AUDIENCE,
  SERVICE_TOKEN_ISSUER,
} from './secrets';
import type { NotifierKeyConfig, PlatformConfig, ServiceTokenConfig } from './types';

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

/** PEM text, or base64 of it (handy in one-line environment variables). */
export function pemText(v: string): string {
  return v.includes('BEGIN') ? v : Buffer.from(v, 'base64').toString('utf8');
}

/** The keys of a public-key variable, as PEM texts: one key, or two while one rotates (the old and
 *  the new, both accepted): PEM blocks one after another, or base64 PEMs separated by a comma. */
export function publicKeyTexts(value: string): string[] {
  if (value.includes('BEGIN')) {
    const blocks = /-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g;
    const rest = value.replace(blocks, '').replace(/[\s,]/g, '');
    // anything beside the blocks is kept, to be refused as no key rather than passed over
    return [...(value.match(blocks) ?? []), ...(rest ? [rest] : [])];
  }
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '')
    .map((v) => Buffer.from(v, 'base64').toString('utf8'));
}

/** Every key of a variable as DER (to compare keys: a private key as its public half), or why one
 *  is refused: RSA or EC P-256 only. A public-key variable may hold several (publicKeyTexts). */
export function publicKeyDers(value: string, kind: 'PRIVATE' | 'PUBLIC'): Buffer[] | string {
  const texts = kind === 'PRIVATE' ? [pemText(value)] : publicKeyTexts(value);
  if (!texts.length) return 'not a PEM key';
  const ders: Buffer[] = [];
  for (const text of texts) {
    try {
      const key = kind === 'PRIVATE' ? createPublicKey(createPrivateKey(text)) : createPublicKey(text);
      const curve = key.asymmetricKeyDetails?.namedCurve;
      if (key.asymmetricKeyType !== 'rsa' && !(key.asymmetricKeyType === 'ec' && curve === 'prime256v1'))
        return 'an RSA or EC P-256 key is needed';
      ders.push(key.export({ type: 'spki', format: 'der' }));
    } catch {
      return 'not a PEM key';
    }
  }
  return ders;
}

/** The development secret of an agency's notifier (HS256; development only). */
export const devNotifierSecret = (agency: AgencyCode) => `${DEV_SERVICE_SECRET}:notifier:${agency}`;

/** Each agency's notifier keys from the environment (NOTIFIER_JWT_{PRIVATE,PUBLIC}_KEY_<SUBGRAPH>),
 *  with the problems found: a key that is no RSA or EC P-256 PEM key, a private and a public key
 *  that are not one pair, and one key pair serving two identities (two agencies, or an agency and
 *  the child index: one would pass as the other). Development fills the agencies without keys
 *  with development secrets. */
export function notifierKeysConfig(
  env: NodeJS.ProcessEnv,
  mode: PlatformConfig['mode'],
): { notifiers: Partial<Record<AgencyCode, NotifierKeyConfig>>; problems: string[] } {
  const notifiers: Partial<Record<AgencyCode, NotifierKeyConfig>> = {};
  const problems: string[] = [];
  const owners = new Map<string, string>();
  for (const [variable, kind] of [
    ['SERVICE_JWT_PRIVATE_KEY', 'PRIVATE'],
    ['SERVICE_JWT_PUBLIC_KEY', 'PUBLIC'],
  ] as const) {
    const ders = env[variable] ? publicKeyDers(env[variable]!, kind) : [];
    if (Array.isArray(ders))
      for (const d of ders) owners.set(d.toString('base64'), 'the child index’s service key');
  }
  for (const agency of AGENCIES) {
    const privateKey = env[notifierKeyVariable(agency, 'PRIVATE')] || undefined;
    const publicKey = env[notifierKeyVariable(agency, 'PUBLIC')] || undefined;
    if (!privateKey && !publicKey) {
      if (mode === 'development') notifiers[agency] = { secret: devNotifierSecret(agency) };
      continue;
    }
    /** A variable's keys as base64 DER (none, and the problem noted, when one is refused). */
    const keysOf = (value: string | undefined, kind: 'PRIVATE' | 'PUBLIC'): string[] => {
      const ders = value ? publicKeyDers(value, kind) : [];
      if (typeof ders !== 'string') return ders.map((d) => d.toString('base64'));
      problems.push(`${notifierKeyVariable(agency, kind)} (${ders})`);
      return [];
    };
    const own = keysOf(privateKey, 'PRIVATE');
    const published = keysOf(publicKey, 'PUBLIC');
    // the private key signs what the public keys check: its half is one of them (two while it rotates)
    if (own.length && published.length && !published.includes(own[0]!))
      problems.push(
        `${notifierKeyVariable(agency, 'PUBLIC')} (not the public half of ${notifierKeyVariable(agency, 'PRIVATE')})`,
      );
    const keys = new Set([...own, ...published]);
    const shared = [...keys].map((d) => owners.get(d)).find((o) => o !== undefined);
    if (shared)
      problems.push(
        `${notifierKeyVariable(agency, privateKey ? 'PRIVATE' : 'PUBLIC')} (the same key as ${shared}: each identity its own key)`,
      );
    for (const d of keys) owners.set(d, `${AGENCY_SUBGRAPH[agency]}’s notifier key`);
    notifiers[agency] = { privateKey, publicKey };
  }
  return { notifiers, problems };
}

/** A subgraph's start in production: every agency's notifier public key (every subgraph checks
 *  the dispatchers' tokens: the index at its record-links door, a lender at its lent-facts door),
 *  and an agency running its webhook worker its own private key. Throws naming what is missing. */
export function assertNotifierKeys(config: PlatformConfig, self: SubgraphName): void {
  if (config.mode !== 'production') return;
  const missing: string[] = [];
  for (const agency of AGENCIES) {
    const k = config.jwt.notifiers?.[agency];
    if (!k?.publicKey && !k?.privateKey) missing.push(notifierKeyVariable(agency, 'PUBLIC'));
    else if (AGENCY_SUBGRAPH[agency] === self && config.webhooks.pollIntervalMs > 0 && !k.privateKey)
      missing.push(`${notifierKeyVariable(agency, 'PRIVATE')} (its webhook worker signs with it)`);
  }
  if (missing.length)
    throw new Error(`${self}: notifier keys unset: ${missing.join(', ')} (README "Operations")`);
}
