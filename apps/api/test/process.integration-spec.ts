import { deleteRedisPrefix, TEST_REDIS_URL, testQueuePrefix, TestDatabase } from '@predictiondex/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { call, createLoadedDatabase, KEYS, TEST_API_KEYS } from './api-test-kit';
import { freePort, killAll, spawnApp, waitForHttp, watch } from './mlflow-proxy-process';
import { seedModelCache, trainModel } from './model-fixtures';

/** The api as `npm run start:api` runs it: configuration at start, JSON logs, graceful shutdown. */
describe('api process (npm run start:api)', () => {
  const prefix = testQueuePrefix('api_process');
  let db: TestDatabase;
  let sandbox: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createLoadedDatabase('api_process');
    sandbox = mkdtempSync(join(tmpdir(), 'api-process-'));
    seedModelCache(join(sandbox, 'cache'), trainModel(1));
    env = {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      API_KEYS: TEST_API_KEYS,
      MLFLOW_TRACKING_URI: `http://127.0.0.1:${await freePort()}`,
      MODEL_CACHE_DIR: join(sandbox, 'cache'),
      LOG_LEVEL: 'info',
    };
  });

  afterEach(() => killAll());
  afterAll(async () => {
    killAll();
    await db?.drop();
    await deleteRedisPrefix(prefix);
    if (sandbox) rmSync(sandbox, { recursive: true, force: true });
  });

  it('refuses a bad configuration at start, naming the variables, with exit code 2', async () => {
    const bad = watch(spawnApp('apps/api/src/main.ts', { ...env, API_KEYS: 'ui:key:read|write', PORT: 'eighty' }));
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toMatch(/API_KEYS: entry 1 \(ui\): unknown scope "write"/);
    expect(bad.output()).toMatch(/PORT: Expected number/);
    const prod = watch(spawnApp('apps/api/src/main.ts', { ...env, NODE_ENV: 'production', API_KEYS: '' }));
    expect(await prod.exited).toBe(2);
    expect(prod.output()).toContain('API_KEYS: holds a development value');
  });

  it('serves, logs JSON without secrets, and on SIGTERM drains, flushes the prediction log and exits 0', async () => {
    const port = await freePort();
    // The log is only flushed by the shutdown: a batch size and interval that never trigger.
    const child = spawnApp('apps/api/src/main.ts', { ...env, PORT: String(port), HOST: '127.0.0.1', PREDICTION_LOG_BATCH_SIZE: '1000', PREDICTION_LOG_FLUSH_MS: '600000' });
    const out = watch(child);
    const url = `http://127.0.0.1:${port}`;
    await waitForHttp(`${url}/health/ready`, child, out);
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      const pikachu = (await pg.query("SELECT id FROM pokemon WHERE name = 'Pikachu'")).rows[0].id;
      const mew = (await pg.query("SELECT id FROM pokemon WHERE name = 'Mew'")).rows[0].id;
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await call(url, '/predict/best-move', { key: KEYS.predictor, body: { pokemon_a_id: pikachu, pokemon_b_id: mew, available_moves: ['Thunderbolt', 'Surf'].slice(0, 1) } });
        expect(res.status).toBe(200);
        ids.push(res.body.prediction_id);
      }
      expect((await call(url, '/pokemon/1')).status).toBe(401);
      expect(Number((await pg.query('SELECT count(*) FROM prediction_log')).rows[0].count)).toBe(0);

      process.kill(child.pid!, 'SIGTERM');
      process.kill(child.pid!, 'SIGINT');
      expect(await out.exited).toBe(0);
      const logged = await pg.query('SELECT id FROM prediction_log ORDER BY created_at');
      expect(logged.rows.map((r) => r.id).sort()).toEqual([...ids].sort());

      const lines = out.output().trim().split('\n');
      const json = lines.map((l) => JSON.parse(l) as { service?: string; msg?: string; level?: number });
      expect(json.every((l) => l.service === 'api')).toBe(true);
      expect(json.some((l) => l.msg === 'api listening')).toBe(true);
      expect(json.some((l) => l.msg === 'request completed')).toBe(true);
      expect(json.filter((l) => l.msg?.startsWith('SIG'))).toHaveLength(1);
      for (const key of Object.values(KEYS)) expect(out.output()).not.toContain(key);
    } finally {
      await pg.end();
    }
  });
});
