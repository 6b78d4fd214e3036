import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiConfig, apiConfigSchema, Env, loadConfig } from '@predictiondex/config';
import { createDataSource } from '@predictiondex/db';
import { EtlRunner, ShowdownSource } from '@predictiondex/pokedex';
import { createTestDatabase, TEST_REDIS_URL, TestDatabase } from '@predictiondex/testing';
import { register } from 'prom-client';
import { createApiApp } from '../src/app/app.factory';

/** Keys of the test API_KEYS, one per scope set. */
export const KEYS = {
  reader: 'test-reader-key-4c1d9e0b7a',
  predictor: 'test-predictor-key-8f2a61c3d5',
  admin: 'test-admin-key-0e7b3f9a12',
  other: 'test-other-key-5a9c2e7d41',
} as const;
export const TEST_API_KEYS = `reader:${KEYS.reader}:read,predictor:${KEYS.predictor}:read|predict,admin:${KEYS.admin}:admin,other:${KEYS.other}:read|predict`;

/** A migrated test database with the real Pokédex loaded by the real ETL (Showdown source). */
export async function createLoadedDatabase(label: string): Promise<TestDatabase> {
  const db = await createTestDatabase(label);
  const ds = createDataSource({ url: db.url, applicationName: 'api-test-setup' });
  await ds.initialize();
  try {
    await new EtlRunner(ds, [new ShowdownSource()]).run({ force: false });
  } finally {
    await ds.destroy();
  }
  return db;
}

/** The api's configuration for a test: quiet logs, test keys, no registry poll or drift schedule unless asked. */
export function testConfig(env: Env): ApiConfig {
  return loadConfig('api', apiConfigSchema, {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'silent',
    REDIS_URL: TEST_REDIS_URL,
    API_KEYS: TEST_API_KEYS,
    RATE_LIMIT_PER_MINUTE: '100000',
    MODEL_POLL_INTERVAL_MS: '0',
    POKEDEX_POLL_INTERVAL_MS: '0',
    PREDICTION_LOG_FLUSH_MS: '100',
    // No scheduled drift check unless a suite asks: checks run when a test enqueues one.
    DRIFT_CHECK_INTERVAL_MINUTES: '0',
    ...env,
  });
}

export interface RunningApi {
  app: NestFastifyApplication;
  url: string;
  close(): Promise<void>;
}

/** The real app in this process on a free port (prom-client's registry is per process: cleared first). */
export async function startApi(config: ApiConfig): Promise<RunningApi> {
  register.clear();
  const app = await createApiApp(config);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  let closed = false;
  return {
    app,
    url,
    close: async () => {
      if (closed) return;
      closed = true;
      await app.close();
    },
  };
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** One HTTP call; the body is parsed as JSON when it is JSON. */
export async function call<T = any>(
  url: string,
  path: string,
  options: { key?: string; method?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.key) headers['x-api-key'] = options.key;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${url}${path}`, { method: options.method ?? (body !== undefined ? 'POST' : 'GET'), headers, body });
  const text = await res.text();
  let parsed: unknown = undefined;
  if ((res.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns a truthy value or the time is up (then fails with `what`). */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 10_000, everyMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** Every error body: statusCode, error, message, and details naming fields for validation errors. */
export function expectErrorBody(res: ApiResponse, status: number): void {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  expect(res.body).toEqual(expect.objectContaining({ statusCode: status, error: expect.any(String), message: expect.any(String) }));
  expect(res.body.message.length).toBeGreaterThan(0);
}
