import { buildFeatures, combatantFromDex, FEATURE_COUNT } from '@predictiondex/battle';
import { BattleModel } from '@predictiondex/model';
import { featureRow, FeatureScratch, scoreBestMove, WinProbabilityModel } from './best-move';
import { FeatureRowCache } from './feature-row-cache';
import { DexMove, DexPokemon } from './pokedex-snapshot';
import { trainSmallBattleModel } from './small-test-model';

const type = { id: 1, name: 'Normal', nameFr: null };
const pokemon = (id: number, showdownId: string): DexPokemon =>
  ({ id, showdownId, name: showdownId, types: [type] }) as unknown as DexPokemon;
const move = (id: number, showdownId: string, name = showdownId): DexMove => ({ id, showdownId, name, type, power: 50 }) as unknown as DexMove;

const pikachu = pokemon(33, 'pikachu');
const charizard = pokemon(7, 'charizard');
const movesA = [move(1, 'thunderbolt', 'Thunderbolt'), move(2, 'quickattack', 'Quick Attack'), move(3, 'irontail', 'Iron Tail')];
const replies = [move(10, 'flamethrower'), move(11, 'earthquake'), move(12, 'wingattack')];

/** P(row) from a table, counting calls: a stand-in model for the minimax arithmetic. */
class TableModel implements WinProbabilityModel {
  calls = 0;
  constructor(private readonly table: number[]) {}
  predict(features: Float32Array, rows: number): Float32Array {
    this.calls++;
    expect(features.length).toBe(rows * FEATURE_COUNT);
    return Float32Array.from(this.table.slice(0, rows));
  }
}

describe('scoreBestMove', () => {
  it("scores each move against B's reply that is worst for A, ranks by it, in one model call", () => {
    // Rows: A move i x reply j at i * 3 + j.
    const model = new TableModel([
      0.9, 0.2, 0.8, // Thunderbolt: worst reply earthquake (0.2), mean 0.633
      0.5, 0.6, 0.7, // Quick Attack: worst flamethrower (0.5)
      0.5, 0.9, 0.9, // Iron Tail: worst flamethrower (0.5), better mean than Quick Attack
    ]);
    const scoring = scoreBestMove(model, { a: pikachu, movesA, b: charizard, replies });
    expect(model.calls).toBe(1);
    expect(scoring.rows).toBe(9);
    expect(scoring.ranked.map((s) => [s.move.name, s.reply.showdownId, s.row])).toEqual([
      ['Iron Tail', 'flamethrower', 6],
      ['Quick Attack', 'flamethrower', 3],
      ['Thunderbolt', 'earthquake', 1],
    ]);
    expect(scoring.ranked[0].winProbability).toBeCloseTo(0.5);
    expect(scoring.ranked[0].meanWinProbability).toBeCloseTo(2.3 / 3);
    expect(scoring.ranked[2].estimate.effectiveness).toBe(2);
  });

  it('builds every row exactly as training does (buildFeatures from Showdown ids), cached or not, scratch or not', () => {
    const model = new TableModel(new Array(9).fill(0.5));
    const cache = new FeatureRowCache(100);
    const scratch = new FeatureScratch();
    const first = scoreBestMove(model, { a: pikachu, movesA, b: charizard, replies }, cache, scratch);
    const expected = buildFeatures(combatantFromDex('pikachu'), 'irontail', combatantFromDex('charizard'), 'wingattack');
    expect(Array.from(featureRow(first.features, 2 * 3 + 2))).toEqual(Array.from(expected));
    expect(cache.misses).toBe(9);
    const second = scoreBestMove(model, { a: pikachu, movesA, b: charizard, replies }, cache);
    expect(cache.hits).toBe(9);
    expect(Array.from(second.features)).toEqual(Array.from(first.features));
  });

  it('ranks with a real trained model and one batch through libxgboost', () => {
    const model = BattleModel.fromFiles(trainSmallBattleModel({ battles: 80, rounds: 3 }));
    try {
      const scoring = scoreBestMove(model, { a: pikachu, movesA, b: charizard, replies });
      for (const s of scoring.ranked) {
        expect(s.winProbability).toBeGreaterThanOrEqual(0);
        expect(s.winProbability).toBeLessThanOrEqual(s.meanWinProbability + 1e-6);
      }
      const again = model.predict(featureRow(scoring.features, scoring.ranked[0].row), 1);
      expect(again[0]).toBeCloseTo(scoring.ranked[0].winProbability, 6);
    } finally {
      model.free();
    }
  });

  it('refuses an empty side', () => {
    expect(() => scoreBestMove(new TableModel([]), { a: pikachu, movesA: [], b: charizard, replies })).toThrow(/at least one move/);
  });
});
