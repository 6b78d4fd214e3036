import { bestMove, combatantFromDex, damagingMovesFor } from '@predictiondex/battle';
import { DEFAULT_DATASET_SETTINGS, parseScenarios } from './dataset-settings';
import { splitOf, unorderedPairKey } from './pair-split';
import { battleSpecies, planBattles, sampleCombinations } from './scenario-plan';

describe('scenario plan', () => {
  it('covers every ordered pair of Pokémon with a damaging move (187 of 188: Ditto has none)', () => {
    expect(battleSpecies({ seed: 1 })).toHaveLength(187);
    expect(battleSpecies({ seed: 1 })).not.toContain('ditto');
  });

  it('gives best_move one battle per ordered pair with both best moves, random_move N samples', () => {
    const plan = planBattles({ ...DEFAULT_DATASET_SETTINGS, maxSpecies: 6, numRandomSamples: 3 });
    const best = plan.filter((p) => p.scenario === 'best_move');
    const random = plan.filter((p) => p.scenario === 'random_move');
    expect(best).toHaveLength(30);
    expect(random).toHaveLength(90);
    for (const p of best) {
      expect(p.moveA).toBe(bestMove(combatantFromDex(p.a), combatantFromDex(p.b), damagingMovesFor(p.a)));
      expect(p.moveB).toBe(bestMove(combatantFromDex(p.b), combatantFromDex(p.a), damagingMovesFor(p.b)));
    }
    for (const p of random) expect(damagingMovesFor(p.b)).toContain(p.moveB);
  });

  it('is deterministic and seeds every battle differently', () => {
    const settings = { ...DEFAULT_DATASET_SETTINGS, maxSpecies: 5 };
    expect(planBattles(settings)).toEqual(planBattles(settings));
    const seeds = new Set(planBattles(settings).map((p) => p.seed.join(',')));
    expect(seeds.size).toBe(planBattles(settings).length);
  });

  it('caps all_combinations per pair and keeps the sample stable', () => {
    const combos = sampleCombinations(['a', 'b', 'c', 'd', 'e'], ['v', 'w', 'x', 'y', 'z'], 7, 3);
    expect(combos).toHaveLength(7);
    expect(new Set(combos.map((c) => c.join('|'))).size).toBe(7);
    expect(sampleCombinations(['a', 'b', 'c', 'd', 'e'], ['v', 'w', 'x', 'y', 'z'], 7, 3)).toEqual(combos);
    expect(sampleCombinations(['a'], ['b', 'c'], 7, 3)).toEqual([['a', 'b'], ['a', 'c']]);
  });

  it('splits by unordered pair: a pair and its mirror share a side', () => {
    expect(unorderedPairKey('pikachu', 'bulbasaur')).toBe(unorderedPairKey('bulbasaur', 'pikachu'));
    const plan = planBattles({ ...DEFAULT_DATASET_SETTINGS, maxSpecies: 8 });
    for (const p of plan) expect(p.split).toBe(splitOf(unorderedPairKey(p.b, p.a), DEFAULT_DATASET_SETTINGS.seed, DEFAULT_DATASET_SETTINGS.testFraction));
    const testShare = plan.filter((p) => p.split === 'test').length / plan.length;
    expect(testShare).toBeGreaterThan(0.05);
    expect(testShare).toBeLessThan(0.5);
  });

  it('parses ML_SCENARIO_TYPE', () => {
    expect(parseScenarios('all')).toEqual(['best_move', 'random_move', 'all_combinations']);
    expect(parseScenarios('random_move,best_move')).toEqual(['best_move', 'random_move']);
    expect(() => parseScenarios('best_moves')).toThrow(/unknown scenario 'best_moves'/);
  });
});
