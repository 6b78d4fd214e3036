import fc from 'fast-check';
import { deleteRedisPrefix, testQueuePrefix, TestDatabase } from '@predictiondex/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiResponse, call, createLoadedDatabase, KEYS, RunningApi, startApi, testConfig } from './api-test-kit';
import { freePort } from './mlflow-proxy-process';
import { seedModelCache, trainModel } from './model-fixtures';

/** Fixed seed (override with FC_SEED) so a failure replays; fast-check prints the counterexample. */
const SEED = Number(process.env['FC_SEED'] ?? 20_241_125);
const RUNS = Number(process.env['FC_RUNS'] ?? 150);

/**
 * Property-based tests over every endpoint: random and malformed path parameters, query strings,
 * bodies and keys. Whatever the input, the api never answers 5xx, and every error is a JSON body
 * `{statusCode, error, message}` whose message is not empty; validation errors (400) and
 * unacceptable requests (422) also name the offending fields in `details`.
 */
describe('property-based: no input makes the api fail (real model, PostgreSQL, Redis)', () => {
  const prefix = testQueuePrefix('api_fuzz');
  let db: TestDatabase;
  let api: RunningApi;
  let sandbox: string;

  beforeAll(async () => {
    db = await createLoadedDatabase('api_fuzz');
    sandbox = mkdtempSync(join(tmpdir(), 'api-fuzz-'));
    seedModelCache(join(sandbox, 'cache'), trainModel(1));
    api = await startApi(
      testConfig({
        DATABASE_URL: db.url,
        QUEUE_PREFIX: prefix,
        MLFLOW_TRACKING_URI: `http://127.0.0.1:${await freePort()}`,
        MODEL_CACHE_DIR: join(sandbox, 'cache'),
        RATE_LIMIT_PER_MINUTE: '1000000',
        SIMULATE_MAX_BATTLES: '4',
        SIMULATE_TIME_BUDGET_MS: '200',
        SIMULATE_MAX_CONCURRENT: '8',
        // Checks asked for by POST /monitoring/drift/check are queued, not run: the registry is unreachable here.
        DRIFT_CHECK_ENABLED: 'false',
      }),
    );
    // Sanity: the model is there, so /predict exercises its real paths, not the 503.
    expect((await call(api.url, '/predict/model-info', { key: KEYS.reader })).status).toBe(200);
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
    await deleteRedisPrefix(prefix);
    if (sandbox) rmSync(sandbox, { recursive: true, force: true });
  });

  let failures: string[] = [];
  beforeEach(() => {
    failures = [];
  });

  /** The contract every answer keeps; returns a description of the breach, if any. */
  function breach(what: string, res: ApiResponse): string | null {
    if (res.status >= 500) return `${what} -> ${res.status} ${res.text.slice(0, 300)}`;
    if (res.status < 400) return null;
    const b = res.body as { statusCode?: unknown; error?: unknown; message?: unknown; details?: unknown } | undefined;
    if (!b || typeof b !== 'object') return `${what} -> ${res.status} without a JSON body: ${res.text.slice(0, 200)}`;
    if (b.statusCode !== res.status || typeof b.error !== 'string' || typeof b.message !== 'string' || !b.message) {
      return `${what} -> ${res.status} with a malformed error body: ${res.text.slice(0, 300)}`;
    }
    const mustName = res.status === 422 || (res.status === 400 && !/JSON|body/i.test(b.message));
    if (mustName) {
      const details = b.details as { field?: unknown; message?: unknown }[] | undefined;
      if (!Array.isArray(details) || !details.length || details.some((d) => typeof d.field !== 'string' || !d.field || typeof d.message !== 'string' || !d.message)) {
        return `${what} -> ${res.status} without details naming the fields: ${res.text.slice(0, 300)}`;
      }
    }
    return null;
  }

  async function check(what: string, res: ApiResponse): Promise<boolean> {
    const problem = breach(what, res);
    if (problem) failures.push(problem);
    return problem === null;
  }

  const nasty = fc.constantFrom('', '0', '00', '-0', '1e3', '0x10', '1.0', ' 1', '1 ', '٣', 'NaN', 'Infinity', '..', '../..', '%', '%00', "'", '"', '\\', '<script>', '9'.repeat(40), 'null', '[]', '{}', 'électrik', '🔥');
  const text = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 20 }), nasty);
  const param = fc.oneof(text, fc.integer({ min: -1e12, max: 1e12 }).map(String), fc.integer({ min: 0, max: 300 }).map(String), fc.double().map(String));

  const READ_ROUTES = [
    '/pokemon/:p',
    '/pokemon/:p/weaknesses',
    '/pokemon/:p/moves',
    '/moves/:p',
    '/moves/by-type/:p',
    '/types/:p/pokemon',
    '/monitoring/reports/:p',
  ];
  const LIST_ROUTES: [string, string[]][] = [
    ['/pokemon', ['type', 'form', 'name', 'limit', 'offset']],
    ['/pokemon/search', ['name', 'lang', 'limit']],
    ['/moves', ['type', 'category', 'min_power', 'max_power', 'name', 'limit', 'offset']],
    ['/moves/search', ['name', 'lang', 'limit']],
    ['/moves/by-type/fire', ['pokemon_id']],
    ['/types', []],
    ['/types/affinities', ['attacking', 'defending']],
    ['/predict/model-info', []],
    ['/monitoring/drift/latest', []],
    ['/monitoring/reports', ['limit', 'offset', 'status']],
    ['/monitoring/reports/1', ['format']],
  ];

  it('GET routes with random path parameters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...READ_ROUTES), param, async (route, value) => {
        const path = route.replace(':p', encodeURIComponent(value));
        return check(`GET ${path}`, await call(api.url, path, { key: KEYS.admin }));
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(failures.slice(0, 5)).toEqual([]);
  });

  it('GET routes with random query strings (known and unknown names, repeated, odd values)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...LIST_ROUTES),
        fc.array(fc.tuple(fc.oneof(fc.constantFrom('type', 'form', 'name', 'lang', 'limit', 'offset', 'min_power', 'max_power', 'category', 'attacking', 'defending', 'pokemon_id', 'status', 'format'), text), param), { maxLength: 4 }),
        async ([route], pairs) => {
          const qs = new URLSearchParams(pairs).toString();
          const path = `${route}${qs ? `?${qs}` : ''}`;
          return check(`GET ${path}`, await call(api.url, path, { key: KEYS.admin }));
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    expect(failures.slice(0, 5)).toEqual([]);
  });

  it('raw, unencoded and odd paths', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.webPath(), fc.constantFrom('/pokemon/%zz', '/pokemon/%E0%A4%A', '/moves/%00', '/types//pokemon', '/pokemon/1/', '//pokemon', '/pokemon?limit=%'), fc.string({ maxLength: 40 }).map((s) => `/${s}`)), async (path) => {
        let res: ApiResponse;
        try {
          res = await call(api.url, path, { key: KEYS.admin });
        } catch {
          return true; // fetch itself refused the URL: nothing reached the api
        }
        return check(`GET ${path}`, res);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(failures.slice(0, 5)).toEqual([]);
  });

  const moveNames = fc.constantFrom('Thunderbolt', 'thunderbolt', 'Quick Attack', 'Surf', 'Growl', 'Transform', 'Earthquake', 'Psychic', 'Tackle', 'Hyper Beam', 'Self-Destruct', 'Fissure', 'Seismic Toss', 'Fake Out', 'Dream Eater');
  const moveValue = fc.oneof(moveNames, fc.integer({ min: -3, max: 240 }), text, fc.double(), fc.boolean(), fc.constant(null), fc.constant({}));
  const idValue = fc.oneof(fc.integer({ min: 1, max: 190 }), fc.integer({ min: -5, max: 5 }), fc.integer(), fc.double(), text, fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }));
  const moveList = fc.oneof(fc.array(moveValue, { maxLength: 24 }), moveValue);
  const bestMoveBody = fc.record(
    { pokemon_a_id: idValue, pokemon_b_id: idValue, available_moves: moveList, available_moves_b: fc.option(moveList), extra: text },
    { requiredKeys: [] },
  );
  const simulateBody = fc.record(
    { pokemon_a_id: idValue, pokemon_b_id: idValue, move_a: fc.option(moveValue), move_b: fc.option(moveValue), n_battles: fc.oneof(fc.integer({ min: -2, max: 8 }), idValue), seed: fc.option(idValue) },
    { requiredKeys: [] },
  );

  it('POST /predict/best-move with random, mistyped and partly valid bodies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: bestMoveBody }, { weight: 1, arbitrary: fc.jsonValue() }), async (body) => {
        return check(`POST /predict/best-move ${JSON.stringify(body)}`, await call(api.url, '/predict/best-move', { key: KEYS.admin, body }));
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
    expect(failures.slice(0, 5)).toEqual([]);
  });

  it('POST /predict/simulate with random, mistyped and partly valid bodies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: simulateBody }, { weight: 1, arbitrary: fc.jsonValue() }), async (body) => {
        return check(`POST /predict/simulate ${JSON.stringify(body)}`, await call(api.url, '/predict/simulate', { key: KEYS.admin, body }));
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(failures.slice(0, 5)).toEqual([]);
  });

  it('POST /monitoring/drift/check with random, mistyped and partly valid bodies', async () => {
    const checkBody = fc.record({ window_hours: fc.oneof(fc.integer({ min: -2, max: 2200 }), idValue), extra: text }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 3, arbitrary: checkBody }, { weight: 1, arbitrary: fc.jsonValue() }, { weight: 1, arbitrary: fc.constant(undefined) }), async (body) => {
        const res = await call(api.url, '/monitoring/drift/check', { key: KEYS.admin, method: 'POST', ...(body !== undefined ? { body } : {}) });
        if (res.status !== 202 && res.status !== 400) failures.push(`POST /monitoring/drift/check ${JSON.stringify(body)} -> ${res.status}`);
        return check(`POST /monitoring/drift/check ${JSON.stringify(body)}`, res);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(failures.slice(0, 5)).toEqual([]);
  });

  it('the queue dashboard refuses random paths under it and random credentials: 401/404 JSON, never served', async () => {
    const credentials = fc.oneof(
      fc.string({ unit: 'grapheme-ascii', maxLength: 60 }).map((s) => `Basic ${Buffer.from(`ops:${s}`).toString('base64')}`),
      fc.string({ unit: 'grapheme-ascii', maxLength: 60 }).map((s) => `Basic ${s}`),
      fc.constantFrom(`Bearer ${KEYS.admin}`, `Basic ${Buffer.from(KEYS.reader).toString('base64')}`, `Basic ${Buffer.from(`${KEYS.admin}:${KEYS.reader}`).toString('base64')}`, ''),
    );
    const suffix = fc.oneof(fc.constantFrom('', '/', '/api/queues', '/api/queues/ml-build/1', '/static/images/logo.svg', '/queue/ml-build', '/api/redis/stats'), fc.webPath());
    await fc.assert(
      fc.asyncProperty(suffix, credentials, fc.constantFrom('GET', 'PUT', 'POST'), async (path, authorization, method) => {
        let res: ApiResponse;
        try {
          res = await call(api.url, `/admin/queues${path}`, { method, headers: authorization ? { authorization } : {} });
        } catch {
          return true; // not a valid header value or URL: nothing reached the api
        }
        if (res.status < 400) failures.push(`${method} /admin/queues${path} (${authorization.slice(0, 30)}) -> ${res.status}`);
        return res.status >= 400 && (await check(`${method} /admin/queues${path}`, res));
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(failures.slice(0, 5)).toEqual([]);
  });

  it('POST bodies that are not JSON, or not what the content type says', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/predict/best-move', '/predict/simulate', '/admin/model/refresh', '/monitoring/drift/check', '/pokemon'),
        fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom('{', '{"pokemon_a_id":', 'null', '[]', '""', '1e999', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}')),
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream', 'application/json; charset=latin1'),
        async (path, rawBody, contentType) =>
          check(`POST ${path} (${contentType}) ${JSON.stringify(rawBody).slice(0, 80)}`, await call(api.url, path, { key: KEYS.admin, method: 'POST', rawBody, headers: { 'content-type': contentType } })),
      ),
      { seed: SEED, numRuns: RUNS },
    );
    expect(failures.slice(0, 5)).toEqual([]);
  });

  it('random API keys are 401 JSON, on every protected route', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/pokemon', '/moves/1', '/types', '/predict/model-info', '/monitoring/drift/latest', '/monitoring/reports'), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 80 }), async (path, key) => {
        let res: ApiResponse;
        try {
          res = await call(api.url, path, { key });
        } catch {
          return true; // not a valid header value: fetch refused to send it
        }
        if (Object.values(KEYS).includes(key as never)) return true;
        return res.status === 401 && (await check(`GET ${path} with key ${JSON.stringify(key)}`, res));
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(failures.slice(0, 5)).toEqual([]);
  });
});
