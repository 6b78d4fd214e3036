# syntax=docker/dockerfile:1.7
# ml-builder: worker: simulates battles on worker threads (battle-worker.js), trains XGBoost on a worker
# thread (xgboost-training-worker.js), logs and registers the model; /health and /metrics on HEALTH_PORT (9102).
# Build from the repository root: docker build -f docker/ml-builder.Dockerfile -t predictiondex/ml-builder .
# (or `npx nx docker-build ml-builder`). Stages: deps -> build -> runtime, plus dev (hot reload).
# libxgboost0: the XGBoost C library the binding loads (libs/xgboost). Datasets are kept in
# ML_DATA_DIR (a volume) so a rebuild with the same settings reuses them.

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
RUN npx nx build ml-builder --excludeTaskDependencies --outputStyle=static

# --- dev: run from mounted sources with hot reload (docker-compose.dev.yml).
FROM deps AS dev
RUN apt-get update \
 && apt-get install -y --no-install-recommends libxgboost0 \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data/datasets && chown node:node /data/datasets
COPY tools/node ./tools/node
COPY docker/healthcheck.cjs /opt/predictiondex/healthcheck.cjs
ENV NODE_ENV=development HEALTH_PORT=9102 ML_DATA_DIR=/data/datasets
USER node
EXPOSE 9102
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "/opt/predictiondex/healthcheck.cjs", "http://127.0.0.1:${HEALTH_PORT:-9102}/health/ready"]
CMD ["node", "--watch", "--watch-preserve-output", "tools/node/run-ts.cjs", "apps/ml-builder/src/main.ts"]

# --- runtime: the bundle and its production dependencies only, as the unprivileged `node` user.
FROM node:20-bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends libxgboost0 \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data/datasets && chown node:node /data/datasets
WORKDIR /app
ENV NODE_ENV=production SCARF_ANALYTICS=false HEALTH_PORT=9102 ML_DATA_DIR=/data/datasets
COPY --from=build /workspace/dist/apps/ml-builder/package.json /workspace/dist/apps/ml-builder/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY --from=build /workspace/dist/apps/ml-builder ./
COPY docker/healthcheck.cjs /opt/predictiondex/healthcheck.cjs
USER node
VOLUME ["/data/datasets"]
EXPOSE 9102
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "/opt/predictiondex/healthcheck.cjs", "http://127.0.0.1:${HEALTH_PORT:-9102}/health/ready"]
# node runs as PID 1: the app handles SIGTERM itself (closes queues and connections, then exits 0);
# compose adds an init process (`init: true`) that also reaps zombies.
CMD ["node", "--enable-source-maps", "main.js"]
