import { FEATURE_COUNT, FEATURE_NAMES, FEATURE_VERSION } from '@predictiondex/battle';
import { DRIFT_QUEUE } from '@predictiondex/drift';
import { MlflowClient } from '@predictiondex/mlflow-client';
import { ModelPackageFiles } from '@predictiondex/model';
import { JOBS, QUEUES, redisOptionsFromUrl, RetrainJob } from '@predictiondex/queues';
import { deleteRedisPrefix, TEST_REDIS_URL, testQueuePrefix, TestDatabase } from '@predictiondex/testing';
import { Job, Queue, QueueEvents } from 'bullmq';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { call, createLoadedDatabase, eventually, expectErrorBody, KEYS, RunningApi, startApi, testConfig } from './api-test-kit';
import { battleFeatureRows, featureVectors, uploadReferenceSample } from './drift-fixtures';
import { killAll, MLFLOW_READ_TOKEN, MLFLOW_WRITE_TOKEN, MlflowProxy, startMlflowProxy } from './mlflow-proxy-process';
import { publishModel, trainModel } from './model-fixtures';

const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
const REFERENCE_ROWS = 600;
const MAX_ROWS = 400;
/** Users who only ever ask about these four: most features move away from the training sample. */
const FAVOURITES = ['mewtwo', 'dragonite', 'snorlax', 'gengar'];

const basic = (password: string, user = 'ops') => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
/** The value of one series in a Prometheus text scrape (NaN when absent). */
const sample = (text: string, series: string) => Number(new RegExp(`^${series.replace(/[{}"=,.]/g, (c) => `\\${c}`)} (\\S+)$`, 'm').exec(text)?.[1]);

/**
 * Drift monitoring through the api: the served model's training reference sample in a real
 * mlflow-proxy (reference/features.arrow on its run, written as ml-builder writes it), predictions
 * logged by the real /predict/best-move and by SQL, checks run as BullMQ jobs consumed by the api,
 * reports and gauges read back, and dataset drift requesting a retrain on the real ml-build queue.
 * Then the queue dashboard mounted in the api behind admin Basic auth.
 */
