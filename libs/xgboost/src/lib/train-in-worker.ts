import { types } from 'node:util';
import { Worker } from 'node:worker_threads';
import { ModelFormat } from './booster';
import { BoosterParams } from './booster-params';
import { assertDenseShape } from './dmatrix';
import { DenseDataset, SerializedError, TrainingJob, TrainingJobResult, TrainingWorkerMessage } from './training-job';
import { trainingWorkerLaunch } from './training-worker-entry';
import { IterationProgress, resolveRounds } from './training';
import { XGBoostError } from './xgboost-error';

export interface TrainInWorkerOptions {
  params: BoosterParams;
  /** Boosting rounds; defaults to `params.n_estimators`. */
  rounds?: number;
  dtrain: DenseDataset;
  evals?: readonly { name: string; data: DenseDataset }[];
  earlyStoppingRounds?: number;
  maximize?: boolean;
  /** Serialization of the returned model; UBJ (default) is smaller and faster to load. */
  modelFormat?: ModelFormat;
  /**
   * Move the input arrays' ArrayBuffers into the worker instead of copying them (they become
   * detached here). Arrays on SharedArrayBuffers are always shared, never copied.
   */
  transfer?: boolean;
  /** Aborting stops the worker after the round in progress; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Runs on the calling thread after each round. */
  onIteration?: (progress: IterationProgress) => void;
}

export type TrainInWorkerResult = TrainingJobResult;

function datasetBuffers(dataset: DenseDataset): ArrayBuffer[] {
  return [dataset.data, dataset.labels, dataset.weights]
    .filter((a): a is Float32Array => a !== undefined)
    .map((a) => a.buffer)
    // util.types rather than instanceof: the arrays may come from another realm (vm contexts, Jest).
    .filter((b): b is ArrayBuffer => types.isArrayBuffer(b));
}

function deserializeError(error: SerializedError): Error {
  const result = error.xgboost
    ? new XGBoostError(error.xgboost.functionName, error.xgboost.xgboostMessage, error.xgboost.nativeDetail)
    : Object.assign(new Error(error.message), { name: error.name });
  if (error.stack) result.stack = error.stack;
  return result;
}

/**
 * Trains in a worker_threads worker so the calling event loop (e.g. a NestJS app answering
 * /health) stays free; resolves with the serialized model and training report. Load the model
 * with `Booster.fromModelBuffer(result.model)`.
 */
export function trainInWorker(options: TrainInWorkerOptions): Promise<TrainInWorkerResult> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  resolveRounds(options.params, options.rounds);
  const evals = (options.evals ?? []).map(({ name, data }) => ({ name, data }));
  for (const dataset of [options.dtrain, ...evals.map((e) => e.data)]) assertDenseShape(dataset, 'trainInWorker');

  const cancel = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const job: TrainingJob = {
    kind: 'xgboost-training-job',
    params: options.params,
    rounds: options.rounds,
    dtrain: options.dtrain,
    evals,
    earlyStoppingRounds: options.earlyStoppingRounds,
    maximize: options.maximize,
    modelFormat: options.modelFormat ?? 'ubj',
    reportProgress: options.onIteration !== undefined,
    cancel,
  };
  const transferList = options.transfer
    ? [...new Set([options.dtrain, ...evals.map((e) => e.data)].flatMap(datasetBuffers))]
    : [];

  const launch = trainingWorkerLaunch();
  return new Promise<TrainInWorkerResult>((resolve, reject) => {
    let settled = false;
    let worker: Worker;
    const requestStop = () => Atomics.store(cancel, 0, 1);
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', requestStop);
      outcome();
    };

    try {
      worker = new Worker(launch.filename, {
        workerData: job,
        transferList,
        execArgv: launch.execArgv,
        env: launch.env,
      });
    } catch (error) {
      reject(error);
      return;
    }
    signal?.addEventListener('abort', requestStop, { once: true });

    worker.on('message', (message: TrainingWorkerMessage) => {
      switch (message.type) {
        case 'progress':
          try {
            options.onIteration?.(message.progress);
          } catch (error) {
            requestStop();
            finish(() => reject(error));
          }
          break;
        case 'done':
          finish(() => resolve(message.result));
          break;
        case 'error':
          finish(() =>
            reject(signal?.aborted && message.error.name === 'AbortError' ? signal.reason : deserializeError(message.error)),
          );
          break;
      }
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) =>
      finish(() => reject(new Error(`XGBoost training worker exited with code ${code} before reporting a result`))),
    );
  });
}
