import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accuracy, auc, binaryDataset, sliceRows } from '../../test/synthetic-data';
import { Booster, BoosterParams, DMatrix, XGBoostError, train } from '../index';

const NCOL = 5;
const INFORMATIVE = 3;
const params: BoosterParams = {
  objective: 'binary:logistic',
  eval_metric: 'auc',
  tree_method: 'hist',
  max_depth: 3,
  eta: 0.3,
  seed: 7,
  nthread: 2,
};

describe('Booster', () => {
  const all = binaryDataset(3000, NCOL, { seed: 1, informative: INFORMATIVE, noise: 0.02 });
  const trainRows = 2000;
  let dtrain: DMatrix;
  let dtest: DMatrix;
  let booster: Booster;
  const testData = sliceRows(all.data, NCOL, trainRows, all.nrow);
  const testLabels = all.labels.slice(trainRows);

  beforeAll(() => {
    dtrain = DMatrix.fromDense({
      data: sliceRows(all.data, NCOL, 0, trainRows),
      nrow: trainRows,
      ncol: NCOL,
      labels: all.labels.slice(0, trainRows),
      featureNames: ['atk', 'def', 'spa', 'speed_diff', 'hp'],
    });
    dtest = DMatrix.fromDense({ data: testData, nrow: all.nrow - trainRows, ncol: NCOL, labels: testLabels });
    booster = train({ params, rounds: 30, dtrain }).booster;
  });

  afterAll(() => {
    booster.free();
    dtrain.free();
    dtest.free();
  });

  it('learns a separable problem', () => {
    const predictions = booster.predict(dtest);
    expect(predictions).toHaveLength(testLabels.length);
    expect(auc(testLabels, predictions)).toBeGreaterThan(0.95);
    expect(accuracy(testLabels, predictions)).toBeGreaterThan(0.95);
    expect(booster.numFeatures).toBe(NCOL);
    expect(booster.boostedRounds).toBe(30);
  });

  it('evaluates every configured metric per dataset', () => {
    booster.setParam('eval_metric', 'logloss');
    const scores = booster.evalOneIter(29, [
      { name: 'train', dmatrix: dtrain },
      { name: 'test', dmatrix: dtest },
    ]);
    expect(Object.keys(scores.test)).toEqual(['auc', 'logloss']);
    expect(scores.test.auc).toBeGreaterThan(0.95);
    expect(scores.train.logloss).toBeLessThan(0.3);
  });

  it('predicts the same from a dense buffer as from a DMatrix, for a batch and a single row', () => {
    const viaDMatrix = booster.predict(dtest);
    const viaDense = booster.predictDense({ data: testData, nrow: all.nrow - trainRows, ncol: NCOL });
    expect(Array.from(viaDense)).toEqual(Array.from(viaDMatrix));

    const row = testData.subarray(7 * NCOL, 8 * NCOL); // a view at a non-zero offset
    expect(Array.from(booster.predictDense(row))).toEqual([viaDMatrix[7]]);
    expect(booster.predictDense({ data: new Float32Array(0), nrow: 0, ncol: NCOL })).toHaveLength(0);
  });

  it('predicts off the calling thread with the same results, one call at a time per booster', async () => {
    const rows = all.nrow - trainRows;
    const expected = Array.from(booster.predictDense({ data: testData, nrow: rows, ncol: NCOL }));
    // Many calls at once, each a different slice: every promise gets its own rows' results, not
    // another call's (results live in per-thread XGBoost buffers; calls must not overlap).
    const slices = Array.from({ length: 40 }, (_, i) => ({ start: (i * 23) % (rows - 30), count: 1 + (i % 30) }));
    const results = await Promise.all(
      slices.map(({ start, count }) => booster.predictDenseAsync({ data: testData.subarray(start * NCOL, (start + count) * NCOL), nrow: count, ncol: NCOL })),
    );
    results.forEach((p, i) => expect(Array.from(p)).toEqual(expected.slice(slices[i].start, slices[i].start + slices[i].count)));
    const [margin] = await booster.predictDenseAsync(testData.subarray(0, NCOL), { outputMargin: true });
    expect(margin).toBe(booster.predictDense(testData.subarray(0, NCOL), { outputMargin: true })[0]);
    expect(await booster.predictDenseAsync({ data: new Float32Array(0), nrow: 0, ncol: NCOL })).toHaveLength(0);
  });

  it('lets the event loop run while an async prediction computes', async () => {
    const big = new Float32Array(20_000 * NCOL).map((_, i) => testData[i % testData.length]);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      const p = await booster.predictDenseAsync({ data: big, nrow: 20_000, ncol: NCOL });
      expect(p).toHaveLength(20_000);
      expect(ticks).toBeGreaterThan(0);
    } finally {
      clearInterval(timer);
    }
  });

  it('returns independent copies of predictions', () => {
    const first = booster.predictDense(testData.subarray(0, NCOL));
    const copy = first[0];
    booster.predictDense(testData.subarray(NCOL, 2 * NCOL));
    expect(first[0]).toBe(copy);
  });

  it('outputs margins and honours an iteration range', () => {
    const row = testData.subarray(0, NCOL);
    const [probability] = booster.predictDense(row);
    const [margin] = booster.predictDense(row, { outputMargin: true });
    expect(1 / (1 + Math.exp(-margin))).toBeCloseTo(probability, 5);
    const [early] = booster.predict(dtest, { iterationRange: [0, 1] });
    using firstRound = booster.slice(0, 1);
    expect(firstRound.predict(dtest)[0]).toBe(early);
  });

  it('ranks the informative feature first by total gain, with the training feature names', () => {
    const importance = booster.featureImportance();
    expect(importance[0].feature).toBe('speed_diff');
    expect(importance[0].score).toBeGreaterThan(10 * (importance[1]?.score ?? 0));
    expect(booster.featureImportance('gain')[0].feature).toBe('speed_diff');
    expect(booster.featureImportance('weight').every((f) => Number.isInteger(f.score))).toBe(true);
  });

  it.each(['json', 'ubj'] as const)('round-trips a %s buffer with identical predictions', (format) => {
    const model = booster.saveModelToBuffer(format);
    if (format === 'json') expect(JSON.parse(Buffer.from(model).toString('utf8'))).toHaveProperty('learner');
    using loaded = Booster.fromModelBuffer(model);
    expect(Array.from(loaded.predict(dtest))).toEqual(Array.from(booster.predict(dtest)));
    expect(loaded.getFeatureNames()).toEqual(booster.getFeatureNames());
  });

  it('round-trips .json and .ubj files and refuses the deprecated binary format', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xgboost-spec-'));
    try {
      for (const file of ['model.json', 'model.ubj']) {
        booster.saveModel(join(dir, file));
        using loaded = Booster.fromModelFile(join(dir, file));
        expect(Array.from(loaded.predict(dtest))).toEqual(Array.from(booster.predict(dtest)));
      }
      expect(() => booster.saveModel(join(dir, 'model.bin'))).toThrow('.json or .ubj');
      expect(() => Booster.fromModelFile(join(dir, 'missing.json'))).toThrow(XGBoostError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stores attributes in the model', () => {
    using copy = Booster.fromModelBuffer(booster.saveModelToBuffer('json'));
    copy.setAttribute('trained_by', 'predictiondex');
    using reloaded = Booster.fromModelBuffer(copy.saveModelToBuffer('ubj'));
    expect(reloaded.getAttribute('trained_by')).toBe('predictiondex');
    reloaded.setAttribute('trained_by', undefined);
    expect(reloaded.getAttribute('trained_by')).toBeUndefined();
  });
});

