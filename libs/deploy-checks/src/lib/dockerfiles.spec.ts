import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appRoutes, configuredPort, importClosure, libAliases, servesGet, sourceFiles } from './app-sources';
import { copySources, execForm, healthcheckCommand, lintDockerfile, parseDockerfile } from './dockerfile-lint';
import { appNames, inWorkspace, readText } from './workspace';

const apps = appNames();
const dockerfiles = fs.readdirSync(inWorkspace('docker')).filter((f) => f.endsWith('.Dockerfile'));

/** Does code the app reaches (outside the defining lib) call this? */
function closureCalls(app: string, call: RegExp, definingLib: string): boolean {
  const aliases = libAliases();
  const dirs = [inWorkspace('apps', app, 'src'), ...[...importClosure(app)].filter((a) => a !== definingLib).map((a) => aliases.get(a)!)];
  return dirs.some((dir) => sourceFiles(dir).some((f) => call.test(fs.readFileSync(f, 'utf8'))));
}

describe('Dockerfiles (docker/*.Dockerfile)', () => {
  it('there is one per app, and no other', () => {
    expect(dockerfiles.sort()).toEqual(apps.map((a) => `${a}.Dockerfile`));
  });

  it.each(dockerfiles)('%s passes the Dockerfile lint', (file) => {
    expect(lintDockerfile(readText(`docker/${file}`))).toEqual([]);
  });

  describe.each(apps)('%s', (app) => {
    const text = fs.existsSync(inWorkspace('docker', `${app}.Dockerfile`)) ? readText(`docker/${app}.Dockerfile`) : '';
    const parsed = parseDockerfile(text);
    const stage = (name: string) => parsed.stages.find((s) => s.name === name)!;
    const runtime = parsed.stages[parsed.stages.length - 1];
    const runs = (s: typeof runtime) => s.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args).join('\n');
    const env = (s: typeof runtime) => s.instructions.filter((i) => i.keyword === 'ENV').map((i) => i.args).join(' ');
    const { variable, port } = configuredPort(app);

    it('has the stages deps -> build -> dev, runtime last (the default target)', () => {
      expect(parsed.stages.map((s) => s.name)).toEqual(['deps', 'build', 'dev', 'runtime']);
      expect(stage('build').from).toBe('deps');
      expect(stage('dev').from).toBe('deps');
    });

    it('builds this app with nx and ships only its dist folder and pruned dependencies', () => {
      expect(runs(stage('build'))).toMatch(new RegExp(`npx nx build ${app}\\b`));
      const copies = runtime.instructions.filter((i) => i.keyword === 'COPY').map((i) => copySources(i.args));
      expect(copies.filter((c) => c.from === 'build').flatMap((c) => c.sources)).toEqual([
        `/workspace/dist/apps/${app}/package.json`,
        `/workspace/dist/apps/${app}/package-lock.json`,
        `/workspace/dist/apps/${app}`,
      ]);
      expect(runs(runtime)).toMatch(/npm ci --omit=dev --ignore-scripts/);
    });

    it('installs libxgboost0 only when the app loads models (its imports reach libs/xgboost)', () => {
      const loadsModels = importClosure(app).has('@predictiondex/xgboost');
      expect(/libxgboost0/.test(runs(runtime))).toBe(loadsModels);
      expect(/libxgboost0/.test(runs(stage('dev')))).toBe(loadsModels);
      expect(['api', 'ml-builder'].includes(app)).toBe(loadsModels);
    });

    it(`listens on the port of its config (${variable}) and its HEALTHCHECK asks a route it serves`, () => {
      expect(env(runtime)).toMatch(new RegExp(`\\b${variable}=${port}\\b`));
      expect(runtime.instructions.find((i) => i.keyword === 'EXPOSE')?.args).toBe(String(port));
      const routes = appRoutes(app);
      for (const s of [runtime, stage('dev')]) {
        const hc = s.instructions.find((i) => i.keyword === 'HEALTHCHECK')!;
        const cmd = healthcheckCommand(hc.args) as string[];
        expect(cmd.slice(0, 2)).toEqual(['node', '/opt/predictiondex/healthcheck.cjs']);
        const url = new URL(cmd[2].replace(`\${${variable}:-${port}}`, String(port)));
        expect(url.port).toBe(String(port));
        expect(servesGet(routes, url.pathname)).toBe(true);
      }
    });

    it('runs node directly (exec form) as the unprivileged node user, the dev stage with --watch', () => {
      expect(execForm(runtime.instructions.filter((i) => i.keyword === 'CMD').pop()!.args)).toEqual(['node', '--enable-source-maps', 'main.js']);
      expect(stage('dev').instructions.find((i) => i.keyword === 'USER')?.args).toBe('node');
      expect(execForm(stage('dev').instructions.find((i) => i.keyword === 'CMD')!.args)).toEqual([
        'node',
        '--watch',
        '--watch-preserve-output',
        'tools/node/run-ts.cjs',
        `apps/${app}/src/main.ts`,
      ]);
    });

    it('emits the worker-thread bundles the app starts (webpack additionalEntryPoints)', () => {
      const webpack = readText(`apps/${app}/webpack.config.cjs`);
      const battle = closureCalls(app, /new ParallelBattleRunner\(/, '@predictiondex/battle');
      const training = closureCalls(app, /\btrainInWorker\(/, '@predictiondex/xgboost');
      expect(/BATTLE_WORKER_ENTRY\b/.test(webpack) && /additionalEntryPoints/.test(webpack)).toBe(battle);
      expect(/xgboostTrainingWorkerEntry/.test(webpack)).toBe(training);
      expect({ app, battle, training }).toMatchObject(
        app === 'ml-builder' ? { battle: true, training: true } : app === 'api' ? { battle: true, training: false } : { battle: false, training: false },
      );
    });
  });
});

describe('the healthcheck script (docker/healthcheck.cjs)', () => {
  const script = inWorkspace('docker/healthcheck.cjs');
  const run = (url: string, env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [script, url], { env: { PATH: process.env['PATH'] ?? '', HEALTHCHECK_TIMEOUT_MS: '1000', ...env }, encoding: 'utf8' });

  it('exits 1 naming the URL (with ${VAR:-default} expanded) when nothing answers', () => {
    const res = run('http://127.0.0.1:${PORT:-1}/health/ready');
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('http://127.0.0.1:1/health/ready');
    expect(run('http://127.0.0.1:${PORT:-1}/x', { PORT: '2' }).stderr).toContain('http://127.0.0.1:2/x');
  });

  it('exits 2 on a missing URL', () => {
    expect(run('').status).toBe(2);
  });

  it('exits 0 on 2xx and 1 on 503 from a real server', async () => {
    const http = await import('node:http');
    const server = http.createServer((req, res) => res.writeHead(req.url === '/ok' ? 200 : 503).end()).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as { port: number }).port;
    const runAsync = (url: string) =>
      new Promise<number | null>((resolve) => {
        const { spawn } = require('node:child_process') as typeof import('node:child_process');
        spawn(process.execPath, [script, url], { stdio: 'ignore' }).on('exit', resolve);
      });
    try {
      expect(await runAsync(`http://127.0.0.1:${port}/ok`)).toBe(0);
      expect(await runAsync(`http://127.0.0.1:${port}/down`)).toBe(1);
    } finally {
      server.close();
    }
  });
});

