import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Dictionary, Int32, makeVector, Table, tableFromIPC, tableToIPC, Utf8, Vector, vectorFromArray } from 'apache-arrow';
import { FEATURE_COUNT, FEATURE_NAMES, FEATURE_VERSION } from '@predictiondex/battle';
import { packageVersion } from '@predictiondex/pokedex';
import type { BuiltDataset } from './dataset-builder';
import { FEATURE_COLUMNS } from './dataset-columns';
import type { DatasetManifest, OutcomeCounts } from './dataset-manifest';
import type { DatasetSettings, Scenario } from './dataset-settings';
import type { Split } from './pair-split';

export const DATASET_FILE = 'dataset.arrow';
export const MANIFEST_FILE = 'manifest.json';

// Explicit dictionary ids: apache-arrow otherwise numbers dictionaries from a process-wide counter,
// and the second dataset written by a process would differ in bytes from the first.
const dict = (id: number, values: string[]) => vectorFromArray(values, new Dictionary(new Utf8(), new Int32(), id));

export function engineVersion(): string {
  return `@pkmn/sim@${packageVersion('@pkmn/sim')}+gen7letsgo`;
}

/**
 * A dataset's version names what determines its bytes: settings, Pokédex, feature code and engine.
 * The same inputs give the same version, so a rebuild can reuse what is on disk.
 */
export function datasetVersionFor(settings: DatasetSettings, dexFingerprint: string): string {
  const key = JSON.stringify({ settings, dexFingerprint, feature: FEATURE_VERSION, engine: engineVersion() });
  return `ds-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

function countOutcomes(winners: string[], take: (i: number) => boolean): OutcomeCounts {
  const c: OutcomeCounts = { rows: 0, aWins: 0, bWins: 0, draws: 0 };
  winners.forEach((w, i) => {
    if (!take(i)) return;
    c.rows++;
    if (w === 'A') c.aWins++;
    else if (w === 'B') c.bWins++;
    else c.draws++;
  });
  return c;
}

/** Writes dataset.arrow (deterministic bytes: no timestamps inside) then manifest.json, each atomically. */
export function writeDatasetArtifact(
  dir: string,
  built: BuiltDataset,
  context: { datasetVersion: string; settings: DatasetSettings; dexFingerprint: string; etlRunId: number | null; durationMs: number },
): DatasetManifest {
  const { plan, results, features } = built;
  const n = plan.length;
  const columns: Record<string, Vector> = {
    scenario: dict(0, plan.map((p) => p.scenario)),
    pair: dict(1, plan.map((p) => p.pairKey)),
    a: dict(2, plan.map((p) => p.a)),
    move_a: dict(3, plan.map((p) => p.moveA)),
    b: dict(4, plan.map((p) => p.b)),
    move_b: dict(5, plan.map((p) => p.moveB)),
    seed: vectorFromArray(plan.map((p) => p.seed.join(',')), new Utf8()),
    winner: dict(6, results.map((r) => r.winner)),
    label: makeVector(Int8Array.from(results, (r) => (r.winner === 'A' ? 1 : 0))),
    turns: makeVector(Int16Array.from(results, (r) => r.turns)),
    hp_a: makeVector(Float32Array.from(results, (r) => r.hpA)),
    hp_b: makeVector(Float32Array.from(results, (r) => r.hpB)),
    split: dict(7, plan.map((p) => p.split)),
  };
  FEATURE_COLUMNS.forEach((name, j) => {
    const col = new Float32Array(n);
    for (let i = 0; i < n; i++) col[i] = features[i * FEATURE_COUNT + j];
    columns[name] = makeVector(col);
  });
  const bytes = tableToIPC(new Table(columns), 'file');

  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${DATASET_FILE}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, path.join(dir, DATASET_FILE));

  const winners = results.map((r) => r.winner as string);
  const scenarios = [...new Set(plan.map((p) => p.scenario))] as Scenario[];
  const pairsOf = (split: Split) => new Set(plan.filter((p) => p.split === split).map((p) => p.pairKey)).size;
  const manifest: DatasetManifest = {
    datasetVersion: context.datasetVersion,
    fingerprint: `sha256:${createHash('sha256').update(bytes).digest('hex')}`,
    file: DATASET_FILE,
    format: 'arrow-ipc-file',
    rows: n,
    featureVersion: FEATURE_VERSION,
    featureNames: [...FEATURE_NAMES],
    dexFingerprint: context.dexFingerprint,
    etlRunId: context.etlRunId,
    engine: engineVersion(),
    settings: context.settings,
    species: built.species,
    perScenario: Object.fromEntries(scenarios.map((s) => [s, countOutcomes(winners, (i) => plan[i].scenario === s)])),
    outcomes: countOutcomes(winners, () => true),
    split: {
      train: { rows: plan.filter((p) => p.split === 'train').length, pairs: pairsOf('train') },
      test: { rows: plan.filter((p) => p.split === 'test').length, pairs: pairsOf('test') },
    },
    labelRule: 'label = 1 when A wins, 0 when B wins or the battle is a draw (turn cap)',
    build: {
      createdAt: new Date().toISOString(),
      durationMs: context.durationMs,
      battlesPerSecond: Math.round(n / Math.max(built.battleMs / 1000, 1e-3)),
      workers: built.workers,
    },
  };
  const tmpManifest = path.join(dir, `.${MANIFEST_FILE}.${process.pid}.tmp`);
  fs.writeFileSync(tmpManifest, JSON.stringify(manifest, null, 2));
  fs.renameSync(tmpManifest, path.join(dir, MANIFEST_FILE));
  return manifest;
}

/** The dataset as training reads it: row-major features, labels and the grouping columns. */
export interface LoadedDataset {
  manifest: DatasetManifest;
  rows: number;
  features: Float32Array;
  labels: Float32Array;
  split: Split[];
  scenario: Scenario[];
  pair: string[];
  a: string[];
  moveA: string[];
  b: string[];
  moveB: string[];
  seed: string[];
  winner: string[];
}

export function readManifest(dir: string): DatasetManifest | null {
  const file = path.join(dir, MANIFEST_FILE);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as DatasetManifest) : null;
}

export function readDatasetArtifact(dir: string): LoadedDataset {
  const manifest = readManifest(dir);
  if (!manifest) throw new Error(`no dataset manifest in ${dir}`);
  const table = tableFromIPC(fs.readFileSync(path.join(dir, manifest.file)));
  const rows = table.numRows;
  const strings = (name: string) => {
    const col = table.getChild(name);
    if (!col) throw new Error(`dataset ${manifest.datasetVersion} has no column '${name}'`);
    return Array.from(col, (v) => String(v));
  };
  const features = new Float32Array(rows * FEATURE_COUNT);
  FEATURE_COLUMNS.forEach((name, j) => {
    const col = table.getChild(name);
    if (!col) throw new Error(`dataset ${manifest.datasetVersion} has no feature column '${name}' (built for ${manifest.featureVersion})`);
    const values = col.toArray() as Float32Array;
    for (let i = 0; i < rows; i++) features[i * FEATURE_COUNT + j] = values[i];
  });
  const label = table.getChild('label')!.toArray() as Int8Array;
  return {
    manifest,
    rows,
    features,
    labels: Float32Array.from(label),
    split: strings('split') as Split[],
    scenario: strings('scenario') as Scenario[],
    pair: strings('pair'),
    a: strings('a'),
    moveA: strings('move_a'),
    b: strings('b'),
    moveB: strings('move_b'),
    seed: strings('seed'),
    winner: strings('winner'),
  };
}
