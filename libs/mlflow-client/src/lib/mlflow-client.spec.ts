import http, { IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { MlflowApiError } from './mlflow-api-error';
import { MlflowClient } from './mlflow-client';
import { isRetryable } from './retry-policy';

interface Seen {
  method: string;
  url: string;
  auth?: string;
  body: string;
}

/** A throwaway HTTP server answering from a script, recording what it was sent. */
async function scriptedServer(handler: (req: Seen, n: number, res: ServerResponse) => void): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server = http.createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s = { method: req.method!, url: req.url!, auth: req.headers.authorization, body: Buffer.concat(chunks).toString() };
      seen.push(s);
      handler(s, seen.length, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

const fast = { retries: 3, retryDelayMs: 1, maxRetryDelayMs: 5 };

describe('MlflowClient retries', () => {
  it('retries 5xx with backoff, then succeeds', async () => {
    const srv = await scriptedServer((_req, n, res) =>
      n < 3 ? json(res, n === 1 ? 503 : 500, { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'busy' }) : json(res, 200, { experiment_id: '7' }),
    );
    try {
      const client = new MlflowClient({ trackingUri: `${srv.url}/`, token: 'tok', ...fast });
      expect(await client.createExperiment('e')).toBe('7');
      expect(srv.seen).toHaveLength(3);
      expect(srv.seen.every((s) => s.auth === 'Bearer tok' && s.url === '/api/2.0/mlflow/experiments/create')).toBe(true);
      expect(JSON.parse(srv.seen[0]!.body)).toEqual({ name: 'e', tags: [] });
    } finally {
      await srv.close();
    }
  });

  it('never retries a 4xx and throws a typed MlflowApiError', async () => {
    const srv = await scriptedServer((_req, _n, res) => json(res, 404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'Run with id=x not found' }));
    try {
      const client = new MlflowClient({ trackingUri: srv.url, ...fast });
      const err = await client.getRun('x').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MlflowApiError);
      expect(err).toMatchObject({ status: 404, errorCode: 'RESOURCE_DOES_NOT_EXIST', retryable: false });
      expect((err as Error).message).toContain('Run with id=x not found');
      expect(srv.seen).toHaveLength(1);
      expect(srv.seen[0]!.url).toBe('/api/2.0/mlflow/runs/get?run_id=x');
      expect(srv.seen[0]!.auth).toBeUndefined();
    } finally {
      await srv.close();
    }
  });

  it('gives up after the configured retries, with the last error', async () => {
    const srv = await scriptedServer((_req, _n, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>bad gateway</html>');
    });
    try {
      const client = new MlflowClient({ trackingUri: srv.url, ...fast, retries: 2 });
      const err = await client.getRun('x').catch((e: unknown) => e);
      expect(err).toMatchObject({ status: 502, errorCode: 'INTERNAL_ERROR' });
      expect((err as Error).message).toContain('bad gateway');
      expect(srv.seen).toHaveLength(3);
    } finally {
      await srv.close();
    }
  });

  it('retries network errors (connection refused, reset) and timeouts', async () => {
    const refused = await scriptedServer(() => undefined);
    const url = refused.url;
    await refused.close();
    const client = new MlflowClient({ trackingUri: url, ...fast, retries: 2 });
    await expect(client.getRun('x')).rejects.toThrow(/fetch failed/);

    const resets = await scriptedServer((_req, n, res) => (n === 1 ? res.socket?.destroy() : json(res, 200, { run: { info: { run_id: 'x' } } })));
    try {
      expect((await new MlflowClient({ trackingUri: resets.url, ...fast }).getRun('x')).info.run_id).toBe('x');
      expect(resets.seen).toHaveLength(2);
    } finally {
      await resets.close();
    }

    const slow = await scriptedServer((_req, n, res) => (n === 1 ? setTimeout(() => json(res, 200, {}), 500) : json(res, 200, { run: { info: { run_id: 'y' } } })));
    try {
      expect((await new MlflowClient({ trackingUri: slow.url, ...fast, timeoutMs: 100 }).getRun('y')).info.run_id).toBe('y');
      expect(slow.seen.length).toBeGreaterThanOrEqual(2);
    } finally {
      await slow.close();
    }
  });

  it('retries a Buffer upload but sends a stream only once', async () => {
    const srv = await scriptedServer((_req, n, res) => (n % 2 === 1 ? json(res, 503, { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'x' }) : json(res, 200, {})));
    try {
      const client = new MlflowClient({ trackingUri: srv.url, ...fast });
      await client.uploadArtifact('mlflow-artifacts:/1/abc/artifacts', 'model/m.bin', Buffer.from('bytes'));
      expect(srv.seen.map((s) => [s.method, s.url, s.body])).toEqual([
        ['PUT', '/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/model/m.bin', 'bytes'],
        ['PUT', '/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/model/m.bin', 'bytes'],
      ]);
      const err = await client.uploadArtifact('mlflow-artifacts:/1/abc/artifacts', 'a b.txt', Readable.from([Buffer.from('s')])).catch((e: unknown) => e);
      expect(err).toMatchObject({ status: 503 });
      expect(srv.seen[2]!.url).toBe('/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/a%20b.txt');
      expect(srv.seen).toHaveLength(3);
    } finally {
      await srv.close();
    }
  });
});

