import { calibrationBins, classificationMetrics, expectedCalibrationError, logLoss, rocAuc } from './classification-metrics';

describe('classification metrics', () => {
  it('computes ROC-AUC by ranks, ties averaged', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75);
    expect(rocAuc([0, 1], [0.5, 0.5])).toBeCloseTo(0.5);
    expect(rocAuc([1, 1], [0.2, 0.3])).toBeNaN();
  });

  it('computes log loss, clipping certain mistakes', () => {
    expect(logLoss([1, 0], [0.9, 0.1])).toBeCloseTo(-Math.log(0.9));
    expect(Number.isFinite(logLoss([1], [0]))).toBe(true);
  });

  it('reports the confusion matrix, precision, recall, F1 and Brier', () => {
    const m = classificationMetrics([1, 1, 0, 0, 1], [0.9, 0.4, 0.6, 0.2, 0.7]);
    expect(m.confusion).toEqual({ tp: 2, fp: 1, tn: 1, fn: 1 });
    expect(m.accuracy).toBeCloseTo(0.6);
    expect(m.precision).toBeCloseTo(2 / 3);
    expect(m.recall).toBeCloseTo(2 / 3);
    expect(m.f1).toBeCloseTo(2 / 3);
    expect(m.brier).toBeCloseTo((0.01 + 0.36 + 0.36 + 0.04 + 0.09) / 5);
  });

  it('measures calibration: perfect bins give ECE 0, overconfidence does not', () => {
    const labels = [1, 0, 1, 0, 1, 1, 1, 1, 1, 0];
    expect(expectedCalibrationError(labels, labels.map(() => 0.7))).toBeCloseTo(0);
    expect(expectedCalibrationError(labels, labels.map(() => 0.99))).toBeCloseTo(0.29);
    expect(calibrationBins([1, 0], [0.05, 0.95])).toHaveLength(10);
  });
});
