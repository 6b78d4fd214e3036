import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expectMlflowError, jsonOf, mlflowHttp } from './mlflow-http';
import { READ_TOKEN, TestApp, WRITE_TOKEN, startTestApp } from './test-app';

describe('auth, health and metrics (embedded)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('auth');
  });
  afterAll(() => t.close());

  const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
  const call = (path: string, init: RequestInit = {}) => fetch(`${t.url}${path}`, init);

  it('refuses requests without a valid token: 401, MLflow error shape, a challenge', async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer nope' }, { authorization: basic('writer', 'nope') }, { authorization: `Token ${WRITE_TOKEN}` }, { authorization: 'Bearer ' }];
    for (const headers of attempts) {
      const res = await call('/api/2.0/mlflow/experiments/get?experiment_id=0', { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
      const body = await jsonOf(res);
      expect(body).toEqual({ error_code: 'UNAUTHENTICATED', message: expect.any(String) });
    }
    // Unknown paths do not reveal themselves to anonymous callers.
    expect((await call('/api/2.0/mlflow/nothing')).status).toBe(401);
    expect((await call('/ajax-api/2.0/mlflow/experiments/get?experiment_id=0')).status).toBe(401);
  });

  it('accepts Bearer and Basic (token as password, or as user name with no password)', async () => {
    for (const authorization of [`Bearer ${WRITE_TOKEN}`, `bearer ${WRITE_TOKEN}`, basic('anyone', WRITE_TOKEN), basic(WRITE_TOKEN, '')]) {
      const res = await call('/api/2.0/mlflow/experiments/get?experiment_id=0', { headers: { authorization } });
      expect({ authorization, status: res.status }).toEqual({ authorization, status: 200 });
    }
  });

  it('lets a read token read and search, and nothing else', async () => {
    const ro = mlflowHttp(t.url, READ_TOKEN);
    const rw = mlflowHttp(t.url, WRITE_TOKEN);
    await rw.post('/registered-models/create', { name: 'auth-model' });
    const runId = (await rw.post('/runs/create', { experiment_id: '0' })).body.run.info.run_id;

    expect((await ro.get('/experiments/get', { experiment_id: '0' })).status).toBe(200);
    expect((await ro.post('/runs/search', { experiment_ids: ['0'] })).status).toBe(200);
    expect((await ro.post('/experiments/search', {})).status).toBe(200);
    expect((await ro.post('/registered-models/get-latest-versions', { name: 'auth-model' })).status).toBe(200);
    expect((await ro.get('/runs/get', { run_id: runId })).status).toBe(200);

    expectMlflowError(await ro.post('/experiments/create', { name: 'ro' }), 403, 'PERMISSION_DENIED');
    expectMlflowError(await ro.post('/runs/log-metric', { run_id: runId, key: 'm', value: 1, timestamp: 1 }), 403, 'PERMISSION_DENIED');
    expectMlflowError(await ro.post('/runs/log-batch', { run_id: runId }), 403, 'PERMISSION_DENIED');
    expectMlflowError(await ro.patch('/registered-models/update', { name: 'auth-model' }), 403, 'PERMISSION_DENIED');
    expectMlflowError(await ro.del('/registered-models/delete', { name: 'auth-model' }), 403, 'PERMISSION_DENIED');
    expectMlflowError(await ro.post('/registered-models/alias', { name: 'auth-model', alias: 'a', version: '1' }), 403, 'PERMISSION_DENIED');
    // Refused writes changed nothing.
    expect((await rw.get('/registered-models/get', { name: 'auth-model' })).status).toBe(200);
    expect((await rw.get('/experiments/get-by-name', { experiment_name: 'ro' })).status).toBe(404);
  });

  it('records the token name as user_id when the client sends none', async () => {
    const rw = mlflowHttp(t.url, WRITE_TOKEN);
    expect((await rw.post('/runs/create', {})).body.run.info.user_id).toBe('writer');
    expect((await rw.post('/runs/create', { user_id: 'alice' })).body.run.info.user_id).toBe('alice');
  });

  it('serves /health, /health/live, /health/ready, /metrics and /docs without a token', async () => {
    for (const path of ['/health', '/health/ready']) {
      const res = await call(path);
      expect(res.status).toBe(200);
      const body = await jsonOf(res);
      expect(body.status).toBe('ok');
      expect(Object.keys(body.details).sort()).toEqual(['artifact_root', 'store']);
    }
    const live = await call('/health/live');
    expect(live.status).toBe(200);
    expect((await jsonOf(live)).details).toEqual({});

    await call('/api/2.0/mlflow/experiments/get?experiment_id=0', { headers: { authorization: `Bearer ${WRITE_TOKEN}` } });
    await call('/api/2.0/mlflow/experiments/get?experiment_id=0');
    const metrics = await call('/metrics');
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toMatch(/mlflow_proxy_requests_total\{method="GET",endpoint="\/api\/2\.0\/mlflow\/experiments\/get",status="200",service="mlflow-proxy"\} \d+/);
    expect(text).toMatch(/mlflow_proxy_errors_total\{method="GET",endpoint="\/api\/2\.0\/mlflow\/experiments\/get",status_class="4xx",service="mlflow-proxy"\} \d+/);
    expect(text).toContain('mlflow_proxy_request_duration_seconds_bucket');
    expect(text).toContain('process_cpu_user_seconds_total');

    const docs = await call('/docs-json');
    expect(docs.status).toBe(200);
    const openApi = await jsonOf(docs);
    expect(Object.keys(openApi.paths)).toEqual(expect.arrayContaining(['/api/2.0/mlflow/runs/log-metric', '/api/2.0/mlflow/registered-models/alias']));
    expect((await call('/docs')).status).toBe(200);
  });

  it('reports an unwritable artifact root as down (503)', async () => {
    const uploads = join(t.artifactRoot, '.uploads');
    await rename(uploads, `${uploads}.bak`);
    await writeFile(uploads, 'not a directory');
    try {
      const res = await call('/health');
      expect(res.status).toBe(503);
      const body = await jsonOf(res);
      expect(body.status).toBe('error');
      expect(body.error.artifact_root.status).toBe('down');
      expect(body.info.store.status).toBe('up');
    } finally {
      await rm(uploads);
      await rename(`${uploads}.bak`, uploads);
    }
    expect((await call('/health')).status).toBe(200);
  });
});
