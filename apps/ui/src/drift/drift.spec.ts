import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { fakeServer, json } from '../test-support/fake-server';
import { fakeSpaBuild, startTestUi } from '../test-support/test-app';

const REPORT = '<!doctype html><html><head><style>body{font:14px sans-serif}</style></head><body><h1>PredictionDex drift check #7</h1><svg class="histogram"></svg></body></html>';
const STRICT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

describe('BFF /bff/monitoring/* -> api (the Data drift page)', () => {
  const spa = fakeSpaBuild();
  let api: Awaited<ReturnType<typeof fakeServer>>;
  let app: NestFastifyApplication;
  let reply: (req: { method: string; url: string }, res: import('node:http').ServerResponse) => void;

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

  it('relays the latest check and the list with the ui key and the query string', async () => {
    const latest = await app.inject('/bff/monitoring/drift/latest');
    expect(latest.statusCode).toBe(200);
    expect(latest.json()).toEqual({ echo: '/monitoring/drift/latest' });
    expect(api.seen[0].headers['x-api-key']).toBe('ui-test-key');
    const list = await app.inject({ url: '/bff/monitoring/reports?limit=10&offset=10', headers: { 'x-api-key': 'from-the-browser', cookie: 'a=1' } });
    expect(list.json()).toEqual({ echo: '/monitoring/reports?limit=10&offset=10' });
    expect(api.seen[1].headers['x-api-key']).toBe('ui-test-key');
    expect(api.seen[1].headers['cookie']).toBeUndefined();
    expect(list.headers['cache-control']).toBe('no-store');
  });

  it('relays "no check yet" (the api 404) and validation errors as they are', async () => {
    reply = (_req, res) => json(res, 404, { statusCode: 404, error: 'Not Found', message: 'no completed drift check yet: ...' });
    const none = await app.inject('/bff/monitoring/drift/latest');
    expect(none.statusCode).toBe(404);
    expect(none.json().message).toBe('no completed drift check yet: ...');
    reply = (_req, res) => json(res, 400, { statusCode: 400, error: 'Bad Request', message: 'invalid query string: limit', details: [{ field: 'limit', message: 'must be at most 100' }] });
    const bad = await app.inject('/bff/monitoring/reports?limit=500');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details).toEqual([{ field: 'limit', message: 'must be at most 100' }]);
  });

  it('relays a report page as HTML under the strict CSP, whatever headers the api sent', async () => {
    reply = (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': 'default-src *', 'set-cookie': 'x=1', 'x-internal': 'yes' });
      res.end(req.url === '/monitoring/reports/7' ? REPORT : 'wrong');
    };
    const res = await app.inject('/bff/monitoring/reports/7');
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(REPORT);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(STRICT_CSP);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['x-internal']).toBeUndefined();
    expect(api.seen[0].headers['accept']).toMatch(/^text\/html/);
  });

  it('relays the JSON report and the api errors of a report as JSON; encodes the id', async () => {
    reply = (req, res) => json(res, 200, { echo: req.url, drift_share: 0.1 });
    const report = await app.inject('/bff/monitoring/reports/7?format=json');
    expect(report.json()).toEqual({ echo: '/monitoring/reports/7?format=json', drift_share: 0.1 });
    await app.inject('/bff/monitoring/reports/7%2F..%2F..%2Fadmin');
    expect(api.seen.at(-1)?.url).toBe('/monitoring/reports/7%2F..%2F..%2Fadmin');
    reply = (_req, res) => json(res, 404, { statusCode: 404, error: 'Not Found', message: 'no drift check 99', details: [{ field: 'id', message: 'no drift check 99' }] });
    const missing = await app.inject('/bff/monitoring/reports/99');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/application\/json/);
    expect(missing.json().details[0].field).toBe('id');
  });

  it('answers 502 for an HTML error page or a non-HTML answer (never relays them)', async () => {
    reply = (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<h1>proxy error</h1>');
    };
    const error = await app.inject('/bff/monitoring/reports/7');
    expect(error.statusCode).toBe(502);
    expect(error.json().message).toBe('the prediction service sent an unexpected answer');
    reply = (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/svg+xml' });
      res.end('<svg><script>alert(1)</script></svg>');
    };
    expect((await app.inject('/bff/monitoring/reports/7')).statusCode).toBe(502);
    reply = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<p>html where JSON is expected</p>');
    };
    expect((await app.inject('/bff/monitoring/drift/latest')).statusCode).toBe(502);
  });

  it('has no route to run a check (an admin action of the api)', async () => {
    const res = await app.inject({ method: 'POST', url: '/bff/monitoring/drift/check' });
    expect(res.statusCode).toBe(404);
    expect(api.seen).toHaveLength(0);
  });
});
