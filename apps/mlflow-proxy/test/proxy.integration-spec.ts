import { MlflowClient } from '@predictiondex/mlflow-client';
import { createHash, randomBytes } from 'node:crypto';
import { clientSuite } from './client-suite';
import { expectMlflowError, jsonOf, mlflowHttp } from './mlflow-http';
import { TestApp, WRITE_TOKEN, startTestApp } from './test-app';

const PROXY_WRITE = 'proxy-ml-builder-token-81c1';
const PROXY_READ = 'proxy-api-token-5f3a22';

describe('libs/mlflow-client against the embedded server', () => {
  let upstream: TestApp;
  beforeAll(async () => {
    upstream = await startTestApp('client_direct');
  });
  afterAll(() => upstream.close());

  clientSuite('direct', () => new MlflowClient({ trackingUri: upstream.url, token: WRITE_TOKEN }));
});

describe('proxy mode, in front of an embedded instance', () => {
  let upstream: TestApp;
  let proxy: TestApp;

  beforeAll(async () => {
    upstream = await startTestApp('proxy_upstream');
    proxy = await startTestApp('proxy', {
      MLFLOW_UPSTREAM_URL: upstream.url,
      MLFLOW_UPSTREAM_TOKEN: WRITE_TOKEN,
      MLFLOW_TOKENS: `ml-builder:${PROXY_WRITE}:write,api:${PROXY_READ}:read`,
      MLFLOW_MAX_JSON_BYTES: String(1024 * 1024),
    });
  });
  afterAll(async () => {
    await proxy.close();
    await upstream.close();
  });

  describe('the same client suite, through the proxy', () => {
    clientSuite('proxied', () => new MlflowClient({ trackingUri: proxy.url, token: PROXY_WRITE }));
  });

  it('enforces its own tokens and scopes; callers never see or need the upstream credential', async () => {
    const anonymous = await fetch(`${proxy.url}/api/2.0/mlflow/experiments/get?experiment_id=0`);
    expect(anonymous.status).toBe(401);
    // The upstream's own token means nothing at the proxy.
    expectMlflowError(await mlflowHttp(proxy.url, WRITE_TOKEN).get('/experiments/get', { experiment_id: '0' }), 401, 'UNAUTHENTICATED');
    const ro = mlflowHttp(proxy.url, PROXY_READ);
    expect((await ro.get('/experiments/get', { experiment_id: '0' })).status).toBe(200);
    expect((await ro.post('/runs/search', { experiment_ids: ['0'] })).status).toBe(200);
    expectMlflowError(await ro.post('/experiments/create', { name: 'via-ro' }), 403, 'PERMISSION_DENIED');
    const artifactPut = await fetch(`${proxy.url}/api/2.0/mlflow-artifacts/artifacts/x/y.txt`, { method: 'PUT', headers: { authorization: `Bearer ${PROXY_READ}` }, body: 'x' });
    expect(artifactPut.status).toBe(403);
    // ...and the proxy's tokens mean nothing upstream.
    expect((await mlflowHttp(upstream.url, PROXY_WRITE).get('/experiments/get', { experiment_id: '0' })).status).toBe(401);
    expect((await mlflowHttp(upstream.url, WRITE_TOKEN).get('/experiments/get-by-name', { experiment_name: 'via-ro' })).status).toBe(404);
  });

  it('passes answers through unchanged, under both API prefixes', async () => {
    const rw = mlflowHttp(proxy.url, PROXY_WRITE);
    expectMlflowError(await rw.get('/runs/get', { run_id: 'f'.repeat(32) }), 404, 'RESOURCE_DOES_NOT_EXIST');
    expectMlflowError(await rw.post('/experiments/create', {}), 400, 'INVALID_PARAMETER_VALUE');
    const ajax = mlflowHttp(proxy.url, PROXY_WRITE, '/ajax-api/2.0/mlflow');
    expect((await ajax.get('/experiments/get', { experiment_id: '0' })).body.experiment.name).toBe('Default');
    const created = await rw.post('/runs/create', { experiment_id: '0' });
    // Created upstream, by the proxy's upstream identity unless the client names a user.
    expect(created.body.run.info.user_id).toBe('writer');
  });

  it('streams a 50 MB artifact both ways, byte-identical', async () => {
    const data = randomBytes(50 * 1024 * 1024);
    const url = `${proxy.url}/api/2.0/mlflow-artifacts/artifacts/big/blob.bin`;
    const up = await fetch(url, { method: 'PUT', headers: { authorization: `Bearer ${PROXY_WRITE}` }, body: data });
    expect(up.status).toBe(200);
    const down = await fetch(url, { headers: { authorization: `Bearer ${PROXY_READ}` } });
    expect(down.status).toBe(200);
    const got = Buffer.from(await down.arrayBuffer());
    expect(createHash('sha256').update(got).digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));
  });

  it('applies its body limit before forwarding', async () => {
    const res = await fetch(`${proxy.url}/api/2.0/mlflow/experiments/create`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PROXY_WRITE}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect((await jsonOf(res)).error_code).toBe('RESOURCE_EXHAUSTED');
  });

  it('reports the upstream in /health, and 503s in MLflow shape when it is gone', async () => {
    const ok = await fetch(`${proxy.url}/health`);
    expect(ok.status).toBe(200);
    expect((await jsonOf(ok)).details.upstream.status).toBe('up');

    await upstream.app.close();
    const down = await fetch(`${proxy.url}/health/ready`);
    expect(down.status).toBe(503);
    expect((await jsonOf(down)).error.upstream.status).toBe('down');
    expectMlflowError(await mlflowHttp(proxy.url, PROXY_READ).get('/experiments/get', { experiment_id: '0' }), 503, 'TEMPORARILY_UNAVAILABLE');
    expect((await fetch(`${proxy.url}/health/live`)).status).toBe(200);
  });
});
