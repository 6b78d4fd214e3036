import reference from './testdata/scipy-reference.json';
import { binnedShares, sturgesEdges } from './binning';
import { chiSquareTest } from './chi-square-test';
import { jensenShannonDrift } from './jensen-shannon';
import { ksStatistic, ksTest } from './ks-test';
import { populationStabilityIndex } from './psi';
import { chiSquareSurvival, erfc, kolmogorovSurvival } from './special-functions';
import { defaultStatTest, isDrifted, STAT_TEST_DEFINITIONS } from './stat-test';
import { normedWassersteinDistance, wassersteinDistance } from './wasserstein';
import { zTest } from './z-test';

// The same integer arithmetic as testdata/scipy-reference.py, so both sides see identical doubles.
const sample = (n: number, mul: number, mod: number, div: number, shift = 0) => Float64Array.from({ length: n }, (_, i) => ((i * mul) % mod) / div + shift);

const CASES: Record<string, [Float64Array, Float64Array]> = {
  ks_same: [sample(300, 37, 101, 10), sample(200, 53, 101, 10)],
  ks_shift: [sample(300, 37, 101, 10), sample(200, 53, 101, 10, 1.0)],
  ks_small_shift: [sample(500, 37, 101, 10), sample(400, 53, 101, 10, 0.35)],
  cont_large: [sample(3000, 7919, 1009, 100), sample(2000, 104729, 1009, 100, 0.8)],
  cat3: [sample(600, 1, 3, 1), sample(300, 7, 4, 1)],
  cat5_same: [sample(900, 1, 5, 2), sample(450, 3, 5, 2)],
  bin: [sample(800, 1, 2, 1), Float64Array.from({ length: 400 }, (_, i) => (i % 5 < 2 ? 1 : 0))],
};
type Expected = (typeof reference.cases)['ks_same'];
const expected = reference.cases as unknown as Record<string, Omit<Expected, 'z_p'> & { z_p: number | null }>;

describe('special functions against scipy', () => {
  it.each(Object.entries(reference.special.erfc))('erfc(%s)', (x, want) => {
    expect(erfc(Number(x))).toBeCloseTo(want, 12);
  });
  it.each(Object.entries(reference.special.chi2_sf))('chi2.sf(%s)', (key, want) => {
    const [x, k] = key.split(':').map(Number);
    expect(Math.abs(chiSquareSurvival(x, k) - want)).toBeLessThan(1e-10 + 1e-8 * want);
  });
  it.each(Object.entries(reference.special.kolmogorov_sf))('kstwobign.sf(%s)', (x, want) => {
    expect(kolmogorovSurvival(Number(x))).toBeCloseTo(want, 9);
  });
});

describe.each(Object.keys(CASES))('two samples "%s" against scipy / Evidently', (name) => {
  const [ref, cur] = CASES[name];
  const want = expected[name];

  it('KS statistic exactly, p-value within 0.01 of scipy', () => {
    expect(ksStatistic(ref, cur)).toBeCloseTo(want.ks_statistic, 12);
    expect(Math.abs(ksTest(ref, cur).pValue - want.ks_p_exact)).toBeLessThan(0.01);
  });
  it('Wasserstein distance, raw and normed', () => {
    expect(wassersteinDistance(ref, cur)).toBeCloseTo(want.wasserstein, 10);
    expect(normedWassersteinDistance(ref, cur)).toBeCloseTo(want.wasserstein_norm, 10);
  });
  it('Sturges edges, Jensen-Shannon distance and PSI on the same bins', () => {
    const pooled = new Float64Array([...ref, ...cur]);
    const edges = sturgesEdges(pooled);
    expect(edges).toHaveLength(want.edges.length);
    edges.forEach((e, i) => expect(e).toBeCloseTo(want.edges[i], 12));
    expect(jensenShannonDrift(ref, cur, 'numerical')).toBeCloseTo(want.jensenshannon, 10);
    expect(populationStabilityIndex(ref, cur, 'numerical')).toBeCloseTo(want.psi, 10);
  });
  it('chi-squared and Z-test p-values', () => {
    expect(chiSquareTest(ref, cur).pValue).toBeCloseTo(want.chisquare_p, 10);
    if (want.z_p !== null) expect(zTest(ref, cur).pValue).toBeCloseTo(want.z_p, 10);
  });
});

