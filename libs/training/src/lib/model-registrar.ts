import { MlflowApiError, MlflowClient, MetricInput } from '@predictiondex/mlflow-client';
import { CHALLENGER_ALIAS, MODEL_ARTIFACT_DIR, MODEL_FILES, ModelPackageFiles, SERVING_ALIAS } from '@predictiondex/model';

export interface RunArtifact {
  path: string;
  body: Buffer | Uint8Array | string;
}

export interface RegistrationInput {
  experiment: string;
  modelName: string;
  runName: string;
  /** A run created by an earlier attempt of the same job: reused so a retry never makes a second run or version. */
  existingRunId?: string;
  onRunCreated?: (runId: string) => Promise<void> | void;
  params: Record<string, string | number | boolean>;
  metrics: Record<string, number>;
  tags: Record<string, string>;
  model: ModelPackageFiles;
  artifacts: RunArtifact[];
  /** Lower is better; compared with the champion's metric of the same name. */
  compareOn: string;
  /** Set the alias decided elsewhere (a retrain's promotion rule) instead of comparing `compareOn`. */
  alias?: typeof SERVING_ALIAS | typeof CHALLENGER_ALIAS;
}

export interface RegistrationResult {
  runId: string;
  version: string;
  alias: typeof SERVING_ALIAS | typeof CHALLENGER_ALIAS;
  championBefore: { version: string; metric: number | null } | null;
  reusedVersion: boolean;
}

const finite = (metrics: Record<string, number>): MetricInput[] =>
  Object.entries(metrics)
    .filter(([, v]) => Number.isFinite(v))
    .map(([key, value]) => ({ key, value }));

/** Logs a run that registers nothing (ML_MODE=evaluate): metrics, tags and reports of an existing version. */
export async function logEvaluationRun(
  client: MlflowClient,
  input: Pick<RegistrationInput, 'experiment' | 'runName' | 'params' | 'metrics' | 'tags' | 'artifacts'>,
): Promise<string> {
  const experimentId = await client.getOrCreateExperiment(input.experiment);
  const runId = (await client.createRun(experimentId, { runName: input.runName, tags: input.tags })).info.run_id;
  await client.logBatch(runId, { metrics: finite(input.metrics), params: input.params, tags: input.tags });
  for (const a of input.artifacts) await client.uploadArtifact(runId, a.path, typeof a.body === 'string' ? Buffer.from(a.body) : Buffer.from(a.body));
  await client.updateRun(runId, 'FINISHED', Date.now());
  return runId;
}

/**
 * Logs a training run (params, metrics, tags, model package and reports) and registers its model:
 * one version per run (found again by run id on a retry), alias `champion` when it beats the
 * current champion on `compareOn` (or there is none), else `challenger`.
 */
export async function registerModel(client: MlflowClient, input: RegistrationInput): Promise<RegistrationResult> {
  const experimentId = await client.getOrCreateExperiment(input.experiment);
  let runId = input.existingRunId;
  if (runId) {
    try {
      await client.getRun(runId);
    } catch (e) {
      if (!(e instanceof MlflowApiError && e.status === 404)) throw e;
      runId = undefined;
    }
  }
  if (!runId) {
    runId = (await client.createRun(experimentId, { runName: input.runName, tags: input.tags })).info.run_id;
    await input.onRunCreated?.(runId);
  }

  // Params are immutable in MLflow: on a retry they are already there, identical.
  const run = await client.getRun(runId);
  const loggedParams = new Set((run.data.params ?? []).map((p) => p.key));
  const params = Object.fromEntries(Object.entries(input.params).filter(([k]) => !loggedParams.has(k)));
  await client.logBatch(runId, { metrics: finite(input.metrics), params, tags: input.tags });

  await client.uploadArtifact(runId, `${MODEL_ARTIFACT_DIR}/${MODEL_FILES.booster}`, Buffer.from(input.model.booster));
  await client.uploadArtifact(runId, `${MODEL_ARTIFACT_DIR}/${MODEL_FILES.featureSpec}`, Buffer.from(JSON.stringify(input.model.featureSpec, null, 2)));
  await client.uploadArtifact(runId, `${MODEL_ARTIFACT_DIR}/${MODEL_FILES.metadata}`, Buffer.from(JSON.stringify({ ...input.model.metadata }, null, 2)));
  for (const a of input.artifacts) await client.uploadArtifact(runId, a.path, typeof a.body === 'string' ? Buffer.from(a.body) : Buffer.from(a.body));

  await client.createRegisteredModel(input.modelName);
  const existing = (await client.searchModelVersions(`name = '${input.modelName}' AND run_id = '${runId}'`)).modelVersions[0];
  const artifactUri = (await client.getRun(runId)).info.artifact_uri;
  const version = existing ?? (await client.createModelVersion(input.modelName, `${artifactUri}/${MODEL_ARTIFACT_DIR}`, runId, input.tags));

  let championBefore: RegistrationResult['championBefore'] = null;
  try {
    const champion = await client.getModelVersionByAlias(input.modelName, SERVING_ALIAS);
    if (champion.version !== version.version) {
      const championRun = champion.run_id ? await client.getRun(champion.run_id) : undefined;
      const metric = championRun?.data.metrics?.find((m) => m.key === input.compareOn)?.value;
      championBefore = { version: champion.version, metric: typeof metric === 'number' ? metric : null };
    }
  } catch (e) {
    if (!(e instanceof MlflowApiError && e.status === 404)) throw e;
  }
  const candidate = input.metrics[input.compareOn];
  const wins = !championBefore || championBefore.metric === null || (Number.isFinite(candidate) && candidate < championBefore.metric);
  const alias = input.alias ?? (wins ? SERVING_ALIAS : CHALLENGER_ALIAS);
  await client.setRegisteredModelAlias(input.modelName, alias, version.version);
  await client.updateRun(runId, 'FINISHED', Date.now());
  return { runId, version: version.version, alias, championBefore, reusedVersion: Boolean(existing) };
}
