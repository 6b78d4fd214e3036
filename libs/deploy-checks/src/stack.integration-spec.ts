import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { dropDatabase } from '@predictiondex/db';
import { deleteRedisPrefix, TEST_DATABASE_SERVER_URL, TEST_REDIS_URL, testQueuePrefix } from '@predictiondex/testing';
import Fastify, { FastifyInstance } from 'fastify';
import { asComposeFile, healthcheckUrl } from './lib/compose';
import { K8sObject, podSpec } from './lib/k8s-schema';
import { appNames, inWorkspace, parseYaml, parseYamlDocuments, readText } from './lib/workspace';

// `npm start` (tools/stack/start.mjs) from this checkout on a fresh database, with small ML settings
// so the first champion comes in about a minute: the stack reaches healthy, serves a prediction,
// passes validate-stack (with a real Prometheus scraping it), takes loadgen's three modes, and stops
// cleanly on Ctrl-C. Every process started here is killed in afterAll, whatever happened.

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  last: Record<string, unknown>;
}

function runTool(entry: string, args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['tools/node/run-ts.cjs', entry, ...args], { cwd: inWorkspace(), env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const lastLine = stdout.trim().split('\n').pop() ?? '';
      let last: Record<string, unknown> = {};
      try {
        last = JSON.parse(lastLine) as Record<string, unknown>;
      } catch {
        // not JSON: the assertions show stdout
      }
      resolve({ code, stdout, stderr, last });
    });
  });
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, output: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what} within ${timeoutMs / 1000} s. Output so far:\n${output().slice(-6000)}`);
}

// The supervisor colours its prefixes (ESC [ ... m).
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const strip = (s: string) => s.replace(ANSI, '');

describe('npm start: the stack as processes', () => {
  const sandbox = fs.mkdtempSync(path.join(os.tmpdir(), 'pdx-stack-'));
  const prefix = testQueuePrefix('stack');
  const dbName = `pdx_test_stack_${process.pid}_${Date.now() % 100000}`;
  const dbUrl = (() => {
    const u = new URL(TEST_DATABASE_SERVER_URL);
    u.pathname = `/${dbName}`;
    return u.toString();
  })();
  const children: ChildProcess[] = [];
  let supervisor: ChildProcess;
  let output = '';
  let grafana: FastifyInstance | undefined;
  const ports: Record<string, number> = {};
  const url: Record<string, string> = {};
  let toolEnv: Record<string, string>;

  beforeAll(async () => {
    for (const name of ['mlflow-proxy', 'etl', 'ml-builder', 'api', 'ui', 'prometheus']) ports[name] = await freePort();
    for (const name of appNames()) url[name] = `http://127.0.0.1:${ports[name]}`;
    const env: Record<string, string> = {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? sandbox,
      LOG_LEVEL: 'warn',
      DATABASE_URL: dbUrl,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      MLFLOW_PORT: String(ports['mlflow-proxy']),
      ETL_HEALTH_PORT: String(ports['etl']),
      ML_BUILDER_HEALTH_PORT: String(ports['ml-builder']),
      API_PORT: String(ports['api']),
      UI_PORT: String(ports['ui']),
      MLFLOW_ARTIFACT_ROOT: path.join(sandbox, 'mlartifacts'),
      ML_DATA_DIR: path.join(sandbox, 'datasets'),
      MODEL_CACHE_DIR: path.join(sandbox, 'model-cache'),
      // A small first build: 6 Pokémon, no grid search, a short Monte-Carlo check.
      ML_MAX_SPECIES: '6',
      ML_NUM_RANDOM_SAMPLES: '2',
      ML_TUNE_HYPERPARAMS: 'false',
      ML_CV_MAX_ROWS: '1000',
      ML_MC_PAIRS: '4',
      ML_MC_BATTLES: '4',
      ML_WORKERS: '1',
      GIT_COMMIT: 'stack-test',
    };
    // As from a fresh clone: the ui builds its SPA once (vite, a few seconds) into an empty folder.
    env['UI_STATIC_DIR'] = path.join(sandbox, 'ui-client');
    supervisor = spawn(process.execPath, ['tools/stack/start.mjs'], { cwd: inWorkspace(), env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(supervisor);
    supervisor.stdout!.on('data', (d) => (output += d));
    supervisor.stderr!.on('data', (d) => (output += d));
    toolEnv = {
      API_URL: url['api'],
      UI_URL: url['ui'],
      MLFLOW_TRACKING_URI: url['mlflow-proxy'],
      ETL_URL: url['etl'],
      ML_BUILDER_URL: url['ml-builder'],
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      // Not whatever monitoring this machine may run on the default ports: the test starts its own.
      VALIDATE_SKIP: 'prometheus,grafana,alertmanager',
    };
    await until('the stack did not come up', 200_000, async () => (strip(output).includes('[stack] the stack is up:') ? true : supervisor.exitCode !== null ? Promise.reject() : undefined), () => strip(output));
  }, 240_000);

  afterAll(async () => {
    for (const c of children) {
      try {
        process.kill(-c.pid!, 'SIGKILL');
      } catch {
        try {
          c.kill('SIGKILL');
        } catch {
          // gone
        }
      }
    }
    await grafana?.close();
    await new Promise((r) => setTimeout(r, 500));
    await dropDatabase(dbUrl).catch(() => undefined);
    await deleteRedisPrefix(prefix);
    fs.rmSync(sandbox, { recursive: true, force: true });
  });

  it('starts the services in order, each healthy before the next, and prints their URLs', () => {
    const lines = strip(output).split('\n');
    const started = lines.filter((l) => l.startsWith('[stack] starting ')).map((l) => l.replace('[stack] starting ', ''));
    expect(started).toEqual(['migrate', 'mlflow-proxy', 'ml-builder', 'etl', 'api', 'ui']);
    for (let i = 1; i < started.length; i++) {
      const healthy = lines.indexOf(`[stack] ${started[i - 1]} is healthy`);
      if (i > 1) expect({ [started[i - 1]]: healthy >= 0 && healthy < lines.indexOf(`[stack] starting ${started[i]}`) }).toEqual({ [started[i - 1]]: true });
    }
    expect(strip(output)).toContain(`api          docs     ${url['api']}/docs`);
    expect(strip(output)).toContain(`ui           web      ${url['ui']}`);
    expect(strip(output)).toMatch(/\[stack\] check it: .*tools\/validate-stack\/src\/main\.ts/);
    expect(lines.filter((l) => /^[a-z-]+ +\| /.test(l)).length).toBeGreaterThan(0);
  });

  it('serves a prediction once ml-builder has registered the first champion', async () => {
    const headers = { 'x-api-key': 'dev-only-api-key', 'content-type': 'application/json' };
    const info = await until('no champion was served', 150_000, async () => {
      const res = await fetch(`${url['api']}/predict/model-info`, { headers });
      return res.ok ? ((await res.json()) as { name: string; version: string }) : undefined;
    }, () => strip(output));
    expect(info).toMatchObject({ name: 'battle-winner', version: '1' });
    const page = (await (await fetch(`${url['api']}/pokemon?limit=200`, { headers })).json()) as { items: { id: number; name: string }[] };
    expect(page.items.length).toBe(188);
    const pikachu = page.items.find((p) => p.name === 'Pikachu')!;
    const charizard = page.items.find((p) => p.name === 'Charizard')!;
    const res = await fetch(`${url['api']}/predict/best-move`, { method: 'POST', headers, body: JSON.stringify({ pokemon_a_id: pikachu.id, pokemon_b_id: charizard.id, available_moves: ['Thunderbolt', 'Quick Attack'] }) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { recommended_move: string; win_probability: number; all_moves: unknown[] };
    expect(['Thunderbolt', 'Quick Attack']).toContain(body.recommended_move);
    expect(body.win_probability).toBeGreaterThanOrEqual(0);
    expect(body.all_moves).toHaveLength(2);
    await until('the supervisor did not announce the model', 10_000, async () => (strip(output).includes('the api serves battle-winner v1') ? true : undefined), () => strip(output));
  });

  it('answers every probe path of the Kubernetes manifests and of the compose healthchecks', async () => {
    const probes = new Map<string, Set<string>>();
    const add = (app: string, p: string) => probes.set(app, (probes.get(app) ?? new Set()).add(p));
    for (const file of fs.readdirSync(inWorkspace('infra/k8s')).filter((f) => f.endsWith('.yaml'))) {
      for (const doc of parseYamlDocuments(readText(`infra/k8s/${file}`), file) as K8sObject[]) {
        if (doc.kind !== 'Deployment') continue;
        const c = podSpec(doc)!.containers[0];
        for (const probe of [c.startupProbe, c.livenessProbe, c.readinessProbe]) if (probe) add(doc.metadata.name, probe.httpGet.path);
      }
    }
    const compose = asComposeFile(parseYaml(readText('docker-compose.yml'), 'docker-compose.yml'));
    for (const app of appNames()) add(app, healthcheckUrl(compose.services[app].healthcheck!.test)!.pathname);
    expect([...probes.keys()].sort()).toEqual(appNames());
    for (const [app, paths] of probes) {
      for (const p of paths) {
        const res = await fetch(`${url[app]}${p}`);
        expect({ app, path: p, status: res.status }).toEqual({ app, path: p, status: 200 });
      }
    }
  });

  it('passes validate-stack, with Prometheus scraping every service and a Grafana datasource on it', async () => {
    // The machine's Prometheus (Debian package), scraping this stack every second.
    const promDir = path.join(sandbox, 'prometheus');
    fs.mkdirSync(promDir);
    const jobs = appNames().map((app) => `  - job_name: ${app}\n    static_configs:\n      - targets: ['127.0.0.1:${ports[app]}']`);
    fs.writeFileSync(path.join(promDir, 'prometheus.yml'), `global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n${jobs.join('\n')}\n`);
    const prometheusUrl = `http://127.0.0.1:${ports['prometheus']}`;
    const prometheus = spawn('/usr/bin/prometheus', [`--config.file=${path.join(promDir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(promDir, 'data')}`, `--web.listen-address=127.0.0.1:${ports['prometheus']}`], {
      detached: true,
      stdio: 'ignore',
    });
    children.push(prometheus);
    await until('Prometheus did not scrape every service', 30_000, async () => {
      const body = (await (await fetch(`${prometheusUrl}/api/v1/targets`)).json()) as { data: { activeTargets: { health: string }[] } };
      const targets = body.data.activeTargets;
      return targets.length === appNames().length && targets.every((t) => t.health === 'up') ? true : undefined;
    }, () => 'prometheus targets not up');

    // Grafana is not packaged for Debian: a stand-in with its health and datasource API, whose
    // datasource health asks the real Prometheus, as Grafana's does.
    grafana = Fastify();
    grafana.get('/api/health', async () => ({ database: 'ok', version: 'stand-in' }));
    grafana.addHook('onRequest', async (req, reply) => {
      if (req.url !== '/api/health' && req.headers.authorization !== `Basic ${Buffer.from('admin:grafana-test-password').toString('base64')}`) return reply.code(401).send({ message: 'Unauthorized' });
    });
    grafana.get('/api/datasources', async () => [{ uid: 'prometheus', name: 'Prometheus', type: 'prometheus', url: prometheusUrl }]);
    grafana.get('/api/datasources/uid/prometheus/health', async (_req, reply) => {
      const res = await fetch(`${prometheusUrl}/api/v1/query?query=up`);
      return res.ok ? { status: 'OK', message: 'Successfully queried the Prometheus API.' } : reply.code(400).send({ status: 'ERROR' });
    });
    const grafanaUrl = await grafana.listen({ port: 0, host: '127.0.0.1' });

    const res = await runTool('tools/validate-stack/src/main.ts', ['--verbose', '--require-model'], { ...toolEnv, VALIDATE_SKIP: 'alertmanager', PROMETHEUS_URL: prometheusUrl, GRAFANA_URL: grafanaUrl, GRAFANA_PASSWORD: 'grafana-test-password' });
    expect({ code: res.code, out: res.stdout }).toEqual({ code: 0, out: expect.stringContaining('validate-stack: the stack is healthy') });
    const checks = Object.fromEntries((res.last['checks'] as { check: string; status: string }[]).map((c) => [c.check, c.status]));
    expect(checks).toEqual({
      'mlflow-proxy': 'ok',
      'mlflow search': 'ok',
      'ml-builder': 'ok',
      etl: 'ok',
      api: 'ok',
      'api model': 'ok',
      ui: 'ok',
      queues: 'ok',
      prometheus: 'ok',
      grafana: 'ok',
      alertmanager: 'skip',
    });
    expect(res.stdout).toMatch(/prometheus +5 targets up/);
    // --verbose prints each check's details.
    expect(res.stdout).toMatch(/"health": "up"/);

    // The same Grafana with wrong credentials: configured and not working is a failure.
    const wrong = await runTool('tools/validate-stack/src/main.ts', [], { ...toolEnv, VALIDATE_SKIP: 'alertmanager', PROMETHEUS_URL: prometheusUrl, GRAFANA_URL: grafanaUrl, GRAFANA_PASSWORD: 'wrong' });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/FAIL +grafana +GET \/api\/datasources: 401 \(credentials refused\)/);
  });

  it.each([
    ['realistic', ['--duration', '4']],
    ['burst', ['--duration', '4']],
    ['spike', ['--duration', '4', '--spike-size', '30']],
  ])('runs loadgen --mode %s against it, bounded, with live percentiles and a JSON summary', async (mode, extra) => {
    const res = await runTool('tools/loadgen/src/main.ts', ['--mode', mode, '--requests', '300', ...extra], { API_URL: url['api'] }, 30_000);
    expect({ code: res.code, stderr: res.stderr }).toEqual({ code: 0, stderr: '' });
    expect(res.stdout).toMatch(/\[loadgen\] +\d+s +\d+ req .*p50 \d+ms +p95 \d+ms +p99 \d+ms +errors \d+\.\d% /);
    expect(res.last).toMatchObject({ tool: 'loadgen', mode, errors: 0, rateLimited: 0 });
    expect(res.last['requests']).toBeGreaterThan(0);
    expect(res.last['durationS']).toBeLessThan(7);
    const byKind = res.last['byKind'] as Record<string, { requests: number }>;
    if (mode !== 'realistic') expect(byKind['predict']?.requests).toBeGreaterThan(0);
    if (mode === 'spike') expect(res.last['spikes']).toBeGreaterThanOrEqual(1);
    for (const key of ['p50', 'p95', 'p99']) expect((res.last['latencyMs'] as Record<string, number>)[key]).toBeGreaterThan(0);
  });

  it('fails validate-stack (exit 1, naming it) when one service is down', async () => {
    const res = await runTool('tools/validate-stack/src/main.ts', [], { ...toolEnv, ETL_URL: `http://127.0.0.1:${await freePort()}` });
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/FAIL +etl +http:\/\/127\.0\.0\.1:\d+ does not answer \(ECONNREFUSED\)/);
    expect(res.last).toMatchObject({ ok: false, failed: 1 });
  });

  it('stops every service on Ctrl-C, last started first, and exits 0', async () => {
    const exited = new Promise<number | null>((r) => supervisor.once('exit', r));
    process.kill(supervisor.pid!, 'SIGINT');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise((r) => (timer = setTimeout(() => r('timeout'), 60_000)));
    expect(await Promise.race([exited, timeout]).finally(() => clearTimeout(timer))).toBe(0);
    const stops = strip(output)
      .split('\n')
      .filter((l) => / stopped$/.test(l))
      .map((l) => l.replace(/^\[stack\] | stopped$/g, ''));
    expect(stops).toEqual(['ui', 'api', 'etl', 'ml-builder', 'mlflow-proxy']);
    for (const app of appNames()) await expect(fetch(`${url[app]}/health/live`)).rejects.toThrow();
    const after = await runTool('tools/validate-stack/src/main.ts', [], { ...toolEnv, VALIDATE_SKIP: 'queues,prometheus,grafana,alertmanager' });
    expect(after.code).toBe(1);
    expect(after.last).toMatchObject({ ok: false, passed: 0 });
  });
});
