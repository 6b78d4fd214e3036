import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FEATURE_VERSION } from '@predictiondex/battle';
import {
  buildDataset,
  DATASET_FILE,
  DatasetManifest,
  DatasetSettings,
  datasetVersionFor,
  LoadedDataset,
  readDatasetArtifact,
  readManifest,
  REFERENCE_SAMPLE_ARTIFACT,
  referenceSampleIpc,
  writeDatasetArtifact,
} from '@predictiondex/dataset';
import type { MlflowClient } from '@predictiondex/mlflow-client';
import { assertCompatible, currentFeatureSpec, FeatureSpec, MODEL_FILES, MODEL_NAME, ModelMetadata, SERVING_ALIAS } from '@predictiondex/model';
import { calibrationBins, calibrationSvg, classificationMetrics, ClassificationMetrics, confusionMatrixSvg } from '@predictiondex/model-metrics';
import { evaluationReportHtml } from './evaluation-report';
import { gridSearch, GridSearchResult } from './grid-search';
import { DEFAULT_HYPERPARAMS, GRIDS, GridType, HyperParams } from './hyperparameter-grid';
import { featureImportance, predictRows, trainModel } from './model-trainer';
import { monteCarloCheck, MonteCarloResult } from './monte-carlo-check';
import { logEvaluationRun, registerModel, RegistrationResult, RunArtifact } from './model-registrar';
import { selectRows, TrainingData } from './training-data';

export type BuildMode = 'all' | 'dataset' | 'train' | 'evaluate';
export type BuildStage = 'dataset' | 'train' | 'evaluate' | 'register';

export interface BuildRequest {
  etlRunId: number | null;
  dexFingerprint: string;
  dataset: DatasetSettings;
  mode: BuildMode;
  tune: boolean;
  gridType: GridType;
  skipIfExists: boolean;
  dataDir: string;
  experiment: string;
  workers?: number;
  gitCommit: string;
  /** Grid-search CV samples whole pairs down to about this many training rows. */
  cvMaxRows: number;
  /** Monte-Carlo check: test pairs (best_move rows) and engine battles per pair. */
  monteCarloPairs: number;
  monteCarloBattles: number;
}

export interface BuildHooks {
  mlflow?: MlflowClient;
  onStage?: (stage: BuildStage, state: 'started' | 'finished', ms?: number) => void;
  onProgress?: (stage: BuildStage, done: number, total: number) => void;
  /** Run id stored by an earlier attempt of this job, and a way to store it (BullMQ job data). */
  existingRunId?: string;
  onRunCreated?: (runId: string) => Promise<void> | void;
}

