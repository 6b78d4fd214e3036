// Worker-thread entry point: trains from plain arrays and posts back the serialized model.
//
// Why a worker_threads worker rather than koffi's `fn.async`: XGBGetLastError() is thread-local,
// so a failed call run on libuv's pool could not report its message on the main thread, and a
// Booster/DMatrix must not be touched by two threads at once. Here every C call of a training run
// happens on this one thread, and the main thread only exchanges messages.
import { MessagePort, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { DMatrix } from './dmatrix';
import { TrainingJob, TrainingWorkerMessage, SerializedError } from './training-job';
import { train } from './training';
import { XGBoostError } from './xgboost-error';

export class TrainingCancelledError extends Error {
  constructor() {
    super('Training was cancelled');
    this.name = 'AbortError';
  }
}

function serializeError(error: unknown): SerializedError {
  if (error instanceof XGBoostError) {
    const { functionName, xgboostMessage, nativeDetail } = error;
    return { name: error.name, message: error.message, stack: error.stack, xgboost: { functionName, xgboostMessage, nativeDetail } };
  }
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

export function runTrainingJob(job: TrainingJob, port: Pick<MessagePort, 'postMessage'>): void {
  const post = (message: TrainingWorkerMessage, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);
  const matrices: DMatrix[] = [];
  try {
    const dtrain = DMatrix.fromDense(job.dtrain);
    matrices.push(dtrain);
    const evals = job.evals.map(({ name, data }) => {
      const dmatrix = DMatrix.fromDense(data);
      matrices.push(dmatrix);
      return { name, dmatrix };
    });
    const result = train({
      params: job.params,
      rounds: job.rounds,
      dtrain,
      evals,
      earlyStoppingRounds: job.earlyStoppingRounds,
      maximize: job.maximize,
      onIteration: (progress) => {
        if (Atomics.load(job.cancel, 0) !== 0) throw new TrainingCancelledError();
        if (job.reportProgress) post({ type: 'progress', progress });
      },
    });
    let model: Uint8Array;
    try {
      model = result.booster.saveModelToBuffer(job.modelFormat);
    } finally {
      result.booster.free();
    }
    const { bestIteration, bestScore, roundsRun, stoppedEarly, history } = result;
    post(
      {
        type: 'done',
        result: { model, modelFormat: job.modelFormat, bestIteration, bestScore, roundsRun, stoppedEarly, history },
      },
      [model.buffer as ArrayBuffer],
    );
  } catch (error) {
    post({ type: 'error', error: serializeError(error) });
  } finally {
    for (const dmatrix of matrices) dmatrix.free();
  }
}

const job = workerData as Partial<TrainingJob> | null;
if (!isMainThread && parentPort && job?.kind === 'xgboost-training-job') {
  runTrainingJob(job as TrainingJob, parentPort);
}
