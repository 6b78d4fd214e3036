# syntax=docker/dockerfile:1.7
# ui: web app: the React SPA and its NestJS backend-for-frontend, which calls the api server side
# with its own key (port 3000).
# Build from the repository root: docker build -f docker/ui.Dockerfile -t predictiondex/ui .
# (or `npx nx docker-build ui`). Stages: deps -> build -> runtime, plus dev (hot reload).
# `nx build ui` emits the BFF bundle (main.js) and the built SPA (client/) into dist/apps/ui.

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
RUN npx nx build ui --excludeTaskDependencies --outputStyle=static

# --- dev: run from mounted sources with hot reload (docker-compose.dev.yml).
FROM deps AS dev
# The BFF builds the SPA once at start when UI_STATIC_DIR has no index.html (UI_BUILD_IF_MISSING).
RUN mkdir -p /workspace/dist/apps/ui && chown -R node:node /workspace/dist
COPY tools/node ./tools/node
COPY docker/healthcheck.cjs /opt/predictiondex/healthcheck.cjs
ENV NODE_ENV=development PORT=3000 UI_STATIC_DIR=/workspace/dist/apps/ui/client
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "/opt/predictiondex/healthcheck.cjs", "http://127.0.0.1:${PORT:-3000}/health/ready"]
CMD ["node", "--watch", "--watch-preserve-output", "tools/node/run-ts.cjs", "apps/ui/src/main.ts"]

# --- runtime: the bundle and its production dependencies only, as the unprivileged `node` user.
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production SCARF_ANALYTICS=false PORT=3000 HOST=0.0.0.0 UI_STATIC_DIR=/app/client UI_BUILD_IF_MISSING=false
COPY --from=build /workspace/dist/apps/ui/package.json /workspace/dist/apps/ui/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY --from=build /workspace/dist/apps/ui ./
COPY docker/healthcheck.cjs /opt/predictiondex/healthcheck.cjs
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "/opt/predictiondex/healthcheck.cjs", "http://127.0.0.1:${PORT:-3000}/health/ready"]
# node runs as PID 1: the app handles SIGTERM itself (closes queues and connections, then exits 0);
# compose adds an init process (`init: true`) that also reaps zombies.
CMD ["node", "--enable-source-maps", "main.js"]
