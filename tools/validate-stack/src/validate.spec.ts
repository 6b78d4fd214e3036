import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Fastify, { FastifyInstance } from 'fastify';
import { checkAlertmanager, checkGrafana, checkModel, checkMlflow, checkPrometheus, checkService } from './checks';
import { parseConfig, UsageError } from './config';
import { formatReport } from './report';

const closedPort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

describe('parseConfig', () => {
  it('defaults to the local stack of npm start and its development credentials', () => {
    const cfg = parseConfig([], {}, os.tmpdir());
    expect(cfg.services).toEqual({
      api: { url: 'http://127.0.0.1:8000', configured: false },
      ui: { url: 'http://127.0.0.1:3000', configured: false },
      'mlflow-proxy': { url: 'http://127.0.0.1:5000', configured: false },
      etl: { url: 'http://127.0.0.1:9101', configured: false },
      'ml-builder': { url: 'http://127.0.0.1:9102', configured: false },
    });
    expect(cfg.monitoring.grafana).toEqual({ url: 'http://127.0.0.1:3001', configured: false });
    expect(cfg).toMatchObject({ apiKey: 'dev-only-api-key', mlflowToken: 'dev-only-mlflow-write-token', queuePrefix: 'pdx', verbose: false, requireModel: false });
  });

  it('takes flags over the environment, and marks what was given as configured', () => {
    const cfg = parseConfig(['--api-url', 'http://h:1/', '--prometheus-url=http://p:9', '--verbose', '--skip', 'ui,grafana'], { API_URL: 'http://env:2', ETL_URL: 'http://e:3', QUEUE_PREFIX: 'q' }, os.tmpdir());
    expect(cfg.services.api).toEqual({ url: 'http://h:1', configured: true });
    expect(cfg.services.etl).toEqual({ url: 'http://e:3', configured: true });
    expect(cfg.monitoring.prometheus).toEqual({ url: 'http://p:9', configured: true });
    expect([...cfg.skip]).toEqual(['ui', 'grafana']);
    expect(cfg).toMatchObject({ verbose: true, queuePrefix: 'q' });
  });

  it("reads Grafana's password from the file docker/init-env.mjs writes", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdx-vs-'));
    fs.mkdirSync(path.join(dir, 'var/secrets'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'var/secrets/grafana_admin_password'), 'pw\n');
    expect(parseConfig([], {}, dir).grafana).toEqual({ token: undefined, user: 'admin', password: 'pw' });
    fs.rmSync(dir, { recursive: true });
  });

  it('refuses unknown arguments and checks', () => {
    expect(() => parseConfig(['--nope'], {})).toThrow(UsageError);
    expect(() => parseConfig(['--skip', 'database'], {})).toThrow(/unknown check "database"/);
    expect(() => parseConfig(['--api-url', 'localhost:8000'], {})).toThrow(/not a URL/);
    expect(() => parseConfig(['--help'], {})).toThrow(/^usage:/);
  });
});

