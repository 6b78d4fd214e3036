import type { Learnset, MoveSummary, Pokemon } from '@predictiondex/api-client';

/** The api scores at most this many moves per side. */
export const MAX_MOVES = 20;
/** Moves ticked by default: the strongest few, as a player's moveset. */
export const DEFAULT_MOVES = 4;

/** Moves a Pokémon can use in a one-move battle (what /predict scores), strongest first, once each. */
export function battleMoves(learnset: Learnset): MoveSummary[] {
  const seen = new Map<number, MoveSummary>();
  for (const entry of learnset.items) if (entry.move.battle_move && !seen.has(entry.move.id)) seen.set(entry.move.id, entry.move);
  return [...seen.values()].sort((a, b) => (b.power ?? -1) - (a.power ?? -1) || a.name.localeCompare(b.name));
}

export function defaultSelection(moves: MoveSummary[], n = DEFAULT_MOVES): number[] {
  return moves.slice(0, n).map((m) => m.id);
}

/** Same-type attack bonus: a damaging move sharing a type with its user. */
export function isStab(move: Pick<MoveSummary, 'type' | 'category'>, pokemon: Pick<Pokemon, 'types'>): boolean {
  return move.category !== 'status' && pokemon.types.some((t) => t.name === move.type.name);
}
