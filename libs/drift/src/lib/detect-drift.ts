import type { DataQualityReport, DriftReport, FeatureDrift, FeatureQuality } from './drift-report';
import { featureHistogram } from './feature-histogram';
import type { FeatureTable } from './feature-table';
import { CATEGORICAL_MAX_UNIQUE, ColumnKind, countUnique, defaultStatTest, finiteValues, isDrifted, mean, populationStabilityIndex, statTestScore } from './stats';

/** Evidently's default: the dataset drifts when at least half of its features do. */
export const DATASET_DRIFT_SHARE = 0.5;

export interface DetectDriftOptions {
  /** Features to compare, in report order (default: every reference column). */
  features?: readonly string[];
  /** Features to treat as categorical whatever their number of values (default: none; few values already pick categorical tests). */
  categorical?: ReadonlySet<string>;
  /** Share of drifted features from which the dataset counts as drifted (default 0.5). */
  driftShareThreshold?: number;
  /** Round current values to float32 first, when the reference was stored as float32 (so 0.9 equals 0.9f). */
  float32?: boolean;
  /** Current rows already rejected as malformed (reported in the data quality section). */
  malformedRows?: number;
  referenceSource?: string;
  window?: { from?: string; to?: string };
  now?: Date;
}

function column(table: FeatureTable, name: string, float32: boolean): { finite: Float64Array; missing: number } {
  const raw = table.columns.get(name);
  if (!raw) return { finite: new Float64Array(0), missing: table.rows };
  let finite = finiteValues(raw);
  if (float32) finite = finite.map(Math.fround);
  return { finite, missing: raw.length - finite.length };
}

function quality(feature: string, ref: Float64Array, refMissing: number, cur: Float64Array, curMissing: number): FeatureQuality {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of ref) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  let below = 0;
  let above = 0;
  if (ref.length) {
    for (const v of cur) {
      if (v < min) below++;
      else if (v > max) above++;
    }
  }
  let unseenCategories: FeatureQuality['unseenCategories'] = null;
  const refValues = new Set(ref);
  if (ref.length && refValues.size <= CATEGORICAL_MAX_UNIQUE) {
    const unseen = new Set<number>();
    let rows = 0;
    for (const v of cur) {
      if (!refValues.has(v)) {
        unseen.add(v);
        rows++;
      }
    }
    unseenCategories = { values: [...unseen].sort((a, b) => a - b).slice(0, 20), rows };
  }
  return {
    feature,
    missing: { reference: refMissing, current: curMissing },
    outOfRange: { below, above, referenceMin: ref.length ? min : null, referenceMax: ref.length ? max : null },
    unseenCategories,
  };
}

/**
 * Compares a current sample of feature vectors with the training reference, feature by feature,
 * with Evidently's default tests (see defaultStatTest), plus PSI and a data quality summary.
 */
export function detectDrift(reference: FeatureTable, current: FeatureTable, options: DetectDriftOptions = {}): DriftReport {
  const names = options.features ?? [...reference.columns.keys()];
  const float32 = options.float32 ?? false;
  const shareThreshold = options.driftShareThreshold ?? DATASET_DRIFT_SHARE;
  const features: FeatureDrift[] = [];
  const qualities: FeatureQuality[] = [];
  for (const name of names) {
    const ref = column(reference, name, false);
    const cur = column(current, name, float32);
    qualities.push(quality(name, ref.finite, ref.missing, cur.finite, cur.missing));
    const kind: ColumnKind = options.categorical?.has(name) ? 'categorical' : 'numerical';
    const test = defaultStatTest(ref.finite, cur.finite, kind);
    const score = statTestScore(test.name, ref.finite, cur.finite, kind);
    features.push({
      feature: name,
      kind,
      test: test.name,
      testLabel: test.label,
      scoreType: test.scoreType,
      score,
      threshold: test.threshold,
      drifted: isDrifted(test, score),
      psi: populationStabilityIndex(ref.finite, cur.finite, kind),
      uniqueValues: countUnique(ref.finite, cur.finite),
      referenceRows: ref.finite.length,
      currentRows: cur.finite.length,
      referenceMean: mean(ref.finite),
      currentMean: mean(cur.finite),
      histogram: featureHistogram(ref.finite, cur.finite),
    });
  }
  const driftedFeatures = features.filter((f) => f.drifted).length;
  const driftShare = features.length ? driftedFeatures / features.length : 0;
  const sum = (f: (q: FeatureQuality) => number) => qualities.reduce((s, q) => s + f(q), 0);
  const qualityReport: DataQualityReport = {
    referenceRows: reference.rows,
    currentRows: current.rows,
    malformedRows: options.malformedRows ?? 0,
    missingCells: sum((q) => q.missing.current),
    outOfRangeCells: sum((q) => q.outOfRange.below + q.outOfRange.above),
    unseenCategoryCells: sum((q) => q.unseenCategories?.rows ?? 0),
    featuresWithIssues: qualities.filter((q) => q.missing.current > 0 || q.outOfRange.below + q.outOfRange.above > 0 || (q.unseenCategories?.rows ?? 0) > 0).length,
    features: qualities,
  };
  return {
    generatedAt: (options.now ?? new Date()).toISOString(),
    reference: { rows: reference.rows, ...(options.referenceSource ? { source: options.referenceSource } : {}) },
    current: { rows: current.rows, ...(options.window ?? {}) },
    driftShareThreshold: shareThreshold,
    featureCount: features.length,
    driftedFeatures,
    driftShare,
    datasetDrift: features.length > 0 && driftShare >= shareThreshold,
    features,
    quality: qualityReport,
  };
}
