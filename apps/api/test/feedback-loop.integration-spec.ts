import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FEATURE_COUNT } from '@predictiondex/battle';
import { readDatasetArtifact } from '@predictiondex/dataset';
import { MlflowClient } from '@predictiondex/mlflow-client';
import { MODEL_NAME } from '@predictiondex/model';
import { JOBS, QUEUES, redisOptionsFromUrl } from '@predictiondex/queues';
import {
  createTestDatabase,
  deleteRedisPrefix,
  freePort,
  killAll,
  runService,
  spawnService,
  TEST_REDIS_URL,
  testQueuePrefix,
  TestDatabase,
  waitForHttp,
  watch,
} from '@predictiondex/testing';
import { Job, Queue, QueueEvents } from 'bullmq';
import { Client } from 'pg';
import { call, eventually, KEYS, TEST_API_KEYS } from './api-test-kit';

const WRITE_TOKEN = 'dev-only-feedback-loop-write-token';
const READ_TOKEN = 'dev-only-feedback-loop-read-token0';
/** Outcomes reported: the feedback trigger fires once all of them are in (ML_FEEDBACK_MIN_SAMPLES). */
const FEEDBACK_ROWS = 60;
/** Concurrent clients of the load generator. */
const CLIENTS = 4;

interface Seen {
  status: number;
  version?: string;
}

/** Predictions in a loop from a few concurrent clients, recording each answer's status and model version. */
function loadGenerator(url: string, body: object) {
  const seen: Seen[] = [];
  let stop = false;
  const client = async () => {
    while (!stop) {
      try {
        const res = await call(url, '/predict/best-move', { key: KEYS.predictor, body });
        seen.push({ status: res.status, version: res.body?.model?.version });
      } catch (e) {
        seen.push({ status: 0, version: String(e) });
      }
    }
  };
  const running = Promise.all(Array.from({ length: CLIENTS }, client));
  return {
    seen,
    stop: async () => {
      stop = true;
      await running;
    },
  };
}

/**
 * The whole feedback loop with real processes: etl, mlflow-proxy, the ml-builder worker and the api
 * (each from source, as `npm start` runs them), PostgreSQL, Redis, libxgboost and the engine.
 *
 * The champion is small (10 species). Predictions go through the api for test-split matchups the
 * champion gets wrong (one move each side, so the logged feature row is the dataset's row), and the
 * engine's real winner of each is reported through POST /predictions/{id}/feedback: every outcome
 * contradicts the champion. Once all of them are in, the feedback monitor (every second) requests a
 * retrain; the challenger learns the reported battles (weighted) and, those battles being the
 * engine's truth on test-split matchups, beats the champion on the fixed test split and on the
 * held-out recent feedback: with ML_PROMOTION_MIN_IMPROVEMENT=0.0001 and
 * ML_PROMOTION_MIN_FEEDBACK_ROWS=10 the rule promotes it. The api swaps to it on model.published
 * (MODEL_POLL_INTERVAL_MS=0: the event alone) while clients keep predicting; then
 * `ml-builder rollback 1` moves the champion back under the same load.
 */
