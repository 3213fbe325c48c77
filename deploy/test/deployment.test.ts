/**
 * The deployment files against the code, both ways: no container engine or cluster runs here, so
 * the Dockerfile, docker-compose.yml, every deploy/ manifest (rendered from kustomization.yaml as
 * kustomize would, then validated against the Kubernetes schemas with kubernetes-models) and the
 * edge routers' configs are parsed and checked: every service the code has is there and nothing
 * else; every command names an existing entry; every variable set is one the code reads and every
 * production one is set (loadConfig itself says so); every Secret, ConfigMap, port and probe path
 * named exists; the secrets go where the rules say. Each check returns its problems, and each is
 * shown to fail on a broken copy.
 */
import { spawn, spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { build } from 'esbuild';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import {
  AGENCIES,
  AGENCY_SUBGRAPH,
  assertNotifierKeys,
  DEFAULT_LIMITS,
  gatewayCredentialVariable,
  loadConfig,
  notifierKeyVariable,
  SUBGRAPH_NAMES,
  type SubgraphName,
} from '@wholechild/shared';
import { envSchema } from '../../shared/src/config/env';
import { DEFAULT_PORTS } from '../../shared/src/config/limits';
import { GATEWAY_CREDENTIAL_HEADER } from '../../shared/src/auth/authenticate';
import { productionEnv, testKeyPair } from '@wholechild/shared/testing';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { SUPERGRAPH_FILE } from '../../gateway/src/supergraph';

const ROOT = path.join(__dirname, '..', '..');
const DEPLOY = path.join(ROOT, 'deploy');
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');
type Service = SubgraphName | 'gateway';
/** Every service the code has: the subgraphs and the gateway. */
const SERVICES: Service[] = [...SUBGRAPH_NAMES, 'gateway'];
const entryOf = (s: Service) => (s === 'gateway' ? 'gateway/src/index.ts' : `subgraphs/${s}/src/index.ts`);
const KEY = (s: Service) => s.toUpperCase().replace(/-/g, '_');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML
type Obj = Record<string, any>;

// ---------------------------------------------------------------------------------------------
// What the code reads and serves

/** Every variable the code reads: the config schema's, the per-subgraph ones loadConfig builds,
 *  and the few scripts read themselves (the health check, the seeder). */
function knownVariable(name: string): boolean {
  if (name in envSchema.shape) return true;
  for (const s of SERVICES) {
    if (name === `${KEY(s)}_PORT`) return true;
    if (s === 'gateway') continue;
    if ([`${KEY(s)}_DATABASE_URL`, `${KEY(s)}_APP_DATABASE_URL`, `${KEY(s)}_URL`].includes(name)) return true;
    if (name === gatewayCredentialVariable(s)) return true;
  }
  for (const a of AGENCIES)
    if (name === notifierKeyVariable(a, 'PRIVATE') || name === notifierKeyVariable(a, 'PUBLIC')) return true;
  return ['WHOLECHILD_SERVICE', 'SEED_CHILDREN', 'NODE_ENV'].includes(name);
}

/** The paths each kind of service answers outside GraphQL, read from its code. */
function servedPaths(s: Service): Set<string> {
  const file = s === 'gateway' ? 'gateway/src/server.ts' : 'shared/src/graphql/subgraphService.ts';
  return new Set([...read(file).matchAll(/'(\/[a-z]+)': (?:async )?\(/g)].map((m) => m[1]!));
}

/** Who calls whom besides the gateway, from the code: an agency tells the index of withdrawals
 *  (IndexNotifier), asks it of a record's links (webhook dispatch) and of directory services
 *  (referrals); every holder asks the conveners (TEAM_CONVENERS) of team memberships; an agency
 *  hands a referral to any other agency and asks it of the referral's status, and asks the lenders
 *  of their facts at dispatch; the index pulls every agency's feed and aggregate contributions. */
function peerCallers(s: SubgraphName): Set<SubgraphName> {
  const agencies = SUBGRAPH_NAMES.filter((n) => n !== 'child-index');
  if (s === 'child-index') return new Set(agencies);
  return new Set<SubgraphName>(['child-index', ...agencies.filter((a) => a !== s)]);
}

/** Whom each subgraph calls besides its database: the other side of peerCallers. */
function peerCallees(s: SubgraphName): Set<SubgraphName> {
  return new Set(SUBGRAPH_NAMES.filter((n) => n !== s && peerCallers(n).has(s)));
}

/** Distinct, strong values for every secret a service may be given, as an operator would set them. */
function secretValues(): Record<string, string> {
  const jwt = testKeyPair('ec');
  const service = testKeyPair('ec');
  const notifiers = AGENCIES.map((a) => [a, testKeyPair('ec')] as const);
  return {
    ...productionEnv(),
    JWT_SECRET: '',
    JWT_PUBLIC_KEY: jwt.publicKey,
    SERVICE_JWT_PRIVATE_KEY: service.privateKey,
    SERVICE_JWT_PUBLIC_KEY: service.publicKey,
    ...Object.fromEntries(
      notifiers.flatMap(([a, pair]) => [
        [notifierKeyVariable(a, 'PRIVATE'), pair.privateKey],
        [notifierKeyVariable(a, 'PUBLIC'), pair.publicKey],
      ]),
    ),
  };
}

/** What loadConfig says of one service's environment: its refusal, or what the service needs
 *  missing (its own database, its own gateway credential; the gateway every credential). */
function configProblems(s: Service, env: Record<string, string>, where: string): string[] {
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  try {
    const config = loadConfig(given);
    const problems: string[] = [];
    if (config.mode !== 'production') problems.push(`${where}: not in production mode`);
    if (s === 'gateway') {
      for (const n of SUBGRAPH_NAMES)
        if (!config.gatewayCredentials[n]?.length)
          problems.push(`${where}: no ${gatewayCredentialVariable(n)}`);
    } else {
      if (!config.databaseUrls[s]) problems.push(`${where}: no ${KEY(s)}_DATABASE_URL`);
      if (!config.gatewayCredentials[s]?.length)
        problems.push(`${where}: no ${gatewayCredentialVariable(s)}`);
      if (!config.representationKey) problems.push(`${where}: no REPRESENTATION_KEY`);
      if (s === 'child-index' && !config.analytics.key) problems.push(`${where}: no ANALYTICS_KEY`);
      if (s === 'child-index' && !config.jwt.service?.privateKey)
        problems.push(`${where}: no SERVICE_JWT_PRIVATE_KEY (it signs its feed pulls)`);
      // every dispatcher's public key; an agency its own private key (its webhook worker signs)
      assertNotifierKeys(config, s);
    }
    return problems;
  } catch (e) {
    return [`${where}: ${(e as Error).message}`];
  }
}

/** Who may hold which secret (docker-compose.yml's comment, shared/src/config/secrets.ts). */
function secretRuleProblems(s: Service, names: Set<string>, where: string): string[] {
  const problems: string[] = [];
  const expect = (cond: boolean, what: string) => cond || problems.push(`${where}: ${what}`);
  expect(
    s === 'gateway' ? !names.has('REPRESENTATION_KEY') : names.has('REPRESENTATION_KEY'),
    s === 'gateway' ? 'the gateway may not hold REPRESENTATION_KEY' : 'no REPRESENTATION_KEY',
  );
  expect(s === 'child-index' || !names.has('ANALYTICS_KEY'), 'ANALYTICS_KEY is the child index’s alone');
  expect(
    s === 'child-index' || !names.has('SERVICE_JWT_PRIVATE_KEY'),
    'SERVICE_JWT_PRIVATE_KEY is the child index’s alone',
  );
  for (const a of AGENCIES)
    expect(
      AGENCY_SUBGRAPH[a] === s || !names.has(notifierKeyVariable(a, 'PRIVATE')),
      `${notifierKeyVariable(a, 'PRIVATE')} is ${AGENCY_SUBGRAPH[a]}’s alone`,
    );
  for (const n of SUBGRAPH_NAMES) {
    const v = gatewayCredentialVariable(n);
    if (s !== 'gateway' && n !== s) expect(!names.has(v), `holds another subgraph’s ${v}`);
    if (n !== s)
      expect(!names.has(`${KEY(n)}_DATABASE_URL`), `holds another service’s ${KEY(n)}_DATABASE_URL`);
  }
  expect(!names.has('DATABASE_URL'), 'a shared DATABASE_URL: each service its own <NAME>_DATABASE_URL');
  for (const n of names) expect(knownVariable(n), `sets ${n}, which no code reads`);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Dockerfile

interface Stage {
  name: string;
  from: string;
  lines: Array<{ op: string; args: string }>;
}
function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const joined = text.replace(/\\\n/g, ' ');
  for (const raw of joined.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [, op, args] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    if (!op) continue;
    if (op.toUpperCase() === 'FROM') {
      const [from, , name] = args!.split(/\s+/);
      stages.push({ name: name ?? String(stages.length), from: from!, lines: [] });
    } else stages.at(-1)?.lines.push({ op: op.toUpperCase(), args: args! });
  }
  return stages;
}
function workspaceDirs(): string[] {
  const globs = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces;
  return globs
    .flatMap((g) =>
      g.endsWith('/*')
        ? fs.readdirSync(path.join(ROOT, g.slice(0, -2))).map((d) => `${g.slice(0, -2)}/${d}`)
        : [g],
    )
    .filter((d) => fs.existsSync(path.join(ROOT, d, 'package.json')));
}
function dockerfileProblems(text: string): string[] {
  const problems: string[] = [];
  const stages = parseDockerfile(text);
  const byName = new Map(stages.map((s) => [s.name, s]));
  for (const need of ['deps', 'build', 'prod-deps', 'runtime'])
    if (!byName.has(need)) problems.push(`no ${need} stage`);
  const runtime = stages.at(-1)!;
  if (runtime.name !== 'runtime') problems.push('the last stage is not runtime');
  const user = runtime.lines.filter((l) => l.op === 'USER').at(-1)?.args;
  if (!user || user === 'root' || user === '0') problems.push('the runtime runs as root');
  const runs = (s: Stage | undefined) => s?.lines.filter((l) => l.op === 'RUN').map((l) => l.args) ?? [];
  if (runtime.lines.some((l) => l.op === 'RUN' && /npm (ci|install)/.test(l.args)))
    problems.push('the runtime stage installs packages itself');
  if (!runs(byName.get('prod-deps')).some((r) => /npm ci\b.*--omit=dev/.test(r)))
    problems.push('prod-deps does not install production dependencies only');
  if (!runs(byName.get('build')).some((r) => /npm run build/.test(r)))
    problems.push('build does not build the web app');
  // the runtime's node_modules come from prod-deps, never from a stage with dev dependencies
  for (const l of runtime.lines.filter((x) => x.op === 'COPY' && x.args.includes('--from='))) {
    const from = /--from=(\S+)/.exec(l.args)![1]!;
    const src = l.args.split(/\s+/).filter((a) => !a.startsWith('--'))[0]!;
    if (from !== 'prod-deps' && !src.startsWith('/app/web/dist'))
      problems.push(`the runtime copies ${src} from ${from}`);
  }
  // every workspace's manifest is there before npm ci (the lockfile names every workspace)
  const copied = stages.flatMap((s) => s.lines.filter((l) => l.op === 'COPY' && !l.args.includes('--from=')));
  const sources = copied.flatMap((l) =>
    l.args
      .split(/\s+/)
      .filter((a) => !a.startsWith('--'))
      .slice(0, -1),
  );
  for (const dir of workspaceDirs())
    if (!sources.includes(`${dir}/package.json`))
      problems.push(`${dir}/package.json is not copied before npm ci`);
  for (const src of sources)
    if (src !== '.' && !fs.existsSync(path.join(ROOT, src))) problems.push(`COPY ${src}: no such file`);
  const health = runtime.lines.find((l) => l.op === 'HEALTHCHECK')?.args;
  if (!health) problems.push('no HEALTHCHECK');
  else {
    const script = /"(scripts\/[^"]+)"/.exec(health)?.[1];
    if (!script || !fs.existsSync(path.join(ROOT, script)))
      problems.push(`HEALTHCHECK runs no existing script`);
  }
  const cmd = runtime.lines.find((l) => l.op === 'CMD')?.args;
  const entry = cmd ? (JSON.parse(cmd) as string[]).at(-1)! : '';
  if (!fs.existsSync(path.join(ROOT, entry))) problems.push(`CMD runs ${entry}: no such file`);
  for (const l of runtime.lines.filter((x) => x.op === 'ENV'))
    for (const [, k] of l.args.matchAll(/(\w+)=/g))
      if (!knownVariable(k!)) problems.push(`ENV ${k}: no code reads it`);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// docker-compose.yml

function composeProblems(compose: Obj): string[] {
  const problems: string[] = [];
  const services = compose.services as Record<string, Obj>;
  const env = (svc: Obj): Record<string, string> =>
    Object.fromEntries(
      Object.entries((svc.environment ?? {}) as Record<string, unknown>).map(([k, v]) => [
        k,
        v == null ? '' : String(v),
      ]),
    );
  const commandEntry = (svc: Obj) =>
    Array.isArray(svc.command) ? (svc.command as string[]).at(-1) : undefined;
  const appServices = Object.entries(services).filter(([, s]) =>
    /src\/index\.ts$/.test(commandEntry(s) ?? ''),
  );
  for (const s of SERVICES) if (!services[s]) problems.push(`compose: no service ${s}`);
  for (const [name] of appServices)
    if (!(SERVICES as string[]).includes(name)) problems.push(`compose: ${name} is no service of the code`);
  const declaredVolumes = new Set(Object.keys(compose.volumes ?? {}));
  for (const [name, svc] of Object.entries(services)) {
    const entry = commandEntry(svc);
    if (entry && !fs.existsSync(path.join(ROOT, entry)))
      problems.push(`compose: ${name} runs ${entry}: no such file`);
    for (const v of (svc.volumes ?? []) as string[]) {
      const vol = v.split(':')[0]!;
      if (!vol.startsWith('.') && !vol.startsWith('/') && !declaredVolumes.has(vol))
        problems.push(`compose: ${name} mounts undeclared volume ${vol}`);
    }
    if (svc.image?.startsWith('postgres')) continue;
    for (const k of Object.keys(env(svc)))
      if (!knownVariable(k)) problems.push(`compose: ${name} sets ${k}, which no code reads`);
  }
  const secrets = secretValues();
  const filled = (e: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(e).map(([k, v]) => [
        k,
        (v === '' ? (secrets[k] ?? '') : v).replace(/\$\{POSTGRES_PASSWORD[^}]*\}/g, 'pw'),
      ]),
    );
  for (const s of SERVICES) {
    const svc = services[s];
    if (!svc) continue;
    const where = `compose ${s}`;
    if (commandEntry(svc) !== entryOf(s))
      problems.push(`${where}: runs ${commandEntry(svc)}, not ${entryOf(s)}`);
    const e = env(svc);
    if (e.WHOLECHILD_SERVICE !== s)
      problems.push(`${where}: WHOLECHILD_SERVICE is not ${s} (its health check)`);
    const test = (svc.healthcheck?.test ?? []) as string[];
    if (!test.includes('scripts/healthcheck.mjs')) problems.push(`${where}: no health check on /health`);
    problems.push(...secretRuleProblems(s, new Set(Object.keys(e)), where));
    problems.push(...configProblems(s, filled(e), where));
    const deps = (svc.depends_on ?? {}) as Record<string, { condition: string }>;
    if (s === 'gateway') {
      for (const n of SUBGRAPH_NAMES)
        if (deps[n]?.condition !== 'service_healthy')
          problems.push(`${where}: does not wait for ${n} to be healthy`);
    } else {
      const db = services[`postgres-${s}`];
      if (!db) problems.push(`${where}: no database postgres-${s}`);
      else if (!db.healthcheck) problems.push(`compose postgres-${s}: no health check`);
      else if (!(db.volumes ?? []).length) problems.push(`compose postgres-${s}: no volume`);
      if (deps[`postgres-${s}`]?.condition !== 'service_healthy')
        problems.push(`${where}: does not wait for its database`);
      if (deps.migrate?.condition !== 'service_completed_successfully')
        problems.push(`${where}: does not wait for the migrations`);
      const url = e[`${KEY(s)}_DATABASE_URL`] ?? '';
      if (!url.includes(`@postgres-${s}:`))
        problems.push(`${where}: its database URL is not its own database’s`);
    }
    // where the others are: every subgraph's URL on its service name and port
    for (const n of SUBGRAPH_NAMES) {
      const u = e[`${KEY(n)}_URL`];
      if (u !== `http://${n}:${DEFAULT_PORTS[n]}/graphql`) problems.push(`${where}: ${KEY(n)}_URL is ${u}`);
    }
  }
  const migrate = services.migrate;
  if (!migrate) problems.push('compose: no migrate step');
  else {
    if (commandEntry(migrate) !== 'scripts/migrate.ts')
      problems.push('compose migrate: does not run scripts/migrate.ts');
    try {
      const config = loadConfig(
        Object.fromEntries(Object.entries(filled(env(migrate))).filter(([, v]) => v !== '')),
      );
      if (!config.dbRoles.key) problems.push('compose migrate: no DB_ROLE_KEY (the app roles’ passwords)');
    } catch (e) {
      problems.push(`compose migrate: ${(e as Error).message}`);
    }
    for (const n of SUBGRAPH_NAMES)
      if (!env(migrate)[`${KEY(n)}_DATABASE_URL`]?.includes(`@postgres-${n}:`))
        problems.push(`compose migrate: no ${KEY(n)}_DATABASE_URL on postgres-${n}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Kubernetes: kustomize, rendered as kustomize does (resources, generators, labels, namespace,
// images; generated names keep no hash suffix here)

function render(dir: string): Obj[] {
  const k = parseYaml(fs.readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8')) as Obj;
  const out: Obj[] = [];
  for (const r of (k.resources ?? []) as string[]) {
    const p = path.resolve(dir, r);
    if (fs.statSync(p).isDirectory()) out.push(...render(p));
    else
      out.push(
        ...parseAllDocuments(fs.readFileSync(p, 'utf8'))
          .map((d) => d.toJSON() as Obj)
          .filter(Boolean),
      );
  }
  for (const g of (k.configMapGenerator ?? []) as Obj[]) {
    const data: Record<string, string> = {};
    for (const l of (g.literals ?? []) as string[])
      data[l.slice(0, l.indexOf('='))] = l.slice(l.indexOf('=') + 1);
    for (const f of (g.files ?? []) as string[]) {
      const [key, file] = f.includes('=') ? f.split('=') : [path.basename(f), f];
      data[key!] = fs.readFileSync(path.resolve(dir, file!), 'utf8');
    }
    out.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: g.name }, data });
  }
  for (const o of out) {
    for (const l of (k.labels ?? []) as Obj[]) o.metadata.labels = { ...o.metadata.labels, ...l.pairs };
    if (k.namespace && o.kind !== 'Namespace') o.metadata.namespace = k.namespace;
    for (const img of (k.images ?? []) as Obj[])
      for (const c of podSpecOf(o)?.containers ?? [])
        if (c.image === img.name) c.image = `${img.newName ?? img.name}:${img.newTag ?? 'latest'}`;
  }
  return out;
}
function podSpecOf(o: Obj): Obj | undefined {
  if (o.kind === 'Deployment' || o.kind === 'Job') return o.spec?.template?.spec;
  if (o.kind === 'CronJob') return o.spec?.jobTemplate?.spec?.template?.spec;
  return undefined;
}
const yamlFile = (p: string) =>
  parseAllDocuments(fs.readFileSync(path.join(DEPLOY, p), 'utf8')).map((d) => d.toJSON() as Obj);

/** The objects kubernetes-models rejects (unknown kinds: CloudNativePG's, which it has no schema of). */
function schemaProblems(objects: Obj[]): string[] {
  const r = spawnSync(process.execPath, [path.join(__dirname, 'validateManifests.mjs')], {
    cwd: ROOT,
    input: JSON.stringify(objects),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`validateManifests.mjs failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as Array<{ kind: string; name: string; error: string | null }>)
    .filter((x) => x.error && !x.error.startsWith('unknown kind postgresql.cnpg.io/'))
    .map((x) => `${x.kind} ${x.name}: ${x.error}`);
}

function kubernetesProblems(objects: Obj[], databases: Obj[], secretsExample: Obj[]): string[] {
  const problems: string[] = [];
  const of = (kind: string) => objects.filter((o) => o.kind === kind);
  const named = (kind: string, name: string) => of(kind).find((o) => o.metadata.name === name);
  // the Secrets that will exist: the operator's (every name and key listed) and CloudNativePG's
  const secretKeys = new Map<string, Set<string>>();
  for (const s of secretsExample.filter((o) => o.kind === 'Secret'))
    secretKeys.set(s.metadata.name, new Set(Object.keys(s.stringData ?? s.data ?? {})));
  for (const c of databases.filter((o) => o.kind === 'Cluster'))
    secretKeys.set(
      `${c.metadata.name}-app`,
      new Set(['uri', 'username', 'password', 'host', 'port', 'dbname']),
    );
  const clusters = new Set(
    databases.filter((o) => o.kind === 'Cluster').map((o) => o.metadata.name as string),
  );
  const configMaps = new Map(of('ConfigMap').map((c) => [c.metadata.name as string, c]));
  const claims = new Set(of('PersistentVolumeClaim').map((c) => c.metadata.name as string));

  const deployments = of('Deployment');
  for (const s of SERVICES) if (!named('Deployment', s)) problems.push(`k8s: no Deployment ${s}`);
  for (const d of deployments)
    if (!(SERVICES as string[]).includes(d.metadata.name))
      problems.push(`k8s: Deployment ${d.metadata.name} is no service of the code`);

  const envOf = (c: Obj, where: string): { names: Set<string>; values: Record<string, string> } => {
    const names = new Set<string>();
    const values: Record<string, string> = {};
    const secrets = secretValues();
    for (const ref of (c.envFrom ?? []) as Obj[]) {
      const cm = configMaps.get(ref.configMapRef?.name);
      if (!cm) problems.push(`${where}: envFrom ConfigMap ${ref.configMapRef?.name} does not exist`);
      else
        for (const [k, v] of Object.entries(cm.data as Record<string, string>)) {
          names.add(k);
          values[k] = v;
        }
    }
    for (const e of (c.env ?? []) as Obj[]) {
      names.add(e.name);
      const ref = e.valueFrom?.secretKeyRef;
      if (ref) {
        if (!secretKeys.get(ref.name)?.has(ref.key))
          problems.push(`${where}: ${e.name} from Secret ${ref.name} key ${ref.key}, which nothing creates`);
        values[e.name] =
          ref.key === 'uri'
            ? `postgres://owner:pw@${ref.name.replace(/-app$/, '-rw')}:5432/wholechild`
            : (secrets[e.name] ?? '');
      } else values[e.name] = e.value;
    }
    return { names, values };
  };
  const checkPod = (spec: Obj, where: string) => {
    if (spec.securityContext?.runAsNonRoot !== true) problems.push(`${where}: may run as root`);
    const volumes = new Map(((spec.volumes ?? []) as Obj[]).map((v) => [v.name as string, v]));
    for (const v of volumes.values()) {
      if (v.configMap && !configMaps.has(v.configMap.name))
        problems.push(`${where}: volume ConfigMap ${v.configMap.name} does not exist`);
      if (v.persistentVolumeClaim && !claims.has(v.persistentVolumeClaim.claimName))
        problems.push(`${where}: claim ${v.persistentVolumeClaim.claimName} does not exist`);
    }
    for (const c of spec.containers as Obj[]) {
      for (const m of (c.volumeMounts ?? []) as Obj[])
        if (!volumes.has(m.name)) problems.push(`${where}: mounts unknown volume ${m.name}`);
      const entry = (c.command as string[] | undefined)?.at(-1) ?? '';
      if (!fs.existsSync(path.join(ROOT, entry))) problems.push(`${where}: runs ${entry}: no such file`);
    }
  };

  for (const s of SERVICES) {
    const d = named('Deployment', s);
    if (!d) continue;
    const where = `k8s Deployment ${s}`;
    const spec = d.spec.template.spec as Obj;
    checkPod(spec, where);
    const c = (spec.containers as Obj[])[0]!;
    if (c.command?.at(-1) !== entryOf(s))
      problems.push(`${where}: runs ${c.command?.at(-1)}, not ${entryOf(s)}`);
    const ports = new Map(
      ((c.ports ?? []) as Obj[]).map((p) => [p.name as string, p.containerPort as number]),
    );
    if (ports.get('http') !== DEFAULT_PORTS[s])
      problems.push(`${where}: port http is not ${DEFAULT_PORTS[s]}`);
    const paths = servedPaths(s);
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
      const g = c[probe]?.httpGet;
      if (!g) problems.push(`${where}: no ${probe}`);
      else {
        if (!paths.has(g.path)) problems.push(`${where}: ${probe} asks ${g.path}, which ${s} does not serve`);
        if (!ports.has(g.port))
          problems.push(`${where}: ${probe} on port ${g.port}, which the container does not name`);
      }
    }
    if (!c.resources?.requests?.memory || !c.resources?.limits?.memory)
      problems.push(`${where}: no memory request and limit`);
    const { names, values } = envOf(c, where);
    if (values.WHOLECHILD_SERVICE !== s) problems.push(`${where}: WHOLECHILD_SERVICE is not ${s}`);
    problems.push(...secretRuleProblems(s, names, where));
    problems.push(...configProblems(s, values, where));
    for (const n of SUBGRAPH_NAMES)
      if (values[`${KEY(n)}_URL`] !== `http://${n}:${DEFAULT_PORTS[n]}/graphql`)
        problems.push(`${where}: ${KEY(n)}_URL is ${values[`${KEY(n)}_URL`]}`);
    if (s !== 'gateway') {
      const ref = c.env.find((e: Obj) => e.name === `${KEY(s)}_DATABASE_URL`)?.valueFrom?.secretKeyRef;
      if (ref?.name !== `wholechild-db-${s}-app`)
        problems.push(`${where}: its database URL is not its own cluster’s`);
    }
    const svc = named('Service', s);
    if (!svc) problems.push(`k8s: no Service ${s}`);
    else {
      const p = svc.spec.ports[0];
      if (p.port !== DEFAULT_PORTS[s] || !ports.has(p.targetPort))
        problems.push(`k8s Service ${s}: port ${p.port} → ${p.targetPort}`);
      const sel = svc.spec.selector as Record<string, string>;
      if (!Object.entries(sel).every(([k, v]) => d.spec.template.metadata.labels[k] === v))
        problems.push(`k8s Service ${s}: selects no pod of ${s}`);
    }
    const hpa = of('HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.name === s);
    if (!hpa) problems.push(`k8s: no HorizontalPodAutoscaler for ${s}`);
    const pdb = of('PodDisruptionBudget').find(
      (p) => p.spec.selector.matchLabels['app.kubernetes.io/name'] === s,
    );
    if (!pdb) problems.push(`k8s: no PodDisruptionBudget for ${s}`);
  }
  // the gateway's supergraph: the committed one, where the gateway reads it
  const supergraph = configMaps.get('wholechild-supergraph');
  if (supergraph?.data['supergraph.graphql'] !== fs.readFileSync(SUPERGRAPH_FILE, 'utf8'))
    problems.push('k8s: the supergraph ConfigMap is not gateway/supergraph.graphql');
  const gw = named('Deployment', 'gateway');
  const mount = gw?.spec.template.spec.containers[0].volumeMounts.find((m: Obj) => m.name === 'supergraph');
  if (mount?.mountPath !== path.posix.join('/app', path.relative(ROOT, SUPERGRAPH_FILE)))
    problems.push('k8s gateway: the supergraph is not mounted where the gateway reads it');

  // network: only the gateway and the peers the code calls reach a subgraph; only a subgraph
  // (and the migrations and audit verification) its own database
  const policies = of('NetworkPolicy');
  const sources = (rule: Obj) =>
    new Set(
      ((rule.from ?? []) as Obj[]).map(
        (f) => f.podSelector?.matchLabels?.['app.kubernetes.io/name'] as string,
      ),
    );
  for (const s of SUBGRAPH_NAMES) {
    const p = policies.find((x) => x.spec.podSelector.matchLabels?.['app.kubernetes.io/name'] === s);
    if (!p) {
      problems.push(`k8s: no NetworkPolicy for ${s}`);
      continue;
    }
    const allowed = new Set(((p.spec.ingress ?? []) as Obj[]).flatMap((r) => [...sources(r)]));
    const expected = new Set<string>(['gateway', ...peerCallers(s)]);
    if ([...allowed].sort().join() !== [...expected].sort().join())
      problems.push(
        `k8s NetworkPolicy ${s}: lets in ${[...allowed].sort().join(', ')}; the code calls it from ${[...expected].sort().join(', ')}`,
      );
    const callees = ((p.spec.egress ?? []) as Obj[])
      .flatMap((r) =>
        ((r.to ?? []) as Obj[]).map((t) => t.podSelector?.matchLabels?.['app.kubernetes.io/name']),
      )
      .filter(Boolean)
      .sort();
    if (callees.join() !== [...peerCallees(s)].sort().join())
      problems.push(
        `k8s NetworkPolicy ${s}: lets out to ${callees.join(', ')}; the code calls ${[...peerCallees(s)].sort().join(', ')}`,
      );
    const dbs = ((p.spec.egress ?? []) as Obj[])
      .flatMap((r) => ((r.to ?? []) as Obj[]).map((t) => t.podSelector?.matchLabels?.['cnpg.io/cluster']))
      .filter(Boolean);
    if (dbs.join() !== `wholechild-db-${s}`)
      problems.push(`k8s NetworkPolicy ${s}: reaches databases ${dbs.join(', ')}`);
    if (!clusters.has(`wholechild-db-${s}`)) problems.push(`k8s: no database cluster wholechild-db-${s}`);
    const dbPolicy = policies.find(
      (x) => x.spec.podSelector.matchLabels?.['cnpg.io/cluster'] === `wholechild-db-${s}`,
    );
    const dbIn = new Set(
      ((dbPolicy?.spec.ingress ?? []) as Obj[]).flatMap((r) => [...sources(r)]).filter(Boolean),
    );
    if ([...dbIn].sort().join() !== [s, 'wholechild-audit-verify', 'wholechild-migrate'].sort().join())
      problems.push(`k8s: database wholechild-db-${s} lets in ${[...dbIn].join(', ') || 'anyone'}`);
  }
  // the migrations Job and the audit verification CronJob
  const job = named('Job', 'wholechild-migrate');
  const cron = named('CronJob', 'wholechild-audit-verify');
  if (!job) problems.push('k8s: no migrations Job');
  if (!cron) problems.push('k8s: no audit verification CronJob');
  for (const [o, entry] of [
    [job, 'scripts/migrate.ts'],
    [cron, 'scripts/auditVerify.ts'],
  ] as const) {
    if (!o) continue;
    const spec = podSpecOf(o)!;
    const where = `k8s ${o.kind} ${o.metadata.name}`;
    checkPod(spec, where);
    const c = spec.containers[0] as Obj;
    if (c.command.at(-1) !== entry) problems.push(`${where}: runs ${c.command.at(-1)}, not ${entry}`);
    const { names, values } = envOf(c, where);
    for (const n of names) if (!knownVariable(n)) problems.push(`${where}: sets ${n}, which no code reads`);
    for (const n of SUBGRAPH_NAMES)
      if (!values[`${KEY(n)}_DATABASE_URL`]) problems.push(`${where}: no ${KEY(n)}_DATABASE_URL`);
    try {
      loadConfig(Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '')));
    } catch (e) {
      problems.push(`${where}: ${(e as Error).message}`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// What the image runs needs only production dependencies (the runtime stage has no others)

/** Every package a production install provides: the dependencies of the root and each workspace. */
function productionDependencies(): Set<string> {
  const deps = new Set<string>();
  for (const dir of ['.', ...workspaceDirs()]) {
    const p = JSON.parse(read(`${dir}/package.json`)) as { dependencies?: Record<string, string> };
    for (const d of Object.keys(p.dependencies ?? {})) deps.add(d);
  }
  return deps;
}

/** The packages `entries` import at run time (followed through the workspaces' sources) that a
 *  production install would not have: one line each, with a file that imports it. */
async function runtimeImportProblems(entries: string[], allowed: Set<string>): Promise<string[]> {
  const result = await build({
    entryPoints: entries.map((e) => path.join(ROOT, e)),
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    outdir: path.join(ROOT, '.deploy-test-out'),
    logLevel: 'silent',
    plugins: [
      {
        name: 'packages-external',
        setup(b) {
          // the workspaces' own sources are followed; every other package is noted, not bundled
          b.onResolve({ filter: /^[^./]/ }, (a) =>
            a.path.startsWith('@wholechild/') ? undefined : { path: a.path, external: true },
          );
        },
      },
    ],
  });
  const problems = new Map<string, string>();
  for (const [file, input] of Object.entries(result.metafile.inputs))
    for (const i of input.imports) {
      if (!i.external || /^[.<]/.test(i.path) || i.path.startsWith('node:')) continue;
      const parts = i.path.split('/');
      const pkg = i.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
      if (builtinModules.includes(pkg) || pkg.startsWith('@wholechild/') || allowed.has(pkg)) continue;
      problems.set(pkg, `${pkg} (imported by ${file}) is no production dependency: the image has no ${pkg}`);
    }
  return [...problems.values()].sort();
}

// ---------------------------------------------------------------------------------------------
// The edge routers

function routerProblems(apollo: Obj, hive: Obj): string[] {
  const problems: string[] = [];
  const graphs = [...fs.readFileSync(SUPERGRAPH_FILE, 'utf8').matchAll(/@join__graph\(name: "([^"]+)"/g)].map(
    (m) => m[1]!,
  );
  if (graphs.sort().join() !== [...SUBGRAPH_NAMES].sort().join())
    problems.push(`the supergraph's subgraphs are ${graphs.join(', ')}`);
  for (const [name, cfg] of [
    ['router.yaml', apollo],
    ['router.config.yaml', hive],
  ] as const) {
    const propagated = ((cfg.headers?.all?.request ?? []) as Obj[]).map((r) =>
      r.propagate?.named?.toLowerCase(),
    );
    for (const h of ['authorization', 'x-request-id'])
      if (!propagated.includes(h)) problems.push(`${name}: does not propagate ${h}`);
    const subgraphs = cfg.headers?.subgraphs ?? {};
    if (Object.keys(subgraphs).sort().join() !== graphs.sort().join())
      problems.push(`${name}: header rules for ${Object.keys(subgraphs).join(', ')}`);
    for (const n of SUBGRAPH_NAMES) {
      const insert = ((subgraphs[n]?.request ?? []) as Obj[]).find((r) => r.insert)?.insert;
      const value = String(insert?.value ?? insert?.expression ?? '');
      if (insert?.name !== GATEWAY_CREDENTIAL_HEADER || !value.includes(gatewayCredentialVariable(n)))
        problems.push(
          `${name}: ${n} is not sent its own ${GATEWAY_CREDENTIAL_HEADER} (${gatewayCredentialVariable(n)})`,
        );
    }
  }
  const L = DEFAULT_LIMITS;
  const a = apollo.limits ?? {};
  if (
    a.max_depth !== L.maxDepth ||
    a.max_aliases !== L.maxAliases ||
    a.parser_max_tokens !== L.maxTokens ||
    a.http_max_request_bytes !== L.maxBodyBytes
  )
    problems.push('router.yaml: limits differ from DEFAULT_LIMITS');
  if (
    apollo.demand_control?.strategy?.static_estimated?.max !== L.maxCost ||
    apollo.demand_control?.strategy?.static_estimated?.list_size !== L.defaultListSize
  )
    problems.push('router.yaml: cost limit differs from MAX_COST / DEFAULT_LIST_SIZE');
  if (apollo.traffic_shaping?.router?.global_rate_limit?.capacity !== L.rateLimitBurst)
    problems.push('router.yaml: rate limit differs from RATE_LIMIT_BURST');
  if (apollo.supergraph?.introspection !== false || hive.introspection !== false)
    problems.push('introspection is on');
  if (apollo.persisted_queries?.safelist?.enabled !== true || hive.persisted_documents?.require_id !== true)
    problems.push('the safelist is off');
  // the routers reach each subgraph at its Service, on its port
  for (const n of SUBGRAPH_NAMES) {
    const url = `http://${n}:${DEFAULT_PORTS[n]}/graphql`;
    if (apollo.override_subgraph_url?.[n] !== url) problems.push(`router.yaml: ${n} is not at ${url}`);
    if (hive.override_subgraph_urls?.[n]?.url !== url)
      problems.push(`router.config.yaml: ${n} is not at ${url}`);
  }
  const h = hive.limits ?? {};
  if (
    h.max_depth?.n !== L.maxDepth ||
    h.max_aliases?.n !== L.maxAliases ||
    h.max_directives?.n !== L.maxDirectives ||
    h.max_tokens?.n !== L.maxTokens
  )
    problems.push('router.config.yaml: limits differ from DEFAULT_LIMITS');
  for (const p of [apollo.persisted_queries?.local_manifests?.[0], hive.persisted_documents?.storage?.path])
    if (path.basename(String(p)) !== 'persisted-query-manifest.json')
      problems.push(`a router reads its safelist from ${p}`);
  return problems;
}

// ---------------------------------------------------------------------------------------------

describe('deployment files against the code', () => {
  const dockerfile = read('Dockerfile');
  const compose = parseYaml(read('docker-compose.yml'), { merge: true }) as Obj;
  const production = render(path.join(DEPLOY, 'overlays', 'production'));
  const databases = yamlFile('databases/clusters.yaml');
  const secretsExample = yamlFile('secrets.example.yaml');
  const apollo = parseYaml(read('deploy/router/router.yaml')) as Obj;
  const hive = parseYaml(read('deploy/router/router.config.yaml')) as Obj;
  const clone = <T>(x: T): T => structuredClone(x);

  it('Dockerfile: multi-stage, production dependencies only, non-root, a health check, every workspace', () => {
    expect(dockerfileProblems(dockerfile)).toEqual([]);
    // it can fail: a runtime as root, a missing workspace, dev dependencies in the runtime
    expect(dockerfileProblems(dockerfile.replace('USER node', 'USER root'))).toContain(
      'the runtime runs as root',
    );
    expect(
      dockerfileProblems(dockerfile.replace(/COPY subgraphs\/housing\/package\.json.*\n/, '')),
    ).toContain('subgraphs/housing/package.json is not copied before npm ci');
    expect(dockerfileProblems(dockerfile.replace('--from=prod-deps', '--from=deps'))).toContain(
      'the runtime copies /app from deps',
    );
    expect(dockerfileProblems(dockerfile.replace('gateway/src/index.ts', 'gateway/src/main.ts'))).toContain(
      'CMD runs gateway/src/main.ts: no such file',
    );
  });

  it('what the image runs imports production dependencies only', async () => {
    const commands = [
      ...Object.values(compose.services as Record<string, Obj>).map((svc) => svc.command),
      ...production.map((o) => podSpecOf(o)?.containers?.[0]?.command),
    ]
      .filter((c): c is string[] => Array.isArray(c))
      .map((c) => c.at(-1)!);
    const entries = [...new Set(commands)].sort();
    expect(entries).toEqual(
      expect.arrayContaining([...SERVICES.map(entryOf), 'scripts/migrate.ts', 'scripts/auditVerify.ts']),
    );
    const allowed = productionDependencies();
    expect(await runtimeImportProblems(entries, allowed)).toEqual([]);
    // it can fail: a package moved to devDependencies
    allowed.delete('pg');
    expect((await runtimeImportProblems(entries, allowed)).join('\n')).toMatch(
      /^pg \(imported by .*\) is no production dependency/m,
    );
  });

  it('the image’s health check asks /health of the service it is told, on that service’s port', async () => {
    const ports = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import('./scripts/healthcheck.mjs').then((m) => process.stdout.write(JSON.stringify(m.DEFAULT_PORTS)))",
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(JSON.parse(ports.stdout)).toEqual(DEFAULT_PORTS);
    let status = 200;
    const asked: string[] = [];
    const server = http.createServer((req, res) => (asked.push(req.url!), res.writeHead(status).end()));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const check = (env: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const child = spawn(process.execPath, ['scripts/healthcheck.mjs'], {
          cwd: ROOT,
          env: { PATH: process.env.PATH, ...env },
        });
        child.on('exit', (code: number) => resolve(code));
      });
    try {
      expect(await check({ WHOLECHILD_SERVICE: 'housing', HOUSING_PORT: String(port) })).toBe(0);
      status = 503;
      expect(await check({ WHOLECHILD_SERVICE: 'housing', HOUSING_PORT: String(port) })).toBe(1);
      expect(asked).toEqual(['/health', '/health']);
      // another service's port variable is not this one's
      status = 200;
      expect(
        await check({ WHOLECHILD_SERVICE: 'gateway', HOUSING_PORT: String(port), GATEWAY_PORT: '1' }),
      ).toBe(1);
      expect(await check({ WHOLECHILD_SERVICE: 'nothing' })).toBe(1);
    } finally {
      server.close();
    }
  });

  it('docker-compose.yml: every service of the code and no other, each database its own, secrets by the rules, production settings complete', () => {
    expect(composeProblems(compose)).toEqual([]);
    const mutated = clone(compose);
    delete mutated.services.housing;
    mutated.services.gateway.environment.REPRESENTATION_KEY = null;
    mutated.services['child-welfare'].environment.GATEWAY_CREDENTIAL_PROBATION = null;
    delete mutated.services.probation.environment.GATEWAY_CREDENTIAL_PROBATION;
    mutated.services.education.environment.EDUCATION_DATABASE_URL =
      'postgres://wholechild:pw@postgres-housing:5432/wholechild';
    mutated.services.education.environment.EDUCATION_DB_URL = 'x';
    // behavioral health's worker without its key, child welfare holding probation's
    delete mutated.services['behavioral-health'].environment.NOTIFIER_JWT_PRIVATE_KEY_BEHAVIORAL_HEALTH;
    mutated.services['child-welfare'].environment.NOTIFIER_JWT_PRIVATE_KEY_PROBATION = null;
    mutated.services['child-index'].command = [
      'node',
      '--import',
      'tsx',
      'subgraphs/child-index/src/main.ts',
    ];
    const problems = composeProblems(mutated).join('\n');
    expect(problems).toMatch(/compose: no service housing/);
    expect(problems).toMatch(/compose gateway: the gateway may not hold REPRESENTATION_KEY/);
    expect(problems).toMatch(/compose child-welfare: holds another subgraph’s GATEWAY_CREDENTIAL_PROBATION/);
    expect(problems).toMatch(/compose probation: no GATEWAY_CREDENTIAL_PROBATION/);
    expect(problems).toMatch(/compose education: its database URL is not its own database’s/);
    expect(problems).toMatch(/compose education: sets EDUCATION_DB_URL, which no code reads/);
    expect(problems).toMatch(/compose: child-index runs subgraphs\/child-index\/src\/main.ts: no such file/);
    expect(problems).toMatch(
      /compose behavioral-health: .*NOTIFIER_JWT_PRIVATE_KEY_BEHAVIORAL_HEALTH \(its webhook worker signs with it\)/,
    );
    expect(problems).toMatch(
      /compose child-welfare: NOTIFIER_JWT_PRIVATE_KEY_PROBATION is probation’s alone/,
    );
  });

  it('every rendered manifest is valid against the Kubernetes schemas', () => {
    expect(production.length).toBeGreaterThan(40);
    expect(schemaProblems([...production, ...databases, ...secretsExample])).toEqual([]);
    const broken = clone(production);
    const d = broken.find((o) => o.kind === 'Deployment')!;
    d.spec.template.spec.containers[0].ports[0].containerPort = 'http';
    d.spec.replicas = -1;
    broken.push({ apiVersion: 'apps/v1', kind: 'Deploymnt', metadata: { name: 'x' } });
    const problems = schemaProblems(broken).join('\n');
    expect(problems).toMatch(/containerPort must be integer/);
    expect(problems).toMatch(/unknown kind apps\/v1\/Deploymnt/);
  });

  it('Kubernetes: every service, its probes, ports, Secrets, ConfigMaps and network paths as the code has them', () => {
    expect(kubernetesProblems(production, databases, secretsExample)).toEqual([]);
    const mutated = clone(production);
    const dep = (n: string) =>
      mutated.find((o) => o.kind === 'Deployment' && o.metadata.name === n)!.spec.template.spec.containers[0];
    dep('housing').readinessProbe.httpGet.path = '/healthz';
    dep('education').env.find((e: Obj) => e.name === 'REPRESENTATION_KEY').valueFrom.secretKeyRef.name =
      'wholechild-seals';
    dep('gateway').env.push({
      name: 'ANALYTICS_KEY',
      valueFrom: { secretKeyRef: { name: 'wholechild-analytics', key: 'ANALYTICS_KEY' } },
    });
    dep('probation').env = dep('probation').env.filter((e: Obj) => e.name !== 'AUDIT_CHECKPOINT_KEY');
    const np = mutated.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'housing')!;
    np.spec.ingress[0].from = np.spec.ingress[0].from.filter(
      (f: Obj) => f.podSelector?.matchLabels?.['app.kubernetes.io/name'] !== 'education',
    );
    np.spec.egress.push({
      to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gateway' } } }],
    });
    const gone = mutated.findIndex(
      (o) => o.kind === 'PodDisruptionBudget' && o.metadata.name === 'child-welfare',
    );
    mutated.splice(gone, 1);
    const problems = kubernetesProblems(mutated, databases, secretsExample).join('\n');
    expect(problems).toMatch(
      /Deployment housing: readinessProbe asks \/healthz, which housing does not serve/,
    );
    expect(problems).toMatch(
      /Deployment education: REPRESENTATION_KEY from Secret wholechild-seals key REPRESENTATION_KEY, which nothing creates/,
    );
    expect(problems).toMatch(/Deployment gateway: ANALYTICS_KEY is the child index’s alone/);
    expect(problems).toMatch(
      /Deployment probation: Production mode refuses .*AUDIT_CHECKPOINT_KEY \(unset\)/,
    );
    expect(problems).toMatch(
      /NetworkPolicy housing: lets in behavioral-health, child-index, child-welfare, gateway, probation; the code calls it from behavioral-health, child-index, child-welfare, education, gateway, probation/,
    );
    expect(problems).toMatch(
      /NetworkPolicy housing: lets out to behavioral-health, child-index, child-welfare, education, gateway, probation; the code calls behavioral-health, child-index, child-welfare, education, probation/,
    );
    expect(problems).toMatch(/no PodDisruptionBudget for child-welfare/);
    // a service the code gains (another subgraph) is missing until it is deployed too
    const fewer = production.filter((o) => !(o.kind === 'Deployment' && o.metadata.name === 'education'));
    expect(kubernetesProblems(fewer, databases, secretsExample)).toContain('k8s: no Deployment education');
  });

  it('the memory requests cover the measured peaks the manifests cite', () => {
    for (const s of SERVICES) {
      const text = read(`deploy/base/${s}.yaml`);
      const peak = Number(/Memory: (\d+) MB peak RSS measured/.exec(text)?.[1]);
      const d = production.find((o) => o.kind === 'Deployment' && o.metadata.name === s)!;
      const request = parseInt(d.spec.template.spec.containers[0].resources.requests.memory, 10);
      expect(peak).toBeGreaterThan(0);
      expect(request).toBeGreaterThanOrEqual(peak);
    }
  });

  it('edge routers: the token, the request id and each subgraph’s own credential; our limits; the safelist', () => {
    expect(routerProblems(apollo, hive)).toEqual([]);
    const a = clone(apollo);
    a.headers.all.request = a.headers.all.request.filter((r: Obj) => r.propagate?.named !== 'x-request-id');
    a.headers.subgraphs.housing.request[0].insert.value = '${env.GATEWAY_CREDENTIAL_EDUCATION}';
    a.limits.max_depth = 20;
    a.override_subgraph_url.education = 'http://education:4006/graphql';
    const problems = routerProblems(a, hive).join('\n');
    expect(problems).toMatch(/router.yaml: does not propagate x-request-id/);
    expect(problems).toMatch(/router.yaml: housing is not sent its own x-gateway-credential/);
    expect(problems).toMatch(/router.yaml: limits differ/);
    expect(problems).toMatch(/router.yaml: education is not at http:\/\/education:4005\/graphql/);
    // the routers' safelist is the registered operations, under the same ids
    const ours = JSON.parse(read('operations/manifest.json')) as {
      operations: Array<{ id: string; body: string }>;
    };
    const theirs = JSON.parse(read('deploy/router/persisted-query-manifest.json')) as Obj;
    expect(theirs.format).toBe('apollo-persisted-query-manifest');
    expect(theirs.operations.map((o: Obj) => [o.id, o.body])).toEqual(
      ours.operations.map((o) => [o.id, o.body]),
    );
  });
});
