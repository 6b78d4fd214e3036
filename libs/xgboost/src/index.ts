export { XGBoostError, XGBoostLibraryNotFoundError } from './lib/xgboost-error';
export {
  XGBOOST_LIBRARY_PATH_ENV,
  defaultLibraryCandidates,
  loadXGBoostLibrary,
  xgboostBuildInfo,
  xgboostVersion,
} from './lib/xgboost-library';
export type { XGBoostLibrary, XGBoostVersion } from './lib/xgboost-library';
export { xgboostHandleStats } from './lib/native-handle';
export { DMatrix, withDMatrix } from './lib/dmatrix';
export type { DenseMatrix, DMatrixOptions } from './lib/dmatrix';
export type { BoosterParams, EvalMetric, Objective } from './lib/booster-params';
export { Booster, withBooster } from './lib/booster';
export type { BoosterOptions, EvalSet, FeatureImportance, ImportanceType, ModelFormat } from './lib/booster';
export type { DensePredictOptions, PredictOptions } from './lib/prediction-options';
export { parseEvalScores } from './lib/eval-scores';
export type { EvalHistory, EvalScores } from './lib/eval-scores';
export { train } from './lib/training';
export type { IterationProgress, TrainOptions, TrainResult } from './lib/training';
export { trainInWorker } from './lib/train-in-worker';
export type { TrainInWorkerOptions, TrainInWorkerResult } from './lib/train-in-worker';
export type { DenseDataset } from './lib/training-job';
export { TRAINING_WORKER_ENTRY_NAME, TRAINING_WORKER_SOURCE } from './lib/training-worker-entry';
