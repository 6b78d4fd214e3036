import { PRNG, toID } from '@pkmn/sim';
import { battleSeedToString, deriveBattleSeed } from './battle-seed';
import type { BattleSeed } from './battle-seed';
import type { Combatant } from './combatant';
import { battleMovesFor } from './damaging-moves';
import { estimateMove } from './damage-estimate';
import type { MoveEstimate } from './damage-estimate';
import type { MoveId } from './lgpe-dex';

export type MovePolicyName = 'best' | 'random';

/** Anything with the engine PRNG's `random(n)` (an integer in [0, n)). */
export interface RandomSource {
  random(n: number): number;
}

function candidatesOf(attacker: Combatant, candidates?: readonly MoveId[]): MoveId[] {
  const list = candidates ?? battleMovesFor(attacker.speciesId);
  const unique = [...new Set(list.map((m) => toID(m) as string))].sort();
  if (unique.length === 0) throw new Error(`No moves to choose from for '${attacker.speciesId}'`);
  return unique;
}

/**
 * Orders estimates best first: fewest expected turns to KO (so overkill does not count and a missed
 * or lost turn does), then higher priority, then more expected damage per turn, then id for a total
 * order. Fewest turns to KO is "highest damage per turn" measured in what decides a 1v1.
 */
export function compareEstimates(x: MoveEstimate, y: MoveEstimate): number {
  if (x.turnsToKo !== y.turnsToKo) return x.turnsToKo < y.turnsToKo ? -1 : 1;
  if (x.priority !== y.priority) return y.priority - x.priority;
  if (x.damagePerTurn !== y.damagePerTurn) return y.damagePerTurn - x.damagePerTurn;
  return x.moveId < y.moveId ? -1 : x.moveId > y.moveId ? 1 : 0;
}

/** The attacker's candidate moves (default: its LGPE battle moves) against this defender, best first. */
export function rankMoves(attacker: Combatant, defender: Combatant, candidates?: readonly MoveId[]): MoveEstimate[] {
  return candidatesOf(attacker, candidates)
    .map((m) => estimateMove(attacker, m, defender))
    .sort(compareEstimates);
}

/** The `best` policy: the top of `rankMoves`. */
export function bestMove(attacker: Combatant, defender: Combatant, candidates?: readonly MoveId[]): MoveId {
  return rankMoves(attacker, defender, candidates)[0].moveId;
}

/** The `random` policy: uniform over the attacker's distinct candidate moves. */
export function randomMove(attacker: Combatant, random: RandomSource, candidates?: readonly MoveId[]): MoveId {
  const list = candidatesOf(attacker, candidates);
  return list[random.random(list.length)];
}

/** The engine's PRNG seeded for policy draws, so random choices are reproducible like battles. */
export function createPolicyRandom(seed: BattleSeed | number): RandomSource {
  const battleSeed = typeof seed === 'number' ? deriveBattleSeed(seed, 0) : seed;
  return new PRNG(battleSeedToString(battleSeed) as ConstructorParameters<typeof PRNG>[0]);
}

export function chooseMove(
  policy: MovePolicyName,
  attacker: Combatant,
  defender: Combatant,
  random?: RandomSource,
  candidates?: readonly MoveId[],
): MoveId {
  if (policy === 'best') return bestMove(attacker, defender, candidates);
  if (!random) throw new Error("The 'random' policy needs a RandomSource");
  return randomMove(attacker, random, candidates);
}
