import { MlflowClient } from '@predictiondex/mlflow-client';
import { MODEL_ARTIFACT_DIR, MODEL_FILES, MODEL_NAME, ModelPackageFiles, SERVING_ALIAS, writeModelPackage } from '@predictiondex/model';
import { ModelPackageCache, trainSmallBattleModel } from '@predictiondex/prediction';

/** A real small model (300 engine battles, 10 rounds); `seed` tells versions apart. */
export function trainModel(seed: number): ModelPackageFiles {
  return trainSmallBattleModel({ battles: 300, rounds: 10, seed, label: `seed-${seed}` });
}

/**
 * Registers a model package as ml-builder does: a run with the three files under `model/`, a
 * version of MODEL_NAME whose source is `<run artifact uri>/model`, the serving alias moved to it.
 */
export async function publishModel(client: MlflowClient, files: ModelPackageFiles, alias = SERVING_ALIAS): Promise<{ version: string; runId: string }> {
  const experimentId = await client.getOrCreateExperiment('api-tests');
  const run = await client.createRun(experimentId, { runName: `train-${files.metadata.datasetFingerprint}` });
  const runId = run.info.run_id;
  await client.uploadArtifact(runId, `${MODEL_ARTIFACT_DIR}/${MODEL_FILES.booster}`, Buffer.from(files.booster));
  await client.uploadArtifact(runId, `${MODEL_ARTIFACT_DIR}/${MODEL_FILES.featureSpec}`, Buffer.from(JSON.stringify(files.featureSpec)));
  await client.uploadArtifact(runId, `${MODEL_ARTIFACT_DIR}/${MODEL_FILES.metadata}`, Buffer.from(JSON.stringify(files.metadata)));
  await client.updateRun(runId, 'FINISHED');
  await client.createRegisteredModel(MODEL_NAME);
  const mv = await client.createModelVersion(MODEL_NAME, `${run.info.artifact_uri}/${MODEL_ARTIFACT_DIR}`, runId);
  await client.setRegisteredModelAlias(MODEL_NAME, alias, mv.version);
  return { version: mv.version, runId };
}

/** Puts a package in an api model cache as if it had been downloaded (registry-down start-ups). */
export function seedModelCache(cacheDir: string, files: ModelPackageFiles, version = '1'): void {
  const cache = new ModelPackageCache(cacheDir);
  writeModelPackage(cache.versionDir(MODEL_NAME, version), files);
  cache.writeCurrent({ name: MODEL_NAME, version, alias: SERVING_ALIAS, runId: null, source: 'test', downloadedAt: new Date().toISOString() });
}
