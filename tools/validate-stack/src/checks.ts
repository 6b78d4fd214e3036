import { QUEUES, redisOptionsFromUrl } from '@predictiondex/queues';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { SERVICES } from './config';
import type { Endpoint, OptionalName, ServiceName, ValidateConfig } from './config';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface CheckResult {
  check: string;
  status: CheckStatus;
  /** One line for the report. */
  summary: string;
  /** What --verbose prints (bodies, per-dependency states). */
  details?: unknown;
}

interface HttpAnswer {
  status?: number;
  body?: unknown;
  text?: string;
  /** Why there was no answer (ECONNREFUSED, timeout...). */
  error?: string;
}

export async function http(url: string, timeoutMs: number, init: RequestInit = {}): Promise<HttpAnswer> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return { status: res.status, body, text };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    return { error: err.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (err.cause?.code ?? err.cause?.message ?? err.message) };
  }
}

const said = (a: HttpAnswer) => (a.error ? a.error : String(a.status));

/** Terminus' answer: "postgres up, redis down (message)". */
function dependencies(body: unknown): string {
  const details = (body as { details?: Record<string, { status?: string; message?: string; version?: string; loaded?: boolean }> } | undefined)?.details;
  if (!details) return '';
  return Object.entries(details)
    .map(([name, d]) => `${name} ${d.status ?? '?'}${d.status !== 'up' && d.message ? ` (${d.message})` : ''}`)
    .join(', ');
}

/** /health/live, /health/ready (with its dependencies) and /metrics of one service. */
export async function checkService(name: ServiceName, endpoint: Endpoint, timeoutMs: number): Promise<CheckResult> {
  const [live, ready, metrics] = await Promise.all([
    http(`${endpoint.url}/health/live`, timeoutMs),
    http(`${endpoint.url}/health/ready`, timeoutMs),
    http(`${endpoint.url}/metrics`, timeoutMs),
  ]);
  const details = { url: endpoint.url, live: live.body ?? live.error, ready: ready.body ?? ready.error, metrics: metrics.status ?? metrics.error };
  if (live.error) return { check: name, status: 'fail', summary: `${endpoint.url} does not answer (${live.error})`, details };
  const problems: string[] = [];
  if (live.status !== 200) problems.push(`/health/live ${said(live)}`);
  const readyOk = ready.status === 200 && (ready.body as { status?: string } | undefined)?.status === 'ok';
  if (!readyOk) problems.push(`/health/ready ${said(ready)}${dependencies(ready.body) ? ` (${dependencies(ready.body)})` : ''}`);
  const series = (metrics.text ?? '').split('\n').filter((l) => l && !l.startsWith('#')).length;
  if (metrics.status !== 200 || !metrics.text?.includes('# HELP')) problems.push(`/metrics ${said(metrics)}`);
  if (problems.length) return { check: name, status: 'fail', summary: problems.join('; '), details };
  const deps = dependencies(ready.body);
  return { check: name, status: 'ok', summary: `live, ready${deps ? ` (${deps})` : ''}, metrics (${series} samples)`, details };
}

/** The model the api serves (GET /predict/model-info, with API_KEY). */
export async function checkModel(cfg: ValidateConfig): Promise<CheckResult> {
  const a = await http(`${cfg.services.api.url}/predict/model-info`, cfg.timeoutMs, { headers: { 'x-api-key': cfg.apiKey } });
  if (a.status === 200) {
    const m = a.body as { name?: string; version?: string; alias?: string };
    return { check: 'api model', status: 'ok', summary: `serves ${m.name} v${m.version}${m.alias ? ` (@${m.alias})` : ''}`, details: a.body };
  }
  if (a.status === 401 || a.status === 403) return { check: 'api model', status: 'fail', summary: `API_KEY refused (${a.status}): set API_KEY to one of the api's keys`, details: a.body };
  if (a.status === 503) {
    return {
      check: 'api model',
      status: cfg.requireModel ? 'fail' : 'warn',
      summary: 'no model served yet: predictions answer 503 until ml-builder registers a champion',
      details: a.body,
    };
  }
  return { check: 'api model', status: 'fail', summary: `GET /predict/model-info: ${said(a)}`, details: a.body };
}

