# One image for every WholeChild service; docker-compose.yml picks the command.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY linkage/package.json linkage/
COPY gateway/package.json gateway/
COPY subgraphs/child-index/package.json subgraphs/child-index/
COPY subgraphs/child-welfare/package.json subgraphs/child-welfare/
COPY subgraphs/behavioral-health/package.json subgraphs/behavioral-health/
COPY subgraphs/probation/package.json subgraphs/probation/
COPY subgraphs/education/package.json subgraphs/education/
COPY subgraphs/housing/package.json subgraphs/housing/
COPY web/package.json web/
# the root `prepare` script: without the app's sources and dev dependencies it only says it skipped
COPY scripts/prepareWeb.mjs scripts/
RUN npm ci --omit=dev --no-audit --no-fund && npm install --no-save tsx@4
COPY . .
# Production by default: JWT_SECRET or JWT_PUBLIC_KEY, the gateway credentials
# (GATEWAY_CREDENTIAL_<SUBGRAPH>), the service key and the seal and checkpoint keys come from the
# environment. HOST=0.0.0.0 only with production (the container's port is published).
ENV HOST=0.0.0.0 WHOLECHILD_MODE=production
