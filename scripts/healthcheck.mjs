// The container's HEALTHCHECK (Dockerfile, docker-compose.yml): GET /health of the service that
// WHOLECHILD_SERVICE names (default gateway) on 127.0.0.1 and its port (<NAME>_PORT, else its
// default). Exit 0 when it answers 200 within 2 s, else 1. Plain Node, no tsx: it runs every few
// seconds. DEFAULT_PORTS mirrors shared/src/config/limits.ts (deploy/test checks they agree).
export const DEFAULT_PORTS = {
  gateway: 4000,
  'child-index': 4001,
  'child-welfare': 4002,
  'behavioral-health': 4003,
  probation: 4004,
  education: 4005,
  housing: 4006,
};

/** The /health URL of `service` under `env`, or null for a service this image does not run. */
export function healthUrl(service, env) {
  if (!Object.hasOwn(DEFAULT_PORTS, service)) return null;
  const port = env[`${service.toUpperCase().replace(/-/g, '_')}_PORT`] ?? DEFAULT_PORTS[service];
  return `http://127.0.0.1:${port}/health`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const service = process.env.WHOLECHILD_SERVICE ?? 'gateway';
  const url = healthUrl(service, process.env);
  if (!url) {
    console.error(`WHOLECHILD_SERVICE=${service}: not a WholeChild service`);
    process.exit(1);
  }
  fetch(url, { signal: AbortSignal.timeout(2000) }).then(
    (r) => process.exit(r.ok ? 0 : 1),
    () => process.exit(1),
  );
}
