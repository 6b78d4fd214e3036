import { binnedShares, ColumnKind } from './binning';

/** scipy.spatial.distance.jensenshannon (natural logarithm): √ of the Jensen-Shannon divergence of two distributions. */
export function jensenShannonDistance(p: readonly number[], q: readonly number[]): number {
  const sp = p.reduce((s, v) => s + v, 0);
  const sq = q.reduce((s, v) => s + v, 0);
  let divergence = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i] / sp;
    const b = q[i] / sq;
    const m = (a + b) / 2;
    if (a > 0) divergence += a * Math.log(a / m);
    if (b > 0) divergence += b * Math.log(b / m);
  }
  return Math.sqrt(Math.max(0, divergence / 2));
}

/** Evidently's Jensen-Shannon drift score: the distance between the binned shares (no zero filling). */
export function jensenShannonDrift(reference: Float64Array, current: Float64Array, kind: ColumnKind): number {
  if (!reference.length || !current.length) return Number.NaN;
  const shares = binnedShares(reference, current, kind, false);
  return jensenShannonDistance(shares.reference, shares.current);
}
