import { sorted, std } from './sample';

/** First Wasserstein (earth mover's) distance between two 1-D samples: ∫ |F_a(x) - F_b(x)| dx (scipy.stats.wasserstein_distance). */
export function wassersteinDistance(a: Float64Array, b: Float64Array): number {
  if (!a.length || !b.length) return Number.NaN;
  const x = sorted(a);
  const y = sorted(b);
  let i = 0;
  let j = 0;
  let distance = 0;
  let previous = Math.min(x[0], y[0]);
  while (i < x.length || j < y.length) {
    const v = Math.min(i < x.length ? x[i] : Number.POSITIVE_INFINITY, j < y.length ? y[j] : Number.POSITIVE_INFINITY);
    distance += Math.abs(i / x.length - j / y.length) * (v - previous);
    while (i < x.length && x[i] === v) i++;
    while (j < y.length && y[j] === v) j++;
    previous = v;
  }
  return distance;
}

/** Evidently's normed Wasserstein distance: the distance in units of the reference's standard deviation (at least 0.001). */
export function normedWassersteinDistance(reference: Float64Array, current: Float64Array): number {
  return wassersteinDistance(reference, current) / Math.max(std(reference), 0.001);
}
