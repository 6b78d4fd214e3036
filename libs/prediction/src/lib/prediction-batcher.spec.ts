import { FEATURE_COUNT } from '@predictiondex/battle';
import { BatchStats, PredictionBatcher } from './prediction-batcher';

/** P(row) = the row's first feature: results can be traced back to their rows. */
class EchoModel {
  calls: number[] = [];
  constructor(private readonly fail = false) {}
  predict(features: Float32Array, rows: number): Float32Array {
    if (this.fail) throw new Error('native failure');
    this.calls.push(rows);
    return Float32Array.from({ length: rows }, (_, r) => features[r * FEATURE_COUNT]);
  }
}

function rows(...firsts: number[]): Float32Array {
  const out = new Float32Array(firsts.length * FEATURE_COUNT);
  firsts.forEach((v, r) => (out[r * FEATURE_COUNT] = v));
  return out;
}

describe('PredictionBatcher', () => {
  it('answers concurrent requests with one model call, each getting its own rows back', async () => {
    const stats: BatchStats[] = [];
    const batcher = new PredictionBatcher<EchoModel>((s) => stats.push(s));
    const model = new EchoModel();
    const [x, y, z] = await Promise.all([
      batcher.predict(model, rows(1, 2), 2),
      batcher.predict(model, rows(3), 1),
      batcher.predict(model, rows(4, 5, 6), 3),
    ]);
    expect(model.calls).toEqual([6]);
    expect(Array.from(x)).toEqual([1, 2]);
    expect(Array.from(y)).toEqual([3]);
    expect(Array.from(z)).toEqual([4, 5, 6]);
    expect(stats).toEqual([{ requests: 3, rows: 6, seconds: expect.any(Number) }]);
    // A later request is a new batch.
    await batcher.predict(model, rows(7), 1);
    expect(model.calls).toEqual([6, 1]);
  });

  it('calls each model separately (a swap in progress) and fails only the requests of a failing call', async () => {
    const batcher = new PredictionBatcher<EchoModel>();
    const good = new EchoModel();
    const bad = new EchoModel(true);
    const results = await Promise.allSettled([batcher.predict(good, rows(1), 1), batcher.predict(bad, rows(2), 1), batcher.predict(good, rows(3), 1)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(good.calls).toEqual([2]);
    await expect(batcher.predict(good, rows(1), 2)).rejects.toThrow(/expected/);
  });
});
