import { buildFeatures, combatantFromDex, FEATURE_COUNT } from '@predictiondex/battle';
import { FeatureRowCache } from './feature-row-cache';

describe('FeatureRowCache', () => {
  const a = combatantFromDex('snorlax');
  const b = combatantFromDex('gengar');

  it('returns the same row as a fresh build, and evicts the oldest row beyond its size', () => {
    const cache = new FeatureRowCache(2);
    const out = new Float32Array(3 * FEATURE_COUNT);
    cache.write(out, 0, a, 'bodyslam', b, 'shadowball');
    cache.write(out, FEATURE_COUNT, a, 'bodyslam', b, 'shadowball');
    expect(cache.hits).toBe(1);
    expect(Array.from(out.subarray(FEATURE_COUNT, 2 * FEATURE_COUNT))).toEqual(Array.from(buildFeatures(a, 'bodyslam', b, 'shadowball')));
    cache.write(out, 0, a, 'earthquake', b, 'shadowball');
    cache.write(out, 0, a, 'hyperbeam', b, 'shadowball');
    expect(cache.size).toBe(2);
    cache.write(out, 2 * FEATURE_COUNT, a, 'bodyslam', b, 'shadowball');
    expect(cache.misses).toBe(4);
  });
});
