/** Deterministic PRNG (mulberry32) so specs are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BinaryDataset {
  data: Float32Array;
  labels: Float32Array;
  nrow: number;
  ncol: number;
}

/**
 * Binary labels decided by column `informative` (> 0.5) with `noise` of them flipped; every other
 * column is uniform noise. Row-major.
 */
export function binaryDataset(nrow: number, ncol: number, options: { seed?: number; informative?: number; noise?: number } = {}): BinaryDataset {
  const random = seededRandom(options.seed ?? 42);
  const informative = options.informative ?? 0;
  const noise = options.noise ?? 0;
  const data = new Float32Array(nrow * ncol);
  const labels = new Float32Array(nrow);
  for (let i = 0; i < nrow; i++) {
    for (let j = 0; j < ncol; j++) data[i * ncol + j] = random();
    const label = data[i * ncol + informative] > 0.5 ? 1 : 0;
    labels[i] = random() < noise ? 1 - label : label;
  }
  return { data, labels, nrow, ncol };
}

/** Rank-based AUC (ties ignored: fine for continuous scores). */
export function auc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const order = Array.from(scores, (s, i) => [s, labels[i]] as const).sort((a, b) => a[0] - b[0]);
  let positives = 0;
  let rankSum = 0;
  order.forEach(([, label], rank) => {
    if (label === 1) {
      positives++;
      rankSum += rank + 1;
    }
  });
  const negatives = order.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function accuracy(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if ((probabilities[i] > 0.5 ? 1 : 0) === labels[i]) correct++;
  return correct / labels.length;
}

/** Rows [start, end) of a row-major matrix, sharing no memory with it. */
export function sliceRows(data: Float32Array, ncol: number, start: number, end: number): Float32Array {
  return data.slice(start * ncol, end * ncol);
}
