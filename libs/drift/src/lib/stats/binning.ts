import { countUnique, valueCounts } from './sample';

export type ColumnKind = 'numerical' | 'categorical';

/** numpy.histogram_bin_edges(values, bins='sturges') over the pooled samples. */
export function sturgesEdges(values: Float64Array): number[] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const ptp = hi - lo;
  const width = ptp / (Math.log2(values.length) + 1);
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const n = width ? Math.ceil((hi - lo) / width) : 1;
  return linspace(lo, hi, n + 1);
}

export function linspace(start: number, stop: number, count: number): number[] {
  const step = (stop - start) / (count - 1);
  const out = Array.from({ length: count }, (_, i) => start + i * step);
  out[count - 1] = stop;
  return out;
}

/** numpy.histogram counts for ascending edges: [e_i, e_i+1), the last bin closed; values outside are ignored. */
export function histogramCounts(values: Float64Array, edges: readonly number[]): number[] {
  const bins = edges.length - 1;
  const counts = new Array<number>(bins).fill(0);
  const first = edges[0];
  const last = edges[bins];
  const scale = bins / (last - first);
  for (const v of values) {
    if (v < first || v > last) continue;
    let i = Math.min(Math.floor((v - first) * scale), bins - 1);
    while (i > 0 && v < edges[i]) i--;
    while (i < bins - 1 && v >= edges[i + 1]) i++;
    counts[i]++;
  }
  return counts;
}

/**
 * Evidently's get_binned_data: the share of each sample per bin. Numerical features with more than
 * 20 distinct reference values use Sturges bins over both samples; others use one bin per value.
 * With `fillZeroes`, empty bins get a tiny share so that logarithms stay finite (PSI).
 */
export function binnedShares(reference: Float64Array, current: Float64Array, kind: ColumnKind, fillZeroes: boolean): { reference: number[]; current: number[] } {
  let ref: number[];
  let cur: number[];
  if (kind === 'numerical' && countUnique(reference) > 20) {
    const pooled = new Float64Array(reference.length + current.length);
    pooled.set(reference);
    pooled.set(current, reference.length);
    const edges = sturgesEdges(pooled);
    ref = histogramCounts(reference, edges).map((c) => c / reference.length);
    cur = histogramCounts(current, edges).map((c) => c / current.length);
  } else {
    const r = valueCounts(reference);
    const c = valueCounts(current);
    const keys = [...new Set([...r.keys(), ...c.keys()])];
    ref = keys.map((k) => (r.get(k) ?? 0) / reference.length);
    cur = keys.map((k) => (c.get(k) ?? 0) / current.length);
  }
  if (fillZeroes) {
    ref = fillZeroShares(ref);
    cur = fillZeroShares(cur);
  }
  return { reference: ref, current: cur };
}

function fillZeroShares(shares: number[]): number[] {
  const nonZero = shares.filter((s) => s !== 0);
  if (!nonZero.length) return shares;
  const smallest = Math.min(...nonZero);
  const fill = smallest <= 0.0001 ? smallest / 1e6 : 0.0001;
  return shares.map((s) => (s === 0 ? fill : s));
}