describe('the docker-build target of every app', () => {
  const fakeBin = fs.mkdtempSync(path.join(os.tmpdir(), 'pdx-fake-docker-'));
  const calls = path.join(fakeBin, 'calls');
  fs.writeFileSync(path.join(fakeBin, 'docker'), `#!/bin/sh\nprintf '%s\\n' "$*" >> "${calls}"\n`, { mode: 0o755 });
  afterAll(() => fs.rmSync(fakeBin, { recursive: true, force: true }));

  // nx run-commands hands the command to /bin/sh: run it the same way with a fake docker first on PATH.
  const build = (app: string, env: Record<string, string>) => {
    fs.rmSync(calls, { force: true });
    const project = JSON.parse(readText(`apps/${app}/project.json`)) as { targets: Record<string, { executor: string; options: { command: string } }> };
    const target = project.targets['docker-build'];
    expect(target.executor).toBe('nx:run-commands');
    const res = spawnSync('/bin/sh', ['-c', target.options.command], { cwd: inWorkspace(), env: { PATH: `${fakeBin}:${process.env['PATH']}`, ...env }, encoding: 'utf8' });
    expect(res.status).toBe(0);
    return fs.readFileSync(calls, 'utf8').trim();
  };

  it.each(apps)('%s: docker build -f docker/<app>.Dockerfile, image name and tag from IMAGE_REGISTRY / IMAGE_TAG', (app) => {
    expect(build(app, {})).toBe(`build -f docker/${app}.Dockerfile -t predictiondex/${app}:latest .`);
    expect(build(app, { IMAGE_REGISTRY: 'ghcr.io/acme/pdx', IMAGE_TAG: '1.2.3' })).toBe(`build -f docker/${app}.Dockerfile -t ghcr.io/acme/pdx/${app}:1.2.3 .`);
  });
});

describe('.dockerignore', () => {
  const ignored = readText('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it('keeps secrets, installs, builds and the git folder out of the build context', () => {
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', 'dist', '.git', '.env', '.env.*', 'var', 'tmp']));
  });

  it('keeps in what the Dockerfiles copy', () => {
    const copied = dockerfiles.flatMap((f) =>
      parseDockerfile(readText(`docker/${f}`))
        .instructions.filter((i) => i.keyword === 'COPY' && !copySources(i.args).from)
        .flatMap((i) => copySources(i.args).sources),
    );
    expect(new Set(copied)).toEqual(new Set(['package.json', 'package-lock.json', 'nx.json', 'tsconfig.base.json', 'libs', 'apps', 'tools/node', 'docker/healthcheck.cjs']));
    for (const src of copied) {
      const top = src.split('/')[0];
      expect(ignored).not.toContain(src);
      // A folder excluded wholesale must be re-included for the one path the images copy.
      if (ignored.includes(`${top}/*`)) expect(ignored).toContain(`!${src}`);
    }
  });
});