export interface BuildSummary {
  status: 'succeeded' | 'skipped';
  mode: BuildMode;
  stagesMs: Partial<Record<BuildStage, number>>;
  dataset: { version: string; rows: number; reused: boolean; fingerprint: string; perScenario: DatasetManifest['perScenario'] };
  trainingKey?: string;
  runId?: string;
  modelVersion?: string;
  alias?: string;
  hyperParams?: HyperParams;
  testMetrics?: Record<string, number>;
  monteCarlo?: MonteCarloResult;
  skippedBecause?: string;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

function metricRecord(prefix: string, m: ClassificationMetrics): Record<string, number> {
  return {
    [`${prefix}accuracy`]: m.accuracy,
    [`${prefix}precision`]: m.precision,
    [`${prefix}recall`]: m.recall,
    [`${prefix}f1`]: m.f1,
    [`${prefix}roc_auc`]: m.roc_auc,
    [`${prefix}log_loss`]: m.log_loss,
    [`${prefix}brier`]: m.brier,
    [`${prefix}ece`]: m.ece,
  };
}

/** Everything that decides a trained model: same key, same model (ML_SKIP_IF_EXISTS compares it). */
export function trainingKey(datasetFingerprint: string, req: Pick<BuildRequest, 'tune' | 'gridType' | 'cvMaxRows'>): string {
  const key = JSON.stringify({ datasetFingerprint, tune: req.tune, grid: req.gridType, cvMaxRows: req.cvMaxRows, feature: FEATURE_VERSION });
  return `tk-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

/**
 * One ml-build: the dataset (reused when the same one is on disk), then training with grouped CV on
 * the training split only, one evaluation on the test split, the Monte-Carlo check against the
 * engine, and registration. Each stage is timed and reported through the hooks.
 */
/** The dataset stage: reuse the dataset on disk when the same inputs built it, else build and write it. */
export async function ensureDataset(req: BuildRequest, hooks: BuildHooks = {}): Promise<{ manifest: DatasetManifest; reused: boolean }> {
  const version = datasetVersionFor(req.dataset, req.dexFingerprint);
  const dir = path.join(req.dataDir, version);
  const existing = readManifest(dir);
  if (existing && fs.existsSync(path.join(dir, DATASET_FILE))) return { manifest: existing, reused: true };
  const started = Date.now();
  const built = await buildDataset(req.dataset, {
    workers: req.workers,
    onProgress: (p) => p.stage === 'battles' && hooks.onProgress?.('dataset', p.done, p.total),
  });
  const manifest = writeDatasetArtifact(dir, built, {
    datasetVersion: version,
    settings: req.dataset,
    dexFingerprint: req.dexFingerprint,
    etlRunId: req.etlRunId,
    durationMs: Date.now() - started,
  });
  return { manifest, reused: false };
}

export interface ServingModel {
  version: string;
  runId?: string;
  booster: Uint8Array;
  metadata: ModelMetadata;
  hyper: HyperParams;
}

/** The current champion's package, or null when no version carries the alias yet. */
export async function downloadServingModel(mlflow: MlflowClient): Promise<ServingModel | null> {
  let champion;
  try {
    champion = await mlflow.resolveModelUri(`models:/${MODEL_NAME}@${SERVING_ALIAS}`);
  } catch (e) {
    if ((e as { status?: number }).status === 404) return null;
    throw e;
  }
  const spec = JSON.parse((await mlflow.downloadArtifact(champion.artifactUri, MODEL_FILES.featureSpec)).toString('utf8')) as FeatureSpec;
  assertCompatible(spec);
  const booster = await mlflow.downloadArtifact(champion.artifactUri, MODEL_FILES.booster);
  const metadata = JSON.parse((await mlflow.downloadArtifact(champion.artifactUri, MODEL_FILES.metadata)).toString('utf8')) as ModelMetadata;
  return { version: champion.version, runId: champion.runId, booster, metadata, hyper: { ...DEFAULT_HYPERPARAMS, ...(metadata.params as Partial<HyperParams>) } };
}

export class BuildPipeline {
  constructor(
    private readonly req: BuildRequest,
    private readonly hooks: BuildHooks = {},
  ) {}

  async run(): Promise<BuildSummary> {
    const stagesMs: BuildSummary['stagesMs'] = {};
    const stage = async <T>(name: BuildStage, work: () => Promise<T>): Promise<T> => {
      this.hooks.onStage?.(name, 'started');
      const t = Date.now();
      const out = await work();
      stagesMs[name] = Date.now() - t;
      this.hooks.onStage?.(name, 'finished', stagesMs[name]);
      return out;
    };

    const { manifest, reused } = await stage('dataset', () => ensureDataset(this.req, this.hooks));
    const summary: BuildSummary = {
      status: 'succeeded',
      mode: this.req.mode,
      stagesMs,
      dataset: { version: manifest.datasetVersion, rows: manifest.rows, reused, fingerprint: manifest.fingerprint, perScenario: manifest.perScenario },
    };
    if (this.req.mode === 'dataset') return summary;

    const mlflow = this.hooks.mlflow;
    if (!mlflow) throw new Error('MLFLOW_TRACKING_URI is not set: training logs and registers through mlflow-proxy; start it first (npm start does)');
    const key = trainingKey(manifest.fingerprint, this.req);
    summary.trainingKey = key;
    if (this.req.skipIfExists && this.req.mode !== 'evaluate') {
      const found = (await mlflow.searchModelVersions(`name = '${MODEL_NAME}' AND tags.training_key = '${key}'`)).modelVersions[0];
      if (found) {
        return { ...summary, status: 'skipped', modelVersion: found.version, runId: found.run_id, skippedBecause: `version ${found.version} was trained on the same dataset and settings (${key})` };
      }
    }

    const data = readDatasetArtifact(path.join(this.req.dataDir, manifest.datasetVersion));
    const trainIdx: number[] = [];
    const testIdx: number[] = [];
    data.split.forEach((s, i) => (s === 'test' ? testIdx : trainIdx).push(i));
    const all: TrainingData = { rows: data.rows, features: data.features, labels: data.labels };
    const train = selectRows(all, trainIdx);
    const test = selectRows(all, testIdx);

    if (this.req.mode === 'evaluate') return this.evaluateChampion(mlflow, summary, train, test, testIdx, data, stage);

    const { model, hyper, cv } = await stage('train', () => this.trainStage(train, trainIdx.map((i) => data.pair[i])));
    summary.hyperParams = hyper;

    const evaluation = await stage('evaluate', () => this.evaluateStage(model, train, test, testIdx, data, hyper, cv));
    summary.testMetrics = evaluation.metrics;
    summary.monteCarlo = evaluation.monteCarlo;

    const registration: RegistrationResult = await stage('register', () =>
      registerModel(mlflow, {
        experiment: this.req.experiment,
        modelName: MODEL_NAME,
        runName: `build-${manifest.datasetVersion}-${key}`,
        existingRunId: this.hooks.existingRunId,
        onRunCreated: this.hooks.onRunCreated,
        params: {
          ml_mode: this.req.mode,
          scenarios: this.req.dataset.scenarios.join(','),
          num_random_samples: this.req.dataset.numRandomSamples,
          max_combinations: this.req.dataset.maxCombinations,
          max_species: this.req.dataset.maxSpecies ?? 'all',
          seed: this.req.dataset.seed,
          test_fraction: this.req.dataset.testFraction,
          max_turns: this.req.dataset.maxTurns,
          tune_hyperparams: this.req.tune,
          grid_type: this.req.gridType,
          cv_folds: 3,
          cv_max_rows: this.req.cvMaxRows,
          ...Object.fromEntries(Object.entries(hyper).map(([k, v]) => [`best_${k}`, v])),
        },
        metrics: evaluation.mlflowMetrics,
        tags: {
          dataset_fingerprint: manifest.fingerprint,
          dataset_version: manifest.datasetVersion,
          dex_fingerprint: this.req.dexFingerprint,
          feature_version: FEATURE_VERSION,
          git_commit: this.req.gitCommit,
          training_key: key,
          etl_run_id: String(this.req.etlRunId ?? ''),
        },
        model: {
          booster: model,
          featureSpec: currentFeatureSpec(),
          metadata: evaluation.metadata,
        },
        artifacts: [
          ...evaluation.artifacts,
          { path: 'dataset/manifest.json', body: JSON.stringify(manifest, null, 2) },
          { path: REFERENCE_SAMPLE_ARTIFACT, body: referenceSampleIpc(data.features, trainIdx, this.req.dataset.seed) },
        ],
        compareOn: 'test_log_loss',
      }),
    );
    return { ...summary, runId: registration.runId, modelVersion: registration.version, alias: registration.alias };
  }

  /** ML_MODE=evaluate: the serving champion against this dataset's test split, logged as its own run. */
  private async evaluateChampion(
    mlflow: MlflowClient,
    summary: BuildSummary,
    train: TrainingData,
    test: TrainingData,
    testIdx: number[],
    data: LoadedDataset,
    stage: <T>(name: BuildStage, work: () => Promise<T>) => Promise<T>,
  ): Promise<BuildSummary> {
    const champion = await downloadServingModel(mlflow);
    if (!champion) throw new Error(`ML_MODE=evaluate needs a ${MODEL_NAME}@${SERVING_ALIAS} model in the registry`);
    const { booster, hyper } = champion;
    const evaluation = await stage('evaluate', () => this.evaluateStage(booster, train, test, testIdx, data, hyper));
    const runId = await stage('register', () =>
      logEvaluationRun(mlflow, {
        experiment: this.req.experiment,
        runName: `evaluate-v${champion.version}-${data.manifest.datasetVersion}`,
        params: { ml_mode: 'evaluate', evaluated_version: champion.version, scenarios: this.req.dataset.scenarios.join(',') },
        metrics: evaluation.mlflowMetrics,
        tags: { evaluation_of: `${MODEL_NAME}/${champion.version}`, dataset_fingerprint: data.manifest.fingerprint, dataset_version: data.manifest.datasetVersion, git_commit: this.req.gitCommit },
        artifacts: evaluation.artifacts,
      }),
    );
    return { ...summary, runId, modelVersion: champion.version, alias: SERVING_ALIAS, testMetrics: evaluation.metrics, monteCarlo: evaluation.monteCarlo };
  }

  private async trainStage(train: TrainingData, groups: string[]): Promise<{ model: Uint8Array; hyper: HyperParams; cv?: GridSearchResult }> {
    let hyper = DEFAULT_HYPERPARAMS;
    let cv: GridSearchResult | undefined;
    if (this.req.tune) {
      cv = await gridSearch(train, groups, GRIDS[this.req.gridType], {
        folds: 3,
        seed: this.req.dataset.seed,
        maxRows: this.req.cvMaxRows,
        onProgress: (done, total) => this.hooks.onProgress?.('train', done, total + 1),
      });
      hyper = cv.best.params;
    }
    const model = await trainModel(train, hyper, this.req.dataset.seed);
    return { model: model.modelJson, hyper, cv };
  }

  private async evaluateStage(model: Uint8Array, train: TrainingData, test: TrainingData, testIdx: number[], data: LoadedDataset, hyper: HyperParams, cv?: GridSearchResult) {
    const pTest = predictRows(model, test);
    const pTrain = predictRows(model, train);
    const metrics = classificationMetrics(test.labels, pTest);
    const trainMetrics = classificationMetrics(train.labels, pTrain);
    const perScenario: Record<string, ClassificationMetrics> = {};
    for (const scenario of new Set(testIdx.map((i) => data.scenario[i]))) {
      const rows = testIdx.map((r, j) => [r, j] as const).filter(([r]) => data.scenario[r] === scenario);
      perScenario[scenario] = classificationMetrics(
        rows.map(([, j]) => test.labels[j]),
        rows.map(([, j]) => pTest[j]),
      );
    }

    let monteCarlo: MonteCarloResult | undefined;
    if ((this.req.mode === 'all' || this.req.mode === 'evaluate') && this.req.monteCarloPairs > 0) {
      const candidates = testIdx.map((r, j) => ({ r, j })).filter(({ r }) => data.scenario[r] === 'best_move');
      const step = Math.max(1, Math.floor(candidates.length / this.req.monteCarloPairs));
      const chosen = candidates.filter((_, i) => i % step === 0).slice(0, this.req.monteCarloPairs);
      monteCarlo = await monteCarloCheck(
        chosen.map(({ r, j }) => ({ a: data.a[r], moveA: data.moveA[r], b: data.b[r], moveB: data.moveB[r], predicted: pTest[j] })),
        { battlesPerPair: this.req.monteCarloBattles, seed: this.req.dataset.seed + 1_000_003, workers: this.req.workers, maxTurns: this.req.dataset.maxTurns },
      );
    }

    const topFeatures = featureImportance(model, 20);
    const mlflowMetrics: Record<string, number> = {
      ...metricRecord('test_', metrics),
      ...metricRecord('train_', trainMetrics),
      train_test_accuracy_gap: trainMetrics.accuracy - metrics.accuracy,
      test_rows: metrics.rows,
      train_rows: trainMetrics.rows,
      test_tp: metrics.confusion.tp,
      test_fp: metrics.confusion.fp,
      test_tn: metrics.confusion.tn,
      test_fn: metrics.confusion.fn,
      ...Object.fromEntries(Object.entries(perScenario).flatMap(([s, m]) => [[`test_${s}_accuracy`, m.accuracy], [`test_${s}_roc_auc`, m.roc_auc], [`test_${s}_log_loss`, m.log_loss]])),
      ...(cv ? { cv_roc_auc: cv.best.rocAuc, cv_log_loss: cv.best.logLoss, cv_rows: cv.cvRows, cv_trainings: cv.trainings } : {}),
      ...(monteCarlo ? { mc_mae: monteCarlo.mae, mc_clear_accuracy: monteCarlo.clearAccuracy, mc_clear_pairs: monteCarlo.clearPairs, mc_pairs: monteCarlo.pairs, mc_majority_agreement: monteCarlo.majorityAgreement } : {}),
    };
    const metadata: ModelMetadata = {
      name: MODEL_NAME,
      trainedAt: new Date().toISOString(),
      featureVersion: FEATURE_VERSION,
      datasetFingerprint: data.manifest.fingerprint,
      dexFingerprint: this.req.dexFingerprint,
      params: { ...hyper },
      metrics: Object.fromEntries(Object.entries(metricRecord('test_', metrics)).map(([k, v]) => [k, round(v)])),
      bestIteration: hyper.n_estimators - 1,
      gitCommit: this.req.gitCommit,
    };
    const bins = calibrationBins(test.labels, pTest);
    const artifacts: RunArtifact[] = [
      { path: 'evaluation/report.html', body: evaluationReportHtml({ title: `battle-winner on ${data.manifest.datasetVersion}`, metrics, trainMetrics, perScenario, calibration: bins, topFeatures, monteCarlo, params: { ...hyper } }) },
      { path: 'evaluation/calibration.svg', body: calibrationSvg(bins) },
      { path: 'evaluation/confusion-matrix.svg', body: confusionMatrixSvg(metrics.confusion) },
      { path: 'evaluation/metrics.json', body: JSON.stringify({ test: metrics, train: trainMetrics, perScenario, calibration: bins, topFeatures, monteCarlo }, null, 2) },
      ...(cv ? [{ path: 'evaluation/cv-results.json', body: JSON.stringify(cv, null, 2) }] : []),
    ];
    return { metrics: metricRecord('test_', metrics), mlflowMetrics, monteCarlo, metadata, artifacts };
  }
}
