import { livePerformance, OutcomeRow, rollingAccuracy } from './live-performance';

const at = (s: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, s));
const row = (probability: number, actualWinner: string, s: number): OutcomeRow => ({ probability, actualWinner, feedbackAt: at(s) });

describe('live performance on reported outcomes', () => {
  it('scores a version with the test-split metrics: A wins is positive, draws are not A', () => {
    const rows = [row(0.9, 'A', 1), row(0.8, 'B', 2), row(0.3, 'B', 3), row(0.4, 'A', 4), row(0.6, 'draw', 5)];
    const p = livePerformance('3', rows);
    expect(p).toMatchObject({ version: '3', samples: 5, confusion: { tp: 1, fp: 2, tn: 1, fn: 1 }, firstFeedbackAt: at(1), lastFeedbackAt: at(5) });
    expect(p.accuracy).toBeCloseTo(2 / 5);
    expect(p.brier).toBeCloseTo((0.01 + 0.64 + 0.09 + 0.36 + 0.36) / 5);
    expect(p.logLoss).toBeCloseTo(-(Math.log(0.9) + Math.log(0.2) + Math.log(0.7) + Math.log(0.4) + Math.log(0.4)) / 5);
    expect(p.calibration.reduce((n, b) => n + b.count, 0)).toBe(5);
  });

  it('has no figures, rather than zeros, without outcomes; no ROC-AUC with one class only', () => {
    expect(livePerformance('1', [])).toMatchObject({ samples: 0, accuracy: null, logLoss: null, brier: null, rocAuc: null, rolling: [], lastFeedbackAt: null });
    const oneClass = livePerformance('1', [row(0.2, 'A', 1), row(0.7, 'A', 2)]);
    expect(oneClass.rocAuc).toBeNull();
    expect(oneClass.accuracy).toBe(0.5);
  });

  it('rolls accuracy over a sliding window in feedback order, bounded in points', () => {
    // Right, right, wrong, wrong (given out of order).
    const rows = [row(0.2, 'A', 3), row(0.9, 'A', 1), row(0.1, 'B', 2), row(0.7, 'B', 4)];
    expect(rollingAccuracy(rows, 2).map((p) => [p.at.getTime(), p.accuracy, p.samples])).toEqual([
      [at(2).getTime(), 1, 2],
      [at(3).getTime(), 0.5, 2],
      [at(4).getTime(), 0, 2],
    ]);
    expect(rollingAccuracy(rows, 10)).toEqual([{ at: at(4), accuracy: 0.5, samples: 4 }]);
    const many = Array.from({ length: 1000 }, (_, i) => row(0.9, i % 4 ? 'A' : 'B', i));
    const points = rollingAccuracy(many, 50, 100);
    expect(points.length).toBeLessThanOrEqual(100);
    expect(points.length).toBeGreaterThan(90);
    expect(points.at(-1)).toEqual({ at: at(999), accuracy: 0.76, samples: 50 });
    expect(points.every((p, i) => i === 0 || p.at > points[i - 1].at)).toBe(true);
  });
});
