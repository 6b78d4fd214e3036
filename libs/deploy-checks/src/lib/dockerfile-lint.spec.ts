import { healthcheckCommand, imageRef, lintDockerfile, parseDockerfile } from './dockerfile-lint';

const GOOD = `# syntax=docker/dockerfile:1.7
FROM node:20-bookworm-slim AS deps
WORKDIR /workspace
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \\
    npm ci --no-audit

FROM deps AS build
COPY apps ./apps
RUN npx nx build api

FROM node:20-bookworm-slim AS runtime
RUN apt-get update \\
 # a comment inside a continued RUN
 && apt-get install -y --no-install-recommends libxgboost0 \\
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /workspace/dist/apps/api/package.json /workspace/dist/apps/api/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev
COPY --from=build /workspace/dist/apps/api ./
USER node
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s CMD ["node", "/opt/healthcheck.cjs", "http://127.0.0.1:8000/health/ready"]
CMD ["node", "main.js"]
`;

const rules = (text: string) => lintDockerfile(text).map((i) => i.rule);
const replace = (from: string, to: string) => GOOD.replace(from, to);

describe('parseDockerfile', () => {
  it('joins continuation lines, skips comments inside them, and numbers stages', () => {
    const parsed = parseDockerfile(GOOD);
    expect(parsed.stages.map((s) => [s.name, s.from])).toEqual([
      ['deps', 'node:20-bookworm-slim'],
      ['build', 'deps'],
      ['runtime', 'node:20-bookworm-slim'],
    ]);
    const apt = parsed.instructions.find((i) => i.args.includes('apt-get'))!;
    expect(apt.args).toBe('apt-get update && apt-get install -y --no-install-recommends libxgboost0 && rm -rf /var/lib/apt/lists/*');
    expect(apt.line).toBe(13);
    expect(apt.stage).toBe(2);
  });

  it('reads image references and healthcheck commands', () => {
    expect(imageRef('node:20-bookworm-slim')).toEqual({ name: 'node', tag: '20-bookworm-slim', digest: undefined });
    expect(imageRef('localhost:5000/x/y')).toEqual({ name: 'localhost:5000/x/y', digest: undefined });
    expect(imageRef('node@sha256:abc')).toEqual({ name: 'node', digest: 'sha256:abc' });
    expect(healthcheckCommand('--interval=5s CMD ["node", "h.cjs"]')).toEqual(['node', 'h.cjs']);
    expect(healthcheckCommand('CMD wget -q http://x')).toEqual(['/bin/sh', '-c', 'wget -q http://x']);
    expect(healthcheckCommand('NONE')).toBe('NONE');
  });
});

describe('lintDockerfile', () => {
  it('accepts a multi-stage, pinned, non-root image with a healthcheck', () => {
    expect(lintDockerfile(GOOD)).toEqual([]);
  });

  it.each([
    ['multi-stage', 'FROM node:20-bookworm-slim\nUSER node\nEXPOSE 1\nHEALTHCHECK CMD ["x"]\nRUN npm ci --omit=dev\nCMD ["node"]'],
    ['pinned-base', replace('FROM node:20-bookworm-slim AS runtime', 'FROM node:latest AS runtime')],
    ['pinned-base', replace('FROM node:20-bookworm-slim AS runtime', 'FROM node AS runtime')],
    ['pinned-base', replace('FROM node:20-bookworm-slim AS runtime', 'FROM ${BASE} AS runtime')],
    ['non-root', replace('USER node\n', '')],
    ['non-root', replace('USER node\n', 'USER root\n')],
    ['non-root', replace('USER node\n', 'USER 0:0\n')],
    ['healthcheck', replace(/HEALTHCHECK .*\n/.exec(GOOD)![0], '')],
    ['healthcheck', replace(/HEALTHCHECK .*\n/.exec(GOOD)![0], 'HEALTHCHECK NONE\n')],
    ['exec-form', replace('CMD ["node", "main.js"]', 'CMD node main.js')],
    ['expose', replace('EXPOSE 8000\n', '')],
    ['prod-deps', replace('npm ci --omit=dev', 'npm ci')],
    ['prod-deps', replace('COPY --from=build /workspace/dist/apps/api ./', 'COPY --from=build /workspace/dist/apps/api ./\nCOPY --from=deps /workspace/node_modules ./node_modules')],
    ['lockfile-first', replace('COPY package.json package-lock.json ./', 'COPY package.json ./')],
    ['lockfile-first', replace('COPY package.json package-lock.json ./', 'COPY . .')],
    ['install-cache', replace('RUN --mount=type=cache,target=/root/.npm \\\n    npm ci --no-audit', 'RUN npm ci --no-audit')],
    ['npm-ci', replace('npm ci --no-audit', 'npm install')],
    ['apt-hygiene', replace('--no-install-recommends ', '')],
    ['apt-hygiene', replace(' \\\n && rm -rf /var/lib/apt/lists/*', '')],
    ['no-secrets', replace('WORKDIR /app', 'WORKDIR /app\nARG NPM_TOKEN')],
    ['no-secrets', replace('WORKDIR /app', 'WORKDIR /app\nENV API_KEYS=a:b:read DB_PASSWORD=x')],
    ['no-secrets', replace('WORKDIR /app', 'WORKDIR /app\nCOPY .env ./')],
    ['copy-not-add', replace('COPY apps ./apps', 'ADD apps ./apps')],
    ['absolute-workdir', replace('WORKDIR /app', 'WORKDIR app')],
    ['no-sudo', replace('RUN npx nx build api', 'RUN sudo npx nx build api')],
    ['no-curl-pipe', replace('RUN npx nx build api', 'RUN curl -fsSL https://x.sh | sh')],
  ])('flags %s', (rule, text) => {
    expect(rules(text)).toContain(rule);
  });

  it('flags an install after switching to the unprivileged user (the app could rewrite its code)', () => {
    const text = GOOD.replace('USER node\n', '').replace('RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev', 'USER node\nRUN --mount=type=cache,target=/root/.npm npm ci --omit=dev');
    expect(lintDockerfile(text).find((i) => i.rule === 'non-root')?.message).toMatch(/before switching USER/);
  });
});
