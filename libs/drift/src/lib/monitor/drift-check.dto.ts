import type { DriftCheckStatus } from '@predictiondex/db';
import type { StatTestName } from '../stats';

/** A stored check without its report (lists, the latest-check endpoint, events). */
export interface DriftCheckSummary {
  id: number;
  createdAt: string;
  status: DriftCheckStatus;
  message: string | null;
  modelName: string | null;
  modelVersion: string | null;
  runId: string | null;
  featureVersion: string;
  windowStart: string;
  windowEnd: string;
  referenceRows: number;
  currentRows: number;
  featureCount: number;
  driftedFeatures: number;
  driftShare: number | null;
  datasetDrift: boolean | null;
  durationMs: number;
}

/** One feature's outcome, without its histogram. */
export interface FeatureDriftSummary {
  feature: string;
  test: StatTestName;
  score: number | null;
  threshold: number;
  drifted: boolean;
  psi: number | null;
}

/** What /monitoring/drift/latest returns: the check, its features (drifted first) and the data quality totals. */
export interface DriftCheckDetails extends DriftCheckSummary {
  features: FeatureDriftSummary[];
  quality: {
    malformedRows: number;
    missingCells: number;
    outOfRangeCells: number;
    unseenCategoryCells: number;
    featuresWithIssues: number;
  } | null;
}
