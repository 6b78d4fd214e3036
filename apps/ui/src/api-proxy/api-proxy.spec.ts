import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { BROWSER_OPERATIONS, fillPath } from '@predictiondex/api-client';
import { closedPort, FakeHandler, fakeServer, json } from '../test-support/fake-server';
import { fakeSpaBuild, startTestUi } from '../test-support/test-app';

describe('BFF /bff/* -> api', () => {
  const spa = fakeSpaBuild();
  let api: Awaited<ReturnType<typeof fakeServer>>;
  let app: NestFastifyApplication;
  let reply: FakeHandler;

  beforeAll(async () => {
    api = await fakeServer((req, res) => reply(req, res));
    app = await startTestUi({ API_URL: api.url, UI_STATIC_DIR: spa.dir, API_TIMEOUT_MS: '300' });
  });
  beforeEach(() => {
    api.seen.length = 0;
    reply = (req, res) => json(res, 200, { echo: req.url });
  });
  afterAll(async () => {
    await app.close();
    await api.close();
    spa.remove();
  });

  it('forwards a read with the ui key and the query string, and nothing the browser sent besides', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/bff/pokemon?type=Fire&limit=5',
      headers: { 'x-api-key': 'browser-supplied', cookie: 'session=1', authorization: 'Bearer x' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ echo: '/pokemon?type=Fire&limit=5' });
    expect(res.headers['cache-control']).toBe('no-store');
    const seen = api.seen[0];
    expect(seen.headers['x-api-key']).toBe('ui-test-key');
    expect(seen.headers['cookie']).toBeUndefined();
    expect(seen.headers['authorization']).toBeUndefined();
  });

  it('has a route for every browser operation of the api, and encodes path parameters', async () => {
    reply = (req, res) => {
      if (!String(req.headers['accept']).startsWith('text/html')) return json(res, 200, { echo: req.url });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><h1>report</h1>');
    };
    for (const op of BROWSER_OPERATIONS) {
      const path = fillPath(op.path, { id: '25', type: 'Fire' });
      const res = await app.inject({ method: op.method, url: `/bff${path}`, ...(op.method === 'POST' ? { payload: { pokemon_a_id: 1 } } : {}) });
      expect({ op: `${op.method} ${op.path}`, status: res.statusCode }).toEqual({ op: `${op.method} ${op.path}`, status: 200 });
      expect(api.seen.at(-1)).toMatchObject({ method: op.method, url: path });
    }
    await app.inject({ method: 'GET', url: '/bff/moves/by-type/Fire%2F..%2Fadmin' });
    expect(api.seen.at(-1)?.url).toBe('/moves/by-type/Fire%2F..%2Fadmin');
  });

  it('posts an outcome report to the prediction it names, and relays the 409 of a conflicting one', async () => {
    const id = '3f2b6c1e-8a4d-4e5f-9b0a-1c2d3e4f5a6b';
    reply = (req, res) =>
      JSON.parse(req.body).winner === 'A'
        ? json(res, 200, { prediction_id: id, status: 'recorded', actual_winner: 'A' })
        : json(res, 409, { statusCode: 409, error: 'Conflict', message: "already recorded as 'A'", details: [{ field: 'winner', message: "already recorded as 'A'" }] });
    const ok = await app.inject({ method: 'POST', url: `/bff/predictions/${id}/feedback`, payload: { winner: 'A' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'recorded' });
    expect(api.seen[0]).toMatchObject({ method: 'POST', url: `/predictions/${id}/feedback`, body: '{"winner":"A"}' });
    const conflict = await app.inject({ method: 'POST', url: `/bff/predictions/${id}/feedback`, payload: { winner: 'B' } });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toMatchObject({ statusCode: 409, message: "already recorded as 'A'", details: [{ field: 'winner' }] });
    await app.inject({ method: 'POST', url: '/bff/predictions/..%2F..%2Fadmin%2Fretrain/feedback', payload: { winner: 'A' } });
    expect(api.seen.at(-1)?.url).toBe('/predictions/..%2F..%2Fadmin%2Fretrain/feedback');
  });

  it('relays the performance report as a page of its own: strict CSP, nosniff, no store; its errors stay JSON', async () => {
    const page = '<!doctype html><html><head><style>h1{color:red}</style></head><body><h1>battle-winner</h1><script>alert(1)</script></body></html>';
    reply = (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': 'x=1', 'content-security-policy': "default-src *" });
      res.end(page);
    };
    const res = await app.inject({ method: 'GET', url: '/bff/monitoring/performance/report?version=2&window=100' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(page);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(api.seen[0]).toMatchObject({ url: '/monitoring/performance/report?version=2&window=100' });
    expect(api.seen[0].headers['accept']).toMatch(/^text\/html/);

    reply = (_req, res) => json(res, 400, { statusCode: 400, error: 'Bad Request', message: 'invalid query string: window', details: [{ field: 'window', message: 'must be at least 10' }] });
    const bad = await app.inject({ method: 'GET', url: '/bff/monitoring/performance/report?window=1' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/json/);
    expect(bad.json().details).toEqual([{ field: 'window', message: 'must be at least 10' }]);

    reply = (_req, res) => json(res, 200, { not: 'a page' });
    expect((await app.inject({ method: 'GET', url: '/bff/monitoring/performance/report' })).statusCode).toBe(502);
  });

  it('sends POST bodies as JSON and relays the api errors as they are', async () => {
    reply = (_req, res) => json(res, 422, { statusCode: 422, error: 'Unprocessable Entity', message: 'unknown move', details: [{ field: 'available_moves[0]', message: 'nope' }] });
    const res = await app.inject({ method: 'POST', url: '/bff/predict/best-move', payload: { pokemon_a_id: 1, pokemon_b_id: 2, available_moves: ['Nope'] } });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ message: 'unknown move', details: [{ field: 'available_moves[0]' }] });
    expect(JSON.parse(api.seen[0].body)).toEqual({ pokemon_a_id: 1, pokemon_b_id: 2, available_moves: ['Nope'] });
    expect(api.seen[0].headers['content-type']).toBe('application/json');
  });

  it('relays 429 with Retry-After', async () => {
    reply = (_req, res) => json(res, 429, { statusCode: 429, error: 'Too Many Requests', message: 'slow down' }, { 'retry-after': '7' });
    const res = await app.inject({ method: 'GET', url: '/bff/types' });
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('7');
  });

  it('turns a refused ui key (401/403) into a 502: the user cannot fix it by logging in', async () => {
    for (const status of [401, 403]) {
      reply = (_req, res) => json(res, status, { statusCode: status, error: 'x', message: 'bad key' });
      const res = await app.inject({ method: 'GET', url: '/bff/types' });
      expect(res.statusCode).toBe(502);
      expect(res.json()).toMatchObject({ statusCode: 502, message: expect.stringMatching(/refused the ui/) });
    }
  });

  it('answers 502 when the api sends something that is not JSON', async () => {
    reply = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<h1>proxy error</h1>');
    };
    const res = await app.inject({ method: 'GET', url: '/bff/types' });
    expect(res.statusCode).toBe(502);
    expect(res.json().message).toBe('the prediction service sent an unexpected answer');
  });

  it('answers 504 when the api does not answer within API_TIMEOUT_MS', async () => {
    reply = (_req, res) => setTimeout(() => json(res, 200, {}), 1000);
    const res = await app.inject({ method: 'GET', url: '/bff/types' });
    expect(res.statusCode).toBe(504);
    expect(res.json()).toEqual({ statusCode: 504, error: 'Gateway Timeout', message: 'the prediction service did not answer in time' });
  });

  it('never reaches the api admin, health or metrics routes', async () => {
    for (const url of ['/bff/admin/model/refresh', '/bff/admin/retrain', '/bff/health', '/bff/metrics']) {
      const res = await app.inject({ method: url.includes('admin') ? 'POST' : 'GET', url });
      expect(res.statusCode).toBe(404);
    }
    expect(api.seen).toHaveLength(0);
  });
});

