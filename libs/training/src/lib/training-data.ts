import { FEATURE_COUNT } from '@predictiondex/battle';

/** Rows ready for XGBoost: row-major features and 0/1 labels. */
export interface TrainingData {
  rows: number;
  features: Float32Array;
  labels: Float32Array;
}

export function selectRows(data: TrainingData, indices: ArrayLike<number>): TrainingData {
  const n = indices.length;
  const features = new Float32Array(n * FEATURE_COUNT);
  const labels = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const r = indices[i];
    features.set(data.features.subarray(r * FEATURE_COUNT, (r + 1) * FEATURE_COUNT), i * FEATURE_COUNT);
    labels[i] = data.labels[r];
  }
  return { rows: n, features, labels };
}

export const denseDataset = (d: TrainingData) => ({ data: d.features, nrow: d.rows, ncol: FEATURE_COUNT, labels: d.labels });
