import { binaryDataset } from '../../test/synthetic-data';
import { Booster, BoosterParams, DMatrix, XGBoostError, train, trainInWorker } from '../index';

const params: BoosterParams = { objective: 'binary:logistic', eval_metric: 'logloss', tree_method: 'hist', max_depth: 4, seed: 3, nthread: 2 };

describe('trainInWorker', () => {
  it('keeps the calling event loop responsive during a multi-second training', async () => {
    const big = binaryDataset(100_000, 20, { seed: 5, informative: 2, noise: 0.1 });
    let last = performance.now();
    let maxGap = 0;
    let ticks = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
      ticks++;
    }, 10);
    const started = performance.now();
    try {
      const result = await trainInWorker({
        params: { objective: 'binary:logistic', max_depth: 6, tree_method: 'hist' },
        rounds: 400,
        dtrain: big,
      });
      expect(result.roundsRun).toBe(400);
    } finally {
      clearInterval(timer);
    }
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThan(1000);
    expect(maxGap).toBeLessThan(200);
    expect(ticks).toBeGreaterThan(elapsed / 50);
  }, 120_000);

  it('returns the same model as training in-process, with history and progress', async () => {
    const data = binaryDataset(2000, 5, { seed: 9, informative: 0, noise: 0.05 });
    const valid = binaryDataset(500, 5, { seed: 10, informative: 0, noise: 0.05 });
    const progress: number[] = [];
    const result = await trainInWorker({
      params,
      rounds: 20,
      dtrain: data,
      evals: [{ name: 'valid', data: valid }],
      modelFormat: 'json',
      onIteration: ({ iteration }) => progress.push(iteration),
    });
    expect(progress).toEqual([...Array(20).keys()]);
    expect(result.history.valid.logloss).toHaveLength(20);
    expect(result.modelFormat).toBe('json');

    using dvalid = DMatrix.fromDense(valid);
    using dtrain = DMatrix.fromDense(data);
    using fromWorker = Booster.fromModelBuffer(result.model);
    const local = train({ params, rounds: 20, dtrain });
    try {
      expect(Array.from(fromWorker.predict(dvalid))).toEqual(Array.from(local.booster.predict(dvalid)));
    } finally {
      local.booster.free();
    }
  }, 60_000);

  it('shares SharedArrayBuffer data and can move ordinary buffers instead of copying them', async () => {
    const data = binaryDataset(1000, 4, { seed: 2 });
    const shared = new Float32Array(new SharedArrayBuffer(data.data.byteLength));
    shared.set(data.data);
    const sharedResult = await trainInWorker({ params, rounds: 3, dtrain: { ...data, data: shared } });
    expect(sharedResult.roundsRun).toBe(3);
    expect(shared.length).toBe(4000);

    const moved = await trainInWorker({ params, rounds: 3, dtrain: data, transfer: true });
    expect(moved.roundsRun).toBe(3);
    expect(data.data.byteLength).toBe(0); // detached: now owned by the worker
  }, 60_000);

  it('rejects with the XGBoostError raised inside the worker', async () => {
    const data = binaryDataset(100, 3, { seed: 4 });
    const failure = trainInWorker({ params: { ...params, objective: 'binary:nope' }, rounds: 3, dtrain: data });
    await expect(failure).rejects.toBeInstanceOf(XGBoostError);
    await expect(failure).rejects.toThrow(/Unknown objective function: `binary:nope`/);
  }, 60_000);

  it('stops after the current round when aborted', async () => {
    const data = binaryDataset(20_000, 10, { seed: 6 });
    const controller = new AbortController();
    let rounds = 0;
    const training = trainInWorker({
      params,
      rounds: 100_000,
      dtrain: data,
      signal: controller.signal,
      onIteration: () => {
        if (++rounds === 3) controller.abort(new Error('user cancelled'));
      },
    });
    await expect(training).rejects.toThrow('user cancelled');
    expect(rounds).toBeLessThan(100);
  }, 60_000);

  it('validates its input before starting a worker', () => {
    expect(() => trainInWorker({ params, dtrain: { data: new Float32Array(3), nrow: 1, ncol: 3 } })).toThrow('rounds');
    expect(() => trainInWorker({ params, rounds: 1, dtrain: { data: new Float32Array(3), nrow: 2, ncol: 3 } })).toThrow(RangeError);
  });
});
