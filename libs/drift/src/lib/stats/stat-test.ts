import { ColumnKind } from './binning';
import { chiSquareTest } from './chi-square-test';
import { jensenShannonDrift } from './jensen-shannon';
import { ksTest } from './ks-test';
import { countUnique } from './sample';
import { normedWassersteinDistance } from './wasserstein';
import { zTest } from './z-test';

export const STAT_TESTS = ['ks', 'chisquare', 'z', 'wasserstein', 'jensenshannon'] as const;
export type StatTestName = (typeof STAT_TESTS)[number];

export interface StatTestDefinition {
  name: StatTestName;
  label: string;
  /** p_value: drift when the score is below the threshold; distance: drift when it is at or above. */
  scoreType: 'p_value' | 'distance';
  threshold: number;
}

export const STAT_TEST_DEFINITIONS: Readonly<Record<StatTestName, StatTestDefinition>> = {
  ks: { name: 'ks', label: 'K-S p-value', scoreType: 'p_value', threshold: 0.05 },
  chisquare: { name: 'chisquare', label: 'Chi-square p-value', scoreType: 'p_value', threshold: 0.05 },
  z: { name: 'z', label: 'Z-test p-value', scoreType: 'p_value', threshold: 0.05 },
  wasserstein: { name: 'wasserstein', label: 'Wasserstein distance (normed)', scoreType: 'distance', threshold: 0.1 },
  jensenshannon: { name: 'jensenshannon', label: 'Jensen-Shannon distance', scoreType: 'distance', threshold: 0.1 },
};

/** Reference sizes up to this use p-value tests; larger ones use distances (a p-value test flags any tiny shift in big samples). */
export const SMALL_REFERENCE_MAX_ROWS = 1000;
/** Features with at most this many distinct values (both samples together) are tested as categories. */
export const CATEGORICAL_MAX_UNIQUE = 5;

/**
 * Evidently's default test for one column (stattests/registry.py, _get_default_stattest):
 *   reference <= 1000 rows: numerical with > 5 distinct values -> KS; otherwise chi-squared
 *     (more than 2 distinct values) or Z-test (binary);
 *   reference > 1000 rows: numerical with > 5 distinct values -> normed Wasserstein; otherwise Jensen-Shannon.
 */
export function defaultStatTest(reference: Float64Array, current: Float64Array, kind: ColumnKind): StatTestDefinition {
  const unique = countUnique(reference, current);
  const fewValues = kind === 'categorical' || unique <= CATEGORICAL_MAX_UNIQUE;
  if (reference.length <= SMALL_REFERENCE_MAX_ROWS) {
    if (!fewValues) return STAT_TEST_DEFINITIONS.ks;
    return unique > 2 ? STAT_TEST_DEFINITIONS.chisquare : STAT_TEST_DEFINITIONS.z;
  }
  return fewValues ? STAT_TEST_DEFINITIONS.jensenshannon : STAT_TEST_DEFINITIONS.wasserstein;
}

/** The test's score for two samples of finite values. */
export function statTestScore(test: StatTestName, reference: Float64Array, current: Float64Array, kind: ColumnKind): number {
  switch (test) {
    case 'ks':
      return ksTest(reference, current).pValue;
    case 'chisquare':
      return chiSquareTest(reference, current).pValue;
    case 'z':
      return zTest(reference, current).pValue;
    case 'wasserstein':
      return normedWassersteinDistance(reference, current);
    case 'jensenshannon':
      return jensenShannonDrift(reference, current, kind);
  }
}

/** Evidently's comparison per test: KS drifts at p <= threshold, chi-squared and Z at p < threshold, distances at >= threshold. */
export function isDrifted(test: StatTestDefinition, score: number, threshold = test.threshold): boolean {
  if (Number.isNaN(score)) return false;
  if (test.scoreType === 'distance') return score >= threshold;
  return test.name === 'ks' ? score <= threshold : score < threshold;
}
