/** A feature's values with missing ones (null, NaN, ±Infinity) dropped, as Evidently does before testing. */
export function finiteValues(values: ArrayLike<number | null | undefined>): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' && Number.isFinite(v)) out[n++] = v;
  }
  return out.subarray(0, n);
}

export function sorted(values: Float64Array): Float64Array {
  return Float64Array.from(values).sort();
}

/** Distinct values and their counts, in ascending value order. */
export function valueCounts(values: Float64Array): Map<number, number> {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return new Map([...counts.entries()].sort((a, b) => a[0] - b[0]));
}

export function countUnique(...samples: Float64Array[]): number {
  const seen = new Set<number>();
  for (const s of samples) for (const v of s) seen.add(v);
  return seen.size;
}

export function mean(values: Float64Array): number {
  let s = 0;
  for (const v of values) s += v;
  return values.length ? s / values.length : Number.NaN;
}

/** Population standard deviation (numpy's np.std default, ddof = 0). */
export function std(values: Float64Array): number {
  const m = mean(values);
  let s = 0;
  for (const v of values) s += (v - m) * (v - m);
  return values.length ? Math.sqrt(s / values.length) : Number.NaN;
}
