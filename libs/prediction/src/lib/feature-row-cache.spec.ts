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

  it('serves a repeated question as one shared block, built from the same rows, and keeps its row budget', () => {
    const cache = new FeatureRowCache(6);
    const first = cache.matchup(a, ['bodyslam', 'earthquake'], b, ['shadowball', 'lick']);
    expect(first.features).toHaveLength(4 * FEATURE_COUNT);
    expect(Array.from(first.features.subarray(3 * FEATURE_COUNT))).toEqual(Array.from(buildFeatures(a, 'earthquake', b, 'lick')));
    expect(first.estimates.map((e) => e.moveId)).toEqual(['bodyslam', 'earthquake']);
    expect(cache.matchup(a, ['bodyslam', 'earthquake'], b, ['shadowball', 'lick'])).toBe(first);
    // Other moves or another order: another question (rows come from the row level where they can).
    const other = cache.matchup(a, ['earthquake'], b, ['shadowball', 'lick']);
    expect(other).not.toBe(first);
    expect(Array.from(other.features)).toEqual(Array.from(first.features.subarray(2 * FEATURE_COUNT)));
    // 4 + 2 rows fill the budget of 6: a third question evicts the oldest block.
    cache.matchup(b, ['shadowball'], a, ['bodyslam']);
    expect(cache.matchup(a, ['earthquake'], b, ['shadowball', 'lick'])).toBe(other);
    expect(cache.matchup(a, ['bodyslam', 'earthquake'], b, ['shadowball', 'lick'])).not.toBe(first);
  });
});

