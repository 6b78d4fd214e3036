import { MlflowClient } from '@predictiondex/mlflow-client';
import { JOBS, QUEUES, redisOptionsFromUrl } from '@predictiondex/queues';
import { deleteRedisPrefix, TEST_REDIS_URL, testQueuePrefix, TestDatabase } from '@predictiondex/testing';
import { classificationMetrics } from '@predictiondex/model-metrics';
import { Job, Queue, Worker } from 'bullmq';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { call, createLoadedDatabase, eventually, expectErrorBody, KEYS, RunningApi, startApi, testConfig } from './api-test-kit';
import { killAll, MLFLOW_READ_TOKEN, MLFLOW_WRITE_TOKEN, MlflowProxy, startMlflowProxy } from './mlflow-proxy-process';
import { publishModel, trainModel } from './model-fixtures';

/**
 * Feedback, live performance, the decision audit and retrain requests against a real api (in this
 * process), PostgreSQL, Redis, a real model from a real mlflow-proxy and the engine's data. The
 * prediction log is flushed only every 60 s here, so feedback meets predictions still in the buffer.
 */
describe('feedback, live performance, decisions and retrain requests (PostgreSQL, Redis, mlflow-proxy)', () => {
  const prefix = testQueuePrefix('api_feedback');
  let db: TestDatabase;
  let proxy: MlflowProxy;
  let api: RunningApi;
  let sandbox: string;
  let pg: Client;
  let queue: Queue;
  const ids = new Map<string, number>();
  const P = { key: KEYS.predictor };
  const config = (env: Record<string, string> = {}) =>
    testConfig({
      DATABASE_URL: db.url,
      QUEUE_PREFIX: prefix,
      MLFLOW_TRACKING_URI: proxy.url,
      MLFLOW_TRACKING_TOKEN: MLFLOW_READ_TOKEN,
      MODEL_CACHE_DIR: join(sandbox, 'model-cache'),
      PREDICTION_LOG_FLUSH_MS: '60000',
      PREDICTION_LOG_BATCH_SIZE: '10000',
      PERFORMANCE_WINDOW: '50',
      ...env,
    });
  const id = (name: string) => ids.get(name) as number;
  const logged = async (predictionId: string) => (await pg.query('SELECT * FROM prediction_log WHERE id = $1', [predictionId])).rows[0];
  /** Two of A's damaging moves, from the api's learnset. */
  const movesOf = async (name: string, url: string): Promise<number[]> => {
    const learnset = await call(url, `/pokemon/${id(name)}/moves`, { key: KEYS.reader });
    return learnset.body.items.filter((e: { move: { battle_move: boolean } }) => e.move.battle_move).slice(0, 2).map((e: { move: { id: number } }) => e.move.id);
  };
  const predict = async (a = 'Pikachu', b = 'Charizard', url = api.url) => {
    const res = await call(url, '/predict/best-move', { ...P, body: { pokemon_a_id: id(a), pokemon_b_id: id(b), available_moves: await movesOf(a, url) } });
    expect(res.status).toBe(200);
    return res.body as { prediction_id: string; win_probability: number; model: { version: string } };
  };
  /** Replicas started in this process share prom-client's registry (startApi clears it): the main api starts again after them. */
  const restartApi = async () => {
    await api.close();
    api = await startApi(config());
  };
  const feedback = (predictionId: string, winner: unknown, options: { key?: string; url?: string } = {}) =>
    call(options.url ?? api.url, `/predictions/${predictionId}/feedback`, { key: options.key ?? KEYS.predictor, body: { winner } });

  beforeAll(async () => {
    db = await createLoadedDatabase('api_feedback');
    sandbox = mkdtempSync(join(tmpdir(), 'api-feedback-'));
    proxy = await startMlflowProxy(db.url, join(sandbox, 'artifacts'));
    const registry = new MlflowClient({ trackingUri: proxy.url, token: MLFLOW_WRITE_TOKEN, retries: 0 });
    expect((await publishModel(registry, trainModel(1))).version).toBe('1');
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    for (const row of (await pg.query('SELECT id, name FROM pokemon')).rows) ids.set(row.name, row.id);
    queue = new Queue(QUEUES.mlBuild, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix });
    api = await startApi(config());
  });

  afterAll(async () => {
    await api?.close();
    await queue?.close();
    await pg?.end();
    await proxy?.stop();
    killAll();
    await db?.drop();
    await deleteRedisPrefix(prefix);
    if (sandbox) rmSync(sandbox, { recursive: true, force: true });
  });

  describe('POST /predictions/{id}/feedback', () => {
    it('records the outcome of a prediction still in the log buffer (flushed first: no false 404)', async () => {
      const p = await predict();
      expect(await logged(p.prediction_id)).toBeUndefined();
      const res = await feedback(p.prediction_id, 'B');
      expect(res.status).toBe(200);
      const predicted = p.win_probability >= 0.5 ? 'A' : 'B';
      expect(res.body).toEqual({
        prediction_id: p.prediction_id,
        status: 'recorded',
        actual_winner: 'B',
        feedback_at: expect.any(String),
        model: { name: 'battle-winner', version: '1' },
        predicted_winner: predicted,
        model_was_right: predicted === 'B',
      });
      const row = await logged(p.prediction_id);
      expect(row).toMatchObject({ actual_winner: 'B', model_version: '1' });
      expect(row.feedback_at.toISOString()).toBe(res.body.feedback_at);
    });

    it('is idempotent: the same outcome again is a 200 that changes nothing; another one is a 409 naming the recorded one', async () => {
      const p = await predict();
      const first = await feedback(p.prediction_id, 'A');
      expect(first.body.status).toBe('recorded');
      const again = await feedback(p.prediction_id, 'A');
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ ...first.body, status: 'already-recorded' });
      const conflict = await feedback(p.prediction_id, 'B');
      expectErrorBody(conflict, 409);
      expect(conflict.body.message).toBe(`the outcome of prediction ${p.prediction_id} is already recorded as 'A' (this report says 'B'); a recorded outcome is never changed`);
      expect(conflict.body.details).toEqual([{ field: 'winner', message: "already recorded as 'A'" }]);
      const row = await logged(p.prediction_id);
      expect(row.actual_winner).toBe('A');
      expect(row.feedback_at.toISOString()).toBe(first.body.feedback_at);
      const text = (await call(api.url, '/metrics')).text;
      for (const outcome of ['recorded', 'already_recorded', 'conflict']) expect(text).toMatch(new RegExp(`api_feedback_reports_total\\{outcome="${outcome}",service="api"\\} [1-9]`));
    });

    it('two concurrent conflicting reports: exactly one wins, the other is a 409; a burst over two replicas agrees', async () => {
      const q = await predict();
      const r = await predict();
      const p = await predict();
      // Reporting p flushes the buffer: q and r are in the table before the race.
      expect((await feedback(p.prediction_id, 'A')).status).toBe(200);
      expect(await logged(q.prediction_id)).toBeDefined();
      expect(await logged(r.prediction_id)).toBeDefined();
      const pair = await Promise.all([feedback(q.prediction_id, 'A'), feedback(q.prediction_id, 'B')]);
      expect(pair.map((x) => x.status).sort()).toEqual([200, 409]);
      const winner = pair.find((x) => x.status === 200)!.body.actual_winner;
      expect(pair.find((x) => x.status === 409)!.body.details).toEqual([{ field: 'winner', message: `already recorded as '${winner}'` }]);
      expect((await logged(q.prediction_id)).actual_winner).toBe(winner);

      const replica = await startApi(config());
      try {
        const answers = await Promise.all(Array.from({ length: 16 }, (_, i) => feedback(r.prediction_id, i % 2 ? 'A' : 'B', { url: i % 4 < 2 ? api.url : replica.url })));
        const recorded = answers.filter((x) => x.body.status === 'recorded');
        expect(recorded).toHaveLength(1);
        const won = recorded[0].body.actual_winner;
        for (const [i, x] of answers.entries()) {
          const asked = i % 2 ? 'A' : 'B';
          expect({ asked, status: x.status }).toEqual({ asked, status: asked === won ? 200 : 409 });
        }
        expect((await logged(r.prediction_id)).actual_winner).toBe(won);
      } finally {
        await replica.close();
        await restartApi();
      }
    });

    it('finds a prediction another replica answered and has not flushed yet (one re-check after a flush interval)', async () => {
      const answering = await startApi(config({ PREDICTION_LOG_FLUSH_MS: '500' }));
      const other = await startApi(config({ PREDICTION_LOG_FLUSH_MS: '500' }));
      try {
        const p = await predict('Pikachu', 'Charizard', answering.url);
        const res = await feedback(p.prediction_id, 'A', { url: other.url });
        expect(res.status).toBe(200);
        expect(res.body.status).toBe('recorded');
      } finally {
        await answering.close();
        await other.close();
        await restartApi();
      }
    });

    it('404 for an unknown prediction, 400 naming `id` or `winner`, 401/403 without the predict scope', async () => {
      const unknown = await feedback('00000000-0000-4000-8000-000000000000', 'A');
      expectErrorBody(unknown, 404);
      expect(unknown.body.details).toEqual([{ field: 'id', message: 'no logged prediction has this id' }]);
      const badId = await feedback('not-a-uuid', 'A');
      expectErrorBody(badId, 400);
      expect(badId.body.details).toEqual([{ field: 'id', message: 'must be a prediction id (UUID)' }]);
      const p = await predict();
      for (const [body, details] of [
        [{ winner: 'C' }, [{ field: 'winner', message: 'must be one of A, B' }]],
        [{ winner: 'draw' }, [{ field: 'winner', message: 'must be one of A, B' }]],
        [{}, [{ field: 'winner', message: 'required' }]],
        [{ winner: 'A', by: 'me' }, [{ field: 'by', message: 'unknown field' }]],
        [['A'], [{ field: 'body', message: 'the body must be a JSON object' }]],
      ] as const) {
        const res = await call(api.url, `/predictions/${p.prediction_id}/feedback`, { ...P, body });
        expectErrorBody(res, 400);
        expect(res.body.details).toEqual(details);
      }
      expectErrorBody(await call(api.url, `/predictions/${p.prediction_id}/feedback`, { ...P, method: 'POST' }), 400);
      expectErrorBody(await feedback(p.prediction_id, 'A', { key: KEYS.reader }), 403);
      expectErrorBody(await call(api.url, `/predictions/${p.prediction_id}/feedback`, { body: { winner: 'A' } }), 401);
      expect((await call(api.url, '/metrics')).text).toMatch(/api_feedback_reports_total\{outcome="not_found",service="api"\} 1\n/);
    });
  });

  describe('live performance', () => {
    it('scores each version on its latest outcomes: JSON, gauges and the HTML report agree with the rows', async () => {
      // A few more outcomes, some right and some wrong, on other matchups.
      for (const [a, b, winner] of [
        ['Mewtwo', 'Magikarp', 'A'],
        ['Magikarp', 'Mewtwo', 'A'],
        ['Snorlax', 'Gengar', 'B'],
      ] as const) {
        const p = await predict(a, b);
        expect((await feedback(p.prediction_id, winner)).status).toBe(200);
      }
      const rows = (await pg.query(`SELECT probability, actual_winner FROM prediction_log WHERE actual_winner IS NOT NULL AND model_version = '1' ORDER BY feedback_at DESC, id DESC`)).rows;
      expect(rows.length).toBeGreaterThanOrEqual(8);
      const expected = classificationMetrics(
        rows.map((r) => (r.actual_winner === 'A' ? 1 : 0)),
        rows.map((r) => r.probability),
      );

      const res = await call(api.url, '/monitoring/performance', { key: KEYS.reader });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ model_name: 'battle-winner', window: 50, serving_version: '1', generated_at: expect.any(String) });
      expect(res.body.versions).toHaveLength(1);
      const v1 = res.body.versions[0];
      expect(v1).toMatchObject({ version: '1', serving: true, samples: rows.length, confusion: expected.confusion, last_feedback_at: expect.any(String) });
      expect(v1.accuracy).toBeCloseTo(expected.accuracy, 10);
      expect(v1.log_loss).toBeCloseTo(expected.log_loss, 6);
      expect(v1.brier).toBeCloseTo(expected.brier, 6);
      expect(v1.calibration).toHaveLength(10);
      expect(v1.calibration.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(rows.length);
      expect(v1.rolling_accuracy.at(-1)).toMatchObject({ samples: rows.length });
      expect(v1.rolling_accuracy.at(-1).accuracy).toBeCloseTo(expected.accuracy, 10);

      const small = await call(api.url, '/monitoring/performance?version=1&window=10', { key: KEYS.reader });
      expect(small.body.versions[0].samples).toBe(Math.min(10, rows.length));
      const latest = rows.slice(0, 10);
      expect(small.body.versions[0].accuracy).toBeCloseTo(
        classificationMetrics(
          latest.map((r) => (r.actual_winner === 'A' ? 1 : 0)),
          latest.map((r) => r.probability),
        ).accuracy,
        10,
      );
      expect((await call(api.url, '/monitoring/performance?version=9', { key: KEYS.reader })).body.versions).toEqual([
        expect.objectContaining({ version: '9', serving: false, samples: 0, accuracy: null, log_loss: null, brier: null, rolling_accuracy: [] }),
      ]);
      for (const [query, field] of [
        ['version=latest', 'version'],
        ['window=5', 'window'],
        ['window=99999', 'window'],
        ['versoin=1', 'versoin'],
      ]) {
        const bad = await call(api.url, `/monitoring/performance?${query}`, { key: KEYS.reader });
        expectErrorBody(bad, 400);
        expect(bad.body.details[0].field).toBe(field);
      }
      expectErrorBody(await call(api.url, '/monitoring/performance'), 401);

      // A scrape reuses figures read less than a second before (the previous test scraped): poll.
      let metrics = '';
      const gauge = (name: string) => Number(metrics.match(new RegExp(`^${name}\\{version="1",service="api"\\} (\\S+)$`, 'm'))?.[1]);
      await eventually('gauges with every outcome', async () => {
        metrics = (await call(api.url, '/metrics')).text;
        return gauge('model_feedback_samples') === rows.length;
      });
      expect(gauge('model_feedback_accuracy')).toBeCloseTo(expected.accuracy, 10);
      expect(gauge('model_feedback_log_loss')).toBeCloseTo(expected.log_loss, 6);
      expect(gauge('model_feedback_brier')).toBeCloseTo(expected.brier, 6);

      const report = await call(api.url, '/monitoring/performance/report', { key: KEYS.reader });
      expect(report.status).toBe(200);
      expect(report.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(report.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
      expect(report.headers.get('x-content-type-options')).toBe('nosniff');
      expect(report.text).toMatch(/^<!doctype html>/);
      expect(report.text).not.toMatch(/<script/i);
      expect(report.text).toContain(`<td><a href="#v-1">v1</a> (serving)</td><td class="n">${rows.length}</td><td class="n">${expected.accuracy.toFixed(4)}</td>`);
      expect(report.text).toContain('Calibration of v1 (reported outcomes)');
      expect(report.text).toContain('Rolling accuracy of v1');
      expectErrorBody(await call(api.url, '/monitoring/performance/report?window=1', { key: KEYS.reader }), 400);
    });
  });

  describe('GET /monitoring/decisions', () => {
    it('lists the model_decision audit newest first, paged and filtered by kind', async () => {
      const insert = (kind: string, promoted: boolean, candidate: string, after: string, minutesAgo: number, figures: object = {}) =>
        pg.query(
          `INSERT INTO model_decision (created_at, kind, model_name, reasons, champion_before, candidate_version, champion_after, promoted, explanation, figures, run_id)
           VALUES (now() - ($1 || ' minutes')::interval, $2, 'battle-winner', $3, '1', $4, $5, $6, $7, $8, $9)`,
          [String(minutesAgo), kind, kind === 'rollback' ? ['v2 regressed'] : ['feedback', 'manual'], candidate, after, promoted, `${kind} ${candidate}`, figures, kind === 'rollback' ? null : 'f'.repeat(32)],
        );
      await insert('retrain', true, '2', '2', 30, { challenger: { testLogLoss: 0.2 }, champion: { testLogLoss: 0.3 }, feedback: { total: 10, trained: 7, heldOut: 3, weight: 5 } });
      await insert('retrain', false, '3', '2', 20);
      await insert('rollback', true, '1', '1', 10);
      await pg.query(`INSERT INTO model_decision (kind, model_name, candidate_version, champion_after, promoted, explanation) VALUES ('retrain', 'other-model', '1', '1', true, 'not ours')`);

      const res = await call(api.url, '/monitoring/decisions', { key: KEYS.reader });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 3, limit: 20, offset: 0 });
      expect(res.body.items.map((d: { decision: string; candidate_version: string }) => `${d.decision} ${d.candidate_version}`)).toEqual(['rolled-back 1', 'kept-champion 3', 'promoted 2']);
      expect(res.body.items[2]).toEqual({
        id: expect.any(Number),
        created_at: expect.any(String),
        kind: 'retrain',
        decision: 'promoted',
        model_name: 'battle-winner',
        reasons: ['feedback', 'manual'],
        champion_before: '1',
        candidate_version: '2',
        champion_after: '2',
        promoted: true,
        explanation: 'retrain 2',
        figures: { challenger: { testLogLoss: 0.2 }, champion: { testLogLoss: 0.3 }, feedback: { total: 10, trained: 7, heldOut: 3, weight: 5 } },
        run_id: 'f'.repeat(32),
      });
      expect(res.body.items[0]).toMatchObject({ reasons: ['v2 regressed'], figures: {}, run_id: null });
      const page = await call(api.url, '/monitoring/decisions?limit=1&offset=1', { key: KEYS.reader });
      expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1, items: [{ candidate_version: '3' }] });
      expect((await call(api.url, '/monitoring/decisions?kind=rollback', { key: KEYS.reader })).body).toMatchObject({ total: 1, items: [{ kind: 'rollback' }] });
      expect((await call(api.url, '/monitoring/decisions?offset=50', { key: KEYS.reader })).body).toMatchObject({ total: 3, items: [] });
      const bad = await call(api.url, '/monitoring/decisions?kind=promotion', { key: KEYS.reader });
      expectErrorBody(bad, 400);
      expect(bad.body.details).toEqual([{ field: 'kind', message: 'must be one of retrain, rollback' }]);
    });
  });

  describe('POST /admin/retrain', () => {
    const retrainJobs = async () => (await queue.getJobs(['waiting', 'delayed', 'prioritized', 'paused', 'active'])).filter((j) => j?.name === JOBS.retrain);

    it('queues one manual retrain and merges every request made while it waits; admin scope only', async () => {
      const first = await call(api.url, '/admin/retrain', { key: KEYS.admin, body: { reason: '  new season  ' } });
      expect(first.status).toBe(202);
      expect(first.body).toEqual({ job_id: expect.stringMatching(/^retrain-\d+$/), merged: false, reasons: ['manual'] });
      const second = await call(api.url, '/admin/retrain', { key: KEYS.admin, method: 'POST' });
      expect(second.status).toBe(202);
      expect(second.body).toEqual({ job_id: first.body.job_id, merged: true, reasons: ['manual'] });
      const jobs = await retrainJobs();
      expect(jobs).toHaveLength(1);
      expect(jobs[0].data).toMatchObject({ reasons: ['manual'], details: { manual: { note: null, requested_by: 'admin' } } });

      expectErrorBody(await call(api.url, '/admin/retrain', { key: KEYS.predictor, body: {} }), 403);
      const long = await call(api.url, '/admin/retrain', { key: KEYS.admin, body: { reason: 'x'.repeat(201) } });
      expectErrorBody(long, 400);
      expect(long.body.details).toEqual([{ field: 'reason', message: 'must be at most 200 characters' }]);
      expect((await call(api.url, '/admin/retrain', { key: KEYS.admin, body: { reason: 3 } })).body.details).toEqual([{ field: 'reason', message: 'must be a string' }]);
      expect(await retrainJobs()).toHaveLength(1);
    });

    it('a request made while a retrain runs queues the next one (the running one is untouched); more requests merge into it', async () => {
      let release: () => void = () => undefined;
      const held = new Promise<void>((r) => (release = r));
      const running: string[] = [];
      const worker = new Worker(
        QUEUES.mlBuild,
        async (job: Job) => {
          running.push(job.id!);
          await held;
        },
        { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix, concurrency: 1 },
      );
      try {
        const [waiting] = await retrainJobs();
        await eventually('the waiting retrain to run', async () => running.includes(waiting.id!));
        const during = await call(api.url, '/admin/retrain', { key: KEYS.admin, body: { reason: 'while running' } });
        expect(during.body).toMatchObject({ merged: false, reasons: ['manual'] });
        expect(during.body.job_id).not.toBe(waiting.id);
        const merged = await call(api.url, '/admin/retrain', { key: KEYS.admin, body: { reason: 'again' } });
        expect(merged.body).toEqual({ job_id: during.body.job_id, merged: true, reasons: ['manual'] });
        expect((await Job.fromId(queue, waiting.id!))!.data.details.manual).toMatchObject({ note: null });
        expect(await (await Job.fromId(queue, during.body.job_id))!.getState()).toBe('waiting');
        release();
        await eventually('the queued retrain to run after the first', async () => running.includes(during.body.job_id));
        expect(running).toEqual([waiting.id, during.body.job_id]);
      } finally {
        release();
        await worker.close();
      }
    });
  });
});
