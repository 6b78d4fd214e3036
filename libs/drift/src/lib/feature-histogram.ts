import { countUnique, histogramCounts, linspace, valueCounts } from './stats';
import type { FeatureHistogram } from './drift-report';

/** Up to this many distinct values, the report draws one bar per value rather than bins. */
export const HISTOGRAM_MAX_VALUE_BARS = 12;
export const HISTOGRAM_BINS = 20;

/** Shares of the reference and current samples on common bins (or values), for drawing. */
export function featureHistogram(reference: Float64Array, current: Float64Array): FeatureHistogram {
  const round = (shares: number[]) => shares.map((s) => Math.round(s * 1e6) / 1e6);
  if (countUnique(reference, current) <= HISTOGRAM_MAX_VALUE_BARS) {
    const r = valueCounts(reference);
    const c = valueCounts(current);
    const values = [...new Set([...r.keys(), ...c.keys()])].sort((a, b) => a - b);
    return {
      kind: 'values',
      values,
      reference: round(values.map((v) => (r.get(v) ?? 0) / Math.max(1, reference.length))),
      current: round(values.map((v) => (c.get(v) ?? 0) / Math.max(1, current.length))),
    };
  }
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const s of [reference, current]) {
    for (const v of s) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const edges = linspace(lo, hi, HISTOGRAM_BINS + 1);
  return {
    kind: 'bins',
    edges,
    reference: round(histogramCounts(reference, edges).map((n) => n / Math.max(1, reference.length))),
    current: round(histogramCounts(current, edges).map((n) => n / Math.max(1, current.length))),
  };
}