describe('MlflowClient requests', () => {
  it('chunks log-batch to MLflow limits (1000 metrics, 100 params, 100 tags, 1000 entities)', async () => {
    const srv = await scriptedServer((_req, _n, res) => json(res, 200, {}));
    try {
      const client = new MlflowClient({ trackingUri: srv.url });
      await client.logBatch('r1', {
        metrics: Array.from({ length: 2050 }, (_, i) => ({ key: 'm', value: i, step: i, timestamp: 5 })),
        params: Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`p${i}`, i])),
        tags: Array.from({ length: 30 }, (_, i) => ({ key: `t${i}`, value: 'v' })),
      });
      const sizes = srv.seen.map((s) => {
        const b = JSON.parse(s.body) as { run_id: string; metrics: unknown[]; params: unknown[]; tags: unknown[] };
        expect(b.run_id).toBe('r1');
        return [b.metrics.length, b.params.length, b.tags.length];
      });
      expect(sizes).toEqual([
        [870, 100, 30],
        [950, 50, 0],
        [230, 0, 0],
      ]);
      for (const [m, p, t] of sizes) expect(m! + p! + t!).toBeLessThanOrEqual(1000);
      expect(JSON.parse(srv.seen[1]!.body).params[0]).toEqual({ key: 'p100', value: '100' });
    } finally {
      await srv.close();
    }
  });

  it('sends GET parameters in the query string (repeated for lists) and DELETE bodies as JSON', async () => {
    const srv = await scriptedServer((req, _n, res) => json(res, 200, req.method === 'GET' ? { model_versions: [], next_page_token: '' } : {}));
    try {
      const client = new MlflowClient({ trackingUri: srv.url });
      const page = await client.searchModelVersions("name = 'm'", { orderBy: ['version_number DESC', 'name'], maxResults: 5 });
      expect(page).toEqual({ modelVersions: [], nextPageToken: undefined });
      expect(srv.seen[0]!.url).toBe('/api/2.0/mlflow/model-versions/search?filter=name+%3D+%27m%27&max_results=5&order_by=version_number+DESC&order_by=name');
      await client.deleteRegisteredModelAlias('m', 'champion');
      expect(srv.seen[1]).toMatchObject({ method: 'DELETE', url: '/api/2.0/mlflow/registered-models/alias', body: '{"name":"m","alias":"champion"}' });
    } finally {
      await srv.close();
    }
  });

  it('treats RESOURCE_ALREADY_EXISTS as success when creating a registered model', async () => {
    const srv = await scriptedServer((_req, _n, res) => json(res, 400, { error_code: 'RESOURCE_ALREADY_EXISTS', message: 'exists' }));
    try {
      await expect(new MlflowClient({ trackingUri: srv.url }).createRegisteredModel('m')).resolves.toBeUndefined();
    } finally {
      await srv.close();
    }
  });
});

describe('isRetryable', () => {
  it('retries 5xx and lost connections, not 4xx or bugs', () => {
    expect(isRetryable(new MlflowApiError(503, 'TEMPORARILY_UNAVAILABLE', 'x', 'GET', '/'))).toBe(true);
    expect(isRetryable(new MlflowApiError(429, 'REQUEST_LIMIT_EXCEEDED', 'x', 'GET', '/'))).toBe(false);
    expect(isRetryable(new MlflowApiError(400, 'INVALID_PARAMETER_VALUE', 'x', 'GET', '/'))).toBe(false);
    expect(isRetryable(new TypeError('fetch failed'))).toBe(true);
    expect(isRetryable(new TypeError('terminated'))).toBe(true);
    expect(isRetryable(Object.assign(new Error('timed out'), { name: 'TimeoutError' }))).toBe(true);
    expect(isRetryable(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(false);
    expect(isRetryable(new SyntaxError('Unexpected token'))).toBe(false);
    expect(isRetryable('string')).toBe(false);
  });
});