describe('Booster errors', () => {
  const tiny = binaryDataset(50, 3, { seed: 3 });

  it('surfaces an invalid parameter as an XGBoostError carrying XGBoost’s message', () => {
    using dtrain = DMatrix.fromDense(tiny);
    using booster = Booster.create({ cache: [dtrain], params: { objective: 'binary:logistic' } });
    booster.setParam('max_depth', 'deep');
    let thrown: unknown;
    try {
      booster.updateOneIter(0, dtrain);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(XGBoostError);
    expect((thrown as XGBoostError).functionName).toBe('XGBoosterUpdateOneIter');
    expect((thrown as XGBoostError).message).toContain("Invalid Parameter format for max_depth expect int but value='deep'");
    expect((thrown as XGBoostError).message).not.toContain('Stack trace');
  });

  it('rejects an unknown objective', () => {
    using dtrain = DMatrix.fromDense(tiny);
    using booster = Booster.create({ cache: [dtrain], params: { objective: 'binary:nope' } });
    expect(() => booster.updateOneIter(0, dtrain)).toThrow(/Unknown objective function: `binary:nope`/);
  });

  it('rejects a garbage model buffer', () => {
    expect(() => Booster.fromModelBuffer(Buffer.from('definitely not a model'))).toThrow(XGBoostError);
    expect(() => Booster.fromModelBuffer(Buffer.from('{"learner": 1}'))).toThrow(XGBoostError);
  });

  it('rejects a feature-count mismatch in dense prediction', () => {
    using dtrain = DMatrix.fromDense({ ...tiny, labels: tiny.labels });
    using booster = train({ params: { objective: 'binary:logistic' }, rounds: 2, dtrain }).booster;
    expect(() => booster.predictDense(new Float32Array(7))).toThrow(XGBoostError);
    expect(() => booster.predictDense({ data: new Float32Array(7), nrow: 2, ncol: 3 })).toThrow(RangeError);
  });

  it('refuses to use a freed booster', async () => {
    const booster = Booster.create();
    booster.free();
    expect(() => booster.saveModelToBuffer()).toThrow('Booster has already been freed');
    await expect(booster.predictDenseAsync(new Float32Array(3))).rejects.toThrow('Booster has already been freed');
  });

  it('rejects a feature-count mismatch in async prediction with XGBoost’s message', async () => {
    using dtrain = DMatrix.fromDense({ ...tiny, labels: tiny.labels });
    using booster = train({ params: { objective: 'binary:logistic' }, rounds: 2, dtrain }).booster;
    const error = await booster.predictDenseAsync(new Float32Array(7)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XGBoostError);
    expect((error as XGBoostError).message).toMatch(/feature/i);
    await expect(booster.predictDenseAsync({ data: new Float32Array(7), nrow: 2, ncol: 3 })).rejects.toThrow(RangeError);
  });

  it('frees a booster only after the async predictions it accepted have finished', async () => {
    using dtrain = DMatrix.fromDense({ ...tiny, labels: tiny.labels });
    const booster = train({ params: { objective: 'binary:logistic', nthread: 1 }, rounds: 5, dtrain }).booster;
    const expected = booster.predictDense({ data: tiny.data, nrow: tiny.nrow, ncol: 3 });
    const pending = [1, 2, 3].map(() => booster.predictDenseAsync({ data: tiny.data, nrow: tiny.nrow, ncol: 3 }));
    booster.free();
    expect(booster.isFreed).toBe(true);
    expect(() => booster.predictDense(tiny.data.subarray(0, 3))).toThrow('Booster has already been freed');
    await expect(booster.predictDenseAsync(tiny.data.subarray(0, 3))).rejects.toThrow('Booster has already been freed');
    for (const p of await Promise.all(pending)) expect(Array.from(p)).toEqual(Array.from(expected));
  });
});
