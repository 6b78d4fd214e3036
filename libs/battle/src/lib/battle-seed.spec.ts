import { battleSeedToString, deriveBattleSeed, isBattleSeed } from './battle-seed';

describe('deriveBattleSeed', () => {
  it('is a pure function of (base seed, index) giving valid, distinct Gen 5 seeds', () => {
    expect(deriveBattleSeed(42, 7)).toEqual(deriveBattleSeed(42, 7));
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const seed = deriveBattleSeed(42, i);
      expect(isBattleSeed(seed)).toBe(true);
      seen.add(battleSeedToString(seed));
    }
    expect(seen.size).toBe(10_000);
    expect(deriveBattleSeed(43, 0)).not.toEqual(deriveBattleSeed(42, 0));
  });

  it('rejects malformed seeds', () => {
    expect(() => battleSeedToString([1, 2, 3, 70_000])).toThrow(/Invalid battle seed/);
    expect(isBattleSeed([1, 2, 3])).toBe(false);
  });
});
