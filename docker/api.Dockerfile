# syntax=docker/dockerfile:1.7
# api: Pokédex reads, /predict (the model through libxgboost), feedback, /health, /metrics, OpenAPI
# at /docs (port 8000). /predict/simulate plays battles on a worker thread (battle-worker.js).
# Build from the repository root: docker build -f docker/api.Dockerfile -t predictiondex/api .
# (or `npx nx docker-build api`). Stages: deps -> build -> runtime, plus dev (hot reload).
# libxgboost0: the XGBoost C library the model binding loads (libs/xgboost). Downloaded model
# packages are kept in MODEL_CACHE_DIR (a volume) so a restart serves even while the registry is down.

# --- deps: the lockfile's dependencies, dev ones included (the build needs nx, webpack, tsc).
# Only the package files are copied: this layer and the npm cache mount survive source edits.
FROM node:20-bookworm-slim AS deps
WORKDIR /workspace
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=true SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --ignore-scripts --no-audit --no-fund

# --- build: webpack bundle + a package.json/package-lock.json of its production dependencies.
FROM deps AS build
COPY nx.json tsconfig.base.json ./
COPY libs ./libs
COPY apps ./apps
RUN npx nx build api --excludeTaskDependencies --outputStyle=static

# --- dev: run from mounted sources with hot reload (docker-compose.dev.yml).
FROM deps AS dev
RUN apt-get update \
 && apt-get install -y --no-install-recommends libxgboost0 \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data/model-cache && chown node:node /data/model-cache
COPY tools/node ./tools/node
COPY docker/healthcheck.cjs /opt/predictiondex/healthcheck.cjs
ENV NODE_ENV=development PORT=8000 MODEL_CACHE_DIR=/data/model-cache
USER node
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "/opt/predictiondex/healthcheck.cjs", "http://127.0.0.1:${PORT:-8000}/health/ready"]
CMD ["node", "--watch", "--watch-preserve-output", "tools/node/run-ts.cjs", "apps/api/src/main.ts"]

# --- runtime: the bundle and its production dependencies only, as the unprivileged `node` user.
FROM node:20-bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends libxgboost0 \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data/model-cache && chown node:node /data/model-cache
WORKDIR /app
ENV NODE_ENV=production SCARF_ANALYTICS=false PORT=8000 HOST=0.0.0.0 MODEL_CACHE_DIR=/data/model-cache
COPY --from=build /workspace/dist/apps/api/package.json /workspace/dist/apps/api/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY --from=build /workspace/dist/apps/api ./
COPY docker/healthcheck.cjs /opt/predictiondex/healthcheck.cjs
USER node
VOLUME ["/data/model-cache"]
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "/opt/predictiondex/healthcheck.cjs", "http://127.0.0.1:${PORT:-8000}/health/ready"]
# node runs as PID 1: the app handles SIGTERM itself (drains requests, flushes the prediction log);
# compose adds an init process (`init: true`) that also reaps zombies.
CMD ["node", "--enable-source-maps", "main.js"]
