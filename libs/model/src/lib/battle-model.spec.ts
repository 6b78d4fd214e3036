import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildFeatures, combatantFromDex, FEATURE_COUNT } from '@predictiondex/battle';
import { Booster, DMatrix } from '@predictiondex/xgboost';
import { BattleModel, readModelPackage, writeModelPackage } from './battle-model';
import { currentFeatureSpec, IncompatibleModelError, ModelMetadata } from './model-package';

function tinyModel(): Uint8Array {
  // Learns "A wins when A is faster" on a few real feature rows.
  const pairs: [string, string][] = [['jolteon', 'snorlax'], ['snorlax', 'jolteon'], ['alakazam', 'golem'], ['golem', 'alakazam']];
  const rows = pairs.map(([a, b]) => buildFeatures(combatantFromDex(a), 'tackle', combatantFromDex(b), 'tackle'));
  const data = new Float32Array(rows.length * FEATURE_COUNT);
  rows.forEach((r, i) => data.set(r, i * FEATURE_COUNT));
  const d = DMatrix.fromDense({ data, nrow: rows.length, ncol: FEATURE_COUNT, labels: new Float32Array([1, 0, 1, 0]) });
  const booster = Booster.create({ cache: [d], params: { objective: 'binary:logistic', max_depth: 2, eta: 0.5, min_child_weight: 0, nthread: 1 } });
  for (let i = 0; i < 5; i++) booster.updateOneIter(i, d);
  const buf = booster.saveModelToBuffer('json');
  booster.free();
  d.free();
  return buf;
}

const metadata: ModelMetadata = {
  name: 'battle-winner',
  trainedAt: '2026-01-01T00:00:00Z',
  featureVersion: currentFeatureSpec().featureVersion,
  datasetFingerprint: 'ds',
  dexFingerprint: 'dex',
  params: {},
  metrics: {},
  bestIteration: 4,
};

describe('BattleModel', () => {
  it('round-trips through a package directory and predicts one probability per row', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pdx-model-')), 'model');
    writeModelPackage(dir, { booster: tinyModel(), featureSpec: currentFeatureSpec(), metadata });
    const model = BattleModel.fromDirectory(dir);
    const fast = buildFeatures(combatantFromDex('jolteon'), 'tackle', combatantFromDex('snorlax'), 'tackle');
    const slow = buildFeatures(combatantFromDex('snorlax'), 'tackle', combatantFromDex('jolteon'), 'tackle');
    const batch = new Float32Array(2 * FEATURE_COUNT);
    batch.set(fast, 0);
    batch.set(slow, FEATURE_COUNT);
    const p = model.predict(batch);
    expect(p).toHaveLength(2);
    expect(p[0]).toBeGreaterThan(0.5);
    expect(p[1]).toBeLessThan(0.5);
    expect(readModelPackage(dir).metadata).toEqual(metadata);
    expect(() => model.predict(new Float32Array(FEATURE_COUNT + 1))).toThrow(/multiple of/);
    model.free();
  });

  it('predicts the same off the event loop', async () => {
    const model = BattleModel.fromFiles({ booster: tinyModel(), featureSpec: currentFeatureSpec(), metadata });
    const batch = new Float32Array(2 * FEATURE_COUNT);
    batch.set(buildFeatures(combatantFromDex('jolteon'), 'tackle', combatantFromDex('snorlax'), 'tackle'), 0);
    batch.set(buildFeatures(combatantFromDex('golem'), 'tackle', combatantFromDex('alakazam'), 'tackle'), FEATURE_COUNT);
    expect(Array.from(await model.predictAsync(batch))).toEqual(Array.from(model.predict(batch)));
    await expect(model.predictAsync(new Float32Array(FEATURE_COUNT + 1))).rejects.toThrow(/multiple of/);
    model.free();
  });

  it('splits a large async batch across booster copies, with the same results as one call', async () => {
    const files = { booster: tinyModel(), featureSpec: currentFeatureSpec(), metadata };
    const model = BattleModel.fromFiles(files, { replicas: 3 });
    expect(model.replicas).toBe(3);
    const names = ['jolteon', 'snorlax', 'alakazam', 'golem', 'gengar', 'pikachu', 'onix'];
    const rows = 301;
    const batch = new Float32Array(rows * FEATURE_COUNT);
    for (let r = 0; r < rows; r++) {
      batch.set(buildFeatures(combatantFromDex(names[r % 7]), 'tackle', combatantFromDex(names[(r * 3 + 1) % 7]), 'tackle'), r * FEATURE_COUNT);
    }
    const expected = Array.from(model.predict(batch));
    // Rows differ and the parts (101 rows) do not line up with the 7-pair cycle: a part's results in
    // another part's place would show.
    expect(new Set(expected).size).toBeGreaterThan(1);
    // Several batches at once: the copies' calls interleave on the libuv threads.
    const results = await Promise.all([0, 1, 2, 3].map(() => model.predictAsync(batch)));
    for (const p of results) expect(Array.from(p)).toEqual(expected);
    expect(Array.from(await model.predictAsync(batch.subarray(0, 5 * FEATURE_COUNT)))).toEqual(expected.slice(0, 5));
    model.free();
  });

  it('refuses a package built for other features', () => {
    const spec = currentFeatureSpec();
    expect(() => BattleModel.fromFiles({ booster: tinyModel(), featureSpec: { ...spec, featureVersion: 'old' }, metadata })).toThrow(IncompatibleModelError);
    const reordered = { ...spec, featureNames: [...spec.featureNames].reverse() };
    expect(() => BattleModel.fromFiles({ booster: tinyModel(), featureSpec: reordered, metadata })).toThrow(/feature names differ/);
  });
});
