import type { ColumnKind, StatTestName } from './stats';

/** One feature's histogram for the report: shares of each sample per bin (or per value). */
export interface FeatureHistogram {
  /** 'bins': `edges` has one more entry than the shares; 'values': `values` labels each share. */
  kind: 'bins' | 'values';
  edges?: number[];
  values?: number[];
  reference: number[];
  current: number[];
}

export interface FeatureDrift {
  feature: string;
  kind: ColumnKind;
  test: StatTestName;
  testLabel: string;
  scoreType: 'p_value' | 'distance';
  /** The test's score: a p-value (drift below the threshold) or a distance (drift at or above it). */
  score: number;
  threshold: number;
  drifted: boolean;
  /** Population Stability Index on the same bins (reported, not used for the decision). */
  psi: number;
  /** Distinct values in both samples together (what picks the test). */
  uniqueValues: number;
  referenceRows: number;
  currentRows: number;
  referenceMean: number;
  currentMean: number;
  histogram: FeatureHistogram;
}

export interface FeatureQuality {
  feature: string;
  /** null, NaN or infinite values. */
  missing: { reference: number; current: number };
  /** Current values outside the reference's [min, max]. */
  outOfRange: { below: number; above: number; referenceMin: number | null; referenceMax: number | null };
  /** For features with few distinct reference values: current values the reference never had. */
  unseenCategories: { values: number[]; rows: number } | null;
}

export interface DataQualityReport {
  referenceRows: number;
  currentRows: number;
  /** Current rows whose vector does not have the expected length (skipped before any test). */
  malformedRows: number;
  missingCells: number;
  outOfRangeCells: number;
  unseenCategoryCells: number;
  featuresWithIssues: number;
  features: FeatureQuality[];
}

export interface DriftReport {
  generatedAt: string;
  reference: { rows: number; source?: string };
  current: { rows: number; from?: string; to?: string };
  /** Share of drifted features at or above which the whole dataset counts as drifted (Evidently: 0.5). */
  driftShareThreshold: number;
  featureCount: number;
  driftedFeatures: number;
  driftShare: number;
  datasetDrift: boolean;
  features: FeatureDrift[];
  quality: DataQualityReport;
}
