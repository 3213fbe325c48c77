# One image for every WholeChild service: docker-compose.yml and deploy/ choose the command
# (node --import tsx <service entry>) and WHOLECHILD_SERVICE (which /health the HEALTHCHECK asks).
# Stages: deps (every dependency, for the build) → build (the web app, web/dist) → prod-deps
# (production dependencies only) → runtime (non-root, sources + prod node_modules + web/dist).
# deploy/test/deployment.test.ts parses this file and checks it against the code.

FROM node:20-bookworm-slim AS base
WORKDIR /app
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

# The workspaces' manifests only, so the dependency layers are rebuilt only when they change.
FROM base AS manifests
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY linkage/package.json linkage/
COPY analytics/package.json analytics/
COPY gateway/package.json gateway/
COPY subgraphs/child-index/package.json subgraphs/child-index/
COPY subgraphs/child-welfare/package.json subgraphs/child-welfare/
COPY subgraphs/behavioral-health/package.json subgraphs/behavioral-health/
COPY subgraphs/probation/package.json subgraphs/probation/
COPY subgraphs/education/package.json subgraphs/education/
COPY subgraphs/housing/package.json subgraphs/housing/
COPY web/package.json web/
# the root `prepare` script: without the app's sources it only says it skipped
COPY scripts/prepareWeb.mjs scripts/

# Every dependency (the web app's build tools are dev dependencies).
FROM manifests AS deps
RUN npm ci

# The web app (Vite): web/dist, served by the gateway under /app/.
FROM deps AS build
COPY . .
RUN npm run build

# Production dependencies only (tsx, the TypeScript runtime loader, is one of them).
FROM manifests AS prod-deps
RUN npm ci --omit=dev

FROM base AS runtime
# Production by default: JWT_SECRET or JWT_PUBLIC_KEY, the gateway credentials
# (GATEWAY_CREDENTIAL_<SUBGRAPH>), the service key and the seal and checkpoint keys come from the
# environment. HOST=0.0.0.0 only with production (the container's port is published).
ENV NODE_ENV=production WHOLECHILD_MODE=production HOST=0.0.0.0 WHOLECHILD_SERVICE=gateway
# code and dependencies stay root's (read-only to the service's user)
COPY --from=prod-deps /app ./
COPY tsconfig.base.json tsconfig.json ./
COPY shared shared
COPY linkage linkage
COPY analytics analytics
COPY gateway gateway
COPY subgraphs subgraphs
COPY scripts scripts
COPY operations operations
COPY --from=build /app/web/dist web/dist
# the audit checkpoints (AUDIT_CHECKPOINT_DIR): mount a volume other than the database's here
RUN mkdir -p /var/lib/wholechild/audit-checkpoints && chown node:node /var/lib/wholechild/audit-checkpoints
ENV AUDIT_CHECKPOINT_DIR=/var/lib/wholechild/audit-checkpoints
# the image's own user (uid 1000), never root
USER node
EXPOSE 4000 4001 4002 4003 4004 4005 4006
# GET /health of the service WHOLECHILD_SERVICE names, on its port (<NAME>_PORT or the default)
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 CMD ["node", "scripts/healthcheck.mjs"]
CMD ["node", "--import", "tsx", "gateway/src/index.ts"]
