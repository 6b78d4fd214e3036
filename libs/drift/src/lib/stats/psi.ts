import { binnedShares, ColumnKind } from './binning';

/**
 * Population Stability Index, Evidently's way: Σ (ref% - cur%) · ln(ref% / cur%) over the binned
 * shares, empty bins filled with a tiny share. Rule of thumb: < 0.1 stable, 0.1-0.25 moderate, > 0.25 major shift.
 */
export function populationStabilityIndex(reference: Float64Array, current: Float64Array, kind: ColumnKind): number {
  if (!reference.length || !current.length) return Number.NaN;
  const { reference: r, current: c } = binnedShares(reference, current, kind, true);
  let psi = 0;
  for (let i = 0; i < r.length; i++) psi += (r[i] - c[i]) * Math.log(r[i] / c[i]);
  return psi;
}
