import { execSync } from 'node:child_process';
import { MlBuilderConfig } from '@predictiondex/config';
import { DEFAULT_DATASET_SETTINGS, parseScenarios } from '@predictiondex/dataset';
import { MlflowClient } from '@predictiondex/mlflow-client';
import { BuildRequest } from '@predictiondex/training';

let gitCommit: string | undefined;
function currentCommit(config: MlBuilderConfig): string {
  if (config.GIT_COMMIT) return config.GIT_COMMIT;
  try {
    gitCommit ??= execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    gitCommit = 'unknown';
  }
  return gitCommit;
}

/** The ML_* settings as a build request for one ETL run's Pokédex. */
export function buildRequestFrom(config: MlBuilderConfig, etlRunId: number | null, dexFingerprint: string): BuildRequest {
  return {
    etlRunId,
    dexFingerprint,
    dataset: {
      ...DEFAULT_DATASET_SETTINGS,
      scenarios: parseScenarios(config.ML_SCENARIO_TYPE),
      numRandomSamples: config.ML_NUM_RANDOM_SAMPLES,
      maxCombinations: config.ML_MAX_COMBINATIONS,
      maxSpecies: config.ML_MAX_SPECIES,
      seed: config.ML_SEED,
      testFraction: config.ML_TEST_FRACTION,
      maxTurns: config.ML_MAX_TURNS,
    },
    mode: config.ML_MODE,
    tune: config.ML_TUNE_HYPERPARAMS,
    gridType: config.ML_GRID_TYPE,
    skipIfExists: config.ML_SKIP_IF_EXISTS,
    dataDir: config.ML_DATA_DIR,
    experiment: config.ML_EXPERIMENT,
    workers: config.ML_WORKERS,
    gitCommit: currentCommit(config),
    cvMaxRows: config.ML_CV_MAX_ROWS,
    monteCarloPairs: config.ML_MC_PAIRS,
    monteCarloBattles: config.ML_MC_BATTLES,
  };
}

export function mlflowClientFrom(config: MlBuilderConfig): MlflowClient | undefined {
  if (!config.MLFLOW_TRACKING_URI) return undefined;
  return new MlflowClient({ trackingUri: config.MLFLOW_TRACKING_URI, token: config.MLFLOW_TRACKING_TOKEN, retries: 4, timeoutMs: 30_000 });
}
