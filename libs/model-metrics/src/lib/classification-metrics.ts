export interface ConfusionMatrix {
  /** Actual A wins predicted as A wins. */
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface ClassificationMetrics {
  rows: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  roc_auc: number;
  log_loss: number;
  brier: number;
  /** Expected calibration error over 10 equal-width probability bins. */
  ece: number;
  confusion: ConfusionMatrix;
}

const EPS = 1e-15;

/** Area under the ROC curve by the rank statistic, with ties sharing their average rank. */
export function rocAuc(labels: ArrayLike<number>, probs: ArrayLike<number>): number {
  const n = labels.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => probs[i] - probs[j]);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && probs[order[j + 1]] === probs[order[i]]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]] === 1) {
        positives++;
        rankSum += avgRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (!positives || !negatives) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function logLoss(labels: ArrayLike<number>, probs: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(Math.max(probs[i], EPS), 1 - EPS);
    sum += labels[i] === 1 ? -Math.log(p) : -Math.log(1 - p);
  }
  return sum / labels.length;
}

export interface CalibrationBin {
  lower: number;
  upper: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

export function calibrationBins(labels: ArrayLike<number>, probs: ArrayLike<number>, bins = 10): CalibrationBin[] {
  const out = Array.from({ length: bins }, (_, b) => ({ lower: b / bins, upper: (b + 1) / bins, count: 0, sumP: 0, sumY: 0 }));
  for (let i = 0; i < labels.length; i++) {
    const b = Math.min(bins - 1, Math.floor(probs[i] * bins));
    out[b].count++;
    out[b].sumP += probs[i];
    out[b].sumY += labels[i];
  }
  return out.map((b) => ({
    lower: b.lower,
    upper: b.upper,
    count: b.count,
    meanPredicted: b.count ? b.sumP / b.count : NaN,
    observedRate: b.count ? b.sumY / b.count : NaN,
  }));
}

export function expectedCalibrationError(labels: ArrayLike<number>, probs: ArrayLike<number>, bins = 10): number {
  const n = labels.length;
  return calibrationBins(labels, probs, bins).reduce((acc, b) => (b.count ? acc + (b.count / n) * Math.abs(b.meanPredicted - b.observedRate) : acc), 0);
}

/** Every metric the evaluation reports, with A-wins as the positive class and 0.5 as threshold. */
export function classificationMetrics(labels: ArrayLike<number>, probs: ArrayLike<number>): ClassificationMetrics {
  const confusion: ConfusionMatrix = { tp: 0, fp: 0, tn: 0, fn: 0 };
  let brier = 0;
  for (let i = 0; i < labels.length; i++) {
    const predicted = probs[i] >= 0.5 ? 1 : 0;
    if (predicted === 1 && labels[i] === 1) confusion.tp++;
    else if (predicted === 1) confusion.fp++;
    else if (labels[i] === 1) confusion.fn++;
    else confusion.tn++;
    brier += (probs[i] - labels[i]) ** 2;
  }
  const n = labels.length;
  const precision = confusion.tp + confusion.fp ? confusion.tp / (confusion.tp + confusion.fp) : 0;
  const recall = confusion.tp + confusion.fn ? confusion.tp / (confusion.tp + confusion.fn) : 0;
  return {
    rows: n,
    accuracy: (confusion.tp + confusion.tn) / n,
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    roc_auc: rocAuc(labels, probs),
    log_loss: logLoss(labels, probs),
    brier: brier / n,
    ece: expectedCalibrationError(labels, probs),
    confusion,
  };
}