describe('Evidently default test choice', () => {
  const cont = (n: number) => sample(n, 37, 101, 10);
  const binary = (n: number) => sample(n, 1, 2, 1);
  const three = (n: number) => sample(n, 1, 3, 1);

  it('<= 1000 reference rows: KS for numbers, chi-squared for 3-5 values, Z for binary', () => {
    expect(defaultStatTest(cont(1000), cont(50), 'numerical').name).toBe('ks');
    expect(defaultStatTest(three(1000), three(50), 'numerical').name).toBe('chisquare');
    expect(defaultStatTest(binary(1000), binary(50), 'numerical').name).toBe('z');
    expect(defaultStatTest(cont(300), cont(50), 'categorical').name).toBe('chisquare');
  });
  it('> 1000 reference rows: normed Wasserstein for numbers, Jensen-Shannon for few values; threshold 0.1', () => {
    expect(defaultStatTest(cont(1001), cont(50), 'numerical')).toBe(STAT_TEST_DEFINITIONS.wasserstein);
    expect(defaultStatTest(three(1001), three(50), 'numerical')).toBe(STAT_TEST_DEFINITIONS.jensenshannon);
    expect(defaultStatTest(binary(5000), binary(50), 'numerical').threshold).toBe(0.1);
  });
  it('drift direction per score type (KS at p <= threshold, chi/Z at p < threshold, distances at >= threshold)', () => {
    expect(isDrifted(STAT_TEST_DEFINITIONS.ks, 0.05)).toBe(true);
    expect(isDrifted(STAT_TEST_DEFINITIONS.chisquare, 0.05)).toBe(false);
    expect(isDrifted(STAT_TEST_DEFINITIONS.z, 0.049)).toBe(true);
    expect(isDrifted(STAT_TEST_DEFINITIONS.wasserstein, 0.1)).toBe(true);
    expect(isDrifted(STAT_TEST_DEFINITIONS.jensenshannon, 0.0999)).toBe(false);
    expect(isDrifted(STAT_TEST_DEFINITIONS.ks, Number.NaN)).toBe(false);
  });
});

describe('edge cases', () => {
  it('identical constant samples: no drift anywhere, finite scores', () => {
    const a = new Float64Array(50).fill(1);
    const b = new Float64Array(20).fill(1);
    expect(ksTest(a, b).pValue).toBe(1);
    expect(zTest(a, b).pValue).toBe(1);
    expect(chiSquareTest(a, b).pValue).toBe(1);
    expect(normedWassersteinDistance(a, b)).toBe(0);
    expect(jensenShannonDrift(a, b, 'numerical')).toBe(0);
    expect(populationStabilityIndex(a, b, 'numerical')).toBe(0);
  });
  it('a value never seen in the reference makes chi-squared certain (p = 0)', () => {
    expect(chiSquareTest(Float64Array.from([0, 1, 2, 0, 1, 2]), Float64Array.from([0, 1, 3])).pValue).toBe(0);
  });
  it('binned shares sum to one and cover the pooled range', () => {
    const [ref, cur] = CASES['cont_large'];
    const s = binnedShares(ref, cur, 'numerical', false);
    expect(s.reference.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
    expect(s.current.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
  });
  it('empty samples give NaN scores, never a false alarm', () => {
    const empty = new Float64Array(0);
    expect(Number.isNaN(ksTest(empty, sample(10, 1, 7, 1)).pValue)).toBe(true);
    expect(Number.isNaN(normedWassersteinDistance(empty, sample(10, 1, 7, 1)))).toBe(true);
  });
});
