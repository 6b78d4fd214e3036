import { availableParallelism } from 'node:os';
import { FEATURE_COUNT, FEATURE_NAMES } from '@predictiondex/battle';
import { Booster, BoosterParams, trainInWorker } from '@predictiondex/xgboost';
import type { HyperParams } from './hyperparameter-grid';
import { denseDataset, TrainingData } from './training-data';

export interface TrainedModel {
  /** The booster serialised as XGBoost JSON (what the registry stores). */
  modelJson: Uint8Array;
  rounds: number;
  params: BoosterParams;
}

export function boosterParams(h: HyperParams, seed: number, nthread = availableParallelism()): BoosterParams {
  return {
    objective: 'binary:logistic',
    eval_metric: ['logloss', 'auc'],
    tree_method: 'hist',
    max_depth: h.max_depth,
    eta: h.learning_rate,
    subsample: h.subsample,
    colsample_bytree: h.colsample_bytree,
    seed,
    nthread,
  };
}

/** Trains off the event loop (a worker thread), so the worker's /health keeps answering during long fits. */
export async function trainModel(data: TrainingData, h: HyperParams, seed: number, rounds = h.n_estimators): Promise<TrainedModel> {
  const params = boosterParams(h, seed);
  const result = await trainInWorker({
    params,
    rounds,
    dtrain: { ...denseDataset(data), featureNames: [...FEATURE_NAMES] },
    modelFormat: 'json',
  });
  return { modelJson: result.model, rounds: result.roundsRun, params };
}

/** P(A wins) for every row, optionally from the first `rounds` trees only. */
export function predictRows(modelJson: Uint8Array, data: TrainingData, rounds?: number): Float32Array {
  const booster = Booster.fromModelBuffer(modelJson);
  try {
    return booster.predictDense({ data: data.features, nrow: data.rows, ncol: FEATURE_COUNT }, rounds ? { iterationRange: [0, rounds] } : undefined);
  } finally {
    booster.free();
  }
}

export function featureImportance(modelJson: Uint8Array, top = 20): { feature: string; gain: number }[] {
  const booster = Booster.fromModelBuffer(modelJson);
  try {
    return booster
      .featureImportance('total_gain')
      .slice(0, top)
      .map((f) => ({ feature: f.feature, gain: f.score }));
  } finally {
    booster.free();
  }
}
