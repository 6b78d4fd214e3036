# syntax=docker/dockerfile:1.7
# mlflow-proxy: MLflow-compatible tracking server, model registry and artifact store (port 5000).
# It migrates its own schema at start (`migrate` does only that). Artifacts live in MLFLOW_ARTIFACT_ROOT (a volume).
# Build from the repository root: docker build -f docker/mlflow-proxy.Dockerfile -t predictiondex/mlflow-proxy .
# (or `npx nx docker-build mlflow-proxy`). Stages: deps -> build -> runtime, plus dev (hot reload).

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
RUN npx nx build mlflow-proxy --excludeTaskDependencies --outputStyle=static

# --- dev: run from mounted sources with hot reload (docker-compose.dev.yml).
FROM deps AS dev
RUN mkdir -p /data/mlartifacts && chown node:node /data/mlartifacts
COPY tools/node ./tools/node
COPY docker/healthcheck.cjs /opt/predictiondex/healthcheck.cjs
ENV NODE_ENV=development PORT=5000 MLFLOW_ARTIFACT_ROOT=/data/mlartifacts
USER node
EXPOSE 5000
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "/opt/predictiondex/healthcheck.cjs", "http://127.0.0.1:${PORT:-5000}/health/ready"]
CMD ["node", "--watch", "--watch-preserve-output", "tools/node/run-ts.cjs", "apps/mlflow-proxy/src/main.ts"]

# --- runtime: the bundle and its production dependencies only, as the unprivileged `node` user.
FROM node:20-bookworm-slim AS runtime
RUN mkdir -p /data/mlartifacts && chown node:node /data/mlartifacts
WORKDIR /app
ENV NODE_ENV=production SCARF_ANALYTICS=false PORT=5000 HOST=0.0.0.0 MLFLOW_ARTIFACT_ROOT=/data/mlartifacts
COPY --from=build /workspace/dist/apps/mlflow-proxy/package.json /workspace/dist/apps/mlflow-proxy/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY --from=build /workspace/dist/apps/mlflow-proxy ./
COPY docker/healthcheck.cjs /opt/predictiondex/healthcheck.cjs
USER node
VOLUME ["/data/mlartifacts"]
EXPOSE 5000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "/opt/predictiondex/healthcheck.cjs", "http://127.0.0.1:${PORT:-5000}/health/ready"]
# node runs as PID 1: the app handles SIGTERM itself (closes queues and connections, then exits 0);
# compose adds an init process (`init: true`) that also reaps zombies.
CMD ["node", "--enable-source-maps", "main.js"]
