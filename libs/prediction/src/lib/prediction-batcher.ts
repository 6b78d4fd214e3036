import { FEATURE_COUNT } from '@predictiondex/battle';
import type { WinProbabilityModel } from './best-move';

interface Pending {
  features: Float32Array;
  rows: number;
  resolve(p: Float32Array): void;
  reject(e: unknown): void;
}

/** Requests and rows of one model call (what the api turns into metrics). */
export interface BatchStats {
  requests: number;
  rows: number;
  /** From the call's start to its result (for an async model: the worker thread's queue included). */
  seconds: number;
}

/** A model that can also run off the event loop (BattleModel: libxgboost on a libuv worker thread). */
export interface AsyncWinProbabilityModel extends WinProbabilityModel {
  predictAsync(features: Float32Array, rows: number): Promise<Float32Array>;
}

function isAsync(model: WinProbabilityModel): model is AsyncWinProbabilityModel {
  return typeof (model as Partial<AsyncWinProbabilityModel>).predictAsync === 'function';
}

interface ModelQueue {
  pending: Pending[];
  /** A call of this model is running: new requests wait for it and go out together after it. */
  inFlight: boolean;
}

/**
 * Dynamic batching for the event loop. Requests queue their rows; one call per model runs them all
 * (XGBoost has a fixed cost per call, ~40 µs, before the per-row work), and each request's rows
 * stay contiguous in the batch, so each request's rows still go through the model in one call.
 *
 * An async model (BattleModel) is batched continuously: the first requests go out at the end of
 * their event-loop turn; while that call runs on a worker thread the event loop goes on parsing and
 * answering, and every request that arrives meanwhile goes out in the next call, at the end of the
 * turn in which the previous one returned. The model's CPU time is off the event loop, and the busier the api, the
 * bigger (cheaper per row) the batches. A sync model is called once per event-loop turn.
 * Requests on different models (a hot swap in progress) are called separately.
 */
export class PredictionBatcher<M extends WinProbabilityModel = WinProbabilityModel> {
  private readonly queues = new Map<M, ModelQueue>();
  private scheduled = false;

  constructor(private readonly onBatch?: (stats: BatchStats) => void) {}

  predict(model: M, features: Float32Array, rows: number): Promise<Float32Array> {
    if (features.length !== rows * FEATURE_COUNT) return Promise.reject(new Error(`expected ${rows * FEATURE_COUNT} features, got ${features.length}`));
    return new Promise<Float32Array>((resolve, reject) => {
      let queue = this.queues.get(model);
      if (!queue) this.queues.set(model, (queue = { pending: [], inFlight: false }));
      queue.pending.push({ features, rows, resolve, reject });
      if (!queue.inFlight) this.schedule();
    });
  }

  /** End of an event-loop turn: send every model's queue that has no call running. */
  private flushIdle(): void {
    this.scheduled = false;
    for (const [model, queue] of this.queues) {
      if (!queue.inFlight && queue.pending.length) this.send(model, queue);
    }
  }

  private send(model: M, queue: ModelQueue): void {
    const items = queue.pending;
    queue.pending = [];
    const started = process.hrtime.bigint();
    let total = 0;
    for (const item of items) total += item.rows;
    const all = items.length === 1 ? items[0].features : concat(items, total);
    const settle = (p: Float32Array) => {
      this.onBatch?.({ requests: items.length, rows: total, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
      let row = 0;
      for (const item of items) {
        item.resolve(p.subarray(row, row + item.rows));
        row += item.rows;
      }
    };
    const fail = (e: unknown) => {
      for (const item of items) item.reject(e);
    };
    if (!isAsync(model)) {
      let p: Float32Array;
      try {
        p = model.predict(all, total);
      } catch (e) {
        fail(e);
        this.release(model, queue);
        return;
      }
      settle(p);
      this.release(model, queue);
      return;
    }
    queue.inFlight = true;
    model
      .predictAsync(all, total)
      .then(settle, fail)
      .finally(() => {
        queue.inFlight = false;
        // What arrived during the call goes out at the end of this turn, with whatever else the turn
        // brings: one call per turn at most, since each call costs the event loop ~25 µs to hand over.
        if (queue.pending.length) this.schedule();
        else this.release(model, queue);
      });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flushIdle());
  }

  /** A model with nothing queued or running is forgotten (a swapped-out model must not stay referenced). */
  private release(model: M, queue: ModelQueue): void {
    if (!queue.inFlight && !queue.pending.length && this.queues.get(model) === queue) this.queues.delete(model);
  }
}

function concat(items: readonly Pending[], rows: number): Float32Array {
  const all = new Float32Array(rows * FEATURE_COUNT);
  let offset = 0;
  for (const item of items) {
    all.set(item.features, offset);
    offset += item.features.length;
  }
  return all;
}
