import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FEATURE_COUNT } from '@predictiondex/battle';
import { readDatasetArtifact } from '@predictiondex/dataset';
import { MlflowClient } from '@predictiondex/mlflow-client';
import { BattleModel, MODEL_FILES, MODEL_NAME } from '@predictiondex/model';
import { EVENTS, EventBus, JOBS, ModelPublishedEvent, QUEUES, redisOptionsFromUrl } from '@predictiondex/queues';
import {
  createTestDatabase,
  deleteRedisPrefix,
  killAll,
  randomPort,
  runService,
  spawnService,
  TEST_REDIS_URL,
  testQueuePrefix,
  TestDatabase,
  waitForHttp,
  watch,
} from '@predictiondex/testing';
import { logLoss } from '@predictiondex/model-metrics';
import { registerModel } from '@predictiondex/training';
import { Job, Queue, QueueEvents } from 'bullmq';
import { tableFromIPC } from 'apache-arrow';
import Redis from 'ioredis';
import { Client } from 'pg';

const TOKEN = 'dev-only-test-write-token-000000';

describe('ml-builder: ETL -> build job -> dataset -> train -> registry -> model.published (real services)', () => {
  const prefix = testQueuePrefix('mlb');
  const sandbox = fs.mkdtempSync(path.join(os.tmpdir(), 'pdx-mlb-'));
  let db: TestDatabase;
  let mlflowUrl: string;
  let env: Record<string, string>;
  let queue: Queue;
  let queueEvents: QueueEvents;
  let client: MlflowClient;
  const pub = new Redis(TEST_REDIS_URL);
  const sub = new Redis(TEST_REDIS_URL);
  const published: ModelPublishedEvent[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('mlb');
    const mlflowPort = randomPort();
    mlflowUrl = `http://127.0.0.1:${mlflowPort}`;
    const mlflow = spawnService('apps/mlflow-proxy/src/main.ts', [], {
      PORT: String(mlflowPort),
      DATABASE_URL: db.url,
      MLFLOW_ARTIFACT_ROOT: path.join(sandbox, 'artifacts'),
      MLFLOW_TOKENS: `ml-builder:${TOKEN}:write`,
    });
    const { output } = watch(mlflow);
    if (!(await waitForHttp(`${mlflowUrl}/health`, 60_000, mlflow))) throw new Error(`mlflow-proxy did not start:\n${output()}`);
    client = new MlflowClient({ trackingUri: mlflowUrl, token: TOKEN, retries: 2, timeoutMs: 30_000 });
    env = {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      MLFLOW_TRACKING_URI: mlflowUrl,
      MLFLOW_TRACKING_TOKEN: TOKEN,
      ML_DATA_DIR: path.join(sandbox, 'datasets'),
      ML_MAX_SPECIES: '10',
      ML_NUM_RANDOM_SAMPLES: '3',
      ML_CV_MAX_ROWS: '2000',
      ML_MC_PAIRS: '10',
      ML_MC_BATTLES: '8',
      GIT_COMMIT: 'test-commit',
    };
    queue = new Queue(QUEUES.mlBuild, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix });
    queueEvents = new QueueEvents(QUEUES.mlBuild, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix });
    await queueEvents.waitUntilReady();
    await new EventBus(prefix, pub, sub).subscribe(EVENTS.modelPublished, (e) => void published.push(e));
  });

  afterAll(async () => {
    killAll();
    await queueEvents?.close();
    await queue?.close();
    pub.disconnect();
    sub.disconnect();
    await deleteRedisPrefix(prefix);
    await db?.drop();
    fs.rmSync(sandbox, { recursive: true, force: true });
  });

  it('fails clearly without a tracking server, before doing any work', async () => {
    const res = await runService('apps/ml-builder/src/main.ts', ['pipeline'], { ...env, MLFLOW_TRACKING_URI: '' });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/MLFLOW_TRACKING_URI is not set/);
  });

  it('consumes the build job the ETL enqueues and registers a champion, then announces it', async () => {
    const worker = spawnService('apps/ml-builder/src/main.ts', [], { ...env, HEALTH_PORT: String(randomPort()) });
    const { output } = watch(worker);
    const etl = await runService('apps/etl/src/main.ts', ['--once'], env);
    expect(etl.code).toBe(0);
    const { buildJobId, runId: etlRunId } = JSON.parse(etl.lastLine);

    const job = (await Job.fromId(queue, buildJobId))!;
    const summary = await job.waitUntilFinished(queueEvents, 240_000).catch((e: Error) => {
      throw new Error(`build job failed: ${e.message}\n${output()}`);
    });
    expect(summary).toMatchObject({ status: 'succeeded', modelVersion: '1', alias: 'champion' });
    expect((await Job.fromId(queue, buildJobId))!.data).toMatchObject({ etlRunId, runId: summary.runId });

    for (let i = 0; i < 50 && !published.length; i++) await new Promise((r) => setTimeout(r, 100));
    expect(published).toEqual([{ name: MODEL_NAME, version: '1', alias: 'champion', runId: summary.runId }]);

    const run = await client.getRun(summary.runId);
    const metrics = Object.fromEntries((run.data.metrics ?? []).map((m) => [m.key, Number(m.value)]));
    for (const key of ['test_accuracy', 'test_roc_auc', 'test_log_loss', 'test_brier', 'test_ece', 'test_f1', 'train_test_accuracy_gap', 'mc_mae', 'mc_clear_accuracy', 'cv_roc_auc']) {
      expect(Number.isFinite(metrics[key])).toBe(true);
    }
    expect(metrics['test_roc_auc']).toBeGreaterThan(0.7);
    const tags = Object.fromEntries((run.data.tags ?? []).map((t) => [t.key, t.value]));
    expect(tags).toMatchObject({ feature_version: 'lgpe-v1', git_commit: 'test-commit', etl_run_id: String(etlRunId) });
    expect(tags['dataset_fingerprint']).toMatch(/^sha256:/);
    const params = Object.fromEntries((run.data.params ?? []).map((p) => [p.key, p.value]));
    expect(params).toMatchObject({ scenarios: 'best_move,random_move', grid_type: 'fast', num_random_samples: '3' });
    expect(params['best_max_depth']).toBeDefined();
    const listed = async (p: string) => (await client.listArtifacts(summary.runId, p)).map((f) => f.path).sort();
    expect(await listed('model')).toEqual(['model/feature-spec.json', 'model/metadata.json', 'model/model.json']);
    expect(await listed('evaluation')).toEqual(
      expect.arrayContaining(['evaluation/calibration.svg', 'evaluation/confusion-matrix.svg', 'evaluation/cv-results.json', 'evaluation/metrics.json', 'evaluation/report.html']),
    );
    expect(await listed('dataset')).toEqual(['dataset/manifest.json']);
    const reference = tableFromIPC(await client.downloadArtifact(summary.runId, 'reference/features.arrow'));
    expect(reference.numCols).toBe(FEATURE_COUNT);
    expect(reference.numRows).toBe(Math.min(5000, Number(metrics['train_rows'])));

    // The model served from the registry is the one trained: same test log loss, to the float.
    const resolved = await client.resolveModelUri(`models:/${MODEL_NAME}@champion`);
    expect(resolved.version).toBe('1');
    const files = Object.fromEntries(
      await Promise.all(Object.values(MODEL_FILES).map(async (f) => [f, await client.downloadArtifact(resolved.artifactUri ?? resolved.source, f)] as const)),
    );
    const model = BattleModel.fromFiles({
      booster: files[MODEL_FILES.booster],
      featureSpec: JSON.parse(files[MODEL_FILES.featureSpec].toString()),
      metadata: JSON.parse(files[MODEL_FILES.metadata].toString()),
    });
    const data = readDatasetArtifact(path.join(env['ML_DATA_DIR'], tags['dataset_version']));
    const test = [...data.split.keys()].filter((i) => data.split[i] === 'test');
    const features = new Float32Array(test.length * FEATURE_COUNT);
    test.forEach((r, j) => features.set(data.features.subarray(r * FEATURE_COUNT, (r + 1) * FEATURE_COUNT), j * FEATURE_COUNT));
    const p = model.predict(features);
    model.free();
    expect(logLoss(test.map((r) => data.labels[r]), p)).toBeCloseTo(metrics['test_log_loss'], 6);
  });

  it('skips a build already registered for the same dataset and settings (ML_SKIP_IF_EXISTS)', async () => {
    const c = new Client({ connectionString: db.url });
    await c.connect();
    const [{ id: etlRunId }] = (await c.query(`SELECT id FROM etl_run WHERE status = 'succeeded' ORDER BY id DESC LIMIT 1`)).rows;
    await c.end();
    const job = await queue.add(JOBS.build, { etlRunId, reason: 'manual' }, { jobId: `again-${etlRunId}` });
    const summary = await job.waitUntilFinished(queueEvents, 120_000);
    expect(summary).toMatchObject({ status: 'skipped', modelVersion: '1' });
    expect((await client.searchModelVersions(`name = '${MODEL_NAME}'`)).modelVersions).toHaveLength(1);
  });

  it('a retried registration reuses its run and version instead of creating new ones', async () => {
    const champion = await client.resolveModelUri(`models:/${MODEL_NAME}@champion`);
    const download = async (f: string) => client.downloadArtifact(champion.artifactUri, f);
    const input = {
      experiment: 'battle-winner',
      modelName: MODEL_NAME,
      runName: 'retry',
      existingRunId: champion.runId,
      params: { ml_mode: 'all' },
      metrics: { test_log_loss: 0.1 },
      tags: { training_key: 'retry' },
      model: {
        booster: await download(MODEL_FILES.booster),
        featureSpec: JSON.parse((await download(MODEL_FILES.featureSpec)).toString()),
        metadata: JSON.parse((await download(MODEL_FILES.metadata)).toString()),
      },
      artifacts: [],
      compareOn: 'test_log_loss',
    };
    const again = await registerModel(client, input);
    expect(again).toMatchObject({ runId: champion.runId, version: '1', reusedVersion: true, alias: 'champion' });
    expect((await client.searchModelVersions(`name = '${MODEL_NAME}'`)).modelVersions).toHaveLength(1);
  });

  it('ML_MODE=evaluate scores the champion on the test split in a run of its own, registering nothing', async () => {
    const res = await runService('apps/ml-builder/src/main.ts', ['pipeline'], { ...env, ML_MODE: 'evaluate' });
    expect(res.code).toBe(0);
    const summary = JSON.parse(res.lastLine);
    expect(summary).toMatchObject({ status: 'succeeded', mode: 'evaluate', modelVersion: '1', alias: 'champion', datasetReused: true });
    expect(summary.stagesMs.train).toBeUndefined();
    const run = await client.getRun(summary.runId);
    expect((run.data.tags ?? []).find((t) => t.key === 'evaluation_of')?.value).toBe(`${MODEL_NAME}/1`);
    expect(Number((run.data.metrics ?? []).find((m) => m.key === 'test_roc_auc')?.value)).toBeGreaterThan(0.7);
    expect((await client.searchModelVersions(`name = '${MODEL_NAME}'`)).modelVersions).toHaveLength(1);
  });

  it('ML_MODE=dataset builds only the dataset and needs no tracking server', async () => {
    const res = await runService('apps/ml-builder/src/main.ts', ['pipeline'], { ...env, ML_MODE: 'dataset', MLFLOW_TRACKING_URI: '', ML_MAX_SPECIES: '6' });
    expect(res.code).toBe(0);
    const summary = JSON.parse(res.lastLine);
    expect(summary).toMatchObject({ status: 'succeeded', mode: 'dataset', datasetRows: 6 * 5 * (1 + 3), datasetReused: false });
    expect(summary.runId).toBeUndefined();
    expect(Object.keys(summary.stagesMs)).toEqual(['migrate', 'dataset']);
  });

  it('feedback contradicting the champion triggers a retrain whose decision is recorded; rollback moves the alias back', async () => {
    // 120 logged predictions of v1 whose real outcomes are the opposite of the engine's.
    const data = readDatasetArtifact(path.join(env['ML_DATA_DIR'], fs.readdirSync(env['ML_DATA_DIR']).sort()[0]));
    const c = new Client({ connectionString: db.url });
    await c.connect();
    try {
      for (let i = 0; i < 120; i++) {
        const r = i % data.rows;
        await c.query(
          `INSERT INTO prediction_log (id, endpoint, model_name, model_version, feature_version, pokemon_a_id, pokemon_b_id, move_a_id, move_b_id,
             request, features, probability, actual_winner, feedback_at, created_at)
           VALUES (gen_random_uuid(), 'best-move', $1, '1', 'lgpe-v1', 1, 2, 1, 2, '{}', $2, $3, $4, now() + ($5 || ' ms')::interval, now())`,
          [MODEL_NAME, Array.from(data.features.subarray(r * FEATURE_COUNT, (r + 1) * FEATURE_COUNT)), data.labels[r] === 1 ? 0.9 : 0.1, data.labels[r] === 1 ? 'B' : 'A', String(i)],
        );
      }
      published.length = 0;
      const worker = spawnService('apps/ml-builder/src/main.ts', [], {
        ...env,
        HEALTH_PORT: String(randomPort()),
        ML_FEEDBACK_CHECK_SECONDS: '1',
        ML_FEEDBACK_MIN_SAMPLES: '100',
        ML_RETRAIN_COOLDOWN_SECONDS: '0',
        ML_PROMOTION_MIN_FEEDBACK_ROWS: '20',
      });
      const { output } = watch(worker);
      let decision: { kind: string; reasons: string[]; promoted: boolean; explanation: string; candidate_version: string; run_id: string } | undefined;
      for (let i = 0; i < 600 && !decision; i++) {
        await new Promise((r) => setTimeout(r, 200));
        decision = (await c.query(`SELECT * FROM model_decision WHERE kind = 'retrain' ORDER BY id LIMIT 1`)).rows[0];
      }
      if (!decision) throw new Error(`no retrain decision was recorded; worker output:\n${output()}`);
      expect(decision.reasons).toEqual(['feedback']);
      expect(decision.candidate_version).toBe('2');
      expect(decision.explanation.length).toBeGreaterThan(10);
      const run = await client.getRun(decision.run_id);
      const tags = Object.fromEntries((run.data.tags ?? []).map((t) => [t.key, t.value]));
      expect(tags).toMatchObject({ retrain_reasons: 'feedback', promotion_decision: decision.promoted ? 'promoted' : 'kept-champion', champion_before: '1' });
      const metrics = Object.fromEntries((run.data.metrics ?? []).map((m) => [m.key, Number(m.value)]));
      expect(metrics['feedback_rows']).toBe(36);
      expect(metrics['feedback_trained_rows']).toBe(84);
      expect(Number.isFinite(metrics['champion_test_log_loss'])).toBe(true);
      const champion = (await client.getModelVersionByAlias(MODEL_NAME, 'champion')).version;
      expect(champion).toBe(decision.promoted ? '2' : '1');

      // Rollback to whichever version is not serving: the alias moves, the decision is recorded, the api is told.
      const target = champion === '1' ? '2' : '1';
      published.length = 0;
      const rollback = await runService('apps/ml-builder/src/main.ts', ['rollback', target, '--reason', 'test rollback'], env);
      expect(rollback.code).toBe(0);
      expect(JSON.parse(rollback.lastLine)).toMatchObject({ command: 'rollback', championBefore: champion, championAfter: target });
      expect((await client.getModelVersionByAlias(MODEL_NAME, 'champion')).version).toBe(target);
      for (let i = 0; i < 50 && !published.length; i++) await new Promise((r) => setTimeout(r, 100));
      expect(published).toEqual([expect.objectContaining({ version: target, alias: 'champion' })]);
      const [rb] = (await c.query(`SELECT kind, champion_before, champion_after, explanation FROM model_decision WHERE kind = 'rollback'`)).rows;
      expect(rb).toEqual({ kind: 'rollback', champion_before: champion, champion_after: target, explanation: 'test rollback' });

      const bad = await runService('apps/ml-builder/src/main.ts', ['rollback', 'latest'], env);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/needs a model version number/);
    } finally {
      await c.end();
    }
  });

  it('fails a malformed job once, without retrying it', async () => {
    const job = await queue.add(JOBS.build, { etlRunId: 'seven' }, { jobId: 'malformed', attempts: 3 });
    await expect(job.waitUntilFinished(queueEvents, 30_000)).rejects.toThrow(/etlRunId/);
    expect((await Job.fromId(queue, 'malformed'))!.attemptsMade).toBe(1);
  });
});
