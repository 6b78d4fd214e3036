import { ModelFormat } from './booster';
import { BoosterParams } from './booster-params';
import { DMatrixOptions } from './dmatrix';
import { EvalHistory } from './eval-scores';
import { IterationProgress } from './training';

/** Plain data for a DMatrix, transferable to a worker thread (Float32Arrays may sit on SharedArrayBuffers). */
export type DenseDataset = Omit<DMatrixOptions, 'labels' | 'weights'> & {
  labels?: Float32Array;
  weights?: Float32Array;
};

/** What the main thread sends the training worker (as workerData). */
export interface TrainingJob {
  kind: 'xgboost-training-job';
  params: BoosterParams;
  rounds?: number;
  dtrain: DenseDataset;
  evals: { name: string; data: DenseDataset }[];
  earlyStoppingRounds?: number;
  maximize?: boolean;
  modelFormat: ModelFormat;
  reportProgress: boolean;
  /** Int32Array over a SharedArrayBuffer; index 0 set to 1 asks the worker to stop after the current round. */
  cancel: Int32Array;
}

export interface TrainingJobResult {
  model: Uint8Array;
  modelFormat: ModelFormat;
  bestIteration: number;
  bestScore: number | undefined;
  roundsRun: number;
  stoppedEarly: boolean;
  history: EvalHistory;
}

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  xgboost?: { functionName: string; xgboostMessage: string; nativeDetail: string };
}

export type TrainingWorkerMessage =
  | { type: 'progress'; progress: IterationProgress }
  | { type: 'done'; result: TrainingJobResult }
  | { type: 'error'; error: SerializedError };
