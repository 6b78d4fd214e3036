import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fakeServer, json } from '../test-support/fake-server';
import { fakeSpaBuild, startTestUi, TEST_INDEX_HTML } from '../test-support/test-app';
import { ensureSpaBuilt, SpaMissingError } from './spa-build';

describe('SPA serving and security headers', () => {
  const spa = fakeSpaBuild();
  let api: Awaited<ReturnType<typeof fakeServer>>;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    api = await fakeServer((_req, res) => json(res, 200, { status: 'ok' }));
    app = await startTestUi({ API_URL: api.url, UI_STATIC_DIR: spa.dir, SPRITE_ORIGINS: 'https://raw.githubusercontent.com,https://img.example' });
  });
  afterAll(async () => {
    await app.close();
    await api.close();
    spa.remove();
  });

  it.each(['/', '/battle', '/pokemon/25', '/types?x=1'])('serves index.html for the client route %s, never cached', async (url) => {
    const res = await app.inject(url);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(TEST_INDEX_HTML);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('sends a CSP without inline scripts or styles, images from the sprite origins only, no framing', async () => {
    const csp = String((await app.inject('/battle')).headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("img-src 'self' data: https://raw.githubusercontent.com https://img.example");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    const headers = (await app.inject('/battle')).headers;
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves hashed assets for a year and public files revalidated', async () => {
    const asset = await app.inject('/assets/index-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await app.inject('/favicon.svg');
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it.each(['/assets/missing-chunk.js', '/bff/unknown', '/bff', '/health/unknown', '/metrics/x'])('answers a JSON 404 for %s, not the index', async (url) => {
    const res = await app.inject(url);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('reports readiness with the api reachable, and exposes metrics', async () => {
    const ready = await app.inject('/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ok', info: { api: { status: 'up' } } });
    const metrics = await app.inject('/metrics');
    expect(metrics.body).toContain('ui_requests_total');
    expect(metrics.body).toContain('service="ui"');
  });

  it('answers malformed JSON bodies with a 400 in the api error shape', async () => {
    const res = await app.inject({ method: 'POST', url: '/bff/predict/best-move', headers: { 'content-type': 'application/json' }, payload: '{bad' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it('refuses bodies over the limit', async () => {
    const res = await app.inject({ method: 'POST', url: '/bff/predict/best-move', payload: { pad: 'x'.repeat(64 * 1024) } });
    expect(res.statusCode).toBe(413);
  });
});

describe('ensureSpaBuilt', () => {
  it('fails with what to do when the SPA is not built and building is off (production)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pdx-ui-empty-'));
    try {
      expect(() => ensureSpaBuilt(dir, false, () => undefined)).toThrow(SpaMissingError);
      expect(() => ensureSpaBuilt(dir, false, () => undefined)).toThrow(/npx nx build ui/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does nothing when index.html is there', () => {
    const spa = fakeSpaBuild();
    const log = jest.fn();
    ensureSpaBuilt(spa.dir, true, log);
    expect(log).not.toHaveBeenCalled();
    spa.remove();
  });
});
