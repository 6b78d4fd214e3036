import { FEATURE_COUNT } from '@predictiondex/battle';

/** Rows ready for XGBoost: row-major features and 0/1 labels. */
export interface TrainingData {
  rows: number;
  features: Float32Array;
  labels: Float32Array;
  /** Per-row sample weights (feedback rows weigh more than one simulated battle); 1 when absent. */
  weights?: Float32Array;
}

export function selectRows(data: TrainingData, indices: ArrayLike<number>): TrainingData {
  const n = indices.length;
  const features = new Float32Array(n * FEATURE_COUNT);
  const labels = new Float32Array(n);
  const weights = data.weights ? new Float32Array(n) : undefined;
  for (let i = 0; i < n; i++) {
    const r = indices[i];
    features.set(data.features.subarray(r * FEATURE_COUNT, (r + 1) * FEATURE_COUNT), i * FEATURE_COUNT);
    labels[i] = data.labels[r];
    if (weights) weights[i] = data.weights![r];
  }
  return { rows: n, features, labels, weights };
}

/** Rows of `a` then rows of `b`, with weights (1 where a side has none). */
export function concatRows(a: TrainingData, b: TrainingData): TrainingData {
  const features = new Float32Array((a.rows + b.rows) * FEATURE_COUNT);
  features.set(a.features.subarray(0, a.rows * FEATURE_COUNT), 0);
  features.set(b.features.subarray(0, b.rows * FEATURE_COUNT), a.rows * FEATURE_COUNT);
  const labels = new Float32Array(a.rows + b.rows);
  labels.set(a.labels, 0);
  labels.set(b.labels, a.rows);
  const weights = new Float32Array(a.rows + b.rows).fill(1);
  if (a.weights) weights.set(a.weights, 0);
  if (b.weights) weights.set(b.weights, a.rows);
  return { rows: a.rows + b.rows, features, labels, weights };
}

export const denseDataset = (d: TrainingData) => ({ data: d.features, nrow: d.rows, ncol: FEATURE_COUNT, labels: d.labels, ...(d.weights ? { weights: d.weights } : {}) });