describe('checks against stand-in servers', () => {
  let server: FastifyInstance;
  let base: string;
  let state: { ready: boolean; targets: { health: string; job: string }[]; model: number; datasourceOk: boolean };

  beforeAll(async () => {
    server = Fastify();
    server.get('/health/live', async () => ({ status: 'ok' }));
    server.get('/health/ready', async (_req, reply) =>
      state.ready
        ? { status: 'ok', details: { postgres: { status: 'up' }, redis: { status: 'up' } } }
        : reply.code(503).send({ status: 'error', details: { postgres: { status: 'up' }, redis: { status: 'down', message: 'no answer within 1000 ms' } } }),
    );
    server.get('/metrics', async (_req, reply) => reply.type('text/plain').send('# HELP up x\n# TYPE up gauge\nup 1\n'));
    server.get('/predict/model-info', async (req, reply) =>
      req.headers['x-api-key'] !== 'k' ? reply.code(401).send({}) : state.model === 200 ? { name: 'battle-winner', version: '3', alias: 'champion' } : reply.code(state.model).send({}),
    );
    server.post('/api/2.0/mlflow/experiments/search', async (req, reply) => (req.headers.authorization === 'Bearer t' ? { experiments: [{ name: 'battle-winner' }] } : reply.code(401).send({})));
    server.get('/api/v1/targets', async () => ({
      data: { activeTargets: state.targets.map((t) => ({ labels: { job: t.job, instance: `${t.job}:1` }, scrapeUrl: 'http://x/metrics', health: t.health, lastError: t.health === 'down' ? 'connection refused' : '' })) },
    }));
    server.get('/api/health', async () => ({ database: 'ok' }));
    server.get('/api/datasources', async (req, reply) => (req.headers.authorization === 'Bearer g' ? [{ uid: 'prometheus', name: 'Prometheus', type: 'prometheus' }] : reply.code(401).send({})));
    server.get('/api/datasources/uid/prometheus/health', async (_req, reply) => (state.datasourceOk ? { status: 'OK' } : reply.code(400).send({ status: 'ERROR' })));
    server.get('/-/ready', async () => 'OK');
    base = await server.listen({ port: 0, host: '127.0.0.1' });
  });
  beforeEach(() => {
    state = { ready: true, targets: [{ job: 'api', health: 'up' }], model: 200, datasourceOk: true };
  });
  afterAll(() => server.close());

  const cfg = (env: Record<string, string> = {}) => parseConfig([], { API_URL: base, MLFLOW_TRACKING_URI: base, API_KEY: 'k', MLFLOW_TRACKING_TOKEN: 't', ...env }, os.tmpdir());

  it('a healthy service: live, ready with its dependencies, metrics', async () => {
    const r = await checkService('api', { url: base, configured: true }, 2000);
    expect(r).toMatchObject({ status: 'ok', summary: 'live, ready (postgres up, redis up), metrics (1 samples)' });
  });

  it('a service whose dependency is down fails, naming it', async () => {
    state.ready = false;
    const r = await checkService('api', { url: base, configured: true }, 2000);
    expect(r).toMatchObject({ status: 'fail', summary: '/health/ready 503 (postgres up, redis down (no answer within 1000 ms))' });
  });

  it('a service that does not answer fails', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    expect(await checkService('etl', { url, configured: false }, 2000)).toMatchObject({ status: 'fail', summary: `${url} does not answer (ECONNREFUSED)` });
  });

  it('the model: served, not yet (a warning, or a failure with --require-model), key refused', async () => {
    expect(await checkModel(cfg())).toMatchObject({ status: 'ok', summary: 'serves battle-winner v3 (@champion)' });
    state.model = 503;
    expect((await checkModel(cfg())).status).toBe('warn');
    expect((await checkModel({ ...cfg(), requireModel: true })).status).toBe('fail');
    expect(await checkModel(cfg({ API_KEY: 'nope' }))).toMatchObject({ status: 'fail', summary: expect.stringMatching(/API_KEY refused/) });
  });

  it('mlflow-proxy: authenticated search works and an anonymous one is refused', async () => {
    expect(await checkMlflow(cfg())).toMatchObject({ status: 'ok', summary: 'authenticated search: 1 experiment(s); anonymous refused (401)' });
    expect(await checkMlflow(cfg({ MLFLOW_TRACKING_TOKEN: 'bad' }))).toMatchObject({ status: 'fail', summary: expect.stringMatching(/401: set MLFLOW_TRACKING_TOKEN/) });
  });

  it('Prometheus: every target up passes; one down fails naming it; not configured and absent is skipped', async () => {
    expect(await checkPrometheus(cfg({ PROMETHEUS_URL: base }))).toMatchObject({ status: 'ok', summary: '1 targets up (api)' });
    state.targets = [{ job: 'api', health: 'up' }, { job: 'etl', health: 'down' }];
    expect(await checkPrometheus(cfg({ PROMETHEUS_URL: base }))).toMatchObject({ status: 'fail', summary: 'targets down: etl (etl:1: connection refused)' });
    const closed = `http://127.0.0.1:${await closedPort()}`;
    const absent = cfg();
    absent.monitoring.prometheus = { url: closed, configured: false };
    expect(await checkPrometheus(absent)).toMatchObject({ status: 'skip', summary: expect.stringMatching(/^not configured/) });
    expect(await checkPrometheus(cfg({ PROMETHEUS_URL: closed }))).toMatchObject({ status: 'fail', summary: `${closed} does not answer (ECONNREFUSED)` });
  });

  it('Grafana: a working Prometheus datasource passes; no credentials or a broken datasource fails', async () => {
    expect(await checkGrafana(cfg({ GRAFANA_URL: base, GRAFANA_TOKEN: 'g' }))).toMatchObject({ status: 'ok', summary: 'datasource Prometheus works' });
    expect(await checkGrafana(cfg({ GRAFANA_URL: base }))).toMatchObject({ status: 'fail', summary: expect.stringMatching(/no credentials/) });
    state.datasourceOk = false;
    expect(await checkGrafana(cfg({ GRAFANA_URL: base, GRAFANA_TOKEN: 'g' }))).toMatchObject({ status: 'fail', summary: 'datasource not working: Prometheus' });
  });

  it('Alertmanager: ready', async () => {
    expect(await checkAlertmanager(cfg({ ALERTMANAGER_URL: base }))).toMatchObject({ status: 'ok' });
  });
});

describe('formatReport', () => {
  it('passes with warnings and skips, fails on any failure, prints details with --verbose', () => {
    const ok = formatReport([{ check: 'api', status: 'ok', summary: 'fine' }, { check: 'grafana', status: 'skip', summary: 'not configured' }, { check: 'api model', status: 'warn', summary: 'no model' }], false, false);
    expect(ok.ok).toBe(true);
    expect(ok.lines[0]).toBe('  ok    api        fine');
    const bad = formatReport([{ check: 'etl', status: 'fail', summary: 'down', details: { url: 'x' } }], true, false);
    expect(bad.ok).toBe(false);
    expect(bad.lines).toEqual(['  FAIL  etl  down', '        {', '          "url": "x"', '        }', 'validate-stack: 1 check(s) failed: etl']);
  });
});
