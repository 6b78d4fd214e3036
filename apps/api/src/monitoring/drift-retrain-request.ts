import type { DriftCheckSummary, DriftReport } from '@predictiondex/drift';

/**
 * What a retrain requested by dataset drift records on the ml-build job (details.drift): the check
 * to look at, how much drifted, and which features. Feature names are a fixed vocabulary (137).
 */
export function driftRetrainDetails(check: DriftCheckSummary, report: DriftReport): Record<string, unknown> {
  return {
    drift_check_id: check.id,
    drift_share: report.driftShare,
    drifted_features: report.driftedFeatures,
    feature_count: report.featureCount,
    features: report.features.filter((f) => f.drifted).map((f) => f.feature),
    model_version: check.modelVersion,
    window_start: check.windowStart,
    window_end: check.windowEnd,
  };
}
