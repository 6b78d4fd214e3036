import { MlflowApiError, MlflowClient } from '@predictiondex/mlflow-client';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * What ml-builder and api do through libs/mlflow-client, end to end. Runs against the embedded
 * server directly and again through a proxy-mode instance: the same calls must give the same results.
 */
export function clientSuite(label: string, clientOf: () => MlflowClient): void {
  let client: MlflowClient;
  let experimentId: string;
  let runId: string;
  const model = `battle_winner_${label}`;

  beforeAll(() => {
    client = clientOf();
  });

  it('gets or creates an experiment, idempotently and under a race', async () => {
    const ids = await Promise.all(Array.from({ length: 5 }, () => client.getOrCreateExperiment(`client-${label}`)));
    expect(new Set(ids).size).toBe(1);
    experimentId = ids[0]!;
    expect(await client.getOrCreateExperiment(`client-${label}`)).toBe(experimentId);
    expect((await client.getExperimentByName(`client-${label}`))?.experiment_id).toBe(experimentId);
    expect(await client.getExperimentByName('does-not-exist')).toBeUndefined();
  });

  it('creates a run and logs batches larger than MLflow allows per request (auto-chunked)', async () => {
    const run = await client.createRun(experimentId, { runName: 'train', tags: { dataset: 'v1' } });
    runId = run.info.run_id;
    expect(run.info).toMatchObject({ run_name: 'train', status: 'RUNNING', experiment_id: experimentId });
    const metrics = Array.from({ length: 2500 }, (_, i) => ({ key: i % 2 ? 'train_loss' : 'val_loss', value: 1 / (i + 1), step: i, timestamp: 1700000000000 + i }));
    const params = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`p${i}`, i]));
    const tags = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`t${i}`, `v${i}`]));
    await client.logBatch(runId, { metrics, params, tags });
    await client.logMetric(runId, 'accuracy', 0.9626, { step: 1 });
    await client.logParam(runId, 'n_estimators', 200);
    await client.setTag(runId, 'stage', 'trained');
    const info = await client.updateRun(runId, 'FINISHED');
    expect(info.status).toBe('FINISHED');
    expect(typeof info.end_time).toBe('number');

    const got = await client.getRun(runId);
    expect(got.data.params).toHaveLength(151);
    expect(got.data.tags).toEqual(expect.arrayContaining([{ key: 't149', value: 'v149' }, { key: 'stage', value: 'trained' }, { key: 'dataset', value: 'v1' }]));
    expect(got.data.metrics).toContainEqual(expect.objectContaining({ key: 'accuracy', value: 0.9626, step: 1 }));
    expect(await client.getMetricHistory(runId, 'train_loss')).toHaveLength(1250);
    const found = await client.searchRuns({ experimentIds: [experimentId], filter: "metrics.accuracy > 0.9 AND params.n_estimators = '200' AND attributes.status = 'FINISHED'" });
    expect(found.runs.map((r) => r.info.run_id)).toEqual([runId]);
  });

  it('uploads (buffer, stream), lists and downloads artifacts by run id and by URI', async () => {
    const modelBytes = randomBytes(3 * 1024 * 1024 + 17);
    await client.uploadArtifact(runId, 'model/model.xgb', modelBytes);
    await client.uploadArtifact(runId, 'model/MLmodel', Buffer.from('flavors: {xgboost: {}}\n'));
    const { artifact_uri } = (await client.getRun(runId)).info;
    await client.uploadArtifact(artifact_uri!, 'reports/metrics.json', Readable.from([Buffer.from('{"auc":'), Buffer.from('0.99}')]));

    expect(sha(await client.downloadArtifact(runId, 'model/model.xgb'))).toBe(sha(modelBytes));
    expect((await client.downloadArtifact(artifact_uri!, 'reports/metrics.json')).toString()).toBe('{"auc":0.99}');
    const dir = await mkdtemp(join(tmpdir(), 'mlflow-client-'));
    try {
      await client.downloadArtifactToFile(runId, 'model/model.xgb', join(dir, 'model.xgb'));
      expect(sha(await readFile(join(dir, 'model.xgb')))).toBe(sha(modelBytes));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect((await client.listArtifacts(runId)).map((f) => f.path)).toEqual(['model', 'reports']);
    expect(await client.listArtifacts(runId, 'model')).toEqual([
      { path: 'model/MLmodel', is_dir: false, file_size: 23 },
      { path: 'model/model.xgb', is_dir: false, file_size: modelBytes.length },
    ]);
  });

  it('registers a version, aliases it and resolves models:/ URIs to the run and its files', async () => {
    await client.createRegisteredModel(model, { description: 'P(A wins)' });
    await client.createRegisteredModel(model); // idempotent
    const mv = await client.createModelVersion(model, `runs:/${runId}/model`, runId, { accuracy: '0.9626' });
    expect(mv).toMatchObject({ name: model, version: '1', run_id: runId, status: 'READY' });
    expect((await client.getModelVersion(model, 1)).tags).toEqual([{ key: 'accuracy', value: '0.9626' }]);
    const second = await client.createModelVersion(model, `runs:/${runId}/model`, runId);
    expect(second.version).toBe('2');

    await client.setRegisteredModelAlias(model, 'champion', 1);
    expect((await client.getModelVersionByAlias(model, 'champion')).version).toBe('1');
    const resolved = await client.resolveModelUri(`models:/${model}@champion`);
    const runUri = (await client.getRun(runId)).info.artifact_uri;
    expect(resolved).toMatchObject({ name: model, version: '1', runId, source: `runs:/${runId}/model`, artifactUri: `${runUri}/model` });
    // What api does at start: fetch the model file the alias points at.
    expect((await client.downloadArtifact(resolved.artifactUri, 'MLmodel')).toString()).toContain('xgboost');
    expect((await client.resolveModelUri(`models:/${model}/2`)).version).toBe('2');

    await client.setRegisteredModelAlias(model, 'champion', 2);
    expect((await client.resolveModelUri(`models:/${model}@champion`)).version).toBe('2');
    const staged = await client.transitionModelVersionStage(model, 2, 'Production', true);
    expect(staged.current_stage).toBe('Production');
    const search = await client.searchModelVersions(`name = '${model}'`, { orderBy: ['version_number ASC'] });
    expect(search.modelVersions.map((v) => v.version)).toEqual(['1', '2']);

    await client.deleteRegisteredModelAlias(model, 'champion');
    const err = await client.resolveModelUri(`models:/${model}@champion`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MlflowApiError);
    expect(err).toMatchObject({ status: 404, errorCode: 'RESOURCE_DOES_NOT_EXIST' });
  });

  it('surfaces MLflow errors as typed MlflowApiError', async () => {
    const missing = await client.getRun('0'.repeat(32)).catch((e: unknown) => e);
    expect(missing).toMatchObject({ name: 'MlflowApiError', status: 404, errorCode: 'RESOURCE_DOES_NOT_EXIST' });
    const bad = await client.logParam(runId, 'n_estimators', 300).catch((e: unknown) => e);
    expect(bad).toMatchObject({ status: 400, errorCode: 'INVALID_PARAMETER_VALUE' });
  });
}