describe('BFF with the api down', () => {
  const spa = fakeSpaBuild();
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startTestUi({ API_URL: `http://127.0.0.1:${await closedPort()}`, UI_STATIC_DIR: spa.dir });
  });
  afterAll(async () => {
    await app.close();
    spa.remove();
  });

  it('answers 503 "the prediction service is unreachable" with Retry-After', async () => {
    const res = await app.inject({ method: 'GET', url: '/bff/pokemon/25' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ statusCode: 503, error: 'Service Unavailable', message: 'the prediction service is unreachable' });
    expect(res.headers['retry-after']).toBe('5');
  });

  it('is live but not ready', async () => {
    expect((await app.inject('/health/live')).statusCode).toBe(200);
    const ready = await app.inject('/health/ready');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'error', error: { api: { status: 'down' } } });
  });

  it('still serves the SPA, which shows the outage', async () => {
    const res = await app.inject('/battle');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });

  it('counts the outage in its metrics', async () => {
    const text = (await app.inject('/metrics')).body;
    expect(text).toMatch(/ui_upstream_requests_total\{upstream="api",operation="GET \/pokemon\/\{id\}",outcome="unreachable"/);
    expect(text).toMatch(/ui_requests_total\{method="GET",endpoint="\/bff\/pokemon\/:id",status="503"/);
  });
});
