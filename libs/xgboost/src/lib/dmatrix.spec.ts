import { DMatrix, withDMatrix, xgboostHandleStats } from '../index';

const data = Float32Array.from([1, 2, 3, 4, 5, 6]);

describe('DMatrix', () => {
  it('copies a row-major matrix with labels, weights and feature names', () => {
    using dmatrix = DMatrix.fromDense({
      data,
      nrow: 3,
      ncol: 2,
      labels: [0, 1, 1],
      weights: Float32Array.from([1, 2, 3]),
      featureNames: ['hp', 'speed'],
    });
    data.fill(0); // XGBoost holds its own copy
    expect(dmatrix.numRows).toBe(3);
    expect(dmatrix.numCols).toBe(2);
    expect(Array.from(dmatrix.getLabels())).toEqual([0, 1, 1]);
    expect(Array.from(dmatrix.getWeights())).toEqual([1, 2, 3]);
    expect(dmatrix.getFeatureNames()).toEqual(['hp', 'speed']);
  });

  it('rejects shapes and label counts that do not match', () => {
    expect(() => DMatrix.fromDense({ data: new Float32Array(5), nrow: 3, ncol: 2 })).toThrow(RangeError);
    const before = xgboostHandleStats().live;
    expect(() => DMatrix.fromDense({ data: new Float32Array(6), nrow: 3, ncol: 2, labels: [1, 0] })).toThrow(
      'got 2 values for 3 rows',
    );
    expect(xgboostHandleStats().live).toBe(before); // the half-built matrix was freed
  });

  it('frees once, and refuses use after free instead of crashing', () => {
    const dmatrix = DMatrix.fromDense({ data: new Float32Array(4), nrow: 2, ncol: 2 });
    dmatrix.free();
    dmatrix.free();
    expect(dmatrix.isFreed).toBe(true);
    expect(() => dmatrix.numRows).toThrow('DMatrix has already been freed');
  });

  it('is freed at the end of a `using` block', () => {
    let kept: DMatrix | undefined;
    {
      using dmatrix = DMatrix.fromDense({ data: new Float32Array(4), nrow: 2, ncol: 2 });
      kept = dmatrix;
      expect(kept.isFreed).toBe(false);
    }
    expect(kept.isFreed).toBe(true);
  });

  it('withDMatrix frees after the callback, also when it throws or its promise rejects', async () => {
    let kept: DMatrix | undefined;
    expect(withDMatrix({ data: new Float32Array(4), nrow: 2, ncol: 2 }, (d) => ((kept = d), d.numRows))).toBe(2);
    expect(kept?.isFreed).toBe(true);

    expect(() =>
      withDMatrix({ data: new Float32Array(4), nrow: 2, ncol: 2 }, (d) => {
        kept = d;
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(kept?.isFreed).toBe(true);

    await expect(
      withDMatrix({ data: new Float32Array(4), nrow: 2, ncol: 2 }, async (d) => {
        kept = d;
        await Promise.resolve();
        expect(d.isFreed).toBe(false);
        throw new Error('later');
      }),
    ).rejects.toThrow('later');
    expect(kept?.isFreed).toBe(true);
  });

  it('treats NaN and the configured missing value as missing', () => {
    using dmatrix = DMatrix.fromDense({ data: Float32Array.from([Number.NaN, -1, 2, 3]), nrow: 2, ncol: 2, missing: -1 });
    expect(dmatrix.numRows).toBe(2);
  });
});