/** An authenticated MLflow search, and proof that an anonymous one is refused. */
export async function checkMlflow(cfg: ValidateConfig): Promise<CheckResult> {
  const url = `${cfg.services['mlflow-proxy'].url}/api/2.0/mlflow/experiments/search`;
  const body = JSON.stringify({ max_results: 100 });
  const headers = { 'content-type': 'application/json' };
  const [authed, anonymous] = await Promise.all([
    http(url, cfg.timeoutMs, { method: 'POST', body, headers: { ...headers, authorization: `Bearer ${cfg.mlflowToken}` } }),
    http(url, cfg.timeoutMs, { method: 'POST', body, headers }),
  ]);
  if (authed.status !== 200) {
    const hint = authed.status === 401 || authed.status === 403 ? ': set MLFLOW_TRACKING_TOKEN to one of mlflow-proxy\'s tokens' : '';
    return { check: 'mlflow search', status: 'fail', summary: `POST experiments/search: ${said(authed)}${hint}`, details: authed.body };
  }
  if (anonymous.status !== 401) return { check: 'mlflow search', status: 'fail', summary: `an anonymous search answered ${said(anonymous)}, not 401: authentication is off`, details: anonymous.body };
  const experiments = ((authed.body as { experiments?: { name: string }[] }).experiments ?? []).map((e) => e.name);
  return { check: 'mlflow search', status: 'ok', summary: `authenticated search: ${experiments.length} experiment(s); anonymous refused (401)`, details: { experiments } };
}

/** Redis PING, and the BullMQ queues' job counts and workers. */
export async function checkQueues(cfg: ValidateConfig): Promise<CheckResult> {
  const options = { ...redisOptionsFromUrl(cfg.redisUrl), maxRetriesPerRequest: 1, connectTimeout: cfg.timeoutMs, lazyConnect: true, retryStrategy: () => null };
  const redis = new Redis(options);
  redis.on('error', () => undefined);
  const queues: Queue[] = [];
  try {
    await redis.connect();
    const pong = await redis.ping();
    if (pong !== 'PONG') return { check: 'queues', status: 'fail', summary: `Redis answered ${pong} to PING` };
    const details: Record<string, unknown> = {};
    const parts: string[] = [];
    for (const name of [QUEUES.mlBuild, QUEUES.etl]) {
      const queue = new Queue(name, { connection: redis, prefix: cfg.queuePrefix });
      queues.push(queue);
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
      const workers = await queue.getWorkersCount().catch(() => undefined);
      details[name] = { ...counts, workers };
      parts.push(`${name}: ${counts['waiting']} waiting, ${counts['active']} active, ${counts['completed']} completed, ${counts['failed']} failed${workers === undefined ? '' : `, ${workers} worker(s)`}`);
    }
    const mlBuildWorkers = (details[QUEUES.mlBuild] as { workers?: number }).workers;
    const status: CheckStatus = mlBuildWorkers === 0 ? 'warn' : 'ok';
    return { check: 'queues', status, summary: `Redis PONG; ${parts.join('; ')}${status === 'warn' ? ' (no ml-builder worker is listening)' : ''}`, details };
  } catch (e) {
    return { check: 'queues', status: 'fail', summary: `Redis ${cfg.redisUrl.replace(/\/\/[^@]*@/, '//***@')}: ${(e as Error).message}` };
  } finally {
    await Promise.all(queues.map((q) => q.close().catch(() => undefined)));
    redis.disconnect();
  }
}

/**
 * A monitoring service is checked when its address was given, or when something answers on its
 * default port; otherwise it is skipped as not configured. Given and down is a failure.
 */
async function reachable(name: OptionalName, endpoint: Endpoint, path: string, timeoutMs: number): Promise<{ answer: HttpAnswer } | CheckResult> {
  const answer = await http(`${endpoint.url}${path}`, timeoutMs);
  if (answer.error && !endpoint.configured) {
    const variable = { prometheus: 'PROMETHEUS_URL', grafana: 'GRAFANA_URL', alertmanager: 'ALERTMANAGER_URL' }[name];
    return { check: name, status: 'skip', summary: `not configured (${variable} or --${name}-url); nothing on ${endpoint.url}` };
  }
  if (answer.error) return { check: name, status: 'fail', summary: `${endpoint.url} does not answer (${answer.error})` };
  return { answer };
}

interface PromTarget {
  labels: Record<string, string>;
  scrapeUrl: string;
  health: 'up' | 'down' | 'unknown';
  lastError?: string;
}

export async function checkPrometheus(cfg: ValidateConfig): Promise<CheckResult> {
  const endpoint = cfg.monitoring.prometheus;
  const r = await reachable('prometheus', endpoint, '/api/v1/targets?state=active', cfg.timeoutMs);
  if ('check' in r) return r;
  const targets = ((r.answer.body as { data?: { activeTargets?: PromTarget[] } })?.data?.activeTargets ?? []).map((t) => ({
    job: t.labels['job'],
    instance: t.labels['instance'],
    health: t.health,
    lastError: t.lastError || undefined,
  }));
  if (r.answer.status !== 200) return { check: 'prometheus', status: 'fail', summary: `GET /api/v1/targets: ${said(r.answer)}` };
  if (!targets.length) return { check: 'prometheus', status: 'fail', summary: 'no active scrape target' };
  const down = targets.filter((t) => t.health === 'down');
  const unknown = targets.filter((t) => t.health === 'unknown');
  if (down.length) {
    return { check: 'prometheus', status: 'fail', summary: `targets down: ${down.map((t) => `${t.job} (${t.instance}${t.lastError ? `: ${t.lastError}` : ''})`).join(', ')}`, details: targets };
  }
  if (unknown.length) return { check: 'prometheus', status: 'warn', summary: `${targets.length - unknown.length} up, not scraped yet: ${unknown.map((t) => t.job).join(', ')}`, details: targets };
  return { check: 'prometheus', status: 'ok', summary: `${targets.length} targets up (${[...new Set(targets.map((t) => t.job))].join(', ')})`, details: targets };
}

