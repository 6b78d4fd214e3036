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
  seconds: number;
}

/**
 * Dynamic batching for the event loop: requests handled in the same loop turn queue their rows,
 * and one `predict` per model runs them all (in the check phase, right after the I/O callbacks that
 * queued them). XGBoost spends a fixed ~60 µs per call before the per-row work, so under load this
 * amortises it over every concurrent request; alone, a request waits for nothing but the end of its
 * own loop turn. Each request's rows stay contiguous in the batch, so each request's rows still go
 * through the model in a single call. Requests on different models (a hot swap in progress) are
 * called separately.
 */
export class PredictionBatcher<M extends WinProbabilityModel = WinProbabilityModel> {
  private queue = new Map<M, Pending[]>();
  private scheduled = false;

  constructor(private readonly onBatch?: (stats: BatchStats) => void) {}

  predict(model: M, features: Float32Array, rows: number): Promise<Float32Array> {
    if (features.length !== rows * FEATURE_COUNT) return Promise.reject(new Error(`expected ${rows * FEATURE_COUNT} features, got ${features.length}`));
    return new Promise<Float32Array>((resolve, reject) => {
      let list = this.queue.get(model);
      if (!list) this.queue.set(model, (list = []));
      list.push({ features, rows, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const queue = this.queue;
    this.queue = new Map();
    for (const [model, items] of queue) this.run(model, items);
  }

  private run(model: M, items: Pending[]): void {
    const started = process.hrtime.bigint();
    let total = 0;
    for (const item of items) total += item.rows;
    let all: Float32Array;
    if (items.length === 1) {
      all = items[0].features;
    } else {
      all = new Float32Array(total * FEATURE_COUNT);
      let offset = 0;
      for (const item of items) {
        all.set(item.features, offset);
        offset += item.features.length;
      }
    }
    let p: Float32Array;
    try {
      p = model.predict(all, total);
    } catch (e) {
      for (const item of items) item.reject(e);
      return;
    }
    this.onBatch?.({ requests: items.length, rows: total, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
    let row = 0;
    for (const item of items) {
      item.resolve(p.subarray(row, row + item.rows));
      row += item.rows;
    }
  }
}
