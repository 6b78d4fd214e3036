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
    const [x, y, z] = await Promise.all([batcher.predict(model, rows(1, 2), 2), batcher.predict(model, rows(3), 1), batcher.predict(model, rows(4, 5, 6), 3)]);
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

  describe('with a model that predicts off the event loop', () => {
    /** Calls stay pending until the test releases them: what arrives meanwhile is visible. */
    class AsyncEchoModel extends EchoModel {
      asyncCalls: number[] = [];
      private releases: (() => void)[] = [];
      constructor(private readonly failAsync = false) {
        super();
      }
      predictAsync(features: Float32Array, rows: number): Promise<Float32Array> {
        this.asyncCalls.push(rows);
        return new Promise((resolve, reject) => {
          this.releases.push(() => (this.failAsync ? reject(new Error('worker failure')) : resolve(Float32Array.from({ length: rows }, (_, r) => features[r * FEATURE_COUNT]))));
        });
      }
      get waiting(): number {
        return this.releases.length;
      }
      finishNext(): void {
        this.releases.shift()?.();
      }
    }
    const turn = () => new Promise((r) => setImmediate(r));

    it('sends what arrives during a call in the next call, at the end of the turn it returns in, and never two calls at once', async () => {
      const stats: BatchStats[] = [];
      const batcher = new PredictionBatcher<AsyncEchoModel>((s) => stats.push(s));
      const model = new AsyncEchoModel();
      const first = [batcher.predict(model, rows(1), 1), batcher.predict(model, rows(2, 3), 2)];
      await turn();
      expect(model.asyncCalls).toEqual([3]);
      // Arrive while the first call runs, over several turns: they wait, and go out together.
      const second = [batcher.predict(model, rows(4), 1)];
      await turn();
      second.push(batcher.predict(model, rows(5, 6), 2));
      await turn();
      expect(model.asyncCalls).toEqual([3]);
      expect(model.waiting).toBe(1);
      model.finishNext();
      expect((await Promise.all(first)).map((p) => Array.from(p))).toEqual([[1], [2, 3]]);
      // Requests of the turn in which the call returned join them.
      second.push(batcher.predict(model, rows(7), 1));
      await turn();
      expect(model.asyncCalls).toEqual([3, 4]);
      model.finishNext();
      expect((await Promise.all(second)).map((p) => Array.from(p))).toEqual([[4], [5, 6], [7]]);
      expect(model.calls).toEqual([]);
      expect(stats.map((s) => [s.requests, s.rows])).toEqual([
        [2, 3],
        [3, 4],
      ]);
      // Idle again: a new request goes out at the end of its own turn.
      const third = batcher.predict(model, rows(8), 1);
      await turn();
      expect(model.asyncCalls).toEqual([3, 4, 1]);
      model.finishNext();
      expect(Array.from(await third)).toEqual([8]);
    });

    it('fails only the requests of a failed call, then goes on with the next', async () => {
      const batcher = new PredictionBatcher<AsyncEchoModel>();
      const bad = new AsyncEchoModel(true);
      const good = new AsyncEchoModel();
      const failed = batcher.predict(bad, rows(1), 1);
      const ok = batcher.predict(good, rows(2), 1);
      await turn();
      expect([bad.waiting, good.waiting]).toEqual([1, 1]);
      bad.finishNext();
      good.finishNext();
      await expect(failed).rejects.toThrow('worker failure');
      expect(Array.from(await ok)).toEqual([2]);
    });
  });
});
