import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createApiClient } from './api-client';
import { BROWSER_OPERATIONS, fillPath, SERVER_ONLY_OPERATIONS, SERVER_ONLY_PATH_PREFIXES, toRoutePattern } from './api-operations';

const root = path.resolve(__dirname, '../../../..');
const spec = JSON.parse(readFileSync(path.join(root, 'apps/api/openapi.json'), 'utf8')) as { paths: Record<string, Record<string, unknown>> };

describe('api-client', () => {
  it('the committed schema is what apps/api/openapi.json generates', () => {
    const res = spawnSync(process.execPath, ['libs/api-client/scripts/generate-schema.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
  });

  it('lists every browser-reachable operation of the spec, and only those', () => {
    const inSpec = Object.entries(spec.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    const listed = BROWSER_OPERATIONS.map((o) => `${o.method} ${o.path}`);
    for (const op of listed) expect(inSpec).toContain(op);
    const serverOnly = inSpec.filter((op) => SERVER_ONLY_PATH_PREFIXES.some((prefix) => op.split(' ')[1].startsWith(prefix)) || (SERVER_ONLY_OPERATIONS as readonly string[]).includes(op));
    expect(inSpec.filter((op) => !serverOnly.includes(op)).sort()).toEqual([...listed].sort());
    expect(listed.some((op) => op.includes('/admin'))).toBe(false);
    for (const op of SERVER_ONLY_OPERATIONS) expect(inSpec).toContain(op);
    // Whatever a browser reaches needs no more than the ui key's scopes.
    expect(BROWSER_OPERATIONS.every((o) => o.scope === 'read' || o.scope === 'predict')).toBe(true);
    expect(listed).not.toContain('POST /monitoring/drift/check');
  });

  it('marks the operations whose success is not JSON, as the spec says', () => {
    for (const op of BROWSER_OPERATIONS) {
      const ok = (spec.paths[op.path][op.method.toLowerCase()] as { responses: Record<string, { content?: Record<string, unknown> }> }).responses;
      const success = Object.entries(ok).find(([status]) => status.startsWith('2'))![1];
      expect({ op: `${op.method} ${op.path}`, types: Object.keys(success.content ?? {}) }).toEqual({ op: `${op.method} ${op.path}`, types: { html: ['text/html'], 'html+json': ['text/html', 'application/json'], json: ['application/json'] }[op.responds ?? 'json'] });
    }
  });

  it('fills path templates with encoded parameters', () => {
    expect(fillPath('/pokemon/{id}/moves', { id: 25 })).toBe('/pokemon/25/moves');
    expect(fillPath('/moves/by-type/{type}', { type: '../admin/x?y' })).toBe('/moves/by-type/..%2Fadmin%2Fx%3Fy');
    expect(() => fillPath('/pokemon/{id}', {})).toThrow(/missing path parameter "id"/);
    expect(toRoutePattern('/types/{id}/pokemon')).toBe('/types/:id/pokemon');
  });

  it('sends the key as X-API-Key to the base URL, typed by path', async () => {
    const seen: Request[] = [];
    const client = createApiClient({
      baseUrl: 'http://api.test:8000/',
      apiKey: 'k-123',
      fetch: async (req: Request) => {
        seen.push(req);
        return new Response(JSON.stringify({ items: [{ id: 1, name: 'Normal', name_fr: null }] }), { headers: { 'content-type': 'application/json' } });
      },
    });
    const { data, error } = await client.GET('/types');
    expect(error).toBeUndefined();
    expect(data?.items[0].name).toBe('Normal');
    expect(seen[0].url).toBe('http://api.test:8000/types');
    expect(seen[0].headers.get('x-api-key')).toBe('k-123');
  });

  it('sends no key when none is given (the browser side)', async () => {
    let headers: Headers | undefined;
    const client = createApiClient({
      baseUrl: 'http://ui.test/bff',
      fetch: async (req: Request) => {
        headers = req.headers;
        return new Response('{"statusCode":503,"error":"Service Unavailable","message":"down"}', { status: 503, headers: { 'content-type': 'application/json' } });
      },
    });
    const { error, response } = await client.GET('/pokemon/{id}', { params: { path: { id: 25 } } });
    expect(response.status).toBe(503);
    expect(error).toMatchObject({ message: 'down' });
    expect(headers?.has('x-api-key')).toBe(false);
  });
});
