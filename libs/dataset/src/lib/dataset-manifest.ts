import type { DatasetSettings, Scenario } from './dataset-settings';

export interface OutcomeCounts {
  rows: number;
  aWins: number;
  bWins: number;
  draws: number;
}

/** Everything needed to know what a dataset is without reading it; written beside it and logged with each model. */
export interface DatasetManifest {
  datasetVersion: string;
  /** sha256 of the dataset file: equal fingerprints mean byte-identical datasets. */
  fingerprint: string;
  file: string;
  format: 'arrow-ipc-file';
  rows: number;
  featureVersion: string;
  featureNames: string[];
  dexFingerprint: string;
  etlRunId: number | null;
  engine: string;
  settings: DatasetSettings;
  species: number;
  perScenario: Partial<Record<Scenario, OutcomeCounts>>;
  outcomes: OutcomeCounts;
  split: { train: { rows: number; pairs: number }; test: { rows: number; pairs: number } };
  /** Draws count as "A did not win" (label 0); the `winner` column keeps them apart. */
  labelRule: string;
  build: { createdAt: string; durationMs: number; battlesPerSecond: number; workers: number };
}