export async function checkGrafana(cfg: ValidateConfig): Promise<CheckResult> {
  const endpoint = cfg.monitoring.grafana;
  const r = await reachable('grafana', endpoint, '/api/health', cfg.timeoutMs);
  if ('check' in r) return r;
  if (r.answer.status !== 200 || (r.answer.body as { database?: string })?.database !== 'ok') {
    return { check: 'grafana', status: 'fail', summary: `GET /api/health: ${said(r.answer)}`, details: r.answer.body };
  }
  const { token, user, password } = cfg.grafana;
  if (!token && !password) {
    return { check: 'grafana', status: 'fail', summary: 'up, but no credentials to check its datasource: set GRAFANA_TOKEN, or GRAFANA_PASSWORD / GRAFANA_PASSWORD_FILE' };
  }
  const authorization = token ? `Bearer ${token}` : `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const list = await http(`${endpoint.url}/api/datasources`, cfg.timeoutMs, { headers: { authorization } });
  if (list.status !== 200) return { check: 'grafana', status: 'fail', summary: `GET /api/datasources: ${said(list)}${list.status === 401 ? ' (credentials refused)' : ''}` };
  const prometheus = ((list.body as { uid: string; name: string; type: string }[]) ?? []).filter((d) => d.type === 'prometheus');
  if (!prometheus.length) return { check: 'grafana', status: 'fail', summary: 'no Prometheus datasource provisioned', details: list.body };
  const health = await Promise.all(prometheus.map((d) => http(`${endpoint.url}/api/datasources/uid/${d.uid}/health`, cfg.timeoutMs, { headers: { authorization } })));
  const bad = prometheus.filter((_, i) => health[i].status !== 200 || (health[i].body as { status?: string })?.status !== 'OK');
  const details = prometheus.map((d, i) => ({ name: d.name, uid: d.uid, health: health[i].body ?? health[i].error }));
  if (bad.length) return { check: 'grafana', status: 'fail', summary: `datasource not working: ${bad.map((d) => d.name).join(', ')}`, details };
  return { check: 'grafana', status: 'ok', summary: `datasource ${prometheus.map((d) => d.name).join(', ')} works`, details };
}

export async function checkAlertmanager(cfg: ValidateConfig): Promise<CheckResult> {
  const r = await reachable('alertmanager', cfg.monitoring.alertmanager, '/-/ready', cfg.timeoutMs);
  if ('check' in r) return r;
  return r.answer.status === 200 ? { check: 'alertmanager', status: 'ok', summary: 'ready' } : { check: 'alertmanager', status: 'fail', summary: `/-/ready: ${said(r.answer)}` };
}

/** Every check, in report order (the stack's start order); skipped ones say so. */
export async function runChecks(cfg: ValidateConfig): Promise<CheckResult[]> {
  const skipped = (check: string): CheckResult => ({ check, status: 'skip', summary: 'skipped (--skip)' });
  const pending: Promise<CheckResult>[] = [];
  for (const name of SERVICES) {
    pending.push(cfg.skip.has(name) ? Promise.resolve(skipped(name)) : checkService(name, cfg.services[name], cfg.timeoutMs));
    if (name === 'mlflow-proxy') pending.push(cfg.skip.has(name) ? Promise.resolve(skipped('mlflow search')) : checkMlflow(cfg));
    if (name === 'api') pending.push(cfg.skip.has(name) ? Promise.resolve(skipped('api model')) : checkModel(cfg));
  }
  pending.push(
    cfg.skip.has('queues') ? Promise.resolve(skipped('queues')) : checkQueues(cfg),
    cfg.skip.has('prometheus') ? Promise.resolve(skipped('prometheus')) : checkPrometheus(cfg),
    cfg.skip.has('grafana') ? Promise.resolve(skipped('grafana')) : checkGrafana(cfg),
    cfg.skip.has('alertmanager') ? Promise.resolve(skipped('alertmanager')) : checkAlertmanager(cfg),
  );
  return Promise.all(pending);
}