describe('drift monitoring and the queue dashboard in the api (mlflow-proxy, PostgreSQL, Redis, BullMQ)', () => {
  const prefix = testQueuePrefix('api_monitoring');
  let db: TestDatabase;
  let proxy: MlflowProxy;
  let api: RunningApi;
  let sandbox: string;
  let pg: Client;
  let model: ModelPackageFiles;
  let runId: string;
  let mlBuild: Queue;
  let drift: Queue;
  let driftEvents: QueueEvents;
  const ids = new Map<string, number>();
  const A = { key: KEYS.admin };
  const R = { key: KEYS.reader };
  let skippedId: number;
  let firstId: number;

  async function logRows(vectors: number[][], at: Date): Promise<void> {
    for (let i = 0; i < vectors.length; i += 200) {
      await pg.query(
        `INSERT INTO prediction_log (id, created_at, endpoint, model_name, model_version, feature_version, pokemon_a_id, pokemon_b_id, move_a_id, move_b_id, request, features, probability)
         SELECT gen_random_uuid(), $1, 'best-move', 'battle-winner', '1', $2, 1, 2, 3, 4, '{}'::jsonb, ARRAY(SELECT jsonb_array_elements_text(r)::real), 0.5
           FROM jsonb_array_elements($3::jsonb) r`,
        [at, FEATURE_VERSION, JSON.stringify(vectors.slice(i, i + 200))],
      );
    }
  }

  /** POST /monitoring/drift/check with the admin key, then the job's result (the stored check). */
  async function runCheck(body?: unknown): Promise<{ id: number; status: string; datasetDrift: boolean | null }> {
    const res = await call(api.url, '/monitoring/drift/check', { ...A, method: 'POST', ...(body !== undefined ? { body } : {}) });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ job_id: expect.any(String), queue: DRIFT_QUEUE });
    const job = await Job.fromId(drift, res.body.job_id);
    expect(job?.name).toBe('check');
    return job!.waitUntilFinished(driftEvents, 60_000);
  }

  const retrainJobs = async () => (await mlBuild.getJobs(['waiting', 'delayed', 'prioritized', 'paused', 'active'])).filter((j) => j.name === JOBS.retrain) as Job<RetrainJob>[];

  beforeAll(async () => {
    model = trainModel(3);
    db = await createLoadedDatabase('api_monitoring');
    sandbox = mkdtempSync(join(tmpdir(), 'api-monitoring-'));
    proxy = await startMlflowProxy(db.url, join(sandbox, 'artifacts'));
    const registry = new MlflowClient({ trackingUri: proxy.url, token: MLFLOW_WRITE_TOKEN, retries: 0 });
    ({ runId } = await publishModel(registry, model));
    await uploadReferenceSample(registry, runId, battleFeatureRows(REFERENCE_ROWS, 11));
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    for (const row of (await pg.query('SELECT id, name FROM pokemon')).rows) ids.set(row.name, row.id);
    mlBuild = new Queue(QUEUES.mlBuild, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix });
    drift = new Queue(DRIFT_QUEUE, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix });
    driftEvents = new QueueEvents(DRIFT_QUEUE, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix });
    await driftEvents.waitUntilReady();
    api = await startApi(
      testConfig({
        DATABASE_URL: db.url,
        QUEUE_PREFIX: prefix,
        MLFLOW_TRACKING_URI: proxy.url,
        MLFLOW_TRACKING_TOKEN: MLFLOW_READ_TOKEN,
        MODEL_CACHE_DIR: join(sandbox, 'model-cache'),
        DRIFT_MIN_ROWS: '50',
        DRIFT_MAX_ROWS: String(MAX_ROWS),
        DRIFT_WINDOW_HOURS: '1',
      }),
    );
  });

  afterAll(async () => {
    await api?.close();
    await driftEvents?.close();
    await drift?.close();
    await mlBuild?.close();
    await pg?.end();
    await proxy?.stop();
    killAll();
    await db?.drop();
    await deleteRedisPrefix(prefix);
    if (sandbox) rmSync(sandbox, { recursive: true, force: true });
  });

  describe('before any completed check', () => {
    it('GET /monitoring/drift/latest is a 404 saying what a check needs; the report list is empty', async () => {
      const res = await call(api.url, '/monitoring/drift/latest', R);
      expectErrorBody(res, 404);
      expect(res.body.message).toBe(
        'no completed drift check yet: a check needs at least 50 predictions logged in the last 1 h and a served model; checks run on demand only (or POST /monitoring/drift/check)',
      );
      expect((await call(api.url, '/monitoring/reports', R)).body).toEqual({ items: [], total: 0, limit: 20, offset: 0 });
    });

    it('POST /monitoring/drift/check needs the admin scope: 401 without a key, 403 for read and predict keys', async () => {
      expectErrorBody(await call(api.url, '/monitoring/drift/check', { method: 'POST' }), 401);
      for (const key of [KEYS.reader, KEYS.predictor]) {
        const res = await call(api.url, '/monitoring/drift/check', { key, method: 'POST' });
        expectErrorBody(res, 403);
        expect(res.body.message).toMatch(/lacks the 'admin' scope needed by POST \/monitoring\/drift\/check/);
      }
      expectErrorBody(await call(api.url, '/monitoring/drift/latest'), 401);
      expect(await drift.getJobCounts('waiting', 'active', 'completed')).toMatchObject({ waiting: 0, active: 0, completed: 0 });
    });

    it('400 names a bad window, an unknown field and a body that is not an object', async () => {
      const bad = await call(api.url, '/monitoring/drift/check', { ...A, body: { window_hours: 0, nope: 1 } });
      expectErrorBody(bad, 400);
      expect(bad.body.details).toEqual([
        { field: 'window_hours', message: 'must be at least 1' },
        { field: 'nope', message: 'unknown field' },
      ]);
      const big = await call(api.url, '/monitoring/drift/check', { ...A, body: { window_hours: 2161 } });
      expect(big.body.details).toEqual([{ field: 'window_hours', message: 'must be at most 2160' }]);
      const list = await call(api.url, '/monitoring/drift/check', { ...A, body: [1] });
      expect(list.body.details).toEqual([{ field: 'body', message: 'the body must be a JSON object' }]);
    });

    it('a check with too few logged predictions is stored as skipped and does not count as the latest', async () => {
      const check = await runCheck();
      expect(check).toMatchObject({ status: 'skipped', datasetDrift: null });
      skippedId = check.id;
      expect((await call(api.url, '/monitoring/drift/latest', R)).status).toBe(404);
      const list = await call(api.url, '/monitoring/reports', R);
      expect(list.body).toMatchObject({ total: 1, items: [{ id: skippedId, status: 'skipped', report_url: null, drift_share: null, dataset_drift: null }] });
      expect(list.body.items[0].message).toMatch(/^0 logged predictions \(lgpe-v1\) since .* fewer than DRIFT_MIN_ROWS=50$/);
      const report = await call(api.url, `/monitoring/reports/${skippedId}`, R);
      expectErrorBody(report, 404);
      expect(report.body.message).toMatch(new RegExp(`^drift check ${skippedId} has no report: it was skipped \\(0 logged predictions`));
    });
  });

  describe('predictions like the training sample', () => {
    it('checks the logged predictions against the reference of the served model: no dataset drift', async () => {
      // Real predictions through the api (its log writer stores the feature rows)...
      const pairs: [string, string, string[]][] = [
        ['Pikachu', 'Charizard', ['Thunderbolt', 'Quick Attack']],
        ['Gengar', 'Snorlax', ['Shadow Ball', 'Sludge Bomb']],
        ['Lapras', 'Onix', ['Surf', 'Ice Beam']],
        ['Mewtwo', 'Machamp', ['Psychic']],
        ['Eevee', 'Bulbasaur', ['Tackle', 'Quick Attack']],
      ];
      const predicted: string[] = [];
      for (const [a, b, moves] of pairs) {
        const res = await call(api.url, '/predict/best-move', { key: KEYS.predictor, body: { pokemon_a_id: ids.get(a), pokemon_b_id: ids.get(b), available_moves: moves } });
        expect(res.status).toBe(200);
        predicted.push(res.body.prediction_id);
      }
      await eventually('the logged predictions', async () => (await pg.query('SELECT count(*)::int AS n FROM prediction_log WHERE id = ANY($1)', [predicted])).rows[0].n === pairs.length);
      // ...and more of the same kind of traffic, a little earlier in the window.
      await logRows(featureVectors(battleFeatureRows(MAX_ROWS - pairs.length, 12)), new Date(Date.now() - 20 * 60_000));

      const started = Date.now();
      const check = await runCheck();
      const seconds = (Date.now() - started) / 1000;
      expect(check).toMatchObject({ status: 'completed', datasetDrift: false });
      firstId = check.id;

      const latest = await call(api.url, '/monitoring/drift/latest', R);
      expect(latest.status).toBe(200);
      expect(latest.body).toMatchObject({
        id: firstId,
        status: 'completed',
        model_name: 'battle-winner',
        model_version: '1',
        run_id: runId,
        feature_version: FEATURE_VERSION,
        reference_rows: REFERENCE_ROWS,
        current_rows: MAX_ROWS,
        feature_count: FEATURE_COUNT,
        dataset_drift: false,
        report_url: `/monitoring/reports/${firstId}`,
        quality: { malformed_rows: 0, missing_cells: 0, out_of_range_cells: expect.any(Number), unseen_category_cells: expect.any(Number), features_with_issues: expect.any(Number) },
      });
      expect(latest.body.drift_share).toBeLessThan(0.2);
      expect(latest.body.drifted_features).toBe(latest.body.features.filter((f: { drifted: boolean }) => f.drifted).length);
      expect(latest.body.features.map((f: { feature: string }) => f.feature).sort()).toEqual([...FEATURE_NAMES].sort());
      // Drifted features first; p-value tests for a reference of at most 1000 rows.
      const flags = latest.body.features.map((f: { drifted: boolean }) => f.drifted);
      expect(flags).toEqual([...flags].sort((x: boolean, y: boolean) => Number(y) - Number(x)));
      expect(latest.body.features.find((f: { feature: string }) => f.feature === 'a_hp')).toMatchObject({ test: 'ks', test_label: 'K-S p-value', score_type: 'p_value', threshold: 0.05 });
      expect(latest.body.features.find((f: { feature: string }) => f.feature === 'a_type_fire')).toMatchObject({ test: 'z', score_type: 'p_value' });
      expect(await retrainJobs()).toEqual([]);
      process.stdout.write(`drift check of ${MAX_ROWS} logged rows against ${REFERENCE_ROWS} reference rows: ${seconds.toFixed(2)} s from POST to the job's result\n`);
    });

    it('lists the stored checks newest first, pages them and filters by status', async () => {
      const list = await call(api.url, '/monitoring/reports', R);
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(2);
      expect(list.body.items.map((c: { id: number }) => c.id)).toEqual([firstId, skippedId]);
      expect(list.body.items[0]).toMatchObject({ status: 'completed', dataset_drift: false, report_url: `/monitoring/reports/${firstId}` });
      expect(list.body.items[0].created_at).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(list.body.items[0]).not.toHaveProperty('features');
      const page = await call(api.url, '/monitoring/reports?limit=1&offset=1', R);
      expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ id: skippedId }] });
      const completed = await call(api.url, '/monitoring/reports?status=completed', R);
      expect(completed.body).toMatchObject({ total: 1, items: [{ id: firstId }] });
    });

    it("serves the report as a self-contained HTML page under a strict CSP, or as the stored JSON", async () => {
      const res = await call(api.url, `/monitoring/reports/${firstId}`, R);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(REPORT_CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.text).toContain(`drift check #${firstId}`);
      expect(res.text.match(/<svg class="histogram"/g)).toHaveLength(FEATURE_COUNT);
      expect(res.text).not.toMatch(/<script|<link|src="http/i);

      const json = await call(api.url, `/monitoring/reports/${firstId}?format=json`, R);
      expect(json.status).toBe(200);
      expect(json.headers.get('content-type')).toMatch(/application\/json/);
      expect(json.body).toMatchObject({ feature_count: FEATURE_COUNT, dataset_drift: false, drift_share_threshold: 0.5, reference: { rows: REFERENCE_ROWS }, current: { rows: MAX_ROWS } });
      expect(json.body.features).toHaveLength(FEATURE_COUNT);
      expect(json.body.features[0]).toEqual(expect.objectContaining({ test_label: expect.any(String), score_type: expect.any(String), unique_values: expect.any(Number), histogram: expect.objectContaining({ reference: expect.any(Array) }) }));
      expect(json.body.quality).toEqual(expect.objectContaining({ malformed_rows: 0, features: expect.any(Array) }));
      expect(JSON.stringify(json.body)).not.toMatch(/"[a-z]+[A-Z][A-Za-z]*":/);
    });

    it('400 names a bad id, paging parameter, status or format; 404 an unknown id', async () => {
      for (const [path, field, message] of [
        ['/monitoring/reports/abc', 'id', 'must be a whole number'],
        ['/monitoring/reports/0', 'id', 'must be at least 1'],
        ['/monitoring/reports/1.5', 'id', 'must be a whole number'],
        ['/monitoring/reports?limit=0', 'limit', 'must be at least 1'],
        ['/monitoring/reports?limit=101', 'limit', 'must be at most 100'],
        ['/monitoring/reports?offset=-1', 'offset', 'must be a whole number'],
        ['/monitoring/reports?status=done', 'status', 'must be one of completed, skipped, failed'],
        ['/monitoring/reports?page=2', 'page', 'unknown query parameter'],
        [`/monitoring/reports/${firstId}?format=pdf`, 'format', 'must be one of html, json'],
      ]) {
        const res = await call(api.url, path, R);
        expectErrorBody(res, 400);
        expect({ path, details: res.body.details }).toEqual({ path, details: [{ field, message }] });
      }
      const unknown = await call(api.url, '/monitoring/reports/99999', R);
      expectErrorBody(unknown, 404);
      expect(unknown.body).toMatchObject({ message: 'no drift check 99999', details: [{ field: 'id', message: 'no drift check 99999' }] });
      expectErrorBody(await call(api.url, '/monitoring/reports/99999?format=json', R), 404);
    });

    it('exports the drift gauges of the check, and the served model’s training time', async () => {
      const text = (await call(api.url, '/metrics')).text;
      const latest = (await call(api.url, '/monitoring/drift/latest', R)).body;
      expect(sample(text, 'data_drift_share{service="api"}')).toBeCloseTo(latest.drift_share, 5);
      expect(sample(text, 'data_drift_detected{service="api"}')).toBe(0);
      expect(sample(text, 'data_drift_current_rows{service="api"}')).toBe(MAX_ROWS);
      expect(sample(text, 'data_drift_drifted_features{service="api"}')).toBe(latest.drifted_features);
      expect(sample(text, 'data_drift_last_check_timestamp_seconds{service="api"}')).toBeCloseTo(Date.parse(latest.created_at) / 1000, 0);
      expect(text.match(/^feature_drift_score\{/gm)).toHaveLength(FEATURE_COUNT);
      expect(sample(text, 'data_quality_missing_values{service="api"}')).toBe(0);
      expect(sample(text, 'drift_checks_total{status="completed",service="api"}')).toBe(1);
      expect(sample(text, 'drift_checks_total{status="skipped",service="api"}')).toBe(1);
      expect(text).toMatch(/^queue_jobs\{queue="drift",state="completed",service="api"\} [1-9]/m);
      expect(sample(text, 'model_trained_timestamp_seconds{service="api"}')).toBe(Date.parse(model.metadata.trainedAt) / 1000);
      expect(text).toMatch(/^api_requests_total\{method="GET",endpoint="\/monitoring\/reports\/:id",status="400",service="api"\} [1-9]/m);
    });
  });

  describe('a shifted distribution', () => {
    it('is dataset drift: the check says which features moved, and a retrain with reason drift waits on ml-build', async () => {
      await logRows(featureVectors(battleFeatureRows(MAX_ROWS, 21, FAVOURITES)), new Date());
      const check = await runCheck({ window_hours: 1 });
      expect(check).toMatchObject({ status: 'completed', datasetDrift: true });
      const latest = (await call(api.url, '/monitoring/drift/latest', R)).body;
      expect(latest).toMatchObject({ id: check.id, dataset_drift: true, current_rows: MAX_ROWS });
      expect(latest.drift_share).toBeGreaterThanOrEqual(0.5);
      expect(latest.features.find((f: { feature: string }) => f.feature === 'a_hp')).toMatchObject({ drifted: true });

      const [retrain, ...others] = await retrainJobs();
      expect(others).toEqual([]);
      expect(await retrain.getState()).toBe('waiting');
      expect(retrain.data.reasons).toEqual(['drift']);
      const details = retrain.data.details['drift'] as Record<string, unknown>;
      expect(details).toMatchObject({ drift_check_id: check.id, drifted_features: latest.drifted_features, feature_count: FEATURE_COUNT, model_version: '1', at: expect.any(String) });
      expect(details['drift_share']).toBeCloseTo(latest.drift_share, 5);
      expect(details['features']).toEqual(latest.features.filter((f: { drifted: boolean }) => f.drifted).map((f: { feature: string }) => f.feature).sort((x: string, y: string) => FEATURE_NAMES.indexOf(x) - FEATURE_NAMES.indexOf(y)));
      expect(sample((await call(api.url, '/metrics')).text, 'data_drift_detected{service="api"}')).toBe(1);
    });

    it('a second detection merges into the waiting retrain instead of adding one', async () => {
      const [before] = await retrainJobs();
      const again = await runCheck();
      expect(again).toMatchObject({ status: 'completed', datasetDrift: true });
      const jobs = await retrainJobs();
      expect(jobs.map((j) => j.id)).toEqual([before.id]);
      expect(jobs[0].data.reasons).toEqual(['drift']);
      expect((jobs[0].data.details['drift'] as { drift_check_id: number }).drift_check_id).toBe(again.id);
      expect((await call(api.url, '/monitoring/reports?status=completed', R)).body.total).toBe(3);
    });
  });

  describe('the queue dashboard at /admin/queues', () => {
    it('answers 401 with a Basic challenge without credentials, with a non-admin key and with a wrong key', async () => {
      const refused: Record<string, string>[] = [{}, basic(KEYS.reader), basic(KEYS.predictor), basic('not-a-key-0123456789abcdef'), { 'x-api-key': KEYS.admin }];
      for (const headers of refused) {
        for (const path of ['/admin/queues', '/admin/queues/api/queues', '/admin/queues/static/images/logo.svg']) {
          const res = await call(api.url, path, { headers });
          expect({ path, status: res.status }).toEqual({ path, status: 401 });
          expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm="PredictionDex queue dashboard"/);
          expectErrorBody(res, 401);
        }
      }
      const retry = await call(api.url, '/admin/queues/api/queues/ml-build/retry/failed', { method: 'PUT', headers: basic(KEYS.reader) });
      expect(retry.status).toBe(401);
    });

    it('serves the dashboard and its JSON API to an admin key (any user name): every queue, the waiting retrain', async () => {
      const page = await call(api.url, '/admin/queues', { headers: basic(KEYS.admin, 'anyone') });
      expect(page.status).toBe(200);
      expect(page.text).toContain('<base href="/admin/queues/"');
      const queues = await call(api.url, '/admin/queues/api/queues?activeQueue=ml-build&status=waiting', { headers: basic(KEYS.admin) });
      expect(queues.status).toBe(200);
      const body = queues.body as { queues: { name: string; counts: Record<string, number>; jobs: { name: string; data: RetrainJob }[] }[] };
      expect(body.queues.map((q) => q.name).sort()).toEqual(['drift', 'etl', 'ml-build']);
      const mlb = body.queues.find((q) => q.name === 'ml-build')!;
      expect(mlb.counts['waiting']).toBe(1);
      expect(mlb.jobs[0]).toMatchObject({ name: 'retrain', data: { reasons: ['drift'] } });
      expect(body.queues.find((q) => q.name === 'drift')!.counts['completed']).toBe(4);
      const [retrain] = await retrainJobs();
      expect((await call(api.url, `/admin/queues/api/queues/ml-build/${retrain.id}`, { headers: basic(KEYS.admin) })).status).toBe(200);
    });

    it('Basic credentials open nothing else: the rest of the api still wants X-API-Key', async () => {
      expectErrorBody(await call(api.url, '/pokemon/1', { headers: basic(KEYS.admin) }), 401);
      expectErrorBody(await call(api.url, '/admin/model/refresh', { method: 'POST', headers: basic(KEYS.admin) }), 401);
      expectErrorBody(await call(api.url, '/monitoring/drift/check', { method: 'POST', headers: basic(KEYS.admin) }), 401);
      expectErrorBody(await call(api.url, '/pokemon/1'), 401);
      expect((await call(api.url, '/pokemon/1', R)).status).toBe(200);
    });

    it('labels its requests by route template (bounded), never by queue name or job id', async () => {
      const text = (await call(api.url, '/metrics')).text;
      const endpoints = [...text.matchAll(/^api_requests_total\{method="[A-Z]+",endpoint="([^"]+)"/gm)].map((m) => m[1]);
      expect(endpoints).toEqual(expect.arrayContaining(['/admin/queues', '/admin/queues/api/queues', '/admin/queues/api/queues/:queueName/:jobId', '/admin/queues/static/*']));
      expect(endpoints.filter((e) => /ml-build|retrain-\d|logo\.svg/.test(e))).toEqual([]);
      expect(text).toMatch(/^api_errors_total\{method="GET",endpoint="\/admin\/queues",status_class="4xx",service="api"\} [1-9]/m);
    });
  });

  it('with the dashboard turned off, its path is an unknown route (and the api works without it)', async () => {
    const off = await startApi(
      testConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix, MLFLOW_TRACKING_URI: proxy.url, MLFLOW_TRACKING_TOKEN: MLFLOW_READ_TOKEN, MODEL_CACHE_DIR: join(sandbox, 'cache-off'), QUEUE_DASHBOARD_ENABLED: 'false', DRIFT_CHECK_ENABLED: 'false' }),
    );
    try {
      const res = await call(off.url, '/admin/queues', { headers: basic(KEYS.admin) });
      expectErrorBody(res, 404);
      expect((await call(off.url, '/monitoring/drift/latest', R)).body.dataset_drift).toBe(true);
    } finally {
      await off.close();
    }
  });
});
