import { DexMove, DexPokemon, PokedexSnapshot } from '@predictiondex/prediction';
import { FieldProblem } from '../common/api-error';
import type { MoveRef } from './dto/best-move.dto';

export interface SkippedMove {
  move: DexMove;
  reason: string;
}

export interface ResolvedMoves {
  /** Distinct battle moves, in request order. */
  moves: DexMove[];
  /** Learnable but not usable in a one-move battle (status moves). */
  skipped: SkippedMove[];
}

export const STATUS_MOVE_REASON = 'not a damaging move: battles here are one damaging move repeated by each side';

/** The battle moves (damaging; Transform for Ditto) of a Pokémon; null when the engine does not know it. */
export function battleMovesOf(snapshot: PokedexSnapshot, pokemon: DexPokemon): readonly DexMove[] | null {
  return snapshot.battleMoves(pokemon.id);
}

/**
 * Resolves move references (ids or names) for one Pokémon: unknown moves and moves it cannot learn
 * are problems naming their index (`available_moves[2]`); duplicates are ignored; learnable
 * non-damaging moves are set aside as skipped.
 */
export function resolveMoves(
  snapshot: PokedexSnapshot,
  pokemon: DexPokemon | undefined,
  refs: readonly MoveRef[],
  field: string,
  problems: FieldProblem[],
): ResolvedMoves {
  const seen = new Set<number>();
  const out: ResolvedMoves = { moves: [], skipped: [] };
  refs.forEach((ref, i) => {
    const where = `${field}[${i}]`;
    const move = typeof ref === 'number' ? snapshot.getMove(ref) : snapshot.findMove(ref);
    if (!move) {
      problems.push({ field: where, message: typeof ref === 'number' ? `no move with id ${ref}` : `unknown move '${ref}'` });
      return;
    }
    if (seen.has(move.id)) return;
    seen.add(move.id);
    if (!pokemon) return;
    if (!snapshot.canLearn(pokemon.id, move.id)) {
      problems.push({ field: where, message: `${pokemon.name} cannot learn ${move.name}` });
      return;
    }
    if (!snapshot.isBattleMove(pokemon.id, move.id)) {
      out.skipped.push({ move, reason: STATUS_MOVE_REASON });
      return;
    }
    out.moves.push(move);
  });
  return out;
}
