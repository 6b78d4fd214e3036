import {
  bestMove,
  combatantFromDex,
  Combatant,
  createPolicyRandom,
  damagingMovesFor,
  deriveBattleSeed,
  legalSpeciesIds,
  MoveId,
  randomMove,
  SpeciesId,
  BattleSeed,
} from '@predictiondex/battle';
import { DatasetSettings, Scenario } from './dataset-settings';
import { hashSeed, hashUnit } from './seeded-hash';
import { splitOf, Split, unorderedPairKey } from './pair-split';

export interface PlannedBattle {
  scenario: Scenario;
  a: SpeciesId;
  moveA: MoveId;
  b: SpeciesId;
  moveB: MoveId;
  pairKey: string;
  split: Split;
  seed: BattleSeed;
}

/** The Pokémon that can battle: every legal form with at least one damaging move (all but Ditto). */
export function battleSpecies(settings: Pick<DatasetSettings, 'maxSpecies' | 'seed'>): SpeciesId[] {
  const all = legalSpeciesIds().filter((id) => damagingMovesFor(id).length > 0);
  if (settings.maxSpecies === undefined || settings.maxSpecies >= all.length) return [...all];
  // A seeded sample keeps small builds varied (not just the first Kanto numbers).
  return [...all]
    .sort((x, y) => hashUnit(settings.seed, `species:${x}`) - hashUnit(settings.seed, `species:${y}`))
    .slice(0, settings.maxSpecies)
    .sort((x, y) => all.indexOf(x) - all.indexOf(y));
}

/**
 * Every battle of the dataset, in a fixed order (scenario, then ordered pair, then sample), each with
 * its own seed derived from its position: the plan, and so the dataset, is the same whatever runs it.
 */
export function planBattles(settings: DatasetSettings): PlannedBattle[] {
  const species = battleSpecies(settings);
  const combatants = new Map<SpeciesId, Combatant>(species.map((id) => [id, combatantFromDex(id)]));
  const moves = new Map<SpeciesId, readonly MoveId[]>(species.map((id) => [id, damagingMovesFor(id)]));
  const best = new Map<string, MoveId>();
  const bestOf = (x: SpeciesId, y: SpeciesId) => {
    const key = `${x}>${y}`;
    let m = best.get(key);
    if (!m) best.set(key, (m = bestMove(combatants.get(x)!, combatants.get(y)!, moves.get(x))));
    return m;
  };

  const plan: PlannedBattle[] = [];
  const push = (scenario: Scenario, a: SpeciesId, moveA: MoveId, b: SpeciesId, moveB: MoveId, pairKey: string) =>
    plan.push({
      scenario,
      a,
      moveA,
      b,
      moveB,
      pairKey,
      split: splitOf(pairKey, settings.seed, settings.testFraction),
      seed: deriveBattleSeed(settings.seed, plan.length),
    });

  for (const scenario of settings.scenarios) {
    for (const a of species) {
      for (const b of species) {
        if (a === b) continue;
        const pairKey = unorderedPairKey(a, b);
        if (scenario === 'best_move') {
          push(scenario, a, bestOf(a, b), b, bestOf(b, a), pairKey);
        } else if (scenario === 'random_move') {
          const random = createPolicyRandom(hashSeed(settings.seed, `random_move:${a}>${b}`));
          for (let k = 0; k < settings.numRandomSamples; k++) push(scenario, a, bestOf(a, b), b, randomMove(combatants.get(b)!, random, moves.get(b)), pairKey);
        } else {
          for (const [moveA, moveB] of sampleCombinations(moves.get(a)!, moves.get(b)!, settings.maxCombinations, hashSeed(settings.seed, `combos:${a}>${b}`))) {
            push(scenario, a, moveA, b, moveB, pairKey);
          }
        }
      }
    }
  }
  return plan;
}

/** All (move A, move B) pairs when they are few enough, else a seeded sample of `max`, in a stable order. */
export function sampleCombinations(movesA: readonly MoveId[], movesB: readonly MoveId[], max: number, seed: number): [MoveId, MoveId][] {
  const all: [MoveId, MoveId][] = [];
  for (const x of movesA) for (const y of movesB) all.push([x, y]);
  if (all.length <= max) return all;
  const random = createPolicyRandom(seed);
  for (let i = 0; i < max; i++) {
    const j = i + random.random(all.length - i);
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, max).sort((p, q) => (`${p[0]}|${p[1]}` < `${q[0]}|${q[1]}` ? -1 : 1));
}
