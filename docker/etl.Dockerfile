# syntax=docker/dockerfile:1.7
# etl: worker: loads the LGPE Pokédex into PostgreSQL, then enqueues a build; /health and /metrics on HEALTH_PORT (9101).
# `migrate` (the compose one-shot / Kubernetes Job) applies the database migrations and exits.
# Build from the repository root: docker build -f docker/etl.Dockerfile -t predictiondex/etl .
# (or `npx nx docker-build etl`). Stages: deps -> build -> runtime, plus dev (hot reload).
# The ETL reads Pokémon Showdown's data from the installed @pkmn packages: no network needed
# (ETL_SOURCES=showdown); add pokeapi to enrich from PokéAPI when the container has egress.

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
RUN npx nx build etl --excludeTaskDependencies --outputStyle=static

# --- dev: run from mounted sources with hot reload (docker-compose.dev.yml).
FROM deps AS dev
COPY tools/node ./tools/node
COPY docker/healthcheck.cjs /opt/predictiondex/healthcheck.cjs
ENV NODE_ENV=development HEALTH_PORT=9101
USER node
EXPOSE 9101
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "/opt/predictiondex/healthcheck.cjs", "http://127.0.0.1:${HEALTH_PORT:-9101}/health/ready"]
CMD ["node", "--watch", "--watch-preserve-output", "tools/node/run-ts.cjs", "apps/etl/src/main.ts"]

# --- runtime: the bundle and its production dependencies only, as the unprivileged `node` user.
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production SCARF_ANALYTICS=false HEALTH_PORT=9101
COPY --from=build /workspace/dist/apps/etl/package.json /workspace/dist/apps/etl/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY --from=build /workspace/dist/apps/etl ./
COPY docker/healthcheck.cjs /opt/predictiondex/healthcheck.cjs
USER node
EXPOSE 9101
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "/opt/predictiondex/healthcheck.cjs", "http://127.0.0.1:${HEALTH_PORT:-9101}/health/ready"]
# node runs as PID 1: the app handles SIGTERM itself (closes queues and connections, then exits 0);
# compose adds an init process (`init: true`) that also reaps zombies.
CMD ["node", "--enable-source-maps", "main.js"]
