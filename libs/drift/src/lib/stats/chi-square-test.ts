import { chiSquareSurvival } from './special-functions';
import { valueCounts } from './sample';

export interface ChiSquareResult {
  statistic: number;
  dof: number;
  pValue: number;
}

/**
 * Evidently's chi-squared test: a goodness-of-fit test of the current value counts against the
 * reference proportions scaled to the current sample size (scipy.stats.chisquare), over the union
 * of the values seen in either sample. A value absent from the reference but present now gives p = 0.
 */
export function chiSquareTest(reference: Float64Array, current: Float64Array): ChiSquareResult {
  const ref = valueCounts(reference);
  const cur = valueCounts(current);
  const keys = [...new Set([...ref.keys(), ...cur.keys()])];
  if (!reference.length || !current.length || keys.length < 2) return { statistic: 0, dof: Math.max(0, keys.length - 1), pValue: 1 };
  const k = current.length / reference.length;
  let statistic = 0;
  for (const key of keys) {
    const expected = (ref.get(key) ?? 0) * k;
    const observed = cur.get(key) ?? 0;
    statistic += expected === 0 ? (observed === 0 ? 0 : Number.POSITIVE_INFINITY) : ((observed - expected) * (observed - expected)) / expected;
  }
  const dof = keys.length - 1;
  return { statistic, dof, pValue: chiSquareSurvival(statistic, dof) };
}
