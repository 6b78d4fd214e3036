import { battleMovesFor, buildFeatures, combatantFromDex, FEATURE_COUNT } from '@predictiondex/battle';
import { MlflowClient } from '@predictiondex/mlflow-client';
import { BattleModel, MODEL_NAME, ModelPackageFiles } from '@predictiondex/model';
import { EventBus, EVENTS } from '@predictiondex/queues';
import { deleteRedisPrefix, TEST_REDIS_URL, testQueuePrefix, TestDatabase } from '@predictiondex/testing';
import Redis from 'ioredis';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { call, createLoadedDatabase, eventually, expectErrorBody, KEYS, RunningApi, sleep, startApi, testConfig } from './api-test-kit';
import { killAll, MLFLOW_READ_TOKEN, MLFLOW_WRITE_TOKEN, MlflowProxy, startMlflowProxy } from './mlflow-proxy-process';
import { publishModel, trainModel } from './model-fixtures';

/**
 * /predict with real models: the api resolves battle-winner@champion in a real mlflow-proxy (a
 * child process on the same test database), downloads and caches the package, predicts with the
 * real libxgboost on features from the real engine data, logs predictions in PostgreSQL, and swaps
 * models on `model.published` while a client hammers it.
 */
describe('/predict with a model from the registry (mlflow-proxy, PostgreSQL, Redis)', () => {
  const prefix = testQueuePrefix('api_predict');
  let db: TestDatabase;
  let proxy: MlflowProxy;
  let registry: MlflowClient;
  let api: RunningApi;
  let sandbox: string;
  let cacheDir: string;
  let models: { v1: ModelPackageFiles; v2: ModelPackageFiles };
  let pg: Client;
  const ids = new Map<string, number>();
  const P = { key: KEYS.predictor };

  const config = (env: Record<string, string> = {}) =>
    testConfig({
      DATABASE_URL: db.url,
      QUEUE_PREFIX: prefix,
      MLFLOW_TRACKING_URI: proxy.url,
      MLFLOW_TRACKING_TOKEN: MLFLOW_READ_TOKEN,
      MODEL_CACHE_DIR: cacheDir,
      SIMULATE_MAX_BATTLES: '50',
      ...env,
    });
  const id = (name: string) => ids.get(name) as number;

  beforeAll(async () => {
    models = { v1: trainModel(1), v2: trainModel(2) };
    db = await createLoadedDatabase('api_predict');
    sandbox = mkdtempSync(join(tmpdir(), 'api-predict-'));
    cacheDir = join(sandbox, 'model-cache');
    proxy = await startMlflowProxy(db.url, join(sandbox, 'artifacts'));
    registry = new MlflowClient({ trackingUri: proxy.url, token: MLFLOW_WRITE_TOKEN, retries: 0 });
    expect((await publishModel(registry, models.v1)).version).toBe('1');
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    for (const row of (await pg.query('SELECT id, name FROM pokemon')).rows) ids.set(row.name, row.id);
    api = await startApi(config());
  });

  afterAll(async () => {
    await api?.close();
    await pg?.end();
    await proxy?.stop();
    killAll();
    await db?.drop();
    await deleteRedisPrefix(prefix);
    if (sandbox) rmSync(sandbox, { recursive: true, force: true });
  });

  it('loads battle-winner@champion from the registry and caches the package', async () => {
    const info = await call(api.url, '/predict/model-info', { key: KEYS.reader });
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({
      name: MODEL_NAME,
      version: '1',
      alias: 'champion',
      loaded_from: 'registry',
      feature_version: 'lgpe-v1',
      feature_count: FEATURE_COUNT,
      dataset_fingerprint: models.v1.metadata.datasetFingerprint,
      metrics: models.v1.metadata.metrics,
    });
    expect(info.body.run_id).toMatch(/^[0-9a-f]{32}$/);
    expect(info.body.source).toMatch(/^mlflow-artifacts:.*\/model$/);
    expect(JSON.parse(readFileSync(join(cacheDir, MODEL_NAME, 'current.json'), 'utf8')).version).toBe('1');
    expect(existsSync(join(cacheDir, MODEL_NAME, 'v1', 'model.json'))).toBe(true);
    const ready = await call(api.url, '/health/ready');
    expect(ready.body.info.model).toMatchObject({ status: 'up', loaded: true, version: '1', loadedFrom: 'registry' });
  });

  describe('POST /predict/best-move', () => {
    it("ranks A's moves by P(A wins) against B's strongest reply, exactly as the model computes it", async () => {
      const res = await call(api.url, '/predict/best-move', {
        ...P,
        body: { pokemon_a_id: id('Pikachu'), pokemon_b_id: id('Charizard'), available_moves: ['Thunderbolt', 'quick attack', 'IRON TAIL', 'thunderpunch'] },
      });
      expect(res.status).toBe(200);
      const body = res.body;
      expect(body).toMatchObject({
        model: { name: MODEL_NAME, version: '1' },
        pokemon_a_id: id('Pikachu'),
        pokemon_a_name: 'Pikachu',
        pokemon_a_types: ['Electric'],
        pokemon_b_name: 'Charizard',
        pokemon_b_types: ['Fire', 'Flying'],
        b_moves_source: 'learnset',
        b_moves_considered: battleMovesFor('charizard').length,
        skipped_moves: [],
      });
      expect(body.prediction_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(body.all_moves).toHaveLength(4);
      const probabilities = body.all_moves.map((m: { win_probability: number }) => m.win_probability);
      expect([...probabilities].sort((a, b) => b - a)).toEqual(probabilities);
      expect(body.recommended_move).toBe(body.all_moves[0].move_name);
      expect(body.win_probability).toBe(body.all_moves[0].win_probability);
      expect(body.pokemon_b_move).toEqual(body.all_moves[0].b_reply);
      const tb = body.all_moves.find((m: { move_name: string }) => m.move_name === 'Thunderbolt');
      expect(tb).toMatchObject({ move_type: 'Electric', move_category: 'special', move_power: 90, type_multiplier: 2, stab: true, effective_power: 270, priority: 0 });

      // The same model, outside the api, on features built by libs/battle: the minimax must match.
      const model = BattleModel.fromFiles(models.v1);
      try {
        const a = combatantFromDex('pikachu');
        const b = combatantFromDex('charizard');
        const replies = battleMovesFor('charizard');
        const p = replies.map((r) => model.predict(buildFeatures(a, 'thunderbolt', b, r), 1)[0]);
        const worst = Math.min(...p);
        expect(tb.win_probability).toBeCloseTo(worst, 4);
        expect(tb.score).toBeCloseTo(p.reduce((x, y) => x + y, 0) / p.length, 4);
        expect(tb.predicted_winner).toBe(worst >= 0.5 ? 'A' : 'B');
      } finally {
        model.free();
      }
    });

    it("uses B's given moves, ignores duplicates, sets status moves aside, handles Ditto's Transform", async () => {
      const res = await call(api.url, '/predict/best-move', {
        ...P,
        body: { pokemon_a_id: id('Pikachu'), pokemon_b_id: id('Charizard'), available_moves: ['Thunderbolt', 205, 'thunderbolt', 'Growl'], available_moves_b: ['Flamethrower', 'Slash'] },
      });
      expect(res.status).toBe(200);
      expect(res.body.b_moves_source).toBe('given');
      expect(res.body.b_moves_considered).toBe(2);
      expect(['Flamethrower', 'Slash']).toContain(res.body.pokemon_b_move.name);
      expect(res.body.skipped_moves).toEqual([{ move_id: expect.any(Number), move_name: 'Growl', reason: expect.stringMatching(/not a damaging move/) }]);
      expect(res.body.all_moves.map((m: { move_name: string }) => m.move_name)).toEqual(['Thunderbolt']);

      const ditto = await call(api.url, '/predict/best-move', { ...P, body: { pokemon_a_id: id('Ditto'), pokemon_b_id: id('Mew'), available_moves: ['Transform'] } });
      expect(ditto.status).toBe(200);
      expect(ditto.body.recommended_move).toBe('Transform');
      expect(ditto.body.b_moves_considered).toBe(battleMovesFor('mew').length);
    });

    it('422 names unknown Pokémon, unknown moves and moves the Pokémon cannot learn', async () => {
      const res = await call(api.url, '/predict/best-move', {
        ...P,
        body: { pokemon_a_id: id('Pikachu'), pokemon_b_id: id('Charizard'), available_moves: ['Thunderbolt', 'Surf', 'Thundrbolt', 99999], available_moves_b: ['Hydro Pump'] },
      });
      expectErrorBody(res, 422);
      expect(res.body.details).toEqual([
        { field: 'available_moves[1]', message: 'Pikachu cannot learn Surf' },
        { field: 'available_moves[2]', message: "unknown move 'Thundrbolt'" },
        { field: 'available_moves[3]', message: 'no move with id 99999' },
        { field: 'available_moves_b[0]', message: 'Charizard cannot learn Hydro Pump' },
      ]);
      expect(res.body.message).toContain('available_moves[1]: Pikachu cannot learn Surf');
      const unknown = await call(api.url, '/predict/best-move', { ...P, body: { pokemon_a_id: 999999, pokemon_b_id: id('Mew'), available_moves: ['Tackle'] } });
      expectErrorBody(unknown, 422);
      expect(unknown.body.details).toEqual([{ field: 'pokemon_a_id', message: 'no Pokémon with id 999999' }]);
      const onlyStatus = await call(api.url, '/predict/best-move', { ...P, body: { pokemon_a_id: id('Pikachu'), pokemon_b_id: id('Mew'), available_moves: ['Growl', 'Thunder Wave'] } });
      expectErrorBody(onlyStatus, 422);
      expect(onlyStatus.body.details[0]).toMatchObject({ field: 'available_moves', message: expect.stringMatching(/none of the moves can be scored \(Growl, Thunder Wave/) });
    });

    it('400 names malformed fields: types, counts, unknown fields', async () => {
      const tooMany = await call(api.url, '/predict/best-move', { ...P, body: { pokemon_a_id: 1, pokemon_b_id: 2, available_moves: new Array(21).fill('Tackle') } });
      expectErrorBody(tooMany, 400);
      expect(tooMany.body.details).toEqual([{ field: 'available_moves', message: 'at most 20 moves' }]);
      const types = await call(api.url, '/predict/best-move', { ...P, body: { pokemon_a_id: '33', pokemon_b_id: null, available_moves: [{}], extra: true } });
      expect(types.body.details).toEqual([
        { field: 'pokemon_a_id', message: 'must be a Pokémon id (integer)' },
        { field: 'pokemon_b_id', message: 'must be a Pokémon id (integer)' },
        { field: 'available_moves[0]', message: 'must be a move id (integer) or a move name (string)' },
        { field: 'extra', message: 'unknown field' },
      ]);
      expectErrorBody(await call(api.url, '/predict/best-move', { ...P, method: 'POST' }), 400);
    });

    it('logs each prediction off the request path: inputs, the exact feature row, probability, model version', async () => {
      const res = await call(api.url, '/predict/best-move', {
        key: KEYS.other,
        body: { pokemon_a_id: id('Gengar'), pokemon_b_id: id('Snorlax'), available_moves: ['Shadow Ball', 'Sludge Bomb', 'Thunderbolt'] },
      });
      expect(res.status).toBe(200);
      const row = await eventually('the prediction log row', async () => (await pg.query('SELECT * FROM prediction_log WHERE id = $1', [res.body.prediction_id])).rows[0]);
      const move = async (name: string) => (await pg.query('SELECT id, showdown_id FROM move WHERE name = $1', [name])).rows[0];
      const recommended = await move(res.body.recommended_move);
      const reply = await move(res.body.pokemon_b_move.name);
      expect(row).toMatchObject({
        endpoint: 'best-move',
        model_name: MODEL_NAME,
        model_version: '1',
        feature_version: 'lgpe-v1',
        pokemon_a_id: id('Gengar'),
        pokemon_b_id: id('Snorlax'),
        move_a_id: recommended.id,
        move_b_id: reply.id,
        simulated_win_rate: null,
        actual_winner: null,
        feedback_at: null,
      });
      expect(row.request).toMatchObject({ api_key: 'other', pokemon_a_id: id('Gengar'), available_moves_b: null });
      expect(row.request.available_moves).toHaveLength(3);
      expect(row.probability).toBeCloseTo(res.body.win_probability, 4);
      const expected = buildFeatures(combatantFromDex('gengar'), recommended.showdown_id, combatantFromDex('snorlax'), reply.showdown_id);
      // real[] comes back as text in float4's shortest form: compare as float32, bit for bit.
      expect(row.features.map((x: number) => Math.fround(x))).toEqual(Array.from(expected));
    });
  });

  describe('POST /predict/simulate', () => {
    it('plays the matchup on the engine and reports the win rate beside the model probability, logged', async () => {
      const res = await call(api.url, '/predict/simulate', {
        ...P,
        body: { pokemon_a_id: id('Mewtwo'), pokemon_b_id: id('Magikarp'), move_a: 'Psychic', move_b: 'Tackle', n_battles: 20, seed: 7 },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        move_a: { name: 'Psychic' },
        move_b: { name: 'Tackle' },
        move_a_source: 'given',
        move_b_source: 'given',
        simulation: { requested: 20, played: 20, wins_a: 20, wins_b: 0, draws: 0, win_rate_a: 1, truncated: false, seed: 7 },
        model: { version: '1' },
      });
      expect(res.body.model_win_probability).toBeGreaterThanOrEqual(0);
      expect(res.body.model_agrees).toBe(res.body.model_win_probability >= 0.5);
      const again = await call(api.url, '/predict/simulate', { ...P, body: { pokemon_a_id: id('Pikachu'), pokemon_b_id: id('Onix'), n_battles: 10, seed: 3 } });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ move_a_source: 'model', move_b_source: 'model', simulation: { played: 10 } });
      const row = await eventually('the simulate log row', async () => (await pg.query('SELECT * FROM prediction_log WHERE id = $1', [res.body.prediction_id])).rows[0]);
      expect(row).toMatchObject({ endpoint: 'simulate', simulated_win_rate: 1 });
    });

    it('caps the battles and names bad moves', async () => {
      const cap = await call(api.url, '/predict/simulate', { ...P, body: { pokemon_a_id: id('Mew'), pokemon_b_id: id('Mew'), n_battles: 51 } });
      expectErrorBody(cap, 400);
      expect(cap.body.details).toEqual([{ field: 'n_battles', message: 'must be at most 50' }]);
      const status = await call(api.url, '/predict/simulate', { ...P, body: { pokemon_a_id: id('Pikachu'), pokemon_b_id: id('Magikarp'), move_a: 'Growl', move_b: 'Surf' } });
      expectErrorBody(status, 422);
      expect(status.body.details).toEqual([
        { field: 'move_a', message: expect.stringMatching(/^Growl is not a damaging move/) },
        { field: 'move_b', message: 'Magikarp cannot learn Surf' },
      ]);
    });
  });

  it('exports the reference model metrics, labelled by endpoint and model version', async () => {
    const text = (await call(api.url, '/metrics')).text;
    expect(text).toMatch(/model_predictions_total\{endpoint="best-move",model_version="1",predicted_winner="[AB]",service="api"\} \d+/);
    expect(text).toMatch(/model_confidence_score_bucket\{le="0\.5",service="api",endpoint="best-move"\}/);
    expect(text).toMatch(/model_win_probability_count\{service="api",endpoint="simulate"\} [1-9]/);
    expect(text).toMatch(/model_prediction_duration_seconds_count\{service="api",endpoint="best-move"\} [1-9]/);
    expect(text).toMatch(/api_requests_total\{method="POST",endpoint="\/predict\/best-move",status="422",service="api"\}/);
    expect(text).toMatch(/model_loaded\{name="battle-winner",version="1",loaded_from="registry",service="api"\} 1/);
  });

  it('hot-swaps to a newly published champion under load: zero failed requests, then only the new version', async () => {
    const redis = new Redis(TEST_REDIS_URL);
    const body = { pokemon_a_id: id('Pikachu'), pokemon_b_id: id('Charizard'), available_moves: ['Thunderbolt', 'Quick Attack', 'Iron Tail', 'Thunder'] };
    const seen: { status: number; version?: string }[] = [];
    let stop = false;
    const client = async () => {
      while (!stop) {
        try {
          const res = await call(api.url, '/predict/best-move', { ...P, body });
          seen.push({ status: res.status, version: res.body?.model?.version });
        } catch (e) {
          seen.push({ status: 0, version: String(e) });
        }
      }
    };
    try {
      const hammer = Promise.all(Array.from({ length: 8 }, client));
      await sleep(500);
      const published = await publishModel(registry, models.v2);
      expect(published.version).toBe('2');
      await new EventBus(prefix, redis).publish(EVENTS.modelPublished, { name: MODEL_NAME, version: '2', alias: 'champion', runId: published.runId });
      await eventually('responses from version 2', async () => seen.some((s) => s.version === '2'), 15_000, 50);
      const switchedAt = seen.length;
      await sleep(500);
      stop = true;
      await hammer;
      expect(seen.filter((s) => s.status !== 200)).toEqual([]);
      expect(seen.filter((s) => s.version === '1').length).toBeGreaterThan(0);
      // After the first v2 answer only requests already in flight (at most one per client) can be v1.
      expect(seen.slice(switchedAt + 8).every((s) => s.version === '2')).toBe(true);
      expect(seen.length - switchedAt).toBeGreaterThan(8);
    } finally {
      stop = true;
      redis.disconnect();
    }
    expect((await call(api.url, '/predict/model-info', { key: KEYS.reader })).body).toMatchObject({ version: '2', dataset_fingerprint: models.v2.metadata.datasetFingerprint });
    expect(JSON.parse(readFileSync(join(cacheDir, MODEL_NAME, 'current.json'), 'utf8')).version).toBe('2');
    expect((await call(api.url, '/metrics')).text).toMatch(/model_reloads_total\{trigger="event",outcome="loaded",service="api"\} 1/);
  });

  it('re-checks the alias on demand (the periodic check does the same) when an event was missed', async () => {
    await registry.setRegisteredModelAlias(MODEL_NAME, 'champion', '1');
    const refresh = await call(api.url, '/admin/model/refresh', { key: KEYS.admin, method: 'POST' });
    expect(refresh.body).toEqual({ outcome: 'loaded', version: '1', error: null });
    expect((await call(api.url, '/admin/model/refresh', { key: KEYS.admin, method: 'POST' })).body.outcome).toBe('unchanged');
  });

  it('refuses a champion built for other features and keeps serving the current model', async () => {
    const incompatible = { ...models.v2, featureSpec: { ...models.v2.featureSpec, featureVersion: 'lgpe-v0' } };
    const { version } = await publishModel(registry, incompatible);
    try {
      const refresh = await call(api.url, '/admin/model/refresh', { key: KEYS.admin, method: 'POST' });
      expect(refresh.body).toMatchObject({ outcome: 'failed', version: '1', error: expect.stringMatching(/incompatible with this build: feature version lgpe-v0/) });
      const res = await call(api.url, '/predict/best-move', { ...P, body: { pokemon_a_id: id('Pikachu'), pokemon_b_id: id('Charizard'), available_moves: ['Thunderbolt'] } });
      expect(res.status).toBe(200);
      expect(res.body.model.version).toBe('1');
      expect(JSON.parse(readFileSync(join(cacheDir, MODEL_NAME, 'current.json'), 'utf8')).version).toBe('1');
    } finally {
      await registry.setRegisteredModelAlias(MODEL_NAME, 'champion', '1');
      await call(api.url, '/admin/model/refresh', { key: KEYS.admin, method: 'POST' });
    }
    expect(Number(version)).toBeGreaterThan(2);
  });

  it('picks a moved alias up by itself with the periodic check', async () => {
    const polling = await startApi(config({ MODEL_POLL_INTERVAL_MS: '200', MODEL_CACHE_DIR: join(sandbox, 'cache-poll') }));
    try {
      expect((await call(polling.url, '/predict/model-info', { key: KEYS.reader })).body.version).toBe('1');
      await registry.setRegisteredModelAlias(MODEL_NAME, 'champion', '2');
      await eventually('the poll to load version 2', async () => (await call(polling.url, '/predict/model-info', { key: KEYS.reader })).body.version === '2');
    } finally {
      await polling.close();
      await registry.setRegisteredModelAlias(MODEL_NAME, 'champion', '1');
    }
  });

  it('with no version behind the alias: no model, a clear 503, and readiness fails only when a model is required', async () => {
    const noAlias = await startApi(config({ MODEL_ALIAS: 'nobody', MODEL_REQUIRED_FOR_READINESS: 'true', MODEL_CACHE_DIR: join(sandbox, 'cache-none') }));
    try {
      const res = await call(noAlias.url, '/predict/best-move', { ...P, body: { pokemon_a_id: 1, pokemon_b_id: 2, available_moves: ['Tackle'] } });
      expectErrorBody(res, 503);
      expect(res.body.message).toBe("no model is loaded yet: no version of 'battle-winner' carries the alias 'nobody' in the registry " + `(${res.body.message.split('(').slice(1).join('(')}`);
      const ready = await call(noAlias.url, '/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.error.model).toMatchObject({ status: 'down', loaded: false, required: true });
      expect((await call(noAlias.url, '/health/live')).status).toBe(200);
      expect((await call(noAlias.url, '/pokemon/1', { key: KEYS.reader })).status).toBe(200);
    } finally {
      await noAlias.close();
    }
  });

  it('restarts without the registry on the cached package', async () => {
    await api.close();
    await proxy.stop();
    api = await startApi(config());
    const info = await call(api.url, '/predict/model-info', { key: KEYS.reader });
    expect(info.body).toMatchObject({ version: '1', loaded_from: 'cache' });
    const res = await call(api.url, '/predict/best-move', { ...P, body: { pokemon_a_id: id('Pikachu'), pokemon_b_id: id('Charizard'), available_moves: ['Thunderbolt'] } });
    expect(res.status).toBe(200);
    expect(res.body.model.version).toBe('1');
  });
});
