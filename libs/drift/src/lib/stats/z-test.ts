import { normalSurvival } from './special-functions';

export interface ZTestResult {
  statistic: number;
  pValue: number;
}

/**
 * Evidently's Z-test for a binary feature: difference of the proportions of the smallest value in
 * the two samples, pooled standard error, two-sided p-value.
 */
export function zTest(reference: Float64Array, current: Float64Array): ZTestResult {
  const values = new Set<number>([...reference, ...current]);
  if (!reference.length || !current.length) return { statistic: Number.NaN, pValue: Number.NaN };
  if (values.size <= 1) return { statistic: 0, pValue: 1 };
  const key = Math.min(...values);
  // Evidently codes the first (smallest) value as 0 and everything else as 1, then compares means.
  const p1 = reference.reduce((s, v) => s + (v === key ? 0 : 1), 0) / reference.length;
  const p2 = current.reduce((s, v) => s + (v === key ? 0 : 1), 0) / current.length;
  const pooled = (p1 * reference.length + p2 * current.length) / (reference.length + current.length);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / reference.length + 1 / current.length));
  const statistic = (p1 - p2) / se;
  return { statistic, pValue: 2 * normalSurvival(Math.abs(statistic)) };
}
