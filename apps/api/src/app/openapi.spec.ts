import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateOpenApiDocument, openApiFileText } from './openapi-document';

describe('committed OpenAPI spec (apps/api/openapi.json)', () => {
  it('is what the code generates: run `npx nx openapi api` after changing a controller or DTO', async () => {
    const generated = openApiFileText(await generateOpenApiDocument());
    const committed = readFileSync(join(__dirname, '../../openapi.json'), 'utf8');
    expect(committed).toBe(generated);
  });

  it('documents every endpoint of the contract, the API key scheme and the error body', async () => {
    const doc = await generateOpenApiDocument();
    const paths = Object.keys(doc.paths);
    for (const p of [
      '/pokemon',
      '/pokemon/search',
      '/pokemon/{id}',
      '/pokemon/{id}/weaknesses',
      '/moves',
      '/moves/search',
      '/moves/by-type/{type}',
      '/moves/{id}',
      '/types',
      '/types/affinities',
      '/types/{id}/pokemon',
      '/predict/best-move',
      '/predict/simulate',
      '/predict/model-info',
      '/monitoring/drift/latest',
      '/monitoring/reports',
      '/monitoring/reports/{id}',
      '/monitoring/drift/check',
      '/predictions/{id}/feedback',
      '/monitoring/performance',
      '/monitoring/performance/report',
      '/monitoring/decisions',
      '/admin/retrain',
      '/health/live',
      '/health/ready',
    ]) {
      expect(paths).toContain(p);
    }
    expect(doc.components?.securitySchemes?.['api-key']).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
    expect(doc.paths['/predict/best-move'].post?.security).toEqual([{ 'api-key': [] }]);
    expect(doc.paths['/health/live'].get?.security).toBeUndefined();
    expect(Object.keys(doc.paths['/predict/best-move'].post?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401', '403', '422', '429', '503']));
    expect(Object.keys(doc.paths['/monitoring/drift/check'].post?.responses ?? {})).toEqual(expect.arrayContaining(['202', '400', '401', '403']));
    expect(Object.keys((doc.paths['/monitoring/reports/{id}'].get?.responses['200'] as { content: object }).content)).toEqual(['text/html', 'application/json']);
    // The queue dashboard is Bull Board's, not part of the api's contract.
    expect(paths.filter((p) => p.startsWith('/admin/queues'))).toEqual([]);
    expect(Object.keys(doc.paths['/predictions/{id}/feedback'].post?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '404', '409']));
    // The report is HTML; its errors are the usual JSON.
    const report = doc.paths['/monitoring/performance/report'].get?.responses as Record<string, { content?: Record<string, unknown> }>;
    expect(Object.keys(report['200'].content ?? {})).toEqual(['text/html']);
    expect(Object.keys(report['400'].content ?? {})).toEqual(['application/json']);
    expect(Object.keys(doc.paths['/admin/retrain'].post?.responses ?? {})).toContain('202');
  });
});
