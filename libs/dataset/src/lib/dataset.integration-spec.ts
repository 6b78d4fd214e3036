import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBattle } from '@predictiondex/battle';
import { buildDataset } from './dataset-builder';
import { DATASET_FILE, datasetVersionFor, readDatasetArtifact, writeDatasetArtifact } from './dataset-artifact';
import { DatasetSettings, DEFAULT_DATASET_SETTINGS } from './dataset-settings';
import { unorderedPairKey } from './pair-split';

// Real engine, real worker threads: a small Pokédex sample keeps it to a few hundred battles.
const settings: DatasetSettings = { ...DEFAULT_DATASET_SETTINGS, maxSpecies: 10, numRandomSamples: 2, testFraction: 0.3 };

describe('dataset stage (real engine, real workers)', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pdx-dataset-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  const build = async (workers: number) => {
    const built = await buildDataset(settings, { workers });
    const dir = path.join(root, `w${workers}`);
    const manifest = writeDatasetArtifact(dir, built, { datasetVersion: datasetVersionFor(settings, 'dex-test'), settings, dexFingerprint: 'dex-test', etlRunId: 1, durationMs: 1 });
    return { dir, manifest };
  };

  it('produces the same dataset bytes with 1 and 2 workers', async () => {
    const one = await build(1);
    const two = await build(2);
    expect(one.manifest.fingerprint).toBe(two.manifest.fingerprint);
    expect(fs.readFileSync(path.join(one.dir, DATASET_FILE)).equals(fs.readFileSync(path.join(two.dir, DATASET_FILE)))).toBe(true);
    expect(one.manifest.rows).toBe(10 * 9 * (1 + 2));
    expect(one.manifest.perScenario.best_move?.rows).toBe(90);
    expect(one.manifest.perScenario.random_move?.rows).toBe(180);
  });

  it('never puts a pair or its mirror on both sides of the split (read back from the artifact)', async () => {
    const data = readDatasetArtifact(path.join(root, 'w2'));
    const trainPairs = new Set<string>();
    const testPairs = new Set<string>();
    for (let i = 0; i < data.rows; i++) {
      expect(data.pair[i]).toBe(unorderedPairKey(data.a[i], data.b[i]));
      (data.split[i] === 'test' ? testPairs : trainPairs).add(unorderedPairKey(data.a[i], data.b[i]));
    }
    expect(testPairs.size).toBeGreaterThan(0);
    expect([...testPairs].filter((p) => trainPairs.has(p))).toEqual([]);
    expect(data.manifest.split.test.pairs).toBe(testPairs.size);
  });

  it('labels with the engine: the row outcome matches a battle replayed from its stored seed', async () => {
    const data = readDatasetArtifact(path.join(root, 'w2'));
    for (const i of [0, 7, 42, data.rows - 1]) {
      const seed = data.seed[i].split(',').map(Number) as unknown as [number, number, number, number];
      const replay = runBattle({ a: data.a[i], moveA: data.moveA[i], b: data.b[i], moveB: data.moveB[i], seed });
      expect(replay.winner).toBe(data.winner[i]);
      expect(data.labels[i]).toBe(replay.winner === 'A' ? 1 : 0);
    }
  });
});
