import { binaryDataset, sliceRows } from '../../test/synthetic-data';
import { BoosterParams, DMatrix, train, xgboostHandleStats } from '../index';

const NCOL = 6;

describe('train', () => {
  // Noisy labels + deep trees + a large step: validation loss bottoms out within a few rounds.
  const all = binaryDataset(3000, NCOL, { seed: 11, informative: 1, noise: 0.2 });
  const params: BoosterParams = {
    objective: 'binary:logistic',
    eval_metric: ['auc', 'logloss'],
    tree_method: 'hist',
    max_depth: 8,
    eta: 0.6,
    seed: 1,
    nthread: 2,
  };
  let dtrain: DMatrix;
  let dvalid: DMatrix;

  beforeAll(() => {
    dtrain = DMatrix.fromDense({ data: sliceRows(all.data, NCOL, 0, 2000), nrow: 2000, ncol: NCOL, labels: all.labels.slice(0, 2000) });
    dvalid = DMatrix.fromDense({ data: sliceRows(all.data, NCOL, 2000, 3000), nrow: 1000, ncol: NCOL, labels: all.labels.slice(2000) });
  });

  afterAll(() => {
    dtrain.free();
    dvalid.free();
  });

  it('records every round of every eval set and metric', () => {
    const result = train({
      params: { ...params, n_estimators: 5 },
      dtrain,
      evals: [
        { name: 'train', dmatrix: dtrain },
        { name: 'valid', dmatrix: dvalid },
      ],
    });
    try {
      expect(result.roundsRun).toBe(5);
      expect(result.bestIteration).toBe(4);
      expect(result.stoppedEarly).toBe(false);
      expect(result.history.train.auc).toHaveLength(5);
      expect(result.history.valid.logloss).toHaveLength(5);
      expect(result.booster.boostedRounds).toBe(5);
    } finally {
      result.booster.free();
    }
  });

  it('stops early on the last metric of the last eval set and keeps only the best rounds', () => {
    const result = train({
      params,
      rounds: 300,
      dtrain,
      evals: [
        { name: 'train', dmatrix: dtrain },
        { name: 'valid', dmatrix: dvalid },
      ],
      earlyStoppingRounds: 5,
    });
    try {
      const losses = result.history.valid.logloss;
      expect(result.stoppedEarly).toBe(true);
      expect(result.bestIteration).toBeGreaterThan(0);
      expect(result.roundsRun).toBe(result.bestIteration + 6);
      expect(losses).toHaveLength(result.roundsRun);
      expect(result.bestScore).toBe(Math.min(...losses));
      expect(losses.indexOf(Math.min(...losses))).toBe(result.bestIteration);
      expect(result.booster.boostedRounds).toBe(result.bestIteration + 1);
      expect(result.booster.getAttribute('best_iteration')).toBe(String(result.bestIteration));

      // Same as predicting with the full model limited to the best rounds.
      const full = train({ params, rounds: result.roundsRun, dtrain });
      try {
        const limited = full.booster.predict(dvalid, { iterationRange: [0, result.bestIteration + 1] });
        expect(Array.from(result.booster.predict(dvalid))).toEqual(Array.from(limited));
      } finally {
        full.booster.free();
      }
    } finally {
      result.booster.free();
    }
  });

  it('infers the direction from the metric unless told', () => {
    const evals = [{ name: 'valid', dmatrix: dvalid }];
    const aucParams = { ...params, eval_metric: 'auc' };
    const inferred = train({ params: aucParams, rounds: 200, dtrain, evals, earlyStoppingRounds: 5 });
    const inverted = train({ params: aucParams, rounds: 200, dtrain, evals, earlyStoppingRounds: 5, maximize: false });
    try {
      expect(inferred.bestScore).toBe(Math.max(...inferred.history.valid.auc));
      expect(inverted.bestScore).toBe(Math.min(...inverted.history.valid.auc));
      expect(inverted.bestIteration).not.toBe(inferred.bestIteration);
    } finally {
      inferred.booster.free();
      inverted.booster.free();
    }
  });

  it('validates rounds and early-stopping settings', () => {
    expect(() => train({ params, dtrain })).toThrow('rounds (or params.n_estimators) must be a positive integer');
    expect(() => train({ params, rounds: 3, dtrain, earlyStoppingRounds: 2 })).toThrow('needs at least one eval set');
  });

  it('frees the booster when a round fails or the callback aborts', () => {
    const live = xgboostHandleStats().live;
    expect(() =>
      train({
        params,
        rounds: 10,
        dtrain,
        onIteration: ({ iteration }) => {
          if (iteration === 2) throw new Error('stop here');
        },
      }),
    ).toThrow('stop here');
    expect(() => train({ params: { ...params, max_depth: -3 }, rounds: 2, dtrain })).toThrow(/max_depth/);
    expect(xgboostHandleStats().live).toBe(live);
  });
});