describe('feedback loop end to end: feedback -> retrain -> promotion -> hot swap -> rollback (real processes)', () => {
  const prefix = testQueuePrefix('feedback_loop');
  const sandbox = fs.mkdtempSync(path.join(os.tmpdir(), 'pdx-feedback-loop-'));
  const logs: Record<string, () => string> = {};
  let db: TestDatabase;
  let pg: Client;
  let queue: Queue;
  let events: QueueEvents;
  let mlflow: MlflowClient;
  let env: Record<string, string>;
  let apiUrl: string;

  const logTail = () =>
    Object.entries(logs)
      .map(([name, out]) => `--- ${name}\n${out().slice(-3000)}`)
      .join('\n');

  async function start(name: string, entry: string, extra: Record<string, string>, health: string): Promise<void> {
    const child = spawnService(entry, [], { ...env, ...extra });
    logs[name] = watch(child).output;
    if (!(await waitForHttp(health, 120_000, child))) throw new Error(`${name} did not start:\n${logs[name]()}`);
  }

  beforeAll(async () => {
    db = await createTestDatabase('feedback_loop');
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    const [mlflowPort, workerPort, apiPort] = [await freePort(), await freePort(), await freePort()];
    const mlflowUrl = `http://127.0.0.1:${mlflowPort}`;
    apiUrl = `http://127.0.0.1:${apiPort}`;
    env = {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      MLFLOW_TRACKING_URI: mlflowUrl,
      MLFLOW_TRACKING_TOKEN: WRITE_TOKEN,
    };
    await start(
      'mlflow-proxy',
      'apps/mlflow-proxy/src/main.ts',
      { PORT: String(mlflowPort), HOST: '127.0.0.1', MLFLOW_ARTIFACT_ROOT: path.join(sandbox, 'artifacts'), MLFLOW_TOKENS: `ml-builder:${WRITE_TOKEN}:write,api:${READ_TOKEN}:read` },
      `${mlflowUrl}/health`,
    );
    mlflow = new MlflowClient({ trackingUri: mlflowUrl, token: READ_TOKEN, retries: 1, timeoutMs: 30_000 });
    queue = new Queue(QUEUES.mlBuild, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix });
    events = new QueueEvents(QUEUES.mlBuild, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix });
    await events.waitUntilReady();

    await start(
      'ml-builder',
      'apps/ml-builder/src/main.ts',
      {
        HEALTH_PORT: String(workerPort),
        ML_DATA_DIR: path.join(sandbox, 'datasets'),
        // A small champion: 10 species, no grid search, no Monte-Carlo check.
        ML_MAX_SPECIES: '10',
        ML_NUM_RANDOM_SAMPLES: '3',
        ML_TUNE_HYPERPARAMS: 'false',
        ML_MC_PAIRS: '0',
        ML_WORKERS: '1',
        // The feedback trigger: checked every second, fires once every outcome is in.
        ML_FEEDBACK_CHECK_SECONDS: '1',
        ML_FEEDBACK_MIN_SAMPLES: String(FEEDBACK_ROWS),
        ML_FEEDBACK_MIN_ACCURACY: '0.75',
        ML_RETRAIN_COOLDOWN_SECONDS: '3600',
        // The promotion rule: any real gain on the test split, and the held-out feedback decides too.
        ML_PROMOTION_MIN_IMPROVEMENT: '0.0001',
        ML_PROMOTION_MIN_FEEDBACK_ROWS: '10',
        GIT_COMMIT: 'feedback-loop-test',
      },
      `http://127.0.0.1:${workerPort}/health/live`,
    );

    const etl = await runService('apps/etl/src/main.ts', ['--once'], env);
    if (etl.code !== 0) throw new Error(`etl failed:\n${etl.stdout}\n${etl.stderr}`);
    const build = (await Job.fromId(queue, JSON.parse(etl.lastLine).buildJobId))!;
    const summary = await build.waitUntilFinished(events, 240_000).catch((e: Error) => {
      throw new Error(`the first build failed: ${e.message}\n${logTail()}`);
    });
    expect(summary).toMatchObject({ status: 'succeeded', modelVersion: '1', alias: 'champion' });

    await start(
      'api',
      'apps/api/src/main.ts',
      {
        PORT: String(apiPort),
        HOST: '127.0.0.1',
        API_KEYS: TEST_API_KEYS,
        RATE_LIMIT_PER_MINUTE: '1000000',
        MLFLOW_TRACKING_TOKEN: READ_TOKEN,
        MODEL_CACHE_DIR: path.join(sandbox, 'model-cache'),
        MODEL_POLL_INTERVAL_MS: '0',
        POKEDEX_POLL_INTERVAL_MS: '0',
      },
      `${apiUrl}/health/ready`,
    );
  }, 420_000);

  afterAll(async () => {
    killAll();
    await events?.close().catch(() => undefined);
    await queue?.close().catch(() => undefined);
    await pg?.end().catch(() => undefined);
    await deleteRedisPrefix(prefix).catch(() => undefined);
    await db?.drop().catch(() => undefined);
    fs.rmSync(sandbox, { recursive: true, force: true });
  });

  const modelInfo = async () => (await call(apiUrl, '/predict/model-info', { key: KEYS.reader })).body as { version: string };
  const tags = async (runId: string) => Object.fromEntries(((await mlflow.getRun(runId)).data.tags ?? []).map((t) => [t.key, t.value]));
  const runMetrics = async (runId: string) => Object.fromEntries(((await mlflow.getRun(runId)).data.metrics ?? []).map((m) => [m.key, Number(m.value)]));
  const decisions = async () => (await pg.query(`SELECT * FROM model_decision ORDER BY id`)).rows;

  it('contradicting feedback retrains, promotes and hot-swaps with zero failed requests; a rollback is followed the same way', async () => {
    expect((await modelInfo()).version).toBe('1');

    // Test-split matchups of the dataset the champion was trained on, one row per distinct battle
    // (rows repeated with different outcomes are left out: their truth is not one winner).
    const [datasetDir] = fs.readdirSync(path.join(sandbox, 'datasets')).filter((d) => d.startsWith('ds-'));
    const data = readDatasetArtifact(path.join(sandbox, 'datasets', datasetDir));
    const byKey = new Map<string, number[]>();
    data.split.forEach((s, i) => {
      if (s !== 'test') return;
      const key = [data.a[i], data.moveA[i], data.b[i], data.moveB[i]].join('|');
      byKey.set(key, [...(byKey.get(key) ?? []), i]);
    });
    const pokemonIds = new Map<string, number>((await pg.query('SELECT showdown_id, id FROM pokemon')).rows.map((r) => [r.showdown_id, r.id]));
    const moveIds = new Map<string, number>((await pg.query('SELECT showdown_id, id FROM move')).rows.map((r) => [r.showdown_id, r.id]));
    const request = (i: number) => ({
      pokemon_a_id: pokemonIds.get(data.a[i]),
      pokemon_b_id: pokemonIds.get(data.b[i]),
      available_moves: [moveIds.get(data.moveA[i])],
      available_moves_b: [moveIds.get(data.moveB[i])],
    });
    const predict = async (i: number) => {
      const res = await call(apiUrl, '/predict/best-move', { key: KEYS.predictor, body: request(i) });
      expect(res.status).toBe(200);
      return res.body as { prediction_id: string; win_probability: number; model: { version: string } };
    };
    const wrong: number[] = [];
    for (const rows of byKey.values()) {
      if (new Set(rows.map((i) => data.labels[i])).size !== 1) continue;
      const i = rows[0];
      const p = await predict(i);
      if ((p.win_probability >= 0.5 ? 1 : 0) !== data.labels[i]) wrong.push(i);
    }
    if (wrong.length < 2) throw new Error(`the champion is wrong on only ${wrong.length} test-split battles: too few to contradict it`);

    // The logged row is the dataset's row: same feature code for training and serving.
    const probe = await predict(wrong[0]);
    const logged = await eventually('the probe prediction in the log', async () => (await pg.query('SELECT features FROM prediction_log WHERE id = $1', [probe.prediction_id])).rows[0]);
    expect(logged.features.map((x: number) => Math.fround(x))).toEqual(Array.from(data.features.subarray(wrong[0] * FEATURE_COUNT, (wrong[0] + 1) * FEATURE_COUNT)));

    // Contradicting feedback: the engine's real winner of battles the champion called wrong.
    const reported: { id: string; winner: 'A' | 'B' }[] = [];
    for (let k = 0; k < FEEDBACK_ROWS; k++) {
      const i = wrong[k % wrong.length];
      const p = await predict(i);
      const winner = data.labels[i] === 1 ? 'A' : 'B';
      const res = await call(apiUrl, `/predictions/${p.prediction_id}/feedback`, { key: KEYS.predictor, body: { winner } });
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 200, body: { status: 'recorded', actual_winner: winner, model_was_right: false, model: { version: '1' } } });
      reported.push({ id: p.prediction_id, winner });
    }
    const load = loadGenerator(apiUrl, request(wrong[0]));

    // Duplicate and conflicting reports change nothing.
    const again = await call(apiUrl, `/predictions/${reported[0].id}/feedback`, { key: KEYS.predictor, body: { winner: reported[0].winner } });
    expect(again.body.status).toBe('already-recorded');
    const other = reported[0].winner === 'A' ? 'B' : 'A';
    const conflict = await call(apiUrl, `/predictions/${reported[0].id}/feedback`, { key: KEYS.predictor, body: { winner: other } });
    expect(conflict.status).toBe(409);
    expect(conflict.body.message).toContain(`already recorded as '${reported[0].winner}'`);

    const live = await call(apiUrl, '/monitoring/performance?version=1', { key: KEYS.reader });
    expect(live.body.versions[0]).toMatchObject({ version: '1', serving: true, samples: FEEDBACK_ROWS, accuracy: 0 });

    // The feedback trigger fires; while its retrain runs, admin requests queue one more, merged.
    const active = await eventually(
      'the feedback retrain to run',
      async () => (await queue.getActive()).find((j) => j.name === JOBS.retrain),
      60_000,
      50,
    ).catch((e: Error) => {
      throw new Error(`${e.message}\n${logTail()}`);
    });
    expect(active.data.reasons).toEqual(['feedback']);
    // Paused, the worker takes nothing new: the request below stays waiting however fast the retrain is.
    await queue.pause();
    const first = await call(apiUrl, '/admin/retrain', { key: KEYS.admin, body: { reason: 'after the feedback retrain' } });
    const second = await call(apiUrl, '/admin/retrain', { key: KEYS.admin, body: { reason: 'asked twice' } });
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ merged: false, reasons: ['manual'] });
    expect(first.body.job_id).not.toBe(active.id);
    expect(second.body).toEqual({ job_id: first.body.job_id, merged: true, reasons: ['manual'] });
    expect((await queue.getActive()).filter((j) => j.name === JOBS.retrain).map((j) => j.id)).toEqual([active.id]);

    const promotion = await eventually('the retrain decision', async () => (await decisions()).find((d) => d.kind === 'retrain'), 120_000, 200).catch((e: Error) => {
      throw new Error(`${e.message}\n${logTail()}`);
    });
    expect(promotion).toMatchObject({ reasons: ['feedback'], champion_before: '1', candidate_version: '2', champion_after: '2', promoted: true });
    const figures = promotion.figures;
    expect(figures.feedback).toEqual({ total: FEEDBACK_ROWS, trained: FEEDBACK_ROWS - Math.ceil(FEEDBACK_ROWS * 0.3), heldOut: Math.ceil(FEEDBACK_ROWS * 0.3), weight: 5 });
    expect(figures.challenger.testLogLoss).toBeLessThan(figures.champion.testLogLoss - 0.0001);
    expect(figures.challenger.feedbackLogLoss).toBeLessThanOrEqual(figures.champion.feedbackLogLoss);
    expect(await tags(promotion.run_id)).toMatchObject({
      retrain_reasons: 'feedback',
      promotion_decision: 'promoted',
      champion_before: '1',
      promotion_reason: promotion.explanation,
      git_commit: 'feedback-loop-test',
    });
    expect(await runMetrics(promotion.run_id)).toMatchObject({ feedback_rows: figures.feedback.heldOut, feedback_trained_rows: figures.feedback.trained });
    expect((await mlflow.getModelVersionByAlias(MODEL_NAME, 'champion')).version).toBe('2');

    // The api follows model.published without a restart; the clients never saw a failure.
    await eventually('answers from v2', async () => load.seen.some((s) => s.version === '2'), 60_000, 50);
    const swappedAt = load.seen.length;
    await eventually('more answers from v2', async () => load.seen.length > swappedAt + 50, 30_000, 50);
    await load.stop();
    const swap = { sent: load.seen.length, v1: load.seen.filter((s) => s.version === '1').length, v2: load.seen.filter((s) => s.version === '2').length, failed: load.seen.filter((s) => s.status !== 200).length };
    expect(swap.failed).toBe(0);
    expect(swap.v1).toBeGreaterThan(0);
    expect(swap.v1 + swap.v2).toBe(swap.sent);
    // Past the first v2 answer, only requests already in flight (one per client) may still be v1.
    expect(load.seen.slice(swappedAt + CLIENTS).every((s) => s.version === '2')).toBe(true);
    expect((await modelInfo()).version).toBe('2');
    expect((await call(apiUrl, '/metrics')).text).toMatch(/model_reloads_total\{trigger="event",outcome="loaded",service="api"\} 1/);

    // The merged manual retrain runs after the first (never two at once) and trains the same
    // challenger again (same data, same feedback): no gain, so the champion stays.
    await queue.resume();
    const manualJob = (await Job.fromId(queue, first.body.job_id))!;
    expect(manualJob.data.details.manual).toMatchObject({ note: 'asked twice', requested_by: 'admin' });
    await manualJob.waitUntilFinished(events, 120_000);
    const [feedbackJob, manualDone] = [(await Job.fromId(queue, active.id!))!, (await Job.fromId(queue, first.body.job_id))!];
    expect(manualDone.processedOn!).toBeGreaterThanOrEqual(feedbackJob.finishedOn!);
    const rejection = (await decisions()).filter((d) => d.kind === 'retrain')[1];
    expect(rejection).toMatchObject({ reasons: ['manual'], champion_before: '2', candidate_version: '3', champion_after: '2', promoted: false });
    expect(rejection.explanation).toMatch(/improvement .* < 0.0001/);
    expect((await tags(rejection.run_id)).promotion_decision).toBe('kept-champion');
    expect((await mlflow.getModelVersionByAlias(MODEL_NAME, 'champion')).version).toBe('2');
    expect((await modelInfo()).version).toBe('2');

    // Rollback as an operator runs it, under the same load.
    const loadBack = loadGenerator(apiUrl, request(wrong[0]));
    await eventually('load on v2', async () => loadBack.seen.length > 20, 30_000, 50);
    const rollback = await runService('apps/ml-builder/src/main.ts', ['rollback', '1', '--reason', 'v2 learnt from a handful of battles'], env);
    expect(rollback.code).toBe(0);
    expect(JSON.parse(rollback.lastLine)).toMatchObject({ command: 'rollback', championBefore: '2', championAfter: '1' });
    await eventually('answers from v1 again', async () => loadBack.seen.slice(-CLIENTS * 2).every((s) => s.version === '1'), 60_000, 50);
    const backAt = loadBack.seen.length;
    await eventually('more answers from v1', async () => loadBack.seen.length > backAt + 50, 30_000, 50);
    await loadBack.stop();
    const back = { sent: loadBack.seen.length, v2: loadBack.seen.filter((s) => s.version === '2').length, v1: loadBack.seen.filter((s) => s.version === '1').length, failed: loadBack.seen.filter((s) => s.status !== 200).length };
    expect(back.failed).toBe(0);
    expect(back.v2).toBeGreaterThan(0);
    expect(back.v1 + back.v2).toBe(back.sent);
    expect((await modelInfo()).version).toBe('1');
    const rolledBack = (await decisions()).find((d) => d.kind === 'rollback');
    expect(rolledBack).toMatchObject({ champion_before: '2', candidate_version: '1', champion_after: '1', promoted: true, explanation: 'v2 learnt from a handful of battles' });

    // The audit as the api serves it, newest first.
    const audit = await call(apiUrl, '/monitoring/decisions', { key: KEYS.reader });
    expect(audit.body.items.map((d: { decision: string; candidate_version: string }) => `${d.decision} v${d.candidate_version}`)).toEqual(['rolled-back v1', 'kept-champion v3', 'promoted v2']);

    process.stdout.write(
      `${JSON.stringify({
        feedbackLoop: {
          wrongTestBattles: wrong.length,
          feedback: figures.feedback,
          promotion: { decision: 'promoted', challenger: figures.challenger, champion: figures.champion, reason: promotion.explanation },
          rejection: rejection.explanation,
          swap,
          rollback: back,
        },
      })}\n`,
    );
  });
});
