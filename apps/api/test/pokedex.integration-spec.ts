import { EventBus, EVENTS } from '@predictiondex/queues';
import { deleteRedisPrefix, TEST_REDIS_URL, testQueuePrefix, TestDatabase } from '@predictiondex/testing';
import Redis from 'ioredis';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { call, createLoadedDatabase, eventually, expectErrorBody, KEYS, RunningApi, sleep, startApi, testConfig } from './api-test-kit';
import { freePort } from './mlflow-proxy-process';

/**
 * The api on a database loaded by the real ETL, with no model anywhere (registry unreachable, empty
 * cache): every Pokédex endpoint, auth, rate limits, headers, errors, health, metrics, docs, and
 * /predict answering 503.
 */
describe('api without a model: Pokédex, auth, limits, errors (real PostgreSQL and Redis)', () => {
  const prefix = testQueuePrefix('api_pokedex');
  let db: TestDatabase;
  let api: RunningApi;
  let sandbox: string;
  let url: string;
  const R = { key: KEYS.reader };

  beforeAll(async () => {
    db = await createLoadedDatabase('api_pokedex');
    sandbox = mkdtempSync(join(tmpdir(), 'api-pokedex-'));
    api = await startApi(
      testConfig({
        DATABASE_URL: db.url,
        QUEUE_PREFIX: prefix,
        MLFLOW_TRACKING_URI: `http://127.0.0.1:${await freePort()}`,
        MODEL_CACHE_DIR: join(sandbox, 'cache'),
        CORS_ORIGINS: 'http://ui.test:3000',
      }),
    );
    url = api.url;
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
    await deleteRedisPrefix(prefix);
    if (sandbox) rmSync(sandbox, { recursive: true, force: true });
  });

  describe('GET /pokemon', () => {
    it('pages all 188 forms in dex order with stats and types', async () => {
      const res = await call(url, '/pokemon', R);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(188);
      expect(res.body.items).toHaveLength(50);
      expect(res.body.items[0]).toMatchObject({
        name: 'Bulbasaur',
        dex_number: 1,
        form: 'base',
        types: [{ name: 'Grass' }, { name: 'Poison' }],
        stats: { hp: 45, attack: 49, defense: 49, sp_attack: 65, sp_defense: 65, speed: 45, total: 318 },
      });
      const last = await call(url, '/pokemon?limit=200&offset=180', R);
      expect(last.body.items.map((p: { name: string }) => p.name)).toContain('Melmetal');
      expect(last.body).toMatchObject({ total: 188, limit: 200, offset: 180 });
    });

    it('filters by type (name or id), form and name, combined', async () => {
      const fire = await call(url, '/pokemon?type=fire&limit=200', R);
      const fireById = await call(url, '/pokemon?type=10&limit=200', R);
      expect(fire.body.total).toBeGreaterThan(10);
      expect(fireById.body).toEqual(fire.body);
      expect(fire.body.items.every((p: { types: { name: string }[] }) => p.types.some((t) => t.name === 'Fire'))).toBe(true);
      const megas = await call(url, '/pokemon?form=mega&limit=200', R);
      expect(megas.body.total).toBe(15);
      const charMegas = await call(url, '/pokemon?form=mega&name=CHARIZ', R);
      expect(charMegas.body.items.map((p: { name: string }) => p.name)).toEqual(['Charizard-Mega-X', 'Charizard-Mega-Y']);
      expect((await call(url, '/pokemon?offset=500', R)).body.items).toEqual([]);
    });

    it('names the bad parameter: unknown type, bad form, bad paging, unknown parameter', async () => {
      const type = await call(url, '/pokemon?type=plasma', R);
      expectErrorBody(type, 400);
      expect(type.body.details).toEqual([{ field: 'type', message: "unknown type 'plasma'" }]);
      const form = await call(url, '/pokemon?form=gmax', R);
      expect(form.body.details).toEqual([{ field: 'form', message: 'must be one of base, alola, mega, partner' }]);
      const paging = await call(url, '/pokemon?limit=0&offset=-1', R);
      expectErrorBody(paging, 400);
      expect(paging.body.details.map((d: { field: string }) => d.field)).toEqual(['limit', 'offset']);
      const unknown = await call(url, '/pokemon?nmae=pika', R);
      expect(unknown.body.details).toEqual([{ field: 'nmae', message: 'unknown query parameter' }]);
      const repeated = await call(url, '/pokemon?limit=1&limit=2', R);
      expectErrorBody(repeated, 400);
      expect(repeated.body.details[0].field).toBe('limit');
    });
  });

  describe('GET /pokemon/search, /pokemon/{id}, weaknesses, learnset', () => {
    it('searches English names, exact matches first; an unsupported lang is a 400', async () => {
      const res = await call(url, '/pokemon/search?name=pikachu', R);
      expect(res.status).toBe(200);
      expect(res.body.items[0].name).toBe('Pikachu');
      expect(res.body.items.map((p: { name: string }) => p.name)).toContain('Pikachu-Starter');
      const lang = await call(url, '/pokemon/search?name=pika&lang=de', R);
      expectErrorBody(lang, 400);
      expect(lang.body.details).toEqual([{ field: 'lang', message: 'must be one of en, fr' }]);
      const missing = await call(url, '/pokemon/search', R);
      expect(missing.body.details).toEqual([{ field: 'name', message: 'Required' }]);
    });

    it('gets one Pokémon; unknown ids are 404, malformed ids 400', async () => {
      const list = await call(url, '/pokemon?name=pikachu', R);
      const id = list.body.items[0].id;
      const one = await call(url, `/pokemon/${id}`, R);
      expect(one.status).toBe(200);
      expect(one.body).toEqual(list.body.items[0]);
      expectErrorBody(await call(url, '/pokemon/999999', R), 404);
      for (const bad of ['abc', '0', '-1', '1.5', '99999999999']) {
        const res = await call(url, `/pokemon/${bad}`, R);
        expectErrorBody(res, 400);
        expect(res.body.details[0].field).toBe('id');
      }
    });

    it("computes a dual type's weaknesses (Charizard: Rock x4, Ground immune)", async () => {
      const id = (await call(url, '/pokemon/search?name=charizard', R)).body.items[0].id;
      const res = await call(url, `/pokemon/${id}/weaknesses`, R);
      expect(res.status).toBe(200);
      expect(res.body.affinities).toHaveLength(18);
      expect(res.body.weaknesses).toEqual([
        { type: { id: 6, name: 'Rock' }, multiplier: 4 },
        { type: { id: 11, name: 'Water' }, multiplier: 2 },
        { type: { id: 13, name: 'Electric' }, multiplier: 2 },
      ]);
      expect(res.body.immunities).toEqual([{ type: { id: 5, name: 'Ground' }, multiplier: 0 }]);
      expect(res.body.resistances.find((r: { type: { name: string } }) => r.type.name === 'Grass').multiplier).toBe(0.25);
      expectErrorBody(await call(url, '/pokemon/999999/weaknesses', R), 404);
    });

    it('lists a learnset with methods, marking the moves a battle can use', async () => {
      const id = (await call(url, '/pokemon/search?name=pikachu', R)).body.items[0].id;
      const res = await call(url, `/pokemon/${id}/moves`, R);
      expect(res.status).toBe(200);
      const byName = new Map(res.body.items.map((e: { move: { name: string } }) => [e.move.name, e]));
      expect(byName.get('Thunderbolt')).toMatchObject({ move: { battle_move: true, type: { name: 'Electric' } } });
      expect(byName.get('Growl')).toMatchObject({ move: { battle_move: false, category: 'status' } });
      expect((byName.get('Thunderbolt') as { methods: unknown[] }).methods.length).toBeGreaterThan(0);
    });
  });

  describe('moves', () => {
    it('lists 226 moves and filters by type, category, power range and name', async () => {
      expect((await call(url, '/moves', R)).body.total).toBe(226);
      const electric = await call(url, '/moves?type=electric&limit=250', R);
      expect(electric.body.items.every((m: { type: { name: string } }) => m.type.name === 'Electric')).toBe(true);
      const strong = await call(url, '/moves?min_power=100&max_power=120&category=special&limit=250', R);
      expect(strong.body.total).toBeGreaterThan(0);
      for (const m of strong.body.items) {
        expect(m.power).toBeGreaterThanOrEqual(100);
        expect(m.power).toBeLessThanOrEqual(120);
        expect(m.category).toBe('special');
      }
      const punches = await call(url, '/moves?name=punch', R);
      expect(punches.body.items.map((m: { name: string }) => m.name)).toContain('Thunder Punch');
      const range = await call(url, '/moves?min_power=120&max_power=100', R);
      expectErrorBody(range, 400);
      expect(range.body.details).toEqual([{ field: 'min_power', message: 'must not exceed max_power (100)' }]);
      expect((await call(url, '/moves?category=weird', R)).body.details[0].field).toBe('category');
    });

    it('searches, gets by id, and lists by type for one Pokémon', async () => {
      const search = await call(url, '/moves/search?name=thunder', R);
      expect(search.body.items[0].name).toBe('Thunder');
      expect(search.body.items.map((m: { name: string }) => m.name)).toEqual(expect.arrayContaining(['Thunderbolt', 'Thunder Punch']));
      expectErrorBody(await call(url, '/moves/search?name=thunder&lang=jp', R), 400);
      const tb = search.body.items.find((m: { name: string }) => m.name === 'Thunderbolt');
      expect((await call(url, `/moves/${tb.id}`, R)).body).toEqual(tb);
      expectErrorBody(await call(url, '/moves/999999', R), 404);
      expectErrorBody(await call(url, '/moves/nope', R), 400);

      const pikachu = (await call(url, '/pokemon/search?name=pikachu', R)).body.items[0].id;
      const all = await call(url, '/moves/by-type/electric', R);
      const learnable = await call(url, `/moves/by-type/Electric?pokemon_id=${pikachu}`, R);
      expect(learnable.status).toBe(200);
      expect(learnable.body.pokemon_id).toBe(pikachu);
      expect(learnable.body.items.length).toBeLessThan(all.body.items.length);
      expect(learnable.body.items.map((m: { name: string }) => m.name)).toContain('Thunderbolt');
      const byId = await call(url, '/moves/by-type/13', R);
      expect(byId.body.items).toEqual(all.body.items);
      const unknownType = await call(url, '/moves/by-type/plasma', R);
      expectErrorBody(unknownType, 404);
      expect(unknownType.body.details).toEqual([{ field: 'type', message: "unknown type 'plasma'" }]);
      expectErrorBody(await call(url, '/moves/by-type/electric?pokemon_id=999999', R), 404);
      expect((await call(url, '/moves/by-type/electric?pokemon_id=x', R)).body.details[0].field).toBe('pokemon_id');
    });
  });

  describe('types', () => {
    it('lists 18 types and the whole chart, a row, a column, one cell, a dual-type cell', async () => {
      expect((await call(url, '/types', R)).body.items).toHaveLength(18);
      expect((await call(url, '/types/affinities', R)).body.items).toHaveLength(324);
      expect((await call(url, '/types/affinities?attacking=fire', R)).body.items).toHaveLength(18);
      expect((await call(url, '/types/affinities?defending=water', R)).body.items).toHaveLength(18);
      const cell = await call(url, '/types/affinities?attacking=electric&defending=ground', R);
      expect(cell.body.items).toEqual([{ attacking: { id: 13, name: 'Electric' }, defending: [{ id: 5, name: 'Ground' }], multiplier: 0 }]);
      const dual = await call(url, '/types/affinities?attacking=10&defending=grass,bug', R);
      expect(dual.body.items[0].multiplier).toBe(4);
    });

    it('an unknown type name is a 404 naming it, never the whole table', async () => {
      const res = await call(url, '/types/affinities?attacking=fire&defending=plasma', R);
      expectErrorBody(res, 404);
      expect(res.body.details).toEqual([{ field: 'defending', message: "unknown type 'plasma'" }]);
      expect(res.body.items).toBeUndefined();
      expectErrorBody(await call(url, '/types/affinities?attacking=99', R), 404);
      expectErrorBody(await call(url, '/types/affinities?defending=fire,fire', R), 400);
      expectErrorBody(await call(url, '/types/affinities?defending=fire,water,grass', R), 400);
      expectErrorBody(await call(url, '/types/affinities?attacking=', R), 400);
    });

    it('lists the Pokémon of a type by id or name', async () => {
      const byName = await call(url, '/types/ghost/pokemon', R);
      expect(byName.body.items.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['Gastly', 'Haunter', 'Gengar', 'Marowak-Alola']));
      expect((await call(url, `/types/${byName.body.type.id}/pokemon`, R)).body).toEqual(byName.body);
      expectErrorBody(await call(url, '/types/plasma/pokemon', R), 404);
    });
  });

  describe('auth, scopes and rate limits', () => {
    it('401 without or with an unknown key, 403 out of scope; public routes need none', async () => {
      const none = await call(url, '/pokemon');
      expectErrorBody(none, 401);
      expect(none.body.message).toMatch(/X-API-Key/);
      expectErrorBody(await call(url, '/pokemon', { key: 'not-a-key' }), 401);
      const forbidden = await call(url, '/predict/best-move', { key: KEYS.reader, body: {} });
      expectErrorBody(forbidden, 403);
      expect(forbidden.body.message).toBe("API key 'reader' lacks the 'predict' scope needed by POST /predict/best-move");
      expectErrorBody(await call(url, '/admin/pokedex/refresh', { key: KEYS.predictor, method: 'POST' }), 403);
      expect((await call(url, '/admin/pokedex/refresh', { key: KEYS.admin, method: 'POST' })).status).toBe(200);
      expect((await call(url, '/pokemon/1', { key: KEYS.admin })).status).toBe(200);
      for (const path of ['/health', '/health/live', '/health/ready', '/metrics', '/openapi.json', '/docs']) {
        expect([path, (await call(url, path)).status]).toEqual([path, 200]);
      }
      // Unknown routes are 404 whatever the key.
      expectErrorBody(await call(url, '/no/such/route'), 404);
    });
  });

  describe('HTTP hardening and errors', () => {
    it('sets security headers on every answer, refusals included: the REST set on JSON, helmet\'s on the docs page', async () => {
      for (const res of [await call(url, '/types', R), await call(url, '/types'), await call(url, '/nope'), await call(url, '/pokemon/%zz', R)]) {
        expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('x-frame-options')).toBe('DENY');
        expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
        expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      }
      const docs = await call(url, '/docs');
      expect(docs.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(docs.headers.get('content-security-policy')).toContain("style-src 'self' 'unsafe-inline'");
      expect(docs.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    });

    it('answers CORS for allow-listed origins only', async () => {
      const preflight = await fetch(`${url}/predict/best-move`, {
        method: 'OPTIONS',
        headers: { origin: 'http://ui.test:3000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-api-key' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('http://ui.test:3000');
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/x-api-key/);
      const evil = await fetch(`${url}/types`, { headers: { origin: 'http://evil.test', 'x-api-key': KEYS.reader } });
      expect(evil.headers.get('access-control-allow-origin')).toBeNull();
      const good = await fetch(`${url}/types`, { headers: { origin: 'http://ui.test:3000', 'x-api-key': KEYS.reader } });
      expect(good.headers.get('access-control-allow-origin')).toBe('http://ui.test:3000');
    });

    it('refuses oversized, malformed and non-JSON bodies with JSON errors', async () => {
      const P = { key: KEYS.predictor };
      const big = await call(url, '/predict/best-move', { ...P, rawBody: JSON.stringify({ pad: 'x'.repeat(40_000) }), headers: { 'content-type': 'application/json' } });
      expectErrorBody(big, 413);
      const malformed = await call(url, '/predict/best-move', { ...P, rawBody: '{"pokemon_a_id": 1,', headers: { 'content-type': 'application/json' } });
      expectErrorBody(malformed, 400);
      const text = await call(url, '/predict/best-move', { ...P, rawBody: 'hello', headers: { 'content-type': 'text/plain' } });
      expectErrorBody(text, 400);
      expect(text.body.details).toEqual([{ field: 'body', message: 'the body must be a JSON object' }]);
      const xml = await call(url, '/predict/best-move', { ...P, rawBody: '<a/>', headers: { 'content-type': 'application/xml' } });
      expectErrorBody(xml, 415);
      const wrongMethod = await call(url, '/pokemon', { ...R, method: 'DELETE' });
      expectErrorBody(wrongMethod, 404);
    });
  });

  describe('without a model', () => {
    it('/predict answers 503 with a clear message while reads work', async () => {
      const body = { pokemon_a_id: 1, pokemon_b_id: 2, available_moves: ['Tackle'] };
      const res = await call(url, '/predict/best-move', { key: KEYS.predictor, body });
      expectErrorBody(res, 503);
      expect(res.body.message).toMatch(/^no model is loaded yet: the registry at http:\/\/127\.0\.0\.1:\d+ could not provide the model .*no model is cached locally/);
      expectErrorBody(await call(url, '/predict/simulate', { key: KEYS.predictor, body: { pokemon_a_id: 1, pokemon_b_id: 2 } }), 503);
      expectErrorBody(await call(url, '/predict/model-info', R), 503);
      // Bad input is still a 400, not hidden behind the 503.
      expectErrorBody(await call(url, '/predict/best-move', { key: KEYS.predictor, body: { pokemon_a_id: 'x' } }), 400);
    });

    it('stays ready (reads are served) and reports the missing model in /health', async () => {
      const ready = await call(url, '/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.info.postgres.status).toBe('up');
      expect(ready.body.info.redis.status).toBe('up');
      expect(ready.body.info.model).toMatchObject({ status: 'up', loaded: false, required: false });
      expect(ready.body.info.pokedex).toMatchObject({ pokemon: 188, moves: 226 });
      expect((await call(url, '/health/live')).body).toEqual({ status: 'ok' });
    });
  });

  describe('observability and docs', () => {
    it('labels metrics by route template and status, and counts every 4xx as an error', async () => {
      await call(url, '/pokemon/1', R);
      await call(url, '/pokemon/2', R);
      await call(url, '/pokemon/999999', R);
      await call(url, '/pokemon/1');
      const text = (await call(url, '/metrics')).text;
      expect(text).toMatch(/api_requests_total\{method="GET",endpoint="\/pokemon\/:id",status="200",service="api"\} \d+/);
      expect(text).toMatch(/api_errors_total\{method="GET",endpoint="\/pokemon\/:id",status_class="4xx",service="api"\} [2-9]/);
      expect(text).toMatch(/api_request_duration_seconds_bucket\{le="0\.005",service="api",method="GET",endpoint="\/pokemon\/:id"\}/);
      expect(text).toMatch(/api_errors_total\{method="GET",endpoint="unmatched",status_class="4xx",service="api"\}/);
      expect(text).not.toMatch(/endpoint="\/pokemon\/1"/);
      for (const name of ['model_predictions_total', 'model_prediction_duration_seconds', 'model_confidence_score', 'model_win_probability', 'model_reloads_total']) {
        expect(text).toContain(`# HELP ${name} `);
      }
      expect(text).toMatch(/model_reloads_total\{trigger="start",outcome="failed",service="api"\} 1/);
    });

    it('serves the committed OpenAPI spec at /openapi.json and the UI at /docs', async () => {
      const spec = await call(url, '/openapi.json');
      const committed = JSON.parse(readFileSync(join(__dirname, '../openapi.json'), 'utf8'));
      expect(spec.body).toEqual(committed);
      const docs = await call(url, '/docs');
      expect(docs.text).toContain('swagger-ui');
    });
  });

  it('reloads the in-memory Pokédex when an ETL run completes (etl.completed)', async () => {
    const pg = new Client({ connectionString: db.url });
    const redis = new Redis(TEST_REDIS_URL);
    await pg.connect();
    try {
      const before = await call(url, '/pokemon/search?name=evoli&lang=fr', R);
      expect(before.body.items).toEqual([]);
      await pg.query("UPDATE pokemon SET name_fr = 'Évoli' WHERE showdown_id = 'eevee'");
      const run = await pg.query("INSERT INTO etl_run (started_at, finished_at, status, dex_fingerprint) VALUES (now(), now(), 'succeeded', 'dex-test') RETURNING id");
      await new EventBus(prefix, redis).publish(EVENTS.etlCompleted, { etlRunId: run.rows[0].id, changes: 1, dexFingerprint: 'dex-test' });
      const found = await eventually('the reloaded Pokédex', async () => {
        const res = await call(url, '/pokemon/search?name=evoli&lang=fr', R);
        return res.body.items.length ? res : undefined;
      });
      expect(found.body.items[0]).toMatchObject({ name: 'Eevee', name_fr: 'Évoli' });
      expect((await call(url, '/health')).body.info.pokedex.etlRun).toBe(run.rows[0].id);
    } finally {
      await pg.end();
      redis.disconnect();
    }
  });

  // Last: it starts two more apps in this process, and prom-client's registry is per process (each
  // app start clears it), so the metrics assertions above must run before it.
  describe('rate limits', () => {
    it('429 with Retry-After past the per-key limit, shared by replicas through Redis; other keys unaffected', async () => {
      const limitPrefix = `${prefix}:limits`;
      const config = testConfig({
        DATABASE_URL: db.url,
        QUEUE_PREFIX: limitPrefix,
        RATE_LIMIT_PER_MINUTE: '5',
        MLFLOW_TRACKING_URI: `http://127.0.0.1:${await freePort()}`,
        MODEL_CACHE_DIR: join(sandbox, 'cache-limits'),
      });
      const replicaA = await startApi(config);
      const replicaB = await startApi(config);
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 3; i++) statuses.push((await call(replicaA.url, '/types', R)).status);
        // Replicas share counts through Redis every RATE_LIMIT_SYNC_MS (100 ms); within that window
        // they may together overshoot by what they admitted locally (documented).
        await sleep(300);
        for (let i = 0; i < 3; i++) statuses.push((await call(replicaB.url, '/types', R)).status);
        expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
        const limited = await call(replicaA.url, '/types', R);
        expectErrorBody(limited, 429);
        expect(limited.body.message).toMatch(/rate limit of 5 requests per minute exceeded for API key 'reader'/);
        expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
        expect((await call(replicaA.url, '/types', { key: KEYS.other })).status).toBe(200);
      } finally {
        await replicaA.close();
        await replicaB.close();
      }
    });
  });
});
