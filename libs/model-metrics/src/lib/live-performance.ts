import { CalibrationBin, calibrationBins, classificationMetrics, ConfusionMatrix } from './classification-metrics';

/** One served prediction with the outcome a user reported (a prediction_log row with feedback). */
export interface OutcomeRow {
  /** P(A wins) the model gave. */
  probability: number;
  /** 'A', 'B' (or 'draw', counted as "A did not win", as training labels it). */
  actualWinner: string;
  feedbackAt: Date;
}

export interface RollingAccuracyPoint {
  /** Feedback time of the last outcome in the window. */
  at: Date;
  accuracy: number;
  /** Outcomes in the window ending here. */
  samples: number;
}

/** Performance of one model version on its most recent reported outcomes. */
export interface LivePerformance {
  version: string;
  samples: number;
  /** Null without outcomes (nothing to measure, not zero). */
  accuracy: number | null;
  logLoss: number | null;
  brier: number | null;
  /** Null when the outcomes are all of one class (ROC-AUC is undefined then). */
  rocAuc: number | null;
  confusion: ConfusionMatrix;
  calibration: CalibrationBin[];
  rolling: RollingAccuracyPoint[];
  firstFeedbackAt: Date | null;
  lastFeedbackAt: Date | null;
}

/** Outcomes per point of the rolling accuracy, and the most points drawn. */
export const ROLLING_WINDOW = 50;
export const ROLLING_MAX_POINTS = 100;

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);
const label = (r: OutcomeRow): number => (r.actualWinner === 'A' ? 1 : 0);
const hit = (r: OutcomeRow): number => ((r.probability >= 0.5 ? 1 : 0) === label(r) ? 1 : 0);

/**
 * Accuracy over a sliding window of `size` outcomes (fewer while fewer exist), in feedback order,
 * sampled down to at most `maxPoints` points (the last point is always the latest window).
 */
export function rollingAccuracy(rows: readonly OutcomeRow[], size = ROLLING_WINDOW, maxPoints = ROLLING_MAX_POINTS): RollingAccuracyPoint[] {
  const sorted = [...rows].sort((a, b) => a.feedbackAt.getTime() - b.feedbackAt.getTime());
  const n = sorted.length;
  if (!n) return [];
  const k = Math.max(1, Math.min(size, n));
  const prefix = new Float64Array(n + 1);
  sorted.forEach((r, i) => (prefix[i + 1] = prefix[i] + hit(r)));
  const first = k - 1;
  const span = n - 1 - first;
  const step = Math.max(1, Math.ceil(span / Math.max(1, maxPoints - 1)));
  const points: RollingAccuracyPoint[] = [];
  for (let i = n - 1; i >= first && points.length < maxPoints; i -= step) {
    points.push({ at: sorted[i].feedbackAt, accuracy: (prefix[i + 1] - prefix[i + 1 - k]) / k, samples: k });
  }
  return points.reverse();
}

/**
 * Classification performance of a version on reported outcomes: the same metrics as the test-split
 * evaluation (A wins is the positive class, 0.5 the threshold), so live and offline figures compare.
 */
export function livePerformance(version: string, rows: readonly OutcomeRow[]): LivePerformance {
  const empty = { tp: 0, fp: 0, tn: 0, fn: 0 };
  if (!rows.length) {
    return { version, samples: 0, accuracy: null, logLoss: null, brier: null, rocAuc: null, confusion: empty, calibration: calibrationBins([], []), rolling: [], firstFeedbackAt: null, lastFeedbackAt: null };
  }
  const labels = rows.map(label);
  const probs = rows.map((r) => r.probability);
  const m = classificationMetrics(labels, probs);
  return {
    version,
    samples: rows.length,
    accuracy: m.accuracy,
    logLoss: finiteOrNull(m.log_loss),
    brier: m.brier,
    rocAuc: finiteOrNull(m.roc_auc),
    confusion: m.confusion,
    calibration: calibrationBins(labels, probs),
    rolling: rollingAccuracy(rows),
    firstFeedbackAt: new Date(rows.reduce((t, r) => Math.min(t, r.feedbackAt.getTime()), Infinity)),
    lastFeedbackAt: new Date(rows.reduce((t, r) => Math.max(t, r.feedbackAt.getTime()), -Infinity)),
  };
}
